import { requireAccountAccess } from '../../../../plugins/auth.js';
import type { RoutePlugin } from '../../../types.js';
import { accountRoutes } from './account.routes.js';
import { agentBotRoutes } from './agent-bots/agent-bots.routes.js';
import { agentRoutes } from './agents/agents.routes.js';
import { cannedResponseRoutes } from './canned-responses/canned-responses.routes.js';
import { contactMergeRoutes } from './actions/contact-merge.routes.js';
import { bulkActionRoutes } from './bulk-actions/bulk-actions.routes.js';
import { contactAvatarRoutes } from './contacts/contact-avatar.routes.js';
import { contactExportRoutes } from './contacts/contact-export.routes.js';
import { contactImportRoutes } from './contacts/contact-import.routes.js';
import { dashboardAppRoutes } from './dashboard-apps/dashboard-apps.routes.js';
import { dataImportRoutes } from './data-imports/data-imports.routes.js';
import { contactNoteRoutes } from './contacts/contact-notes.routes.js';
import { auditLogRoutes } from './audit-logs/audit-logs.routes.js';
import { customRoleRoutes } from './custom-roles/custom-roles.routes.js';
import { contactConversationRoutes } from './contacts/contact-conversations.routes.js';
import { contactRoutes } from './contacts/contacts.routes.js';
import { customAttributeDefinitionRoutes } from './custom-attribute-definitions/custom-attribute-definitions.routes.js';
import { eventRoutes } from './events/events.routes.js';
import { conversationRoutes } from './conversations/conversations.routes.js';
import { messageRoutes } from './conversations/messages.routes.js';
import { participantRoutes } from './conversations/participants.routes.js';
import { inboxAgentBotRoutes } from './inbox-agent-bot/inbox-agent-bot.routes.js';
import { inboxMemberRoutes } from './inbox-members/inbox-members.routes.js';
import { inboxRoutes } from './inboxes/inboxes.routes.js';
import { labelRoutes } from './labels/labels.routes.js';
import { teamRoutes } from './teams/teams.routes.js';
import { notificationRoutes, notificationSettingRoutes } from './notifications/notifications.routes.js';
import { webhookRoutes } from './webhooks/webhooks.routes.js';

/** Resource route files under `/api/v1/accounts/:account_id`, each with its own prefix. */
const RESOURCES: Array<[string, RoutePlugin]> = [
  ['', accountRoutes],
  ['/agents', agentRoutes],
  ['/inboxes', inboxRoutes],
  ['/inbox_members', inboxMemberRoutes],
  ['/contacts', contactRoutes],
  ['/contacts/:contact_id/conversations', contactConversationRoutes],
  ['/contacts/:contact_id/notes', contactNoteRoutes],
  ['/actions', contactMergeRoutes],
  ['/contacts', contactImportRoutes],
  ['/contacts', contactExportRoutes],
  ['/contacts', contactAvatarRoutes],
  ['/data_imports', dataImportRoutes],
  ['/bulk_actions', bulkActionRoutes],
  ['/labels', labelRoutes],
  ['/canned_responses', cannedResponseRoutes],
  ['/teams', teamRoutes],
  ['/notifications', notificationRoutes],
  ['/notification_settings', notificationSettingRoutes],
  ['/webhooks', webhookRoutes],
  ['/agent_bots', agentBotRoutes],
  ['/dashboard_apps', dashboardAppRoutes],
  ['/inboxes', inboxAgentBotRoutes],
  ['/conversations', conversationRoutes],
  ['/conversations/:conversation_id/messages', messageRoutes],
  ['/conversations/:conversation_id/participants', participantRoutes],
  ['/events', eventRoutes],
  ['/custom_attribute_definitions', customAttributeDefinitionRoutes],
  ['/custom_roles', customRoleRoutes],
  ['/audit_logs', auditLogRoutes],
];

/**
 * The Application API's account scope. The auth hook sits on the scope, so no route
 * registered here can skip authentication, membership or the bot allow-list.
 */
export const accountScope: RoutePlugin = async (app, deps) => {
  app.addHook('onRequest', requireAccountAccess(deps));
  for (const [prefix, plugin] of RESOURCES) {
    await app.register(async (scope) => plugin(scope, deps), { prefix });
  }
};
