// Builds every browser app under web/<name>/ (each has its own vite.config.ts) into
// dist/web/<name>/, after type-checking it with its own tsconfig.json. Run by `npm run build`.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '..');
const webDir = join(root, 'web');
const apps = existsSync(webDir)
  ? readdirSync(webDir).filter((name) => existsSync(join(webDir, name, 'vite.config.ts'))).sort()
  : [];

const bin = (name) => join(root, 'node_modules', '.bin', name);
function run(command, args) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    process.exit(result.status ?? 1);
  }
}

for (const app of apps) {
  if (existsSync(join(webDir, app, 'tsconfig.json'))) {
    run(bin('tsc'), ['-p', join('web', app, 'tsconfig.json'), '--noEmit']);
  }
  run(bin('vite'), ['build', '--config', join('web', app, 'vite.config.ts'), '--logLevel', 'warn']);
}
