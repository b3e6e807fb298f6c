import { Type, type Static } from '@sinclair/typebox';
import { CONVERSATION_STATUSES, enumName } from '../../common/enums.js';
import type { ContactRow, ConversationRow } from '../db/schema.js';
import { toUnixOrZero } from '../lib/clock.js';
import type { MessageView } from './message.presenter.js';
import { presentContactRaw, RawContactJson } from './public-contact.presenter.js';
import { presentPublicMessage, PublicMessageJson } from './public-message.presenter.js';

/** A conversation with what its Client API shape needs: its chat messages (oldest first) and its contact. */
export interface PublicConversationView {
  conversation: ConversationRow;
  /** Messages that are neither private nor activity. */
  messages: MessageView[];
  contact: ContactRow;
}

/** A conversation as the contact sees it (`public/api/v1/models/_conversation.json.jbuilder`). */
export const PublicConversationJson = Type.Object({
  id: Type.Integer(),
  uuid: Type.String(),
  inbox_id: Type.Integer(),
  contact_last_seen_at: Type.Integer(),
  status: Type.String(),
  agent_last_seen_at: Type.Integer(),
  messages: Type.Array(PublicMessageJson),
  contact: RawContactJson,
});

/** Client API conversation shape: `id` is the display_id, last-seen times are Unix seconds (0 when unset). */
export function presentPublicConversation(view: PublicConversationView): Static<typeof PublicConversationJson> {
  const c = view.conversation;
  return {
    id: c.display_id,
    uuid: c.uuid,
    inbox_id: c.inbox_id,
    contact_last_seen_at: toUnixOrZero(c.contact_last_seen_at),
    status: enumName(CONVERSATION_STATUSES, c.status) ?? 'open',
    agent_last_seen_at: toUnixOrZero(c.agent_last_seen_at),
    messages: view.messages.map(presentPublicMessage),
    contact: presentContactRaw(view.contact),
  };
}
