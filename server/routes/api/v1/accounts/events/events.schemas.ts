import { Type } from '@sinclair/typebox';

const Id = Type.Integer({ minimum: 1, maximum: 2_147_483_647 });

export const EventFeedParams = Type.Object({ account_id: Id });

export const EventFeedQuery = Type.Object({
  /** The last sequence the client has seen (a cable frame's `data.sequence`); 0 or absent: from the start still kept. */
  after: Type.Optional(Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER })),
});

/** One missed cable broadcast: the same event name and data the socket would have carried. */
const FeedItem = Type.Object({
  sequence: Type.Integer(),
  event: Type.String(),
  data: Type.Object({}, { additionalProperties: true }),
});

export const EventFeedResponse = {
  200: Type.Object({
    payload: Type.Array(FeedItem),
    meta: Type.Object({
      /** True when the gap is no longer (or too long to be) replayed: refetch state instead. */
      resync_required: Type.Boolean(),
      /** The newest sequence known now: resume from here after a resync. */
      latest_sequence: Type.Integer(),
    }),
  }),
};
