import type { Executor } from '../../../../../db/dialect.js';
import type { AccountUserRow, UserRow } from '../../../../../db/schema.js';
import { presentAgent } from '../../../../../presenters/user.presenter.js';
import { onlineUserIds, type Presence } from '../../../../../realtime/presence.js';
import { accountUserRepository } from '../../../../../repositories/account-user.repository.js';
import { userRepository } from '../../../../../repositories/user.repository.js';

/**
 * Agents of the account in the order of `users`, each with its membership; users outside the
 * account are left out. With `presence`, availability_status reflects who is connected.
 */
export async function presentAgentsOf(db: Executor, accountId: number, users: UserRow[], presence?: Presence) {
  const memberships = await accountUserRepository.findMany(db, accountId, users.map((u) => u.id));
  const online = presence ? await onlineUserIds(presence, accountId) : new Set<number>();
  const byUser = new Map<number, AccountUserRow>(memberships.map((m) => [m.user_id, m]));
  return users.flatMap((user) => {
    const membership = byUser.get(user.id);
    return membership ? [presentAgent(user, membership, online.has(user.id))] : [];
  });
}

/** The agents behind `userIds`, in that order (two queries, whatever the count). */
export async function presentAgentsByIds(db: Executor, accountId: number, userIds: number[], presence?: Presence) {
  const users = await userRepository.findByIds(db, userIds);
  const byId = new Map(users.map((u) => [u.id, u]));
  return presentAgentsOf(db, accountId, userIds.flatMap((id) => (byId.has(id) ? [byId.get(id) as UserRow] : [])), presence);
}
