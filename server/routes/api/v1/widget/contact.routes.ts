import { withTransaction } from '../../../../context.js';
import { identifyContact } from '../../../../operations/contacts/identify-contact.js';
import { removeContactCustomAttributes } from '../../../../operations/widget/remove-custom-attributes.js';
import { setWidgetUser } from '../../../../operations/widget/set-widget-user.js';
import { startVisitorSession } from '../../../../operations/widget/start-visitor-session.js';
import { presentContactRaw, RawContactJson } from '../../../../presenters/public-contact.presenter.js';
import { presentWidgetConfig, WidgetConfigJson } from '../../../../presenters/widget-config.presenter.js';
import { presentWidgetContact, WidgetContactJson } from '../../../../presenters/widget.presenter.js';
import { workingHourRepository } from '../../../../repositories/working-hour.repository.js';
import type { RoutePlugin } from '../../../types.js';
import { ContactUpdateBody, CustomAttributeKeysBody, WebsiteQuery } from './widget.schemas.js';
import { emptyBody, findVisitor, visitorOf, visitorToken, widgetCtx } from './widget-session.js';

const tags = ['Widget API'];

/** Widget config (creates the visitor on first load) and the visitor's contact (Api::V1::Widget::ConfigsController, ContactsController). */
export const widgetContactRoutes: RoutePlugin = (app, deps) => {
  const db = deps.db.kysely;
  const secret = deps.env.secretKeyBase;

  app.post('/config', { preValidation: emptyBody, schema: { tags, querystring: WebsiteQuery, response: { 200: WidgetConfigJson } } }, async (request) => {
    const { channel, inbox, account } = request.webWidget;
    const session = await findVisitor(request, db, secret)
      ?? await withTransaction(deps, (tx) => startVisitorSession(widgetCtx(request, deps, tx, null), inbox));
    return presentWidgetConfig({
      account, inbox, channel, ...session, workingHours: await workingHourRepository.listByInbox(db, account.id, inbox.id), token: visitorToken(secret, session.contactInbox),
      frontendUrl: deps.env.frontendUrl, maxUploadMb: Math.floor(deps.env.maxUploadBytes / 1_048_576),
    });
  });

  app.get('/contact', { schema: { tags, querystring: WebsiteQuery, response: { 200: WidgetContactJson } } }, async (request) =>
    presentWidgetContact((await visitorOf(request, db, secret)).contact, { identifier: true }));

  app.patch('/contact', { preValidation: emptyBody, schema: { tags, querystring: WebsiteQuery, body: ContactUpdateBody, response: { 200: WidgetContactJson } } }, async (request) => {
    const { contact } = await visitorOf(request, db, secret);
    const { website_token: _t, identifier_hash: _h, ...fields } = request.body;
    const updated = await withTransaction(deps, (tx) => identifyContact(widgetCtx(request, deps, tx, contact.id), contact, fields));
    return presentWidgetContact(updated);
  });

  app.patch('/contact/set_user', { preValidation: emptyBody, schema: { tags, querystring: WebsiteQuery, body: ContactUpdateBody, response: { 200: WidgetContactJson } } }, async (request) => {
    const visitor = await visitorOf(request, db, secret);
    const { website_token: _t, ...input } = request.body;
    const result = await withTransaction(deps, (tx) =>
      setWidgetUser(widgetCtx(request, deps, tx, visitor.contact.id), request.webWidget, visitor, input));
    return presentWidgetContact(result.contact, result.switched ? { token: visitorToken(secret, result.contactInbox) } : {});
  });

  app.post('/contact/destroy_custom_attributes', {
    preValidation: emptyBody,
    schema: { tags, querystring: WebsiteQuery, body: CustomAttributeKeysBody, response: { 200: RawContactJson } },
  }, async (request) => {
    const { contact } = await visitorOf(request, db, secret);
    const keys = request.body.custom_attributes ?? [];
    const updated = await withTransaction(deps, (tx) => removeContactCustomAttributes(widgetCtx(request, deps, tx, contact.id), contact, keys));
    return presentContactRaw(updated);
  });
};

