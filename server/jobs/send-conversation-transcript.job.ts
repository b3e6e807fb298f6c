import type { Deps } from '../context.js';
import { escapeHtml } from '../mail/templates.js';
import type { MailMessage } from '../mail/mailer.js';
import { conversationRepository } from '../repositories/conversation.repository.js';
import { messageRepository } from '../repositories/message.repository.js';
import { loadMessageViews } from '../finders/message-views.finder.js';
import { availableName } from '../presenters/user.presenter.js';
import type { JobHandler } from './jobs.js';

/** The job name (file stem). */
export const SEND_CONVERSATION_TRANSCRIPT = 'send-conversation-transcript';

/** Payload: which conversation goes to which address. */
export interface TranscriptPayload {
  accountId: number;
  conversationId: number;
  email: string;
}

/** Queues a transcript mail (ConversationReplyMailer#conversation_transcript). */
export function enqueueTranscript(deps: Deps, payload: TranscriptPayload): Promise<void> {
  return deps.jobs.enqueue(SEND_CONVERSATION_TRANSCRIPT, { ...payload });
}

const PAGE = 1000;

/**
 * Sends the conversation's chat messages (no private notes or activity) to the address, as
 * text and HTML with every message escaped; skipped when the conversation is gone.
 */
export function sendConversationTranscriptHandler(deps: Deps): JobHandler {
  return async (raw) => {
    const payload = raw as unknown as TranscriptPayload;
    const db = deps.db.kysely;
    const conversation = await conversationRepository.findById(db, payload.accountId, payload.conversationId);
    if (!conversation) {
      return;
    }
    const rows = await messageRepository.listPage(db, conversation.id, { kind: 'between', after: 0, before: 2_147_483_647 }, true);
    const views = await loadMessageViews(db, payload.accountId, rows.slice(-PAGE));
    const lines = views.map((v) => ({
      who: v.message.message_type === 0 ? 'You' : v.sender?.type === 'User' ? availableName(v.sender.user) : v.sender?.type === 'AgentBot' ? v.sender.bot.name : 'Bot',
      at: new Date(v.message.created_at).toISOString().replace('T', ' ').slice(0, 16),
      content: v.message.content ?? '',
    }));
    const message: MailMessage = {
      to: payload.email,
      subject: `[#${conversation.display_id}] Conversation transcript`,
      text: lines.map((l) => `${l.who} (${l.at} UTC):\n${l.content}`).join('\n\n'),
      html: lines.map((l) => `<p><strong>${escapeHtml(l.who)}</strong> <small>${escapeHtml(l.at)} UTC</small><br>${escapeHtml(l.content)}</p>`).join('\n'),
    };
    await deps.mailer.sendMail(message);
  };
}
