import { createConsumer, type Consumer, type Subscription } from '@rails/actioncable';

/** A frame from RoomChannel: Chatwoot's `{event, data}`. */
export interface CableEvent { event: string; data: Record<string, unknown> }

type Handler = (event: CableEvent) => void;
const handlers = new Set<Handler>();
let consumer: Consumer | null = null;
let subscription: Subscription | null = null;
let presenceTimer: number | undefined;
let status: 'connecting' | 'connected' | 'disconnected' = 'disconnected';
const statusListeners = new Set<() => void>();

function setStatus(next: typeof status): void {
  status = next;
  statusListeners.forEach((l) => l());
}

/**
 * Opens `/cable` and subscribes RoomChannel as the agent. After a reconnect a synthetic
 * `cable.reconnected` event tells the views to refetch what they show (frames may have been missed).
 */
export function connectCable(identity: { pubsubToken: string; accountId: number; userId: number }): void {
  disconnectCable();
  const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/cable`;
  consumer = createConsumer(url);
  let connectedOnce = false;
  setStatus('connecting');
  subscription = consumer.subscriptions.create(
    { channel: 'RoomChannel', pubsub_token: identity.pubsubToken, account_id: identity.accountId, user_id: identity.userId },
    {
      connected() {
        setStatus('connected');
        if (connectedOnce) {
          handlers.forEach((h) => h({ event: 'cable.reconnected', data: {} }));
        }
        connectedOnce = true;
        subscription?.perform('update_presence');
      },
      disconnected() { setStatus('disconnected'); },
      rejected() { setStatus('disconnected'); },
      received(data) { handlers.forEach((h) => h(data as CableEvent)); },
    },
  );
  presenceTimer = window.setInterval(() => subscription?.perform('update_presence'), 20_000);
}

/** Closes the socket (sign-out, account switch). */
export function disconnectCable(): void {
  window.clearInterval(presenceTimer);
  subscription?.unsubscribe();
  consumer?.disconnect();
  subscription = null;
  consumer = null;
  setStatus('disconnected');
}

/** Listens to every RoomChannel frame; returns the unsubscribe function. */
export function onCableEvent(handler: Handler): () => void {
  handlers.add(handler);
  return () => handlers.delete(handler);
}

/** The socket state, for the connection indicator. */
export function cableStatus(): typeof status {
  return status;
}
export function onCableStatus(listener: () => void): () => void {
  statusListeners.add(listener);
  return () => statusListeners.delete(listener);
}
