import { randomBytes } from 'node:crypto';
import { request } from 'node:http';
import { connect } from '../../server/db/connect.js';
import { addNote, addRecord, type BenchContext } from '../context.js';
import { httpGet, rssMb, startServer } from '../processes.js';

const SCENARIO = 'contact_import';
/** Rows of the imported file (quick: 10,000). */
const ROWS = { quick: 10_000, full: 100_000 };
/** The longest the import may take before the scenario gives up. */
const TIMEOUT_MS = 300_000;
/** The longest the runner waits, after the import, for its events to be dispatched. */
const DRAIN_TIMEOUT_MS = 120_000;

/** A CSV of `rows` new contacts: the four key columns and two custom ones, some values quoted. */
export function importCsv(rows: number, tag: string): Buffer {
  const lines = ['identifier,email,name,phone_number,plan,note'];
  for (let i = 0; i < rows; i++) {
    lines.push(`${tag}-${i},${tag}-${i}@bench.example,"Bench, Person ${i}",+1${String(2_000_000_000 + i)},plan-${i % 5},note ${i}`);
  }
  return Buffer.from(`${lines.join('\r\n')}\r\n`);
}

function upload(port: number, path: string, token: string, file: Buffer): Promise<{ status: number; body: string }> {
  const boundary = `----bench${randomBytes(8).toString('hex')}`;
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="import_file"; filename="contacts.csv"\r\nContent-Type: text/csv\r\n\r\n`);
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  const body = Buffer.concat([head, file, tail]);
  return new Promise((resolve, reject) => {
    const req = request({
      host: '127.0.0.1', port, path, method: 'POST', timeout: 60_000,
      headers: { api_access_token: token, 'content-type': `multipart/form-data; boundary=${boundary}`, 'content-length': body.length },
    }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.on('timeout', () => req.destroy(new Error('upload took more than 60 s')));
    req.end(body);
  });
}

/**
 * Seconds from `startedAt` until the account has no undelivered outbox event left (the
 * server dispatching the import's contact.created), polled every 100 ms; null past the timeout.
 */
async function drainedAfter(databaseUrl: string, accountId: number, startedAt: number): Promise<number | null> {
  const db = connect(databaseUrl);
  try {
    while (Date.now() - startedAt < TIMEOUT_MS + DRAIN_TIMEOUT_MS) {
      const row = await db.kysely.selectFrom('events').select((eb) => eb.fn.countAll<number>().as('n'))
        .where('dispatched_at', 'is', null).where('account_id', '=', accountId).executeTakeFirstOrThrow();
      if (Number(row.n) === 0) {
        return (Date.now() - startedAt) / 1000;
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    return null;
  } finally {
    await db.close();
  }
}

/**
 * contact_import: uploads a CSV of new contacts to `POST /contacts/import` and polls
 * `GET /data_imports/:id` until it is completed. Rows per second count from the
 * upload's answer to completion (the background job's work); memory growth is the
 * server's peak resident set (VmHWM) during the import minus its resident set before.
 * The notes add when the outbox had dispatched every event the import recorded.
 */
export async function contactImport(ctx: BenchContext): Promise<void> {
  const account = await ctx.account();
  const rows = ctx.options.quick ? ROWS.quick : ROWS.full;
  const file = importCsv(rows, `b${Date.now().toString(36)}`);
  const { child: server } = await startServer(ctx.serverEnv);
  try {
    await new Promise((r) => setTimeout(r, 1000));
    const before = rssMb(server.pid);
    const posted = await upload(server.port, `/api/v1/accounts/${account.accountId}/contacts/import`, account.adminToken, file);
    if (posted.status !== 200) {
      throw new Error(`import upload answered ${posted.status}: ${posted.body.slice(0, 300)}`);
    }
    const startedAt = Date.now();
    const id = (JSON.parse(posted.body) as { id: number }).id;
    let state: { status: string; processed_records: number | null; total_records: number | null } = { status: 'pending', processed_records: null, total_records: null };
    while (state.status === 'pending' || state.status === 'processing') {
      if (Date.now() - startedAt > TIMEOUT_MS) {
        throw new Error(`import not done after ${TIMEOUT_MS / 1000} s: ${JSON.stringify(state)}`);
      }
      await new Promise((r) => setTimeout(r, 100));
      const res = await httpGet(server.port, `/api/v1/accounts/${account.accountId}/data_imports/${id}`, { api_access_token: account.adminToken });
      state = JSON.parse(res.body) as typeof state;
    }
    const seconds = (Date.now() - startedAt) / 1000;
    const peak = rssMb(server.pid, 'VmHWM');
    if (state.status !== 'completed' || state.processed_records !== rows) {
      throw new Error(`import ended ${state.status} with ${state.processed_records}/${state.total_records} rows`);
    }
    const drained = await drainedAfter(ctx.database.url, account.accountId, startedAt);
    addRecord(ctx, SCENARIO, 'throughput', rows / seconds, 'rows/s');
    addRecord(ctx, SCENARIO, 'rss_mb', Math.max(0, peak - before), 'MB');
    addNote(ctx, `${SCENARIO}: ${rows} rows (${(file.length / 2 ** 20).toFixed(1)} MB) imported in ${seconds.toFixed(2)} s = ${(rows / seconds).toFixed(0)} rows/s `
      + `(target ≥ 20,000 on SQLite); server RSS ${before.toFixed(1)} MB before, peak ${peak.toFixed(1)} MB (growth target < 100 MB); the outbox's `
      + `${rows} contact.created events, dispatched by the same process as it imports, were all delivered `
      + `${drained === null ? `not within ${DRAIN_TIMEOUT_MS / 1000} s after` : `${drained.toFixed(2)} s after the upload`}`);
  } finally {
    await server.stop();
  }
}
