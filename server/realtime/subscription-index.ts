import { bump } from '../lib/counts.js';
import type { CableConnection, Subscription } from './connection.js';

/**
 * This node's live subscriptions, by the streams they listen on (pubsub tokens, `account_<id>`)
 * and with the socket that holds each: what a broadcast is matched against.
 */
export class SubscriptionIndex {
  /** stream → subscriptions listening on it. */
  private readonly streams = new Map<string, Set<Subscription>>();
  private readonly owners = new Map<Subscription, CableConnection>();
  /** account id → subscriptions of its agents and contacts. */
  private readonly perAccount = new Map<number, number>();

  add(subscription: Subscription, connection: CableConnection): void {
    this.owners.set(subscription, connection);
    bump(this.perAccount, subscription.subscriber.accountId, 1);
    for (const stream of subscription.subscriber.streams) {
      const set = this.streams.get(stream) ?? new Set<Subscription>();
      set.add(subscription);
      this.streams.set(stream, set);
    }
  }

  remove(subscription: Subscription): void {
    if (!this.owners.delete(subscription)) {
      return;
    }
    bump(this.perAccount, subscription.subscriber.accountId, -1);
    for (const stream of subscription.subscriber.streams) {
      const set = this.streams.get(stream);
      set?.delete(subscription);
      if (set?.size === 0) {
        this.streams.delete(stream);
      }
    }
  }

  /** The subscriptions listening on any of `streams`, each once. */
  matching(streams: readonly string[]): Set<Subscription> {
    const found = new Set<Subscription>();
    for (const stream of streams) {
      this.streams.get(stream)?.forEach((s) => found.add(s));
    }
    return found;
  }

  /** True when some subscription of this node belongs to the account (one of its agents or contacts). */
  listensTo(accountId: number): boolean {
    return this.perAccount.has(accountId);
  }

  ownerOf(subscription: Subscription): CableConnection | undefined {
    return this.owners.get(subscription);
  }

  /** Every subscription with its socket. */
  entries(): Array<[Subscription, CableConnection]> {
    return [...this.owners];
  }
}
