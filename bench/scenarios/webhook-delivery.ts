import { Agent, createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { connect } from '../../server/db/connect.js';
import { addNote, addRecord, type BenchContext } from '../context.js';
import { httpJson, startServer, type Child } from '../processes.js';
import { paced } from '../load.js';
import { latencySummary } from '../results.js';
import { waitUntil } from '../subscribers.js';

const SCENARIO = 'webhook_delivery';
/**
 * Messages created per second. Each incoming message yields about two and a half webhook events
 * (message_created, contact_updated for the contact's activity, conversation_updated when the
 * wait starts, conversation_status_changed when it reopens), so 400 messages/s make the issue's
 * 1,000 events/s. Quick runs send a quarter of that.
 */
const RATE = { quick: 100, full: 400 };
/** What the webhook subscribes to: every event an incoming message can cause. */
const SUBSCRIPTIONS = ['message_created', 'conversation_updated', 'contact_updated', 'conversation_status_changed', 'conversation_created'];
/** How long the restarted server gets to deliver everything (bounded). */
const CATCH_UP_SECONDS = { quick: 60, full: 180 };

/** A fast local receiver: answers 200 at once and notes when each message id first arrived. */
class TimedReceiver {
  readonly arrivals = new Map<number, number>();
  /** Arrival time of every request, whatever its event. */
  readonly times: number[] = [];
  requests = 0;
  /** message_created deliveries of a message that had already arrived (at least once). */
  repeats = 0;
  private constructor(private readonly server: Server) {}

  static async start(): Promise<TimedReceiver> {
    const server = createServer();
    const receiver = new TimedReceiver(server);
    server.on('request', (req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const at = performance.now();
        receiver.requests += 1;
        receiver.times.push(at);
        try {
          const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { event?: string; id?: number };
          if (body.event === 'message_created' && typeof body.id === 'number') {
            if (receiver.arrivals.has(body.id)) {
              receiver.repeats += 1;
            } else {
              receiver.arrivals.set(body.id, at);
            }
          }
        } catch {
          // not ours
        }
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return receiver;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hook`;
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

/** POSTs one message; resolves with its id, or null when the server did not acknowledge it. */
function postMessage(agent: Agent, port: number, path: string, token: string, body: string): Promise<number | null> {
  return new Promise((resolve) => {
    const req = request({ host: '127.0.0.1', port, path, method: 'POST', agent, headers: { 'content-type': 'application/json', api_access_token: token } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        if (res.statusCode !== 200) {
          resolve(null);
          return;
        }
        try {
          resolve((JSON.parse(Buffer.concat(chunks).toString('utf8')) as { id: number }).id);
        } catch {
          resolve(null);
        }
      });
      res.on('error', () => resolve(null));
    });
    req.on('error', () => resolve(null));
    req.setTimeout(10_000, () => req.destroy());
    req.end(body);
  });
}

/**
 * webhook_delivery: messages created at a steady rate (1,000/s full, 200/s quick) through the API
 * into one account webhook pointed at a fast local receiver. Steady phase: event→delivery latency,
 * from each request's due time to the receiver's first arrival of that message, and the delivered
 * rate. Kill phase: the same load, with the server killed by SIGKILL halfway (requests in flight)
 * and started again on the same database; counts the committed messages that never reached the
 * receiver, and fails the scenario unless that is 0.
 */
export async function webhookDelivery(ctx: BenchContext): Promise<void> {
  const account = await ctx.account();
  const quick = ctx.options.quick;
  const rate = quick ? RATE.quick : RATE.full;
  const receiver = await TimedReceiver.start();
  let server: Child = (await startServer(ctx.serverEnv)).child;
  const db = connect(ctx.database.url);
  try {
    const hook = await httpJson(server.port, 'POST', `/api/v1/accounts/${account.accountId}/webhooks`, { url: receiver.url, subscriptions: SUBSCRIPTIONS }, { api_access_token: account.adminToken });
    if (hook.status !== 200) {
      throw new Error(`webhook not created: ${hook.status} ${hook.body}`);
    }
    const before = await db.kysely.selectFrom('messages').select((eb) => eb.fn.max('id').as('max')).executeTakeFirst();
    const firstId = Number(before?.max ?? 0);

    const conversation = (i: number) => `/api/v1/accounts/${account.accountId}/conversations/${1 + (i % account.conversations)}/messages`;
    /** One paced phase of `total` requests; with `killAt`, the server is killed with SIGKILL at that request and started again. */
    const phase = async (label: string, total: number, killAt: number | null) => {
      const due = new Map<number, number>();
      let agent = new Agent({ keepAlive: true, maxSockets: ctx.options.connections });
      let failed = 0;
      const started = performance.now();
      const restartAt = async (i: number) => {
        if (i === killAt) {
          server.process.kill('SIGKILL');
          agent.destroy();
          agent = new Agent({ keepAlive: true, maxSockets: ctx.options.connections });
          server = (await startServer(ctx.serverEnv)).child;
        }
      };
      await paced(total, rate, (i, at) => postMessage(agent, server.port, conversation(i), account.adminToken, JSON.stringify({ content: `webhook bench ${label} ${i}` })).then((id) => {
        if (id === null) {
          failed += 1;
        } else {
          due.set(id, at);
        }
      }), restartAt);
      agent.destroy();
      return { due, failed, seconds: (performance.now() - started) / 1000 };
    };
    const catchUpMs = (quick ? CATCH_UP_SECONDS.quick : CATCH_UP_SECONDS.full) * 1000;

    // Steady phase: latency and delivered rate.
    const total = Math.ceil(rate * ctx.options.phaseSeconds);
    const steady = await phase('steady', total, null);
    await waitUntil(() => [...steady.due.keys()].every((id) => receiver.arrivals.has(id)), catchUpMs);
    const latencies = [...steady.due].flatMap(([id, at]) => (receiver.arrivals.has(id) ? [(receiver.arrivals.get(id) as number) - at] : []));
    const lastArrival = Math.max(0, ...[...steady.due.keys()].map((id) => receiver.arrivals.get(id) ?? 0));
    const firstDue = Math.min(...steady.due.values());
    const events = receiver.times.filter((t) => t >= firstDue && t <= lastArrival).length;
    const eventRate = events / Math.max(0.001, (lastArrival - firstDue) / 1000);
    const { p50, p95, p99 } = latencySummary(latencies.sort((a, b) => a - b));
    addRecord(ctx, SCENARIO, 'throughput', eventRate, 'events/s');
    addRecord(ctx, SCENARIO, 'p50_ms', p50, 'ms');
    addRecord(ctx, SCENARIO, 'p95_ms', p95, 'ms');
    addRecord(ctx, SCENARIO, 'p99_ms', p99, 'ms');
    addNote(ctx, `${SCENARIO}: steady phase, ${rate} messages/s: ${total} requests, ${steady.due.size} acknowledged, ${steady.failed} not; `
      + `${events} webhook deliveries (${SUBSCRIPTIONS.join(', ')}) = ${eventRate.toFixed(0)} events/s; `
      + `message_created event→delivery (from each request's due time to the receiver) p50 ${p50.toFixed(1)} / p95 ${p95.toFixed(1)} / p99 ${p99.toFixed(1)} ms `
      + `for ${latencies.length} messages (target p99 < 200 ms at 1,000 events/s; ${ctx.redisUrl ? 'BullMQ' : 'SQL queue'} for retries)`);

    // Kill phase: SIGKILL halfway, with requests in flight; then count what never arrived.
    const middle = await db.kysely.selectFrom('messages').select((eb) => eb.fn.max('id').as('max')).executeTakeFirst();
    const killFrom = Number(middle?.max ?? firstId);
    const killed = await phase('kill', total, Math.floor(total / 2));
    const sendSeconds = killed.seconds;
    const committed = (await db.kysely.selectFrom('messages').select('id').where('account_id', '=', account.accountId)
      .where('id', '>', killFrom).execute()).map((m) => m.id);
    await waitUntil(() => committed.every((id) => receiver.arrivals.has(id)), catchUpMs);
    const lost = committed.filter((id) => !receiver.arrivals.has(id));
    addNote(ctx, `${SCENARIO}: kill -9 phase: ${total} requests over ${sendSeconds.toFixed(1)} s, server killed at request ${Math.floor(total / 2)} and restarted; `
      + `${killed.due.size} acknowledged, ${committed.length} committed, ${lost.length} committed events lost; `
      + `${receiver.repeats} message_created deliveries over the run arrived more than once (at least once, same delivery id)`);
    if (lost.length > 0) {
      throw new Error(`${lost.length} of ${committed.length} committed message_created events never reached the receiver after kill -9 and restart`);
    }
  } finally {
    await db.close();
    await server.stop();
    await receiver.close();
  }
}
