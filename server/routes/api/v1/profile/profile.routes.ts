import type { FastifyRequest } from 'fastify';
import type { Deps } from '../../../../context.js';
import { withTransaction } from '../../../../context.js';
import type { UserRow } from '../../../../db/schema.js';
import { enqueueAccountMail } from '../../../../jobs/send-account-mail.job.js';
import { issueAccessToken, revealAccessToken } from '../../../../operations/access-tokens/issue-access-token.js';
import { setAvailability, type SetAvailabilityInput } from '../../../../operations/availability/set-availability.js';
import { updateProfile } from '../../../../operations/users/update-profile.js';
import { notFound } from '../../../../lib/errors.js';
import { presentProfile } from '../../../../presenters/user.presenter.js';
import { onlineUserIds } from '../../../../realtime/presence.js';
import { accessTokenRepository } from '../../../../repositories/access-token.repository.js';
import { customRoleRepository } from '../../../../repositories/custom-role.repository.js';
import { accountRepository } from '../../../../repositories/account.repository.js';
import { accountUserRepository } from '../../../../repositories/account-user.repository.js';
import { requireUser } from '../../../../plugins/auth.js';
import type { RoutePlugin } from '../../../types.js';
import { unwrapBody } from '../../../wrapped-body.js';
import { AutoOfflineBody, AvailabilityBody, ProfileResponse, UpdateProfileBody } from './profile.schemas.js';

/** Loads what the profile shape needs and presents it. */
export async function loadProfile(deps: Deps, user: UserRow) {
  const db = deps.db.kysely;
  const memberships = await accountUserRepository.listByUser(db, user.id);
  const accounts = await accountRepository.findByIds(db, memberships.map((m) => m.account_id));
  const customRoles = await customRoleRepository.findByIds(db, memberships.flatMap((m) => (m.custom_role_id === null ? [] : [m.custom_role_id])));
  const pairs = memberships.flatMap((membership) => {
    const account = accounts.find((a) => a.id === membership.account_id);
    const customRole = customRoles.find((r) => r.id === membership.custom_role_id) ?? null;
    return account ? [{ membership, account, customRole }] : [];
  });
  const active = [...memberships].sort((a, b) => (b.active_at ?? 0) - (a.active_at ?? 0))[0];
  const token = revealAccessToken(deps.env, await accessTokenRepository.findByOwner(db, 'User', user.id));
  const connectedIn = new Set<number>();
  for (const { account } of pairs) {
    if ((await onlineUserIds(deps.presence, account.id)).has(user.id)) {
      connectedIn.add(account.id);
    }
  }
  return presentProfile(user, token, pairs, active?.account_id ?? null, connectedIn);
}

/** Sets availability or auto_offline on the user's membership of `accountId` (404 when not a member). */
async function changeAvailability(deps: Deps, request: FastifyRequest, accountId: number, input: SetAvailabilityInput): Promise<void> {
  const user = userOf(request);
  await withTransaction(deps, async (tx) => {
    const membership = await accountUserRepository.find(tx, accountId, user.id);
    if (!membership) {
      throw notFound();
    }
    await setAvailability({ db: tx, actor: request.actor, accountId, env: deps.env }, membership, input);
  });
}

function userOf(request: FastifyRequest): UserRow {
  if (request.actor.type !== 'User') {
    throw new Error('profile routes require a user actor');
  }
  return request.actor.user;
}

/** `/api/v1/profile`: the signed-in user (show, update, reset_access_token, availability, auto_offline). */
export const profileRoutes: RoutePlugin = (app, deps) => {
  app.addHook('onRequest', requireUser(deps));

  app.get('/', { schema: { tags: ['Profile'], response: ProfileResponse } }, async (request) => loadProfile(deps, userOf(request)));

  app.route({
    method: ['PUT', 'PATCH'],
    url: '/',
    preValidation: unwrapBody('profile'),
    schema: { tags: ['Profile'], body: UpdateProfileBody, response: ProfileResponse },
    handler: async (request) => {
      const user = await withTransaction(deps, (db) => updateProfile(db, userOf(request), request.body));
      return loadProfile(deps, user);
    },
  });

  app.post('/resend_confirmation', { schema: { tags: ['Profile'] } }, async (request, reply) => {
    const user = userOf(request);
    if (user.confirmed_at === null) {
      await enqueueAccountMail(deps, { kind: 'confirmation', userId: user.id });
    }
    return reply.code(200).send();
  });

  app.post('/reset_access_token', { schema: { tags: ['Profile'], response: ProfileResponse } }, async (request) => {
    const user = userOf(request);
    await withTransaction(deps, (tx) => issueAccessToken(tx, deps.env, 'User', user.id));
    return loadProfile(deps, user);
  });

  app.post('/availability', {
    preValidation: unwrapBody('profile'),
    schema: { tags: ['Profile'], body: AvailabilityBody, response: ProfileResponse },
  }, async (request) => {
    await changeAvailability(deps, request, request.body.account_id, { availability: request.body.availability });
    return loadProfile(deps, userOf(request));
  });

  app.post('/auto_offline', {
    preValidation: unwrapBody('profile'),
    schema: { tags: ['Profile'], body: AutoOfflineBody, response: ProfileResponse },
  }, async (request) => {
    await changeAvailability(deps, request, request.body.account_id, { auto_offline: request.body.auto_offline ?? false });
    return loadProfile(deps, userOf(request));
  });
};
