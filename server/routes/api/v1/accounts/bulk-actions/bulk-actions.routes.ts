import { Type } from '@sinclair/typebox';
import { withTransaction } from '../../../../../context.js';
import { HttpError } from '../../../../../lib/errors.js';
import { bulkContactAction } from '../../../../../operations/contacts/bulk-contact-action.js';
import { authorizeContact } from '../../../../../policies/contact.policy.js';
import { ctxOf, type RoutePlugin } from '../../../../types.js';

const Id = Type.Integer({ minimum: 1, maximum: 2_147_483_647 });
const Titles = Type.Array(Type.String({ maxLength: 255 }), { maxItems: 100 });
const BulkBody = Type.Object({
  type: Type.Optional(Type.String({ maxLength: 50 })),
  ids: Type.Optional(Type.Array(Id, { maxItems: 10_000 })),
  action_name: Type.Optional(Type.Unsafe<string | null>({ type: ['string', 'null'], maxLength: 50 })),
  labels: Type.Optional(Type.Object({ add: Type.Optional(Titles), remove: Type.Optional(Titles) })),
});

/** Rails' `camelize` of the type name: `contact` and `Contact` both name contacts. */
function normalizedType(type: string | undefined): string {
  return (type ?? '').split('_').map((part) => part.charAt(0).toUpperCase() + part.slice(1)).join('');
}

/**
 * `POST /bulk_actions` with `type: "Contact"` (BulkActionsController): `action_name:
 * "delete"` (administrators only) or `labels: {add: […]}` / `{remove: […]}` on `ids`.
 * Chatwoot queues a job; here the action runs in the request, in one transaction, and
 * answers the same empty 200. Other types answer 422 `{"success": false}` (conversation
 * bulk actions are not built yet).
 */
export const bulkActionRoutes: RoutePlugin = (app, deps) => {
  app.post('/', {
    preValidation: async (request) => {
      request.body ??= {};
    },
    schema: { tags: ['Bulk actions'], params: Type.Object({ account_id: Id }), body: BulkBody, response: { 200: Type.Null({ description: 'Empty body' }) } },
  }, async (request, reply) => {
    const body = request.body;
    if (normalizedType(body.type) !== 'Contact') {
      throw new HttpError(422, { success: false });
    }
    authorizeContact(request.actor, body.action_name === 'delete' ? 'delete' : 'update');
    await withTransaction(deps, (tx) => bulkContactAction(ctxOf(request, deps, tx), { ids: body.ids ?? [], action_name: body.action_name, labels: body.labels }));
    return reply.code(200).send(undefined as never);
  });
};
