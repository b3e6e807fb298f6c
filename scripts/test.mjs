// Runs the compiled test suite on SQLite, then again on PostgreSQL when DATABASE_URL points at one.
// Prints one closing line for both runs: "N passed, N failed".
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

const root = join(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '..');
const filter = process.argv.slice(2);

function testFiles(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      return testFiles(path);
    }
    return name.endsWith('.test.js') ? [path] : [];
  });
}

const files = ['server', 'bench'].flatMap((dir) => (existsSync(join(root, 'dist', dir)) ? testFiles(join(root, 'dist', dir)) : []))
  .filter((f) => filter.length === 0 || filter.some((part) => f.includes(part)))
  .sort();
if (files.length === 0) {
  console.error('no test files found under dist/server or dist/bench (did the build run?)');
  process.exit(1);
}

const databases = ['sqlite'];
if (/^postgres(ql)?:\/\//.test(process.env.DATABASE_URL ?? '')) {
  databases.push('postgres');
}

/** Drops the per-file schemas this run left in PostgreSQL (test files never drop them themselves). */
function dropTestSchemas(prefix) {
  const psql = (sql) => spawnSync('psql', [process.env.DATABASE_URL, '-qtA', '-c', sql], { encoding: 'utf8' });
  const listed = psql(`SELECT nspname FROM pg_namespace WHERE starts_with(nspname, '${prefix}')`);
  if (listed.status !== 0) {
    console.error(`could not list leftover test schemas: ${listed.stderr}`);
    return;
  }
  for (const schema of listed.stdout.split('\n').filter(Boolean)) {
    psql(`DROP SCHEMA "${schema}" CASCADE`);
  }
}

const schemaPrefix = `test_${process.pid}_`;
let passed = 0;
let failed = 0;
for (const database of databases) {
  console.log(`\n=== ${files.length} test files on ${database} ===`);
  const tap = join(mkdtempSync(join(tmpdir(), 'parley-tap-')), 'results.tap');
  const result = spawnSync(process.execPath, [
    '--enable-source-maps', '--test', '--test-concurrency=2',
    '--test-reporter=spec', '--test-reporter-destination=stdout',
    '--test-reporter=tap', `--test-reporter-destination=${tap}`,
    ...files.map((f) => relative(root, f)),
  ], { cwd: root, stdio: 'inherit', env: { ...process.env, PARLEY_TEST_DB: database, PARLEY_TEST_SCHEMA_PREFIX: schemaPrefix } });
  if (database === 'postgres') {
    dropTestSchemas(schemaPrefix);
  }
  const summary = readFileSync(tap, 'utf8');
  const count = (label) => Number(new RegExp(`^# ${label} (\\d+)`, 'm').exec(summary)?.[1] ?? 0);
  passed += count('pass');
  failed += count('fail') + (result.status !== 0 && count('fail') === 0 ? 1 : 0);
}
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
