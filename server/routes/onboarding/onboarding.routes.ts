import { Type } from '@sinclair/typebox';
import { withTransaction } from '../../context.js';
import { HttpError } from '../../lib/errors.js';
import { setUpInstallation } from '../../operations/setup/set-up-installation.js';
import type { RoutePlugin } from '../types.js';
import { landingPage, onboardingDone, onboardingForm } from './onboarding.page.js';

const OnboardingBody = Type.Object({
  account_name: Type.String({ maxLength: 255 }),
  name: Type.String({ maxLength: 255 }),
  email: Type.String({ maxLength: 255 }),
  password: Type.String({ maxLength: 128 }),
});

/**
 * First run: `/` shows a form to create the first account and administrator while
 * no user exists; afterwards it shows a landing page and `/onboarding` is closed.
 */
export const onboardingRoutes: RoutePlugin = (app, deps) => {
  const hasUsers = async () => (await deps.db.kysely.selectFrom('users').select('id').limit(1).executeTakeFirst()) !== undefined;

  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 16_384 }, (_request, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(body as string)));
  });

  app.get('/', { schema: { hide: true } }, async (_request, reply) => {
    reply.type('text/html; charset=utf-8');
    return (await hasUsers()) ? landingPage() : onboardingForm();
  });

  app.post('/onboarding', { schema: { hide: true, body: OnboardingBody } }, async (request, reply) => {
    reply.type('text/html; charset=utf-8');
    if (await hasUsers()) {
      return reply.code(403).send(landingPage());
    }
    try {
      const { user, accessToken } = await withTransaction(deps, (db) => setUpInstallation(db, deps.env, {
        accountName: request.body.account_name, name: request.body.name, email: request.body.email, password: request.body.password,
      }));
      return onboardingDone(user.email, accessToken);
    } catch (error) {
      if (error instanceof HttpError && error.statusCode === 422) {
        return reply.code(422).send(onboardingForm(String(error.body.message ?? error.body.error), request.body));
      }
      throw error;
    }
  });
};
