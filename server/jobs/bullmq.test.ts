import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, describe, it } from 'node:test';
import pino from 'pino';
import { BullmqJobs } from './bullmq.js';
import { eventually, jobsContract } from './jobs-contract.js';
import type { JobsConfig } from './jobs.js';

const CONFIG: JobsConfig = { baseBackoffMs: 20, maxBackoffMs: 100, concurrency: 4 };
const REDIS_URL = process.env.REDIS_URL;

describe('BullMQ job engine', { skip: REDIS_URL ? false : 'REDIS_URL is not set' }, () => {
  const log = pino({ level: 'silent' });
  const made: BullmqJobs[] = [];
  after(async () => {
    for (const jobs of made) {
      await jobs.obliterate().catch(() => undefined);
      await jobs.stop();
    }
  });
  /** An engine on a queue of its own (or a shared one, for the two-node case). */
  const make = async (queueName = `parley-test-${randomBytes(6).toString('hex')}`) => {
    const jobs = new BullmqJobs(REDIS_URL as string, log, CONFIG, queueName);
    made.push(jobs);
    return jobs;
  };

  jobsContract(() => make());

  it('shares one queue between two nodes and runs each job once', async () => {
    const queueName = `parley-test-shared-${randomBytes(6).toString('hex')}`;
    const nodes = [await make(queueName), await make(queueName)];
    const runs = new Map<number, string[]>();
    nodes.forEach((node, i) => node.register('b-shared', async (payload) => {
      const n = Number(payload.n);
      runs.set(n, [...(runs.get(n) ?? []), `node${i}`]);
      await new Promise((resolve) => setTimeout(resolve, 2));
    }));
    await Promise.all(nodes.map((n) => n.start()));
    for (let n = 0; n < 60; n++) {
      await nodes[n % 2].enqueue('b-shared', { n });
    }
    await eventually(() => runs.size === 60, 10_000);
    await Promise.all(nodes.map((n) => n.idle()));
    assert.ok([...runs.values()].every((who) => who.length === 1), 'every job ran exactly once');
    const byNode = new Set([...runs.values()].flat());
    assert.equal(byNode.size, 2, 'both nodes took work');
  });

  it('keeps a job that failed every attempt in the dead set', async () => {
    const jobs = await make();
    jobs.register('b-dead', async () => {
      throw new Error('nope');
    });
    await jobs.start();
    await jobs.enqueue('b-dead', { x: 1 }, { attempts: 2 });
    let dead: Awaited<ReturnType<BullmqJobs['deadJobs']>> = [];
    for (let i = 0; i < 100 && dead.length === 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      dead = await jobs.deadJobs();
    }
    assert.deepEqual(dead.map((d) => [d.name, d.attemptsMade, d.failedReason]), [['b-dead', 2, 'nope']]);
  });
});
