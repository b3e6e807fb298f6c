import type { Ctx } from '../../context.js';
import { eventActor } from '../../context.js';
import type { AccountUserRow, UserRow } from '../../db/schema.js';
import { recordEvent } from '../../events/outbox.js';
import { type HttpError, unprocessable } from '../../lib/errors.js';
import { accountUserRepository } from '../../repositories/account-user.repository.js';
import { auditedValues, recordAudit } from '../audit/record-audit.js';
import { deleteUserRecord } from './delete-user-record.js';

export interface RemoveAgentOptions {
  /**
   * The Application API's rules: nobody removes themselves, and the account keeps at least
   * one verified administrator. The Platform API does not apply them.
   */
  keepLastAdministrator: boolean;
  /** Delete the user too when this was their last account, as Chatwoot's agents endpoint does. */
  deleteOrphanUser: boolean;
}

/** Throws `error` (a 422) unless another administrator who confirmed their email stays in the account. */
export async function checkNotLastVerifiedAdministrator(ctx: Ctx, membership: AccountUserRow, error: HttpError): Promise<void> {
  if (membership.role === 1 && (await accountUserRepository.countVerifiedAdministrators(ctx.db, ctx.accountId, membership.user_id)) === 0) {
    throw error;
  }
}

/**
 * Takes a user out of the account (Chatwoot's AccountUser destroy): the membership goes
 * now and `agent.removed` is recorded; a background job driven by that event then removes
 * them from the account's teams and inboxes and unassigns their conversations in one
 * transaction (Agents::DestroyJob).
 */
export async function removeAgent(ctx: Ctx, user: UserRow, membership: AccountUserRow, options: RemoveAgentOptions): Promise<void> {
  if (options.keepLastAdministrator) {
    if (ctx.actor.type === 'User' && ctx.actor.id === user.id) {
      throw unprocessable('You cannot delete yourself');
    }
    await checkNotLastVerifiedAdministrator(ctx, membership, unprocessable('The last verified administrator of the account cannot be removed'));
  }
  await accountUserRepository.remove(ctx.db, ctx.accountId, user.id);
  await recordEvent(ctx.db, { name: 'agent.removed', accountId: ctx.accountId, actor: eventActor(ctx.actor), userId: user.id });
  await recordAudit(ctx, { auditableType: 'AccountUser', auditableId: membership.id, action: 'destroy', changes: auditedValues(membership) });
  if (options.deleteOrphanUser && (await accountUserRepository.listByUser(ctx.db, user.id)).length === 0) {
    await deleteUserRecord(ctx.db, user.id);
  }
}
