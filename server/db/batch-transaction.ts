import type { ControlledTransaction, Kysely, Transaction } from 'kysely';
import type { Database } from './schema.js';

interface Chunk<R> {
  trx: ControlledTransaction<Database>;
  openedAt: number;
  results: R[];
}

/**
 * The writes of many small units of work (an outbox consumer's events) in few transactions:
 * each unit runs in a savepoint of the open transaction, so a unit that throws rolls back its
 * own writes only; the transaction commits once it has been open `budgetMs`, and at finish().
 * One COMMIT per chunk instead of one per unit. On SQLite the open transaction holds the one
 * connection, so other work waits for it about a budget at most.
 *
 * A commit that fails loses the chunk's units, which had already returned: finish() then
 * throws, so the caller can treat every unit of the run as failed (and run them again; units
 * must be idempotent).
 */
export class BatchTransaction<R> {
  private open: Chunk<R> | null = null;
  private failure: unknown = null;

  /** `committed` runs after each commit with the results of the units it made durable. */
  constructor(
    private readonly db: Kysely<Database>,
    private readonly budgetMs: number,
    private readonly committed: (results: R[]) => Promise<void>,
  ) {}

  /** Runs one unit in a savepoint of the open transaction (opening one if needed); its error is rethrown after rolling it back. */
  async run(unit: (tx: Transaction<Database>) => Promise<R>): Promise<R> {
    const chunk = this.open ?? await this.begin();
    const point = await chunk.trx.savepoint('unit').execute();
    let result: R;
    try {
      result = await unit(point);
    } catch (error) {
      await this.undo(point, error);
      throw error;
    }
    await point.releaseSavepoint('unit').execute();
    chunk.results.push(result);
    if (performance.now() - chunk.openedAt >= this.budgetMs) {
      await this.commit();
    }
    return result;
  }

  /** Commits what is open; throws when this or an earlier commit of the run failed. */
  async finish(): Promise<void> {
    await this.commit();
    if (this.failure !== null) {
      throw this.failure;
    }
  }

  /** Rolls a failed unit back to its savepoint; if even that fails, the whole chunk is lost (finish() will say so). */
  private async undo(point: ControlledTransaction<Database, ['unit']>, error: unknown): Promise<void> {
    try {
      const back = await point.rollbackToSavepoint('unit').execute();
      await back.releaseSavepoint('unit').execute();
    } catch {
      const chunk = this.open;
      this.open = null;
      this.failure ??= error;
      await chunk?.trx.rollback().execute().catch(() => undefined);
    }
  }

  private async begin(): Promise<Chunk<R>> {
    const trx = await this.db.startTransaction().execute();
    this.open = { trx, openedAt: performance.now(), results: [] };
    return this.open;
  }

  private async commit(): Promise<void> {
    const chunk = this.open;
    if (!chunk) {
      return;
    }
    this.open = null;
    try {
      await chunk.trx.commit().execute();
    } catch (error) {
      this.failure ??= error;
      await chunk.trx.rollback().execute().catch(() => undefined);
      return;
    }
    try {
      await this.committed(chunk.results);
    } catch (error) {
      this.failure ??= error;
    }
  }
}
