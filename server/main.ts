import pino, { type Logger } from 'pino';
import { buildApp } from './app.js';
import type { Deps } from './context.js';
import { connect } from './db/connect.js';
import { migrate } from './db/migrate.js';
import { loadEnv, type Env } from './env.js';
import { Dispatcher } from './events/dispatcher.js';
import { resumeWebhookDeliveries } from './jobs/resume-webhook-deliveries.job.js';
import { queueAssignmentWhenOnline } from './jobs/assign-waiting-conversations.job.js';
import { createJobs, registerBackgroundWork, startRecurringJobs } from './jobs/setup.js';
import { connectRedis } from './lib/redis.js';
import { createMailer } from './mail/mailer.js';
import { createRealtime, type Realtime } from './consumers/realtime.js';
import { CableServer } from './realtime/cable.js';
import { pruneOutbox } from './realtime/replay.js';
import type { App } from './routes/types.js';

/** How often delivered outbox rows past the retention window are deleted. */
const PRUNE_EVERY_MS = 3_600_000;

/** Opens the database, migrates it, and builds the services (no HTTP yet). */
export async function boot(env: Env, log: Logger): Promise<Deps & { realtime: Realtime }> {
  const db = connect(env.databaseUrl);
  const applied = await migrate(db);
  if (applied.length > 0) {
    log.info({ migrations: applied }, 'database migrated');
  }
  const dispatcher = new Dispatcher(db, log);
  const redis = env.redisUrl ? connectRedis(env.redisUrl) : null;
  redis?.on('error', (error) => log.warn({ err: error }, 'redis error'));
  const realtime = createRealtime(db, log, redis, env.redisPrefix);
  dispatcher.register(realtime.consumer);
  const mailer = createMailer(env, log);
  const deps = { env, db, log, dispatcher, redis, realtime, presence: realtime.presence, jobs: await createJobs(env, db, log), mailer };
  registerBackgroundWork(deps);
  return deps;
}

/** Stops taking requests and sockets, finishes the outbox batch in hand, closes the database. */
export async function shutdown(app: App, deps: Deps, cable?: CableServer, realtime?: Realtime): Promise<void> {
  await cable?.close();
  await app.close();
  await deps.dispatcher.stop();
  await deps.jobs.stop();
  await realtime?.bus.close();
  await deps.db.close();
  deps.redis?.disconnect();
  deps.mailer.close();
}

/** `parley serve`: boot order env → db → app → dispatcher → jobs, then listen. */
export async function serve(): Promise<void> {
  const env = loadEnv();
  const log = pino({ level: env.logLevel });
  const deps = await boot(env, log);
  const app = await buildApp(deps);
  await deps.realtime.bus.start();
  const cable = new CableServer({
    db: deps.db.kysely, log, bus: deps.realtime.bus, presence: deps.realtime.presence, limits: env.cableLimits,
    onUserOnline: queueAssignmentWhenOnline(deps),
  });
  cable.attach(app.server);
  deps.dispatcher.start();
  await deps.jobs.start();
  await startRecurringJobs(deps.jobs);
  // Deliveries a killed process left without a job go out now rather than at the first sweep.
  await resumeWebhookDeliveries(deps).catch((error) => log.warn({ err: error }, 'resuming webhook deliveries failed'));
  const prune = setInterval(() => {
    pruneOutbox(deps.db.kysely).catch((error) => log.warn({ err: error }, 'outbox pruning failed'));
  }, PRUNE_EVERY_MS);
  prune.unref();
  await app.listen({ port: env.port, host: env.host });
  log.info({ port: env.port, database: deps.db.dialect }, 'parley is serving');

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) {
      return;
    }
    stopping = true;
    log.info({ signal }, 'shutting down');
    clearInterval(prune);
    shutdown(app, deps, cable, deps.realtime).then(
      () => process.exit(0),
      (error) => {
        log.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}
