import { PGlite } from '@electric-sql/pglite';
import { CompiledQuery, Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { wardenError } from '../errors.js';
import { migrateToLatest } from './migrate.js';
import { PGliteDialect } from './pglite-dialect.js';
import type { Schema } from './schema.js';

/** Where the data lives: embedded PGlite (a directory, or memory when null) or a PostgreSQL URL. */
export type DatabaseConfig =
  | { kind: 'pglite'; dataDir: string | null }
  | {
      kind: 'postgres';
      url: string;
      poolSize?: number;
      /** Schema to put first on search_path, created if missing (tests isolate runs this way). */
      schema?: string;
    };

/** An open, migrated database. Owned by whoever opened it; `close()` releases it. */
export interface Database {
  db: Kysely<Schema>;
  kind: 'pglite' | 'postgres';
  close(): Promise<void>;
  /** Raw SQL outside Kysely; on PGlite it queues behind Kysely's connection lock. */
  executeSql(text: string, values?: unknown[]): Promise<{ rows: any[] }>;
  /** True when a trivial query succeeds. Never throws. */
  ping(): Promise<boolean>;
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * Opens the database and runs migrations before returning.
 *
 * @example
 * ```ts
 * const store = await openDatabase({ kind: 'pglite', dataDir: './var/pglite' });
 * await store.ping(); // true
 * await store.close();
 * ```
 */
export async function openDatabase(config: DatabaseConfig): Promise<Database> {
  const opened = config.kind === 'pglite' ? await openPGlite(config.dataDir) : await openPostgres(config);
  try {
    await migrateToLatest(opened.db);
  } catch (err) {
    await opened.close().catch(() => {});
    throw err;
  }
  return opened;
}

async function openPGlite(dataDir: string | null): Promise<Database> {
  let pglite: PGlite;
  try {
    pglite = dataDir === null ? await PGlite.create() : await PGlite.create({ dataDir });
  } catch (err) {
    throw wardenError('STORAGE_UNAVAILABLE', `Cannot open PGlite data directory ${dataDir}`, { cause: err });
  }
  const db = new Kysely<Schema>({ dialect: new PGliteDialect(pglite) });
  return wrap(db, 'pglite', async () => {
    await db.destroy();
    if (!pglite.closed) await pglite.close();
  });
}

async function openPostgres(config: Extract<DatabaseConfig, { kind: 'postgres' }>): Promise<Database> {
  if (config.schema !== undefined && !SCHEMA_NAME.test(config.schema)) {
    throw wardenError('CONFIG_INVALID', `Invalid schema name ${JSON.stringify(config.schema)}`);
  }
  const pool = new pg.Pool({
    connectionString: config.url,
    max: config.poolSize ?? 10,
    connectionTimeoutMillis: 5_000,
    ...(config.schema ? { options: `-c search_path=${config.schema}` } : {}),
  });
  // An idle client losing its server emits 'error' on the pool, a client in use on itself;
  // unhandled, either would kill the process (database.postgres-connection-loss.test.ts). The
  // query in flight fails (its caller retries or answers an error), the next one reconnects.
  pool.on('error', () => {});
  pool.on('connect', (client) => client.on('error', () => {}));
  try {
    if (config.schema) await pool.query(`create schema if not exists ${config.schema}`);
    else await pool.query('select 1');
  } catch (err) {
    await pool.end().catch(() => {});
    throw wardenError('STORAGE_UNAVAILABLE', 'Cannot connect to PostgreSQL', { cause: err });
  }
  const db = new Kysely<Schema>({ dialect: new PostgresDialect({ pool }) });
  return wrap(db, 'postgres', () => db.destroy());
}

function wrap(db: Kysely<Schema>, kind: Database['kind'], close: () => Promise<void>): Database {
  let closing: Promise<void> | null = null;
  return {
    db,
    kind,
    close: () => (closing ??= close()),
    async executeSql(text, values = []) {
      const result = await db.executeQuery(CompiledQuery.raw(text, values));
      return { rows: result.rows as any[] };
    },
    async ping() {
      try {
        await db.executeQuery(CompiledQuery.raw('select 1'));
        return true;
      } catch {
        return false;
      }
    },
  };
}
