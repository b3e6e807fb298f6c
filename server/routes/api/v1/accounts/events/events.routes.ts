import { authorizeEventFeed } from '../../../../../policies/event.policy.js';
import { replayFrames } from '../../../../../realtime/replay.js';
import { accountStream } from '../../../../../realtime/room-channel.js';
import { pubsubRepository } from '../../../../../repositories/pubsub.repository.js';
import type { RoutePlugin } from '../../../../types.js';
import { EventFeedParams, EventFeedQuery, EventFeedResponse } from './events.schemas.js';

const tags = ['Realtime'];

/**
 * GET /api/v1/accounts/{id}/events?after=SEQ — the resumable change feed: the cable frames
 * the caller's own subscription would have received after SEQ, in sequence order.
 */
export const eventRoutes: RoutePlugin = (app, deps) => {
  app.get('/', { schema: { tags, params: EventFeedParams, querystring: EventFeedQuery, response: EventFeedResponse } }, async (request) => {
    const actor = request.actor;
    authorizeEventFeed(actor);
    const db = deps.db.kysely;
    const accountId = request.account.id;
    const range = await pubsubRepository.retainedRange(db);
    const replay = await replayFrames(db, accountId, [actor.user.pubsub_token, accountStream(accountId)], request.query.after ?? 0);
    return {
      payload: replay.frames.map((f) => ({ sequence: f.sequence, event: f.event, data: f.data })),
      meta: { resync_required: replay.resyncRequired, latest_sequence: range?.max ?? 0 },
    };
  });
};
