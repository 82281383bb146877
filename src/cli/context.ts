import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { MANIFEST_FILE } from '../artifact/model-files.js';
import { loadDetector } from '../detector/load-detector.js';
import type { Detector } from '../detector/detector.js';
import { wardenError } from '../errors.js';
import { dbRegistryAt, type DbRegistry } from '../registry/db-registry.js';
import type { ModelRegistry } from '../registry/model-registry.js';
import { loadRegistered } from '../serving/model-holder.js';
import { isAlive, SERVE_LOCK_FILE } from '../serving/server.js';
import { ModelRegistryRepository, openDatabase, type Database } from '../storage/index.js';
import type { Io } from './command.js';

/** Where the embedded database and the model artifacts live: --data-dir, WARDEN_DATA_DIR, or ./var. */
export function dataDir(io: Io, flag?: string): string {
  return resolve(flag ?? io.env.WARDEN_DATA_DIR ?? 'var');
}

/** The registry and the database it is open on; `close()` releases the database. */
export interface OpenRegistry {
  registry: DbRegistry;
  database: Database;
  close(): Promise<void>;
}

/**
 * Opens the database registry: PostgreSQL when DATABASE_URL is set, else the embedded PGlite
 * in `<dir>/pglite`. PGlite is single-process, so a running `warden serve` on the same data
 * directory is a clear CONFLICT rather than a corrupted database.
 */
export async function openRegistry(dir: string, env: NodeJS.ProcessEnv = process.env): Promise<OpenRegistry> {
  let database: Database;
  if (env.DATABASE_URL) database = await openDatabase({ kind: 'postgres', url: env.DATABASE_URL, poolSize: 2 });
  else {
    const lock = join(dir, SERVE_LOCK_FILE);
    const pid = existsSync(lock) ? Number(readFileSync(lock, 'utf8').trim()) : 0;
    if (pid && pid !== process.pid && isAlive(pid)) {
      throw wardenError(
        'CONFLICT',
        `warden serve (pid ${pid}) owns the embedded database in ${dir}; use the admin API instead (warden rollout/models … --url http://HOST:PORT with WARDEN_API_KEY), stop the server, or use DATABASE_URL`,
      );
    }
    mkdirSync(join(dir, 'pglite'), { recursive: true });
    database = await openDatabase({ kind: 'pglite', dataDir: join(dir, 'pglite') });
  }
  return { registry: dbRegistryAt(new ModelRegistryRepository(database.db), dir), database, close: () => database.close() };
}

/** Runs `fn` on the registry, opening the database for the call and closing it after. */
export async function withRegistry<T>(dir: string, fn: (r: DbRegistry) => Promise<T>, env: NodeJS.ProcessEnv = process.env): Promise<T> {
  const open = await openRegistry(dir, env);
  try {
    return await fn(open.registry);
  } finally {
    await open.close();
  }
}

/** A registry handle for one-shot commands: each call opens the database and closes it again. */
export function registryAt(dir: string): ModelRegistry {
  return {
    root: join(dir, 'artifacts'),
    list: () => withRegistry(dir, (r) => r.list()),
    resolve: (ref) => withRegistry(dir, (r) => r.resolve(ref)),
    register: (modelDir, actor, options) => withRegistry(dir, (r) => r.register(modelDir, actor, options)),
    promote: (version, actor, alias) => withRegistry(dir, (r) => r.promote(version, actor, alias)),
    rollback: (actor, reason) => withRegistry(dir, (r) => r.rollback(actor, reason)),
    aliases: () => withRegistry(dir, (r) => r.aliases()),
    audit: () => withRegistry(dir, (r) => r.audit()),
  };
}

/** A model directory path, or a registry version/alias (default: production). */
export async function resolveModelDir(ref: string | undefined, registry: ModelRegistry): Promise<string> {
  if (ref && existsSync(join(ref, MANIFEST_FILE))) return resolve(ref);
  return (await registry.resolve(ref ?? 'production')).dir;
}

/** Loads a model directory as is, or a registered version stamped with its registry version. */
export async function openModel(ref: string | undefined, registry: ModelRegistry): Promise<Detector> {
  if (ref && existsSync(join(ref, MANIFEST_FILE))) return loadDetector(resolve(ref));
  const { version, dir } = await registry.resolve(ref ?? 'production');
  return loadRegistered(dir, version);
}
