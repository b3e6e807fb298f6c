import {
  CompiledQuery,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type QueryCompiler,
  type QueryResult,
  type TransactionSettings,
  type UnknownRow,
} from 'kysely';
import { recall } from './read-memo.js';
import { BOOLEAN_COLUMNS, JSON_COLUMNS } from './schema.js';

/** Objects and arrays go to the driver as JSON text; booleans as 1/0 where the driver needs it. */
function toParam(value: unknown, booleansAsIntegers: boolean): unknown {
  if (value === null || value === undefined) {
    return value;
  }
  if (typeof value === 'boolean') {
    return booleansAsIntegers ? (value ? 1 : 0) : value;
  }
  if (typeof value === 'object' && !(value instanceof Date) && !Buffer.isBuffer(value)) {
    return JSON.stringify(value);
  }
  return value;
}

/** SQLite hands JSON columns back as text and booleans as 0/1: turn them back, by column name. */
function parseRow(row: UnknownRow): UnknownRow {
  for (const key in row) {
    const value = row[key];
    if (typeof value === 'string' && JSON_COLUMNS.has(key)) {
      row[key] = JSON.parse(value);
    } else if (typeof value === 'number' && BOOLEAN_COLUMNS.has(key)) {
      row[key] = value === 1;
    }
  }
  return row;
}

/**
 * One connection as the rest of Parley sees it: parameters mapped on the way in, rows
 * parsed on the way out, and reads answered from the read memo when one is active.
 */
class ValuesConnection implements DatabaseConnection {
  constructor(readonly inner: DatabaseConnection, private readonly sqlite: boolean) {}

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    const mapped = this.map(query);
    const result = await recall(mapped, () => this.inner.executeQuery<UnknownRow>(mapped));
    if (this.sqlite) {
      result.rows.forEach(parseRow);
    }
    return result as QueryResult<R>;
  }

  async *streamQuery<R>(query: CompiledQuery, chunkSize?: number): AsyncIterableIterator<QueryResult<R>> {
    for await (const result of this.inner.streamQuery<UnknownRow>(this.map(query), chunkSize)) {
      if (this.sqlite) {
        result.rows.forEach(parseRow);
      }
      yield result as QueryResult<R>;
    }
  }

  private map(query: CompiledQuery): CompiledQuery {
    const { parameters } = query;
    let changed = false;
    const mapped = parameters.map((value) => {
      const param = toParam(value, this.sqlite);
      changed ||= param !== value;
      return param;
    });
    return changed ? { ...query, parameters: mapped } : query;
  }
}

/** The engine's driver, handing out ValuesConnections and taking the engine's own back. */
class ValuesDriver implements Driver {
  constructor(private readonly inner: Driver, private readonly sqlite: boolean) {}

  init(): Promise<void> {
    return this.inner.init();
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    return new ValuesConnection(await this.inner.acquireConnection(), this.sqlite);
  }

  beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    return this.inner.beginTransaction(unwrap(connection), settings);
  }

  commitTransaction(connection: DatabaseConnection): Promise<void> {
    return this.inner.commitTransaction(unwrap(connection));
  }

  rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    return this.inner.rollbackTransaction(unwrap(connection));
  }

  async savepoint(connection: DatabaseConnection, name: string, compile: QueryCompiler['compileQuery']): Promise<void> {
    await this.inner.savepoint?.(unwrap(connection), name, compile);
  }

  async rollbackToSavepoint(connection: DatabaseConnection, name: string, compile: QueryCompiler['compileQuery']): Promise<void> {
    await this.inner.rollbackToSavepoint?.(unwrap(connection), name, compile);
  }

  async releaseSavepoint(connection: DatabaseConnection, name: string, compile: QueryCompiler['compileQuery']): Promise<void> {
    await this.inner.releaseSavepoint?.(unwrap(connection), name, compile);
  }

  releaseConnection(connection: DatabaseConnection): Promise<void> {
    return this.inner.releaseConnection(unwrap(connection));
  }

  destroy(): Promise<void> {
    return this.inner.destroy();
  }
}

function unwrap(connection: DatabaseConnection): DatabaseConnection {
  return connection instanceof ValuesConnection ? connection.inner : connection;
}

/**
 * Makes both engines read and write the same JS values: JSON columns as objects, boolean
 * columns as booleans (SQLite results are parsed by column name). Done on the compiled
 * query's parameter list and the driver's rows — one pass each, where a Kysely plugin
 * would walk every query's syntax tree. The connection is also where the read memo
 * (`read-memo.ts`) answers repeated reads.
 */
export function withValues(inner: Dialect, engine: 'sqlite' | 'postgres'): Dialect {
  const sqlite = engine === 'sqlite';
  return {
    createAdapter: () => inner.createAdapter(),
    createDriver: () => new ValuesDriver(inner.createDriver(), sqlite),
    createQueryCompiler: () => inner.createQueryCompiler(),
    createIntrospector: (db) => inner.createIntrospector(db),
  };
}
