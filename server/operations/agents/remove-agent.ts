import type { Ctx } from '../../context.js';
import { eventActor } from '../../context.js';
import type { AccountUserRow, UserRow } from '../../db/schema.js';
import { recordEvent } from '../../events/outbox.js';
import { unprocessable } from '../../lib/errors.js';
import { accountUserRepository } from '../../repositories/account-user.repository.js';
import { inboxMemberRepository } from '../../repositories/inbox-member.repository.js';
import { deleteUserRecord } from './delete-user-record.js';

export interface RemoveAgentOptions {
  /** Refuse to remove the account's last administrator (the Application API does; the Platform API does not). */
  keepLastAdministrator: boolean;
  /** Delete the user too when this was their last account, as Chatwoot's agents endpoint does. */
  deleteOrphanUser: boolean;
}

/**
 * Takes a user out of the account (Chatwoot's AccountUser destroy + Agents::DestroyJob):
 * the membership, their inbox and team memberships in the account and their
 * conversation assignments go; records `agent.removed`.
 */
export async function removeAgent(ctx: Ctx, user: UserRow, membership: AccountUserRow, options: RemoveAgentOptions): Promise<void> {
  if (options.keepLastAdministrator && membership.role === 1
    && (await accountUserRepository.countAdministrators(ctx.db, ctx.accountId)) <= 1) {
    throw unprocessable('The last administrator of the account cannot be removed');
  }
  await accountUserRepository.remove(ctx.db, ctx.accountId, user.id);
  await inboxMemberRepository.removeUserFromAccount(ctx.db, ctx.accountId, user.id);
  await accountUserRepository.removeTeamMemberships(ctx.db, ctx.accountId, user.id);
  await accountUserRepository.unassignConversations(ctx.db, ctx.accountId, user.id);
  await recordEvent(ctx.db, { name: 'agent.removed', accountId: ctx.accountId, actor: eventActor(ctx.actor), userId: user.id });
  if (options.deleteOrphanUser && (await accountUserRepository.listByUser(ctx.db, user.id)).length === 0) {
    await deleteUserRecord(ctx.db, user.id);
  }
}
