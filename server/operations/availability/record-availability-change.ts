import { AVAILABILITIES, enumName } from '../../../common/enums.js';
import { eventActor, type Ctx } from '../../context.js';
import type { AccountUserRow } from '../../db/schema.js';
import type { Changes } from '../../events/catalog.js';
import { recordEvent } from '../../events/outbox.js';

/**
 * Records agent.availability_changed when a membership's availability or auto_offline
 * changed; auto-assignment runs again over waiting conversations when someone becomes online.
 */
export async function recordAvailabilityChange(ctx: Ctx, before: AccountUserRow, after: AccountUserRow): Promise<void> {
  const changes: Changes = {};
  if (before.availability !== after.availability) {
    changes.availability = [enumName(AVAILABILITIES, before.availability), enumName(AVAILABILITIES, after.availability)];
  }
  if (before.auto_offline !== after.auto_offline) {
    changes.auto_offline = [before.auto_offline, after.auto_offline];
  }
  if (Object.keys(changes).length > 0) {
    await recordEvent(ctx.db, { name: 'agent.availability_changed', accountId: after.account_id, actor: eventActor(ctx.actor), userId: after.user_id, changes });
  }
}
