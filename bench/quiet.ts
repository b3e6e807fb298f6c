import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';

/** How long one CPU sample spans. */
const WINDOW_MS = 500;
/** The machine counts as quiet when at most this many cores were busy over a window. */
const QUIET_BUSY_CORES = 0.25;

/** CPU time spent busy and in all, summed over every core (/proc/stat, in clock ticks); null without /proc. */
function cpuTicks(): { busy: number; total: number } | null {
  try {
    const [, ...fields] = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0].trim().split(/\s+/);
    // user nice system idle iowait irq softirq steal: idle and iowait are not busy.
    const ticks = fields.slice(0, 8).map(Number);
    const total = ticks.reduce((sum, t) => sum + t, 0);
    return { busy: total - ticks[3] - (ticks[4] ?? 0), total };
  } catch {
    return null;
  }
}

/** What waitForQuietCpu saw: how long it waited and how busy the last window was. */
export interface QuietWait {
  waitedMs: number;
  /** Cores kept busy over the last window, by anything on the machine. */
  busyCores: number;
  quiet: boolean;
}

/**
 * Waits, at most `maxMs`, until the whole machine kept at most a quarter of a core busy over half
 * a second: what a scenario leaves running after its servers stop (their exit, the runner's own
 * garbage collection, the kernel writing pages back) would otherwise fall on the next scenario's
 * figures. Where /proc/stat cannot be read it returns at once.
 */
export async function waitForQuietCpu(maxMs: number): Promise<QuietWait> {
  const startedAt = Date.now();
  const cores = availableParallelism();
  let before = cpuTicks();
  let busyCores = 0;
  while (before) {
    await new Promise((resolve) => setTimeout(resolve, WINDOW_MS));
    const after = cpuTicks();
    if (!after || after.total === before.total) {
      break;
    }
    busyCores = ((after.busy - before.busy) / (after.total - before.total)) * cores;
    const waitedMs = Date.now() - startedAt;
    if (busyCores <= QUIET_BUSY_CORES || waitedMs >= maxMs) {
      return { waitedMs, busyCores, quiet: busyCores <= QUIET_BUSY_CORES };
    }
    before = after;
  }
  return { waitedMs: Date.now() - startedAt, busyCores, quiet: true };
}
