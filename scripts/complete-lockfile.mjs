// Run after `npm install` changes package-lock.json.
// The registry this project installs from serves only the Linux builds of some optional,
// platform-specific packages (e.g. @msgpackr-extract/* under bullmq). `npm install` then
// leaves the other platforms out of the lock file, and `npm ci` refuses the lock as out
// of sync. This adds the missing entries, marked with their os/cpu, so npm ci skips them
// on this platform exactly as it would with a complete lock file.
import { readFileSync, writeFileSync } from 'node:fs';

const path = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(readFileSync(path, 'utf8'));
const packages = lock.packages;
const PLATFORMS = {
  'darwin-arm64': ['darwin', 'arm64'], 'darwin-x64': ['darwin', 'x64'], 'linux-arm': ['linux', 'arm'],
  'linux-arm64': ['linux', 'arm64'], 'linux-x64': ['linux', 'x64'], 'win32-x64': ['win32', 'x64'],
};
let added = 0;
for (const [key, entry] of Object.entries(packages)) {
  for (const [dependency, version] of Object.entries(entry.optionalDependencies ?? {})) {
    const suffix = Object.keys(PLATFORMS).find((p) => dependency.endsWith(`-${p}`));
    const target = `node_modules/${dependency}`;
    if (!suffix || packages[target] || packages[`${key}/${target}`]) {
      continue;
    }
    const [os, cpu] = PLATFORMS[suffix];
    packages[target] = { version, cpu: [cpu], license: 'MIT', optional: true, os: [os] };
    added += 1;
  }
}
lock.packages = Object.fromEntries(Object.entries(packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b))));
writeFileSync(path, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`package-lock.json: ${added} platform entries added`);
