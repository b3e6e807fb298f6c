declare module '@rails/actioncable' {
  export interface Subscription { perform(action: string, data?: Record<string, unknown>): void; unsubscribe(): void }
  export interface Consumer {
    subscriptions: { create(params: Record<string, unknown>, mixin: { connected?(): void; disconnected?(): void; rejected?(): void; received?(data: unknown): void }): Subscription };
    disconnect(): void;
  }
  export function createConsumer(url?: string): Consumer;
}
