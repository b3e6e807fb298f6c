import type { Executor } from '../db/dialect.js';
import type { DomainEvent } from '../events/catalog.js';
import type { ConversationView } from '../presenters/conversation-view.js';
import { presentConversationPush } from '../presenters/conversation-push.presenter.js';
import { presentSender } from '../presenters/message-sender.presenter.js';
import { presentUserPush } from '../presenters/user.presenter.js';
import { accountUserRepository } from '../repositories/account-user.repository.js';
import { userRepository } from '../repositories/user.repository.js';
import { agentTokens, conversationOf, type Build, type Data } from './frame-sources.js';

/** Typing: `{conversation, user, is_private}` to the inbox's agents and the contact, minus the typer's own token. */
export function typingFrame(name: string): Build {
  return async (db, event) => {
    const view = await conversationOf(db, event);
    if (!view) {
      return null;
    }
    const typer = await typerOf(db, event, view);
    const own = event.actor?.type === 'Contact' ? view.contactInbox?.pubsub_token : typer?.token;
    const streams = [...await agentTokens(db, view), ...(view.contactInbox ? [view.contactInbox.pubsub_token] : [])]
      .filter((token) => token !== own);
    const data = { conversation: presentConversationPush(view), user: typer?.push ?? null, is_private: event.data?.is_private === true };
    return { event: name, data, streams };
  };
}

async function typerOf(db: Executor, event: DomainEvent, view: ConversationView): Promise<{ push: Data; token: string | null } | null> {
  if (event.actor?.type === 'Contact') {
    return { push: presentSender({ type: 'Contact', contact: view.contact }) as Data, token: null };
  }
  if (event.actor?.type === 'User' && event.actor.id !== null) {
    const user = await userRepository.findById(db, event.actor.id);
    const membership = user ? await accountUserRepository.find(db, view.conversation.account_id, user.id) : undefined;
    return user ? { push: presentUserPush(user, membership ?? null), token: user.pubsub_token } : null;
  }
  return null;
}
