import type { Ctx } from '../../context.js';
import type { InboxRow } from '../../db/schema.js';
import { inboxMemberRepository } from '../../repositories/inbox-member.repository.js';

/** Removes users from the inbox; ids that are not members (or not ids at all) are ignored, as in Chatwoot. */
export async function removeInboxMembers(ctx: Ctx, inbox: InboxRow, userIds: Array<number | string>): Promise<void> {
  const ids = userIds.map((id) => Number(id)).filter((id) => Number.isInteger(id) && id > 0 && id <= 2_147_483_647);
  await inboxMemberRepository.removeMany(ctx.db, inbox.id, ids);
}
