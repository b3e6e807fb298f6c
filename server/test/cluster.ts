import { rmSync } from 'node:fs';
import { after } from 'node:test';
import { connect, type Db } from '../db/connect.js';
import type { Env } from '../env.js';
import { isolatedDatabase, testEnv } from './harness.js';
import { startParleyServer, type NodeProcess } from './server-process.js';

/** Two (or more) nodes of one installation and what a test needs beside them. */
export interface Cluster {
  nodes: NodeProcess[];
  /** A connection to their database, for building rows with the factories. */
  db: Db;
  /** The env the factories use (the nodes' secret). */
  env: Env;
}

/**
 * `parley serve` nodes of one installation: one fresh database, one Redis (keys under a
 * prefix of this run), one SECRET_KEY_BASE; started one after the other (the first
 * migrates the fresh schema). Everything is stopped and dropped after the test file.
 */
export async function startCluster(options: { redisUrl: string; secretKeyBase: string; nodes?: number; env?: Record<string, string> }): Promise<Cluster> {
  const database = await isolatedDatabase();
  const env = testEnv(database.url, { secretKeyBase: options.secretKeyBase });
  const db = connect(database.url, { poolSize: 2 });
  after(async () => {
    await db.close();
    await database.dropAll();
    rmSync(env.dataDir, { recursive: true, force: true });
  });
  const prefix = `parley-test-${process.pid}-${Date.now()}`;
  const nodes: NodeProcess[] = [];
  for (let i = 0; i < (options.nodes ?? 2); i++) {
    const node = await startParleyServer({
      databaseUrl: database.url, redisUrl: options.redisUrl, secretKeyBase: options.secretKeyBase, env: { REDIS_PREFIX: prefix, ...options.env },
    });
    after(() => node.stop());
    nodes.push(node);
  }
  return { nodes, db, env };
}
