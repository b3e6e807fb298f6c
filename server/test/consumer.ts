import { EVENT_NAMES, type DomainEvent, type EventName } from '../events/catalog.js';
import type { Consumer } from '../events/dispatcher.js';

/** A consumer that keeps every event it is handed, for tests to assert on. */
export class RecordingConsumer implements Consumer {
  readonly name = 'test-recorder';
  readonly events = EVENT_NAMES;
  readonly received: DomainEvent[] = [];

  async handle(event: DomainEvent): Promise<void> {
    this.received.push(event);
  }

  /** Events of one account, optionally of one name, in delivery order. */
  of(accountId: number, name?: EventName): DomainEvent[] {
    return this.received.filter((e) => e.accountId === accountId && (name === undefined || e.name === name));
  }
}
