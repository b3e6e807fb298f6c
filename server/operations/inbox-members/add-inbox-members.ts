import type { Ctx } from '../../context.js';
import type { InboxRow } from '../../db/schema.js';
import { inboxMemberRepository } from '../../repositories/inbox-member.repository.js';
import { accountMemberIds } from './member-ids.js';

/** Adds users of the account to the inbox; users already in it stay as they are. */
export async function addInboxMembers(ctx: Ctx, inbox: InboxRow, userIds: Array<number | string>): Promise<void> {
  const ids = await accountMemberIds(ctx, userIds);
  await inboxMemberRepository.addMany(ctx.db, inbox.id, ids);
}
