import type { Ctx } from '../../context.js';
import type { InboxRow } from '../../db/schema.js';
import { inboxMemberRepository } from '../../repositories/inbox-member.repository.js';
import { accountMemberIds } from './member-ids.js';

/** Makes the inbox's members exactly `userIds`: adds the missing, removes the others. */
export async function replaceInboxMembers(ctx: Ctx, inbox: InboxRow, userIds: Array<number | string>): Promise<void> {
  const wanted = await accountMemberIds(ctx, userIds);
  const current = await inboxMemberRepository.listUserIds(ctx.db, inbox.id);
  await inboxMemberRepository.addMany(ctx.db, inbox.id, wanted.filter((id) => !current.includes(id)));
  await inboxMemberRepository.removeMany(ctx.db, inbox.id, current.filter((id) => !wanted.includes(id)));
}
