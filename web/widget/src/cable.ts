// A small ActionCable client: subscribes to the visitor's RoomChannel stream, reconnects with backoff
// and reports presence so agents see the visitor online.
export type CableHandler = (event: string, data: any) => void;

export function connectCable(pubsubToken: string, onEvent: CableHandler, onSubscribed: () => void): () => void {
  const identifier = JSON.stringify({ channel: 'RoomChannel', pubsub_token: pubsubToken });
  const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/cable`;
  let socket: WebSocket | null = null;
  let closed = false;
  let attempts = 0;
  let presence: ReturnType<typeof setInterval> | undefined;
  let rejected = 0;

  const open = () => {
    socket = new WebSocket(url, ['actioncable-v1-json']);
    socket.onopen = () => {
      attempts = 0;
    };
    socket.onmessage = (e) => {
      let frame: any;
      try {
        frame = JSON.parse(String(e.data));
      } catch {
        return;
      }
      if (frame.type === 'welcome') {
        socket?.send(JSON.stringify({ command: 'subscribe', identifier }));
      } else if (frame.type === 'confirm_subscription') {
        const perform = () => socket?.send(JSON.stringify({ command: 'message', identifier, data: JSON.stringify({ action: 'update_presence' }) }));
        perform();
        clearInterval(presence);
        presence = setInterval(perform, 20_000);
        // Events sent before this subscription (or while it was away) are fetched again.
        onSubscribed();
        rejected = 0;
      } else if (frame.type === 'reject_subscription' && rejected < 5) {
        // The session may have moved to another contact (setUser merged it): subscribe again.
        rejected += 1;
        setTimeout(() => socket?.send(JSON.stringify({ command: 'subscribe', identifier })), 500 * rejected);
      } else if (frame.identifier === identifier && frame.message && typeof frame.message.event === 'string') {
        onEvent(frame.message.event, frame.message.data);
      }
    };
    socket.onclose = () => {
      clearInterval(presence);
      if (!closed) {
        attempts += 1;
        setTimeout(open, Math.min(30_000, 500 * 2 ** Math.min(attempts, 6)));
      }
    };
  };
  open();
  return () => {
    closed = true;
    clearInterval(presence);
    socket?.close();
  };
}
