// The HTTP ceiling: a bare Fastify process (no database, no hooks, no logging) whose one route
// answers GET or POST /json/:bytes with a JSON body of exactly that many bytes. POST bodies are
// parsed as JSON, as the real routes parse theirs. It also holds raw `ws` sockets at /ws, and
// POST /broadcast/:bytes?k=N sends one frame of that size (carrying fan-out marker N) to all of them:
// the websocket fan-out ceiling. Run by the bench runner as a child process.
import Fastify from 'fastify';
import { WebSocketServer, type WebSocket } from 'ws';

const MAX_BYTES = 10 * 1024 * 1024;
const bodies = new Map<number, string>();

/** A JSON object serialized to exactly `bytes` bytes (at least the 10 of `{"pad":""}`). */
function jsonOfSize(bytes: number): string {
  const empty = '{"pad":""}';
  return `{"pad":"${'x'.repeat(Math.max(0, bytes - empty.length))}"}`;
}

const app = Fastify({ logger: false, bodyLimit: MAX_BYTES });
const handler = async (request: { params: unknown }, reply: { type(t: string): { send(b: string): unknown } }) => {
  const bytes = Math.min(MAX_BYTES, Math.max(16, Number((request.params as { bytes: string }).bytes) || 16));
  let body = bodies.get(bytes);
  if (body === undefined) {
    body = jsonOfSize(bytes);
    bodies.set(bytes, body);
  }
  return reply.type('application/json; charset=utf-8').send(body);
};
app.get('/json/:bytes', handler);
app.post('/json/:bytes', handler);

const sockets = new Set<WebSocket>();
const wss = new WebSocketServer({ noServer: true, clientTracking: false });
app.server.on('upgrade', (request, socket, head) => {
  if ((request.url ?? '').split('?')[0] !== '/ws') {
    socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
    return;
  }
  wss.handleUpgrade(request, socket, head, (ws) => {
    sockets.add(ws);
    ws.on('close', () => sockets.delete(ws));
    ws.on('error', () => sockets.delete(ws));
  });
});
app.post('/broadcast/:bytes', async (request) => {
  const bytes = Math.min(MAX_BYTES, Number((request.params as { bytes: string }).bytes) || 64);
  const k = Number((request.query as { k?: string }).k) || 0;
  const head = `{"message":{"event":"bench","data":{"content":"fanout-mark-${k}-`;
  const frame = Buffer.from(`${head}${'x'.repeat(Math.max(0, bytes - head.length - 5))}"}}}`);
  for (const ws of sockets) {
    ws.send(frame);
  }
  return { sockets: sockets.size };
});

app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' }).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
const stop = () => {
  app.close().then(() => process.exit(0), () => process.exit(1));
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
