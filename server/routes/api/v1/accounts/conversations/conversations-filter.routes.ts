import { Type } from '@sinclair/typebox';
import { filterConversations } from '../../../../../finders/conversation.finder.js';
import { buildFilter } from '../../../../../finders/filters/filter-engine.js';
import { conversationFilterModel } from '../../../../../finders/filters/conversation-filter-model.js';
import { type RoutePlugin } from '../../../../types.js';
import { ConversationJson } from '../../../../../presenters/conversation.presenter.js';
import { FilterBody } from '../../../../filter.schemas.js';
import { AccountParams } from './conversations.schemas.js';
import { presentConversationRows } from './load-conversation.js';

const FilterQuery = Type.Object({ page: Type.Optional(Type.String({ pattern: '^[0-9]{1,9}$' })) });

/** `conversations/filter.json.jbuilder`: no `data` wrapper and no assigned_count, unlike the list. */
const FilterResponse = {
  200: Type.Object({
    meta: Type.Object({ mine_count: Type.Integer(), unassigned_count: Type.Integer(), all_count: Type.Integer() }),
    payload: Type.Array(ConversationJson),
  }),
};

/** `POST /conversations/filter`: Chatwoot's custom filters over the conversations the actor may see. */
export const conversationFilterRoutes: RoutePlugin = (app, deps) => {
  const db = deps.db.kysely;
  app.post('/filter', {
    schema: { tags: ['Conversations'], params: AccountParams, querystring: FilterQuery, body: FilterBody, response: FilterResponse },
  }, async (request) => {
    const { payload } = request.body;
    const page = Math.max(Number(request.query.page ?? request.body.page ?? 1), 1);
    const where = buildFilter(db, await conversationFilterModel(db, request.account.id, payload), payload);
    const { conversations, counts } = await filterConversations(db, request.actor, request.account.id, where, page);
    const meta = { mine_count: counts.mine_count, unassigned_count: counts.unassigned_count, all_count: counts.all_count };
    return { meta, payload: await presentConversationRows(db, request.actor, request.account.id, conversations) };
  });
};
