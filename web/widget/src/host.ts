// The bridge to the loader on the host page: messages in Chatwoot's "chatwoot-widget:" format.
const PREFIX = 'chatwoot-widget:';

export const embedded = window.parent !== window;

/** Sends an event to the loader (nothing when the widget runs on its own, e.g. popped out). */
export function toHost(event: string, value: Record<string, unknown> = {}): void {
  if (embedded) {
    window.parent.postMessage(PREFIX + JSON.stringify({ event, ...value }), '*');
  }
}

/** Listens to the loader's events. */
export function onHost(handler: (event: string, message: Record<string, any>) => void): void {
  window.addEventListener('message', (e: MessageEvent) => {
    if (e.source !== window.parent || typeof e.data !== 'string' || e.data.indexOf(PREFIX) !== 0) {
      return;
    }
    try {
      const message = JSON.parse(e.data.slice(PREFIX.length));
      handler(String(message.event), message);
    } catch {
      // not ours
    }
  });
}
