import { Type } from '@sinclair/typebox';
import { withTransaction } from '../../context.js';
import { forbidden } from '../../lib/errors.js';
import { setUpInstallation } from '../../operations/setup/set-up-installation.js';
import type { RoutePlugin } from '../types.js';

const OnboardingBody = Type.Object({
  account_name: Type.String({ minLength: 1, maxLength: 255 }),
  name: Type.String({ minLength: 1, maxLength: 255 }),
  email: Type.String({ minLength: 1, maxLength: 255 }),
  password: Type.String({ minLength: 1, maxLength: 128 }),
});

const OnboardingStatus = Type.Object({ needs_onboarding: Type.Boolean() });
const OnboardingResult = Type.Object({
  account_id: Type.Integer(),
  user_id: Type.Integer(),
  email: Type.String(),
  access_token: Type.String(),
});

/**
 * First run. `/` leads to the dashboard (`/app/`), which asks `GET /onboarding` whether the
 * installation still needs its first account and administrator, and creates them with
 * `POST /onboarding` (JSON). Once a user exists the endpoint is closed (403).
 */
export const onboardingRoutes: RoutePlugin = (app, deps) => {
  const hasUsers = async () => (await deps.db.kysely.selectFrom('users').select('id').limit(1).executeTakeFirst()) !== undefined;

  app.get('/', { schema: { hide: true } }, async (_request, reply) => reply.redirect('/app/', 302));

  app.get('/onboarding', { schema: { hide: true, response: { 200: OnboardingStatus } } }, async (_request, reply) => {
    reply.header('cache-control', 'no-store');
    return { needs_onboarding: !(await hasUsers()) };
  });

  app.post('/onboarding', { schema: { hide: true, body: OnboardingBody, response: { 200: OnboardingResult } } }, async (request) => {
    if (await hasUsers()) {
      throw forbidden('This installation is already set up; sign in instead.');
    }
    const { account, user, accessToken } = await withTransaction(deps, (db) => setUpInstallation(db, deps.env, {
      accountName: request.body.account_name, name: request.body.name, email: request.body.email, password: request.body.password,
    }));
    return { account_id: account.id, user_id: user.id, email: user.email, access_token: accessToken };
  });
};
