import { Agent, request } from 'node:http';
import { WebSocket } from 'ws';
import { connect } from '../../server/db/connect.js';
import { addNote, addRecord, type BenchContext } from '../context.js';
import { httpJson, startServer } from '../processes.js';
import { paced } from '../load.js';
import { latencySummary } from '../results.js';
import { waitUntil } from '../subscribers.js';

const SCENARIO = 'client_message';
/** The rate; quick runs send less. */
const RATE = { quick: 100, full: 500 };

function post(agent: Agent, port: number, path: string, body: string): Promise<number | null> {
  return new Promise((resolve) => {
    const req = request({ host: '127.0.0.1', port, path, method: 'POST', agent, headers: { 'content-type': 'application/json' } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        try {
          resolve(res.statusCode === 200 ? (JSON.parse(Buffer.concat(chunks).toString('utf8')) as { id: number }).id : null);
        } catch {
          resolve(null);
        }
      });
    });
    req.on('error', () => resolve(null));
    req.setTimeout(10_000, () => req.destroy());
    req.end(body);
  });
}

/**
 * client_message: a Client API contact (created through the public API) posts messages to its
 * conversation at a steady 500/s (quick 100/s) while the same contact is subscribed on /cable;
 * latency is from each request's due time to the arrival of its `message.created` frame.
 */
export async function clientMessage(ctx: BenchContext): Promise<void> {
  const account = await ctx.account();
  const db = connect(ctx.database.url);
  let identifier: string;
  try {
    const row = await db.kysely.selectFrom('inboxes').innerJoin('channel_api', 'channel_api.id', 'inboxes.channel_id')
      .select('channel_api.identifier').where('inboxes.id', '=', account.inboxId).executeTakeFirstOrThrow();
    identifier = row.identifier;
  } finally {
    await db.close();
  }
  const { child: server } = await startServer(ctx.serverEnv);
  let socket: WebSocket | null = null;
  try {
    const base = `/public/api/v1/inboxes/${identifier}`;
    const contact = await httpJson(server.port, 'POST', `${base}/contacts`, { name: 'Bench visitor' });
    if (contact.status !== 200) {
      throw new Error(`contact not created: ${contact.status} ${contact.body}`);
    }
    const { source_id: sourceId, pubsub_token: pubsubToken } = JSON.parse(contact.body) as { source_id: string; pubsub_token: string };
    const conversation = await httpJson(server.port, 'POST', `${base}/contacts/${sourceId}/conversations`, {});
    if (conversation.status !== 200) {
      throw new Error(`conversation not created: ${conversation.status} ${conversation.body}`);
    }
    const conversationId = (JSON.parse(conversation.body) as { id: number }).id;

    const arrivals = new Map<number, number>();
    socket = new WebSocket(`ws://127.0.0.1:${server.port}/cable`, ['actioncable-v1-json']);
    const ws = socket;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no subscription confirmation within 10 s')), 10_000);
      ws.on('error', reject);
      ws.on('message', (raw) => {
        const frame = JSON.parse(raw.toString()) as { type?: string; message?: { event?: string; data?: { id?: number } } };
        if (frame.type === 'welcome') {
          ws.send(JSON.stringify({ command: 'subscribe', identifier: JSON.stringify({ channel: 'RoomChannel', pubsub_token: pubsubToken }) }));
        } else if (frame.type === 'confirm_subscription') {
          clearTimeout(timer);
          resolve();
        } else if (frame.message?.event === 'message.created' && typeof frame.message.data?.id === 'number' && !arrivals.has(frame.message.data.id)) {
          arrivals.set(frame.message.data.id, performance.now());
        }
      });
    });

    const rate = ctx.options.quick ? RATE.quick : RATE.full;
    const total = Math.ceil(rate * ctx.options.phaseSeconds);
    const agent = new Agent({ keepAlive: true, maxSockets: ctx.options.connections });
    const due = new Map<number, number>();
    await paced(total, rate, (i, at) => post(agent, server.port, `${base}/contacts/${sourceId}/conversations/${conversationId}/messages`, JSON.stringify({ content: `client bench ${i}` }))
      .then((id) => {
        if (id !== null) {
          due.set(id, at);
        }
      }));
    agent.destroy();
    await waitUntil(() => [...due.keys()].every((id) => arrivals.has(id)), 60_000);
    const latencies = [...due].flatMap(([id, at]) => (arrivals.has(id) ? [(arrivals.get(id) as number) - at] : [])).sort((a, b) => a - b);
    const { p50, p95, p99 } = latencySummary(latencies);
    addRecord(ctx, SCENARIO, 'p50_ms', p50, 'ms');
    addRecord(ctx, SCENARIO, 'p95_ms', p95, 'ms');
    addRecord(ctx, SCENARIO, 'p99_ms', p99, 'ms');
    addNote(ctx, `${SCENARIO}: ${total} Client API messages at ${rate}/s target, ${due.size} acknowledged, ${latencies.length} reached the contact's /cable subscription; `
      + `request due → frame p50 ${p50.toFixed(1)} / p95 ${p95.toFixed(1)} / p99 ${p99.toFixed(1)} ms (targets p50 < 5, p99 < 25 ms at 500/s)`);
  } finally {
    socket?.terminate();
    await server.stop();
  }
}
