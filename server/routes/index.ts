import type { Deps } from '../context.js';
import { accountScope } from './api/v1/accounts/index.js';
import { authRoutes, resendConfirmationRoutes } from './auth/auth.routes.js';
import { attachmentFileRoutes } from './attachments.routes.js';
import { avatarFileRoutes } from './avatars.routes.js';
import { profileRoutes } from './api/v1/profile/profile.routes.js';
import { healthRoutes } from './health.routes.js';
import { onboardingRoutes } from './onboarding/onboarding.routes.js';
import { dashboardRoutes } from './web/dashboard.routes.js';
import { platformRoutes } from './platform/api/v1/platform.routes.js';
import { publicInboxScope } from './public/api/v1/inboxes/index.js';
import { widgetScope } from './api/v1/widget/index.js';
import { widgetWebRoutes } from './web/widget.routes.js';
import { requirePlatformApp } from '../plugins/auth.js';
import type { App, RoutePlugin } from './types.js';

/** Every URL prefix Parley serves, with the plugin that serves it. */
export async function registerRoutes(app: App, deps: Deps): Promise<void> {
  const mount = (prefix: string, plugin: RoutePlugin) => app.register(async (scope) => plugin(scope, deps), { prefix });
  await mount('', healthRoutes);
  await mount('', onboardingRoutes);
  await mount('', dashboardRoutes);
  await mount('/auth', authRoutes);
  await mount('/resend_confirmation', resendConfirmationRoutes);
  await mount('/api/v1/profile', profileRoutes);
  await mount('/api/v1/accounts/:account_id', accountScope);
  await mount('/attachments', attachmentFileRoutes);
  await mount('/avatars', avatarFileRoutes);
  await mount('/public/api/v1/inboxes/:inbox_identifier', publicInboxScope);
  await mount('/api/v1/widget', widgetScope);
  await mount('', widgetWebRoutes);
  await mount('/platform/api/v1', async (scope) => {
    scope.addHook('onRequest', requirePlatformApp(deps));
    await platformRoutes(scope, deps);
  });
}
