import { randomBytes } from 'node:crypto';
import type { AccountRow, ContactRow, ConversationRow, InboxRow } from '../../../../../db/schema.js';
import { addInboxMember, buildAdmin, buildAgent, buildContact, buildConversation, buildInbox } from '../../../../../test/factories.js';
import type { TestApp } from '../../../../../test/harness.js';

/** An account with an administrator, an agent of the inbox, an agent outside it, and a conversation in an API inbox. */
export interface MessagesWorld {
  account: AccountRow;
  adminToken: string;
  agentToken: string;
  agentId: number;
  outsiderToken: string;
  inbox: InboxRow;
  contact: ContactRow;
  conversation: ConversationRow;
  /** `/api/v1/accounts/:account_id/conversations/:display_id/messages` */
  url: string;
}

/** Builds a fresh MessagesWorld; `channelType` makes the inbox another kind than an API inbox. */
export async function buildMessagesWorld(t: TestApp, options: { channelType?: string; conversation?: Partial<ConversationRow> } = {}): Promise<MessagesWorld> {
  const db = t.deps.db.kysely;
  const admin = await buildAdmin(db, t.deps.env);
  const account = admin.account;
  const agent = await buildAgent(db, t.deps.env, { account });
  const outsider = await buildAgent(db, t.deps.env, { account });
  const { inbox } = await buildInbox(db, { account, inbox: options.channelType ? { channel_type: options.channelType } : {} });
  await addInboxMember(db, inbox.id, agent.user.id);
  const contact = await buildContact(db, { account });
  const conversation = await buildConversation(db, { account, inbox, contact, conversation: options.conversation });
  return {
    account, adminToken: admin.token, agentToken: agent.token, agentId: agent.user.id, outsiderToken: outsider.token,
    inbox, contact, conversation,
    url: `/api/v1/accounts/${account.id}/conversations/${conversation.display_id}/messages`,
  };
}

/** A file for a multipart body. */
export interface FormFile {
  field: string;
  filename: string;
  type: string;
  data: Buffer;
}

/** A multipart/form-data payload and its content-type header. */
export function multipartBody(fields: Array<[string, string]>, files: FormFile[]): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----parley${randomBytes(8).toString('hex')}`;
  const chunks: Buffer[] = [];
  for (const [name, value] of fields) {
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  }
  for (const file of files) {
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${file.field}"; filename="${file.filename}"\r\nContent-Type: ${file.type}\r\n\r\n`));
    chunks.push(file.data, Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/** A valid PNG of the given size (one IHDR, an IDAT of zero rows, IEND); CRCs are not checked by our reader. */
export function pngOf(width: number, height: number, padding = 0): Buffer {
  const header = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const ihdr = Buffer.alloc(25);
  ihdr.writeUInt32BE(13, 0);
  ihdr.write('IHDR', 4, 'ascii');
  ihdr.writeUInt32BE(width, 8);
  ihdr.writeUInt32BE(height, 12);
  ihdr.writeUInt8(8, 16);
  ihdr.writeUInt8(6, 17);
  return Buffer.concat([header, ihdr, randomBytes(padding)]);
}
