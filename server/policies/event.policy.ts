import type { Actor } from '../context.js';
import { unauthorized } from '../lib/errors.js';
import { can } from './permissions.js';

/**
 * The change feed is for the account's agents and administrators (the people who hold a
 * pubsub token there); each sees only the frames their own cable subscription would get.
 */
export function authorizeEventFeed(actor: Actor): asserts actor is Extract<Actor, { type: 'User' }> {
  if (actor.type !== 'User' || !can(actor, 'member')) {
    throw unauthorized();
  }
}
