import { parseArgs } from 'node:util';

/** Every scenario the runner knows, in the order it runs them. */
export const SCENARIOS = ['message_create', 'cold_start', 'idle_rss', 'scale_out', 'conversation_list', 'ws_idle', 'ws_fanout', 'contact_import', 'contact_search', 'webhook_delivery', 'client_message', 'widget_open', 'dashboard_load'] as const;
export type ScenarioName = (typeof SCENARIOS)[number];
export type DbName = 'sqlite' | 'postgres';

/** How one bench run is configured (from the command line). */
export interface BenchOptions {
  quick: boolean;
  scenarios: ScenarioName[];
  db: DbName;
  redis: boolean;
  /** Seed size of the benchmark account. */
  conversations: number;
  messages: number;
  /** Concurrent HTTP connections of the load generator. */
  connections: number;
  /** Seconds of each load phase (saturation, then fixed rate). */
  phaseSeconds: number;
  /** Sockets of the ws_fanout scenario. */
  sockets: number;
  /** Contacts of the contact_search scenario. */
  contacts: number;
  /** Run ANALYZE on SQLite after seeding (Parley itself does not gather statistics yet). */
  analyze: boolean;
  help: boolean;
}

export const USAGE = `usage: npm run bench -- [options]
  --quick                   small sizes and short phases (< 90 s), for catching regressions
  --scenario a,b            only these scenarios (${SCENARIOS.join(', ')})
  --db sqlite|postgres      database engine (postgres: DATABASE_URL or postgres://postgres@127.0.0.1:5432/test;
                            the bench works in a fresh database of its own and drops it afterwards)
  --redis on|off            use Redis (REDIS_URL or redis://127.0.0.1:6379); default: on with postgres, off with sqlite
  --conversations N         conversations seeded into the benchmark account (full 100000, quick 10000)
  --messages N              messages seeded (full 1000000, quick 100000)
  --connections N           concurrent HTTP connections of the load generator (default 10)
  --seconds N               seconds per load phase (full 5, quick 1)
  --sockets N               websocket subscribers of ws_idle / ws_fanout (full 1000, quick 200)
  --contacts N              contacts seeded for contact_search (full 1000000, quick 50000)
  --analyze                 SQLite: gather planner statistics (ANALYZE) after seeding, which a Parley
                            deployment does not do yet; shows what they would change`;

function positiveInt(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) {
    return fallback;
  }
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) {
    throw new Error(`--${name} must be a positive integer, got "${value}"`);
  }
  return n;
}

function positiveNumber(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) {
    return fallback;
  }
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) {
    throw new Error(`--${name} must be a positive number, got "${value}"`);
  }
  return n;
}

function scenariosFrom(value: string | undefined): ScenarioName[] {
  if (value === undefined || value === '' || value === 'all') {
    return [...SCENARIOS];
  }
  const names = value.split(',').map((s) => s.trim()).filter(Boolean);
  for (const name of names) {
    if (!(SCENARIOS as readonly string[]).includes(name)) {
      throw new Error(`unknown scenario "${name}" (known: ${SCENARIOS.join(', ')})`);
    }
  }
  return SCENARIOS.filter((s) => names.includes(s));
}

function choice<T extends string>(value: string | undefined, name: string, allowed: readonly T[], fallback: T): T {
  if (value === undefined) {
    return fallback;
  }
  if (!(allowed as readonly string[]).includes(value)) {
    throw new Error(`--${name} must be one of ${allowed.join('|')}, got "${value}"`);
  }
  return value as T;
}

/** Parses the bench's command line (without `node run.js`); throws with a message naming the bad option. */
export function parseBenchArgs(argv: string[]): BenchOptions {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      quick: { type: 'boolean', default: false },
      scenario: { type: 'string' },
      db: { type: 'string' },
      redis: { type: 'string' },
      conversations: { type: 'string' },
      messages: { type: 'string' },
      connections: { type: 'string' },
      seconds: { type: 'string' },
      sockets: { type: 'string' },
      contacts: { type: 'string' },
      analyze: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const quick = values.quick === true;
  const db = choice(values.db, 'db', ['sqlite', 'postgres'] as const, 'sqlite');
  const redis = choice(values.redis, 'redis', ['on', 'off'] as const, db === 'postgres' ? 'on' : 'off') === 'on';
  const conversations = positiveInt(values.conversations, 'conversations', quick ? 10_000 : 100_000);
  return {
    quick,
    scenarios: scenariosFrom(values.scenario),
    db,
    redis,
    conversations,
    messages: positiveInt(values.messages, 'messages', quick ? 100_000 : 1_000_000),
    connections: positiveInt(values.connections, 'connections', 10),
    phaseSeconds: positiveNumber(values.seconds, 'seconds', quick ? 1 : 5),
    sockets: positiveInt(values.sockets, 'sockets', quick ? 200 : 1000),
    contacts: positiveInt(values.contacts, 'contacts', quick ? 50_000 : 1_000_000),
    analyze: values.analyze === true,
    help: values.help === true,
  };
}
