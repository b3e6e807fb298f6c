import type { Conversation, Message } from '../../api/types';
import { dropThreads, loadMessages, refreshCountsSoon, reloadConversations, setTyping, upsertConversation, upsertMessage } from '../../hooks/conversations-store';
import { invalidate } from '../../lib/query';
import { onCableEvent, type CableEvent } from '../../realtime/cable';

const CONVERSATION_EVENTS = new Set([
  'conversation.created', 'conversation.updated', 'conversation.status_changed', 'conversation.read',
  'conversation.contact_changed', 'assignee.changed', 'team.changed',
]);

const typingTimers = new Map<number, number>();

/** Applies one /cable frame of `accountId` to the conversations store. */
function apply(accountId: number, openId: () => number | null, frame: CableEvent): void {
  const data = frame.data;
  if (typeof data.account_id === 'number' && data.account_id !== accountId) {
    return;
  }
  if (CONVERSATION_EVENTS.has(frame.event)) {
    upsertConversation(data as unknown as Conversation);
    refreshCountsSoon();
  } else if (frame.event === 'message.created' || frame.event === 'message.updated') {
    upsertMessage(data as unknown as Message);
    const id = (data as unknown as Message).conversation_id;
    window.clearTimeout(typingTimers.get(id));
    setTyping(id, null);
  } else if (frame.event === 'conversation.typing_on' || frame.event === 'conversation.typing_off') {
    const conversation = data.conversation as { id: number } | undefined;
    const user = data.user as { name?: string; available_name?: string } | null;
    if (!conversation) {
      return;
    }
    window.clearTimeout(typingTimers.get(conversation.id));
    if (frame.event === 'conversation.typing_on') {
      setTyping(conversation.id, user?.available_name ?? user?.name ?? 'Someone');
      typingTimers.set(conversation.id, window.setTimeout(() => setTyping(conversation.id, null), 30_000));
    } else {
      setTyping(conversation.id, null);
    }
  } else if (frame.event.startsWith('contact.')) {
    invalidate(`a${accountId}:contact`);
  } else if (frame.event === 'cable.reconnected' || frame.event === 'resync_required') {
    reloadConversations();
    dropThreads();
    const open = openId();
    if (open) {
      void loadMessages(accountId, open);
    }
  }
}

/** Feeds /cable frames into the store while the conversations view is mounted. */
export function subscribeLiveUpdates(accountId: number, openId: () => number | null): () => void {
  return onCableEvent((frame) => apply(accountId, openId, frame));
}
