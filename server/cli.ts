import './lib/gc-tuning.js';
import { parseArgs } from 'node:util';
import pino from 'pino';
import { withTransaction } from './context.js';
import { loadEnv } from './env.js';
import { boot, serve } from './main.js';
import { issueAccessToken } from './operations/access-tokens/issue-access-token.js';
import { setUpInstallation } from './operations/setup/set-up-installation.js';
import { HttpError } from './lib/errors.js';
import { platformAppRepository } from './repositories/platform-app.repository.js';

const USAGE = `usage: parley <command>
  serve                                   run the server (PORT, DATABASE_URL, REDIS_URL, …)
  migrate                                 bring the database schema up to date
  setup --account-name A --name N --email E --password P
                                          create an account and its administrator; prints the access token
  platform-token create --name N          create a platform app; prints its API token on the last line`;

/** Runs `work` against a booted (migrated) database, then closes it. */
async function withDeps<T>(work: (deps: Awaited<ReturnType<typeof boot>>) => Promise<T>): Promise<T> {
  const env = loadEnv();
  const deps = await boot(env, pino({ level: process.env.LOG_LEVEL || 'warn' }, process.stderr));
  try {
    return await work(deps);
  } finally {
    await deps.db.close();
    deps.redis?.disconnect();
  }
}

function required(values: Record<string, string | boolean | undefined>, name: string): string {
  const value = values[name];
  if (typeof value !== 'string' || value === '') {
    throw new Error(`--${name} is required\n${USAGE}`);
  }
  return value;
}

async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'serve':
      return serve();
    case 'migrate':
      await withDeps(async () => undefined);
      console.log('database is up to date');
      return;
    case 'setup': {
      const { values } = parseArgs({ args: rest, options: {
        'account-name': { type: 'string' }, name: { type: 'string' }, email: { type: 'string' }, password: { type: 'string' },
      } });
      const result = await withDeps((deps) => withTransaction(deps, (db) => setUpInstallation(db, deps.env, {
        accountName: required(values, 'account-name'), name: required(values, 'name'),
        email: required(values, 'email'), password: required(values, 'password'),
      })));
      console.log(`account ${result.account.id} "${result.account.name}", administrator ${result.user.email}`);
      console.log(result.accessToken);
      return;
    }
    case 'platform-token': {
      const { values, positionals } = parseArgs({ args: rest, allowPositionals: true, options: { name: { type: 'string' } } });
      if (positionals[0] !== 'create') {
        throw new Error(USAGE);
      }
      const token = await withDeps((deps) => withTransaction(deps, async (db) => {
        const app = await platformAppRepository.insert(db, required(values, 'name'));
        return issueAccessToken(db, deps.env, 'PlatformApp', app.id);
      }));
      console.log(token);
      return;
    }
    default:
      console.error(USAGE);
      process.exitCode = command ? 2 : 0;
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  const message = error instanceof HttpError ? JSON.stringify(error.body) : (error as Error)?.message ?? String(error);
  console.error(message);
  process.exit(1);
});
