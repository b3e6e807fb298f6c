import { api, download, request } from './client';
import { credentials, setCredentials } from './session';
import type {
  Account, Agent, AgentBot, AppNotification, CannedResponse, DashboardApp, NotificationSettings, WebhookDelivery, Contact, CustomAttributeDefinition, DataImport, Note, Team, Conversation, ConversationCounts, ConversationStatus, Inbox, Label, Message, Priority, Profile, Webhook,
} from './types';

const acc = (accountId: number) => `/api/v1/accounts/${accountId}`;

// ---- session ----
export const onboardingStatus = () => api<{ needs_onboarding: boolean }>('GET', '/onboarding');
/** Creates the first account and administrator, then signs them in (a session; the access token if sign-in fails). */
export async function onboard(input: { account_name: string; name: string; email: string; password: string }): Promise<{ account_id: number }> {
  const result = await api<{ account_id: number; access_token: string }>('POST', '/onboarding', { body: input, signOutOn401: false });
  try {
    await signIn(input.email, input.password);
  } catch {
    setCredentials({ kind: 'token', token: result.access_token });
  }
  return result;
}
/** Keeps the devise_token_auth headers a sign-in, reset or confirmation answered with. */
function keepSession(response: Response): void {
  const accessToken = response.headers.get('access-token');
  const client = response.headers.get('client');
  const uid = response.headers.get('uid');
  if (!accessToken || !client || !uid) {
    throw new Error('The server did not return sign-in credentials.');
  }
  setCredentials({ kind: 'devise', accessToken, client, uid });
}
/** devise_token_auth sign-in: the credentials come back as response headers. */
export async function signIn(email: string, password: string): Promise<void> {
  const { response } = await request<unknown>('POST', '/auth/sign_in', { body: { email, password }, signOutOn401: false });
  keepSession(response);
}
/** Signs in with an access token, after checking that the server knows it. */
export async function signInWithToken(token: string): Promise<void> {
  const credentials = { kind: 'token' as const, token };
  await api<Profile>('GET', '/api/v1/profile', { credentials, signOutOn401: false });
  setCredentials(credentials);
}
export async function signOut(): Promise<void> {
  await api('DELETE', '/auth/sign_out', { signOutOn401: false }).catch(() => undefined);
  setCredentials(null);
}
export const requestPasswordReset = (email: string) =>
  api<unknown>('POST', '/auth/password', { body: { email, redirect_url: `${location.origin}/app/auth/password/edit` }, signOutOn401: false });
/** Sets a new password from the emailed link; the server signs the user in. */
export async function resetPassword(token: string, password: string): Promise<void> {
  const { response } = await request<unknown>('PUT', '/auth/password', { body: { reset_password_token: token, password, password_confirmation: password }, signOutOn401: false });
  keepSession(response);
}
/** Confirms an email address from the emailed link; the server signs the user in. */
export async function confirmEmail(token: string): Promise<void> {
  const { response } = await request<unknown>('POST', '/auth/confirmation', { body: { confirmation_token: token }, signOutOn401: false });
  keepSession(response);
}
export const getProfile = () => api<Profile>('GET', '/api/v1/profile');
export const updateProfile = (body: Partial<{ name: string; display_name: string; email: string; avatar_url: string | null }>) =>
  api<Profile>('PUT', '/api/v1/profile', { body: { profile: body } });
export const setAvailability = (accountId: number, availability: string) =>
  api<Profile>('POST', '/api/v1/profile/availability', { body: { profile: { account_id: accountId, availability } } });
export const setAutoOffline = (accountId: number, autoOffline: boolean) =>
  api<Profile>('POST', '/api/v1/profile/auto_offline', { body: { profile: { account_id: accountId, auto_offline: autoOffline } } });
/** A new access token for the signed-in user; a session signed in with the old token keeps working with the new one. */
export async function resetAccessToken(): Promise<Profile> {
  const profile = await api<Profile>('POST', '/api/v1/profile/reset_access_token', { body: {} });
  if (credentials()?.kind === 'token') {
    setCredentials({ kind: 'token', token: profile.access_token });
  }
  return profile;
}
export const getNotificationSettings = (accountId: number) => api<NotificationSettings>('GET', `/api/v1/accounts/${accountId}/notification_settings`);
export const updateNotificationSettings = (accountId: number, body: { selected_email_flags: string[]; selected_push_flags: string[] }) =>
  api<NotificationSettings>('PATCH', `/api/v1/accounts/${accountId}/notification_settings`, { body: { notification_settings: body } });

// ---- notifications ----
export const listNotifications = (accountId: number, page = 1) =>
  api<{ data: { meta: { unread_count: number; count: number; current_page: number }; payload: AppNotification[] } }>('GET', `/api/v1/accounts/${accountId}/notifications`, { query: { page, includes: ['read'] } });
export const markNotificationRead = (accountId: number, id: number) => api<unknown>('PATCH', `/api/v1/accounts/${accountId}/notifications/${id}`, { body: {} });
export const markAllNotificationsRead = (accountId: number) => api<unknown>('POST', `/api/v1/accounts/${accountId}/notifications/read_all`, { body: {} });

// ---- conversations ----
export interface ConversationQuery {
  assignee_type: 'me' | 'unassigned' | 'all'; status: ConversationStatus | 'all'; inbox_id?: number; team_id?: number;
  labels?: string[]; conversation_type?: 'mention' | 'unattended'; page: number; q?: string;
}
export const listConversations = (accountId: number, q: ConversationQuery) =>
  api<{ data: { meta: ConversationCounts; payload: Conversation[] } }>('GET', `${acc(accountId)}/conversations`, { query: { ...q } });
export const conversationCounts = (accountId: number, q: Omit<ConversationQuery, 'page'>) =>
  api<{ meta: ConversationCounts }>('GET', `${acc(accountId)}/conversations/meta`, { query: { ...q } });
export const getConversation = (accountId: number, id: number) => api<Conversation>('GET', `${acc(accountId)}/conversations/${id}`);
export const listMessages = (accountId: number, id: number, before?: number) =>
  api<{ payload: Message[] }>('GET', `${acc(accountId)}/conversations/${id}/messages`, { query: { before } });
export function sendMessage(accountId: number, id: number, input: { content: string; private: boolean; echoId: string; files: File[] }): Promise<Message> {
  const path = `${acc(accountId)}/conversations/${id}/messages`;
  if (input.files.length === 0) {
    return api<Message>('POST', path, { body: { content: input.content, private: input.private, message_type: 'outgoing', echo_id: input.echoId } });
  }
  const form = new FormData();
  form.set('content', input.content);
  form.set('private', String(input.private));
  form.set('message_type', 'outgoing');
  form.set('echo_id', input.echoId);
  input.files.forEach((file) => form.append('attachments[]', file, file.name));
  return api<Message>('POST', path, { form });
}
export const toggleStatus = (accountId: number, id: number, status: ConversationStatus, snoozedUntil?: number) =>
  api<unknown>('POST', `${acc(accountId)}/conversations/${id}/toggle_status`, { body: { status, ...(snoozedUntil ? { snoozed_until: snoozedUntil } : {}) } });
export const togglePriority = (accountId: number, id: number, priority: Priority) =>
  api<unknown>('POST', `${acc(accountId)}/conversations/${id}/toggle_priority`, { body: { priority: priority ?? '' } });
export const assignAgent = (accountId: number, id: number, assigneeId: number | null) =>
  api<unknown>('POST', `${acc(accountId)}/conversations/${id}/assignments`, { body: { assignee_id: assigneeId } });
export const assignTeam = (accountId: number, id: number, teamId: number | null) =>
  api<unknown>('POST', `${acc(accountId)}/conversations/${id}/assignments`, { body: { team_id: teamId } });
export const setConversationLabels = (accountId: number, id: number, labels: string[]) =>
  api<{ payload: string[] }>('POST', `${acc(accountId)}/conversations/${id}/labels`, { body: { labels } });
export const markRead = (accountId: number, id: number) => api<unknown>('POST', `${acc(accountId)}/conversations/${id}/update_last_seen`, { body: {} });
export const markUnread = (accountId: number, id: number) => api<unknown>('POST', `${acc(accountId)}/conversations/${id}/unread`, { body: {} });
export const muteConversation = (accountId: number, id: number, mute: boolean) =>
  api<unknown>('POST', `${acc(accountId)}/conversations/${id}/${mute ? 'mute' : 'unmute'}`, { body: {} });
export const listParticipants = (accountId: number, id: number) => api<Agent[]>('GET', `${acc(accountId)}/conversations/${id}/participants`);
export const addParticipants = (accountId: number, id: number, userIds: number[]) =>
  api<Agent[]>('POST', `${acc(accountId)}/conversations/${id}/participants`, { body: { user_ids: userIds } });
export const removeParticipants = (accountId: number, id: number, userIds: number[]) =>
  api<unknown>('DELETE', `${acc(accountId)}/conversations/${id}/participants`, { body: { user_ids: userIds } });

// ---- contacts ----
export const listContacts = (accountId: number, page: number, sort: string) =>
  api<{ meta: { count: number; current_page: number }; payload: Contact[] }>('GET', `${acc(accountId)}/contacts`, { query: { page, sort } });
export const searchContacts = (accountId: number, q: string, page: number, sort: string) =>
  api<{ meta: { count: number; current_page: number }; payload: Contact[] }>('GET', `${acc(accountId)}/contacts/search`, { query: { q, page, sort } });
export const getContact = (accountId: number, id: number) => api<{ payload: Contact }>('GET', `${acc(accountId)}/contacts/${id}`);
export const createContact = (accountId: number, body: Partial<Contact>) => api<{ payload: { contact: Contact } }>('POST', `${acc(accountId)}/contacts`, { body });
export const updateContact = (accountId: number, id: number, body: Partial<Contact>) => api<{ payload: Contact }>('PUT', `${acc(accountId)}/contacts/${id}`, { body });
export const deleteContact = (accountId: number, id: number) => api<unknown>('DELETE', `${acc(accountId)}/contacts/${id}`);
export const contactConversations = (accountId: number, id: number) => api<{ payload: Conversation[] }>('GET', `${acc(accountId)}/contacts/${id}/conversations`);
export const contactLabels = (accountId: number, id: number) => api<{ payload: string[] }>('GET', `${acc(accountId)}/contacts/${id}/labels`);
export const setContactLabels = (accountId: number, id: number, labels: string[]) =>
  api<{ payload: string[] }>('POST', `${acc(accountId)}/contacts/${id}/labels`, { body: { labels } });

// ---- settings ----
export const getAccount = (accountId: number) => api<Account>('GET', acc(accountId));
export const updateAccount = (accountId: number, body: Partial<Account>) => api<Account>('PATCH', acc(accountId), { body });
export const listAgents = (accountId: number) => api<Agent[]>('GET', `${acc(accountId)}/agents`);
export const createAgent = (accountId: number, body: { name: string; email: string; role: string }) => api<Agent>('POST', `${acc(accountId)}/agents`, { body });
export const updateAgent = (accountId: number, id: number, body: { role?: string; availability?: string }) => api<Agent>('PATCH', `${acc(accountId)}/agents/${id}`, { body });
export const deleteAgent = (accountId: number, id: number) => api<unknown>('DELETE', `${acc(accountId)}/agents/${id}`);
export const listInboxes = (accountId: number) => api<{ payload: Inbox[] }>('GET', `${acc(accountId)}/inboxes`);
export const getInbox = (accountId: number, id: number) => api<Inbox>('GET', `${acc(accountId)}/inboxes/${id}`);
export const createApiInbox = (accountId: number, name: string, webhookUrl: string) =>
  api<Inbox>('POST', `${acc(accountId)}/inboxes`, { body: { name, channel: { type: 'api', webhook_url: webhookUrl } } });
export const createWebsiteInbox = (accountId: number, name: string, channel: Record<string, unknown>) =>
  api<Inbox>('POST', `${acc(accountId)}/inboxes`, { body: { name, channel: { type: 'web_widget', ...channel } } });
export const updateInbox = (accountId: number, id: number, body: Record<string, unknown> & { name?: string; channel?: Record<string, unknown> }) =>
  api<Inbox>('PATCH', `${acc(accountId)}/inboxes/${id}`, { body });
export const deleteInbox = (accountId: number, id: number) => api<unknown>('DELETE', `${acc(accountId)}/inboxes/${id}`);
export const inboxMembers = (accountId: number, inboxId: number) => api<{ payload: Agent[] }>('GET', `${acc(accountId)}/inbox_members/${inboxId}`);
export const setInboxMembers = (accountId: number, inboxId: number, userIds: number[]) =>
  api<{ payload: Agent[] }>('PATCH', `${acc(accountId)}/inbox_members`, { body: { inbox_id: inboxId, user_ids: userIds } });
export const listLabels = (accountId: number) => api<{ payload: Label[] }>('GET', `${acc(accountId)}/labels`);
export const createLabel = (accountId: number, body: Partial<Label>) => api<Label>('POST', `${acc(accountId)}/labels`, { body });
export const updateLabel = (accountId: number, id: number, body: Partial<Label>) => api<Label>('PATCH', `${acc(accountId)}/labels/${id}`, { body });
export const deleteLabel = (accountId: number, id: number) => api<unknown>('DELETE', `${acc(accountId)}/labels/${id}`);
export const listWebhooks = (accountId: number) => api<{ payload: { webhooks: Webhook[] } }>('GET', `${acc(accountId)}/webhooks`);
export const createWebhook = (accountId: number, body: { url: string; subscriptions: string[]; name?: string }) =>
  api<{ payload: { webhook: Webhook } }>('POST', `${acc(accountId)}/webhooks`, { body: { webhook: body } });
export const updateWebhook = (accountId: number, id: number, body: { url: string; subscriptions: string[]; name?: string }) =>
  api<{ payload: { webhook: Webhook } }>('PATCH', `${acc(accountId)}/webhooks/${id}`, { body: { webhook: body } });
export const deleteWebhook = (accountId: number, id: number) => api<unknown>('DELETE', `${acc(accountId)}/webhooks/${id}`);
export const rotateWebhookSecret = (accountId: number, id: number) =>
  api<{ payload: { webhook: Webhook } }>('POST', `${acc(accountId)}/webhooks/${id}/rotate_secret`, { body: {} });
export const setWebhookEnabled = (accountId: number, id: number, enabled: boolean) =>
  api<{ payload: { webhook: Webhook } }>('POST', `${acc(accountId)}/webhooks/${id}/${enabled ? 'enable' : 'disable'}`, { body: {} });
export const listWebhookDeliveries = (accountId: number, id: number, page = 1) =>
  api<{ meta: { count: number; current_page: number }; payload: { deliveries: WebhookDelivery[] } }>('GET', `${acc(accountId)}/webhooks/${id}/deliveries`, { query: { page } });
export const redeliverWebhook = (accountId: number, id: number, deliveryId: string) =>
  api<{ payload: { delivery: WebhookDelivery } }>('POST', `${acc(accountId)}/webhooks/${id}/deliveries/${encodeURIComponent(deliveryId)}/redeliver`, { body: {} });
export const listAgentBots = (accountId: number) => api<AgentBot[]>('GET', `${acc(accountId)}/agent_bots`);
export const createAgentBot = (accountId: number, body: { name: string; description?: string; outgoing_url?: string }) =>
  api<AgentBot>('POST', `${acc(accountId)}/agent_bots`, { body });
export const updateAgentBot = (accountId: number, id: number, body: { name?: string; description?: string; outgoing_url?: string }) =>
  api<AgentBot>('PATCH', `${acc(accountId)}/agent_bots/${id}`, { body });
export const deleteAgentBot = (accountId: number, id: number) => api<unknown>('DELETE', `${acc(accountId)}/agent_bots/${id}`);
export const resetAgentBotToken = (accountId: number, id: number) => api<AgentBot>('POST', `${acc(accountId)}/agent_bots/${id}/reset_access_token`, { body: {} });
export const getInboxAgentBot = (accountId: number, inboxId: number) => api<{ agent_bot: AgentBot | Record<string, never> }>('GET', `${acc(accountId)}/inboxes/${inboxId}/agent_bot`);
export const setInboxAgentBot = (accountId: number, inboxId: number, botId: number | null) =>
  api<unknown>('POST', `${acc(accountId)}/inboxes/${inboxId}/set_agent_bot`, { body: { agent_bot: botId } });
export const listDashboardApps = (accountId: number) => api<DashboardApp[]>('GET', `${acc(accountId)}/dashboard_apps`);
export const createDashboardApp = (accountId: number, body: { title: string; content: Array<{ type: string; url: string }> }) =>
  api<DashboardApp>('POST', `${acc(accountId)}/dashboard_apps`, { body: { dashboard_app: body } });
export const updateDashboardApp = (accountId: number, id: number, body: { title: string; content: Array<{ type: string; url: string }> }) =>
  api<DashboardApp>('PATCH', `${acc(accountId)}/dashboard_apps/${id}`, { body: { dashboard_app: body } });
export const deleteDashboardApp = (accountId: number, id: number) => api<unknown>('DELETE', `${acc(accountId)}/dashboard_apps/${id}`);
export const listCannedResponses = (accountId: number) => api<CannedResponse[]>('GET', `${acc(accountId)}/canned_responses`);
export const createCannedResponse = (accountId: number, body: { short_code: string; content: string }) =>
  api<CannedResponse>('POST', `${acc(accountId)}/canned_responses`, { body: { canned_response: body } });
export const updateCannedResponse = (accountId: number, id: number, body: { short_code: string; content: string }) =>
  api<CannedResponse>('PATCH', `${acc(accountId)}/canned_responses/${id}`, { body: { canned_response: body } });
export const deleteCannedResponse = (accountId: number, id: number) => api<unknown>('DELETE', `${acc(accountId)}/canned_responses/${id}`);

// ---- contact notes, merge ----
export const listNotes = (accountId: number, contactId: number) => api<Note[]>('GET', `${acc(accountId)}/contacts/${contactId}/notes`);
export const createNote = (accountId: number, contactId: number, content: string) =>
  api<Note>('POST', `${acc(accountId)}/contacts/${contactId}/notes`, { body: { note: { content } } });
export const deleteNote = (accountId: number, contactId: number, id: number) => api<unknown>('DELETE', `${acc(accountId)}/contacts/${contactId}/notes/${id}`);
export const mergeContacts = (accountId: number, baseContactId: number, mergeeContactId: number) =>
  api<Contact>('POST', `${acc(accountId)}/actions/contact_merge`, { body: { base_contact_id: baseContactId, mergee_contact_id: mergeeContactId } });

// ---- teams ----
export const listTeams = (accountId: number) => api<Team[]>('GET', `${acc(accountId)}/teams`);
export const createTeam = (accountId: number, body: { name: string; description: string; allow_auto_assign: boolean }) =>
  api<Team>('POST', `${acc(accountId)}/teams`, { body: { team: body } });
export const updateTeam = (accountId: number, id: number, body: { name: string; description: string; allow_auto_assign: boolean }) =>
  api<Team>('PATCH', `${acc(accountId)}/teams/${id}`, { body: { team: body } });
export const deleteTeam = (accountId: number, id: number) => api<unknown>('DELETE', `${acc(accountId)}/teams/${id}`);
export const teamMembers = (accountId: number, teamId: number) => api<Agent[]>('GET', `${acc(accountId)}/teams/${teamId}/team_members`);
export const setTeamMembers = (accountId: number, teamId: number, userIds: number[]) =>
  api<Agent[]>('PATCH', `${acc(accountId)}/teams/${teamId}/team_members`, { body: { user_ids: userIds } });

// ---- custom attribute definitions ----
export const listAttributeDefinitions = (accountId: number) => api<CustomAttributeDefinition[]>('GET', `${acc(accountId)}/custom_attribute_definitions`);
export const createAttributeDefinition = (accountId: number, body: Partial<CustomAttributeDefinition>) =>
  api<CustomAttributeDefinition>('POST', `${acc(accountId)}/custom_attribute_definitions`, { body: { custom_attribute_definition: body } });
export const updateAttributeDefinition = (accountId: number, id: number, body: Partial<CustomAttributeDefinition>) =>
  api<CustomAttributeDefinition>('PATCH', `${acc(accountId)}/custom_attribute_definitions/${id}`, { body: { custom_attribute_definition: body } });
export const deleteAttributeDefinition = (accountId: number, id: number) => api<unknown>('DELETE', `${acc(accountId)}/custom_attribute_definitions/${id}`);

// ---- contact import / export ----
export function importContacts(accountId: number, file: File): Promise<DataImport> {
  const form = new FormData();
  form.set('import_file', file, file.name);
  return api<DataImport>('POST', `${acc(accountId)}/contacts/import`, { form });
}
export const getDataImport = (accountId: number, id: number) => api<DataImport>('GET', `${acc(accountId)}/data_imports/${id}`);
export const exportContacts = (accountId: number) => download('POST', `${acc(accountId)}/contacts/export`, 'contacts.csv', {});
export const downloadFailedRows = (path: string) => download('GET', path, 'failed-rows.csv');
