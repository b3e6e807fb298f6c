import { withTransaction } from '../../../../../context.js';
import type { InboxRow, WorkingHourRow } from '../../../../../db/schema.js';
import { notFound } from '../../../../../lib/errors.js';
import { createInbox, type InboxChannel } from '../../../../../operations/inboxes/create-inbox.js';
import { deleteInbox } from '../../../../../operations/inboxes/delete-inbox.js';
import { resetInboxSecret } from '../../../../../operations/inboxes/reset-inbox-secret.js';
import { updateInbox } from '../../../../../operations/inboxes/update-inbox.js';
import { authorizeInbox, inboxAbilities, visibleInboxesMemberFilter } from '../../../../../policies/inbox.policy.js';
import { presentInbox } from '../../../../../presenters/inbox.presenter.js';
import { channelApiRepository } from '../../../../../repositories/channel-api.repository.js';
import { inboxRepository } from '../../../../../repositories/inbox.repository.js';
import { workingHourRepository } from '../../../../../repositories/working-hour.repository.js';
import { ctxOf, type RoutePlugin } from '../../../../types.js';
import { channelOf, channelsOf, loadInbox } from './load-inbox.js';
import { deliveryLogRoutes } from '../webhooks/delivery-log.js';
import {
  CreateInboxBody, InboxDeleteResponse, InboxListParams, InboxListResponse, InboxParams, InboxResponse, UpdateInboxBody,
} from './inboxes.schemas.js';

/** Chatwoot's reply to an inbox deletion (`messages.inbox_deletetion_response`). */
export const INBOX_DELETION_MESSAGE = 'Your inbox deletion request will be processed in some time.';

/** Inboxes: list, show, create, update, delete (API and website channels); reset_secret and the callback's delivery log (API channels). */
export const inboxRoutes: RoutePlugin = (app, deps) => {
  const db = deps.db.kysely;
  const tags = ['Inboxes'];
  const present = (inbox: InboxRow, channel: InboxChannel | null, hours: WorkingHourRow[], secrets: boolean) =>
    presentInbox(inbox, channel, hours, secrets, deps.env.frontendUrl);
  const hoursOf = (inbox: InboxRow) => workingHourRepository.listByInbox(db, inbox.account_id, inbox.id);

  app.get('/', { schema: { tags, params: InboxListParams, response: InboxListResponse } }, async (request) => {
    const { actor, account } = request;
    const inboxes = await inboxRepository.list(db, account.id, visibleInboxesMemberFilter(actor));
    const channels = await channelsOf(db, account.id, inboxes);
    const hours = await workingHourRepository.listByInboxes(db, account.id, inboxes.map((inbox) => inbox.id));
    const secrets = inboxAbilities(actor, false).readSecrets;
    return {
      payload: inboxes.map((inbox) => present(inbox, channels.get(`${inbox.channel_type}:${inbox.channel_id}`) ?? null, hours.get(inbox.id) ?? [], secrets)),
    };
  });

  app.get('/:id', { schema: { tags, params: InboxParams, response: InboxResponse } }, async (request) => {
    const inbox = await loadInbox(db, request.actor, request.account.id, request.params.id, 'read');
    return present(inbox, await channelOf(db, inbox), await hoursOf(inbox), inboxAbilities(request.actor, true).readSecrets);
  });

  app.post('/', { schema: { tags, params: InboxListParams, body: CreateInboxBody, response: InboxResponse } }, async (request) => {
    authorizeInbox(request.actor, 'create', false);
    const { inbox, channel, workingHours } = await withTransaction(deps, (tx) => createInbox(ctxOf(request, deps, tx), request.body));
    return present(inbox, channel, workingHours, true);
  });

  app.route({
    method: ['PATCH', 'PUT'],
    url: '/:id',
    schema: { tags, params: InboxParams, body: UpdateInboxBody, response: InboxResponse },
    handler: async (request) => {
      const found = await loadInbox(db, request.actor, request.account.id, request.params.id, 'update');
      const { inbox, channel, workingHours } = await withTransaction(deps, async (tx) =>
        updateInbox(ctxOf(request, deps, tx), found, await channelOf(tx, found), request.body));
      return present(inbox, channel, workingHours, true);
    },
  });

  app.post('/:id/reset_secret', { schema: { tags, params: InboxParams, response: InboxResponse } }, async (request) => {
    const inbox = await loadInbox(db, request.actor, request.account.id, request.params.id, 'update');
    if (inbox.channel_type !== 'Channel::Api') {
      throw notFound();
    }
    const channel = await withTransaction(deps, async (tx) => {
      const found = await channelApiRepository.findById(tx, inbox.account_id, inbox.channel_id);
      if (!found) {
        throw notFound();
      }
      return resetInboxSecret(ctxOf(request, deps, tx), found);
    });
    return present(inbox, channel, await hoursOf(inbox), true);
  });

  // The API channel callback's delivery log; other channels have none (404).
  deliveryLogRoutes(app, deps, tags, async (executor, actor, accountId, id) => {
    const inbox = await loadInbox(executor, actor, accountId, id, 'deliveries');
    const channel = inbox.channel_type === 'Channel::Api' ? await channelApiRepository.findById(executor, accountId, inbox.channel_id) : undefined;
    if (!channel) {
      throw notFound();
    }
    return { target: { type: 'Channel::Api', id: inbox.id }, failingSince: channel.failing_since };
  });

  app.delete('/:id', { schema: { tags, params: InboxParams, response: InboxDeleteResponse } }, async (request) => {
    const inbox = await loadInbox(db, request.actor, request.account.id, request.params.id, 'destroy');
    await withTransaction(deps, (tx) => deleteInbox(ctxOf(request, deps, tx), inbox));
    return { message: INBOX_DELETION_MESSAGE };
  });
};
