import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { MANIFEST_FILE } from '../artifact/model-files.js';
import { loadDetector } from '../detector/load-detector.js';
import type { Detector } from '../detector/detector.js';
import { wardenError } from '../errors.js';
import type { DbRegistry } from '../registry/db-registry.js';
import { ALIASES, type ModelRegistry } from '../registry/model-registry.js';
import type { Database } from '../storage/index.js';
import type { Io } from './command.js';
import { isAlive, SERVE_LOCK_FILE } from './serve-lock.js';
import { aliasIndexAt, versionIndexAt } from './version-lookup.js';

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
 * directory is a clear CONFLICT rather than a corrupted database. The storage modules are
 * imported here, not at the top: a command that never opens the database (scoring with a
 * model directory or an indexed version) then does not load the drivers at all.
 */
export async function openRegistry(dir: string, env: NodeJS.ProcessEnv = process.env): Promise<OpenRegistry> {
  const [{ ModelRegistryRepository, openDatabase }, { dbRegistryAt }] = await Promise.all([import('../storage/index.js'), import('../registry/db-registry.js')]);
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
  return { registry: dbRegistryAt(new ModelRegistryRepository(database.db), dir, { aliasIndex: aliasIndexAt(dir, env) }), database, close: () => database.close() };
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

/**
 * Notes what the database said a version is in the version index. The index is only a
 * shortcut, so failing to write it (a read-only data directory) must not fail the command.
 */
async function remember(dir: string, env: NodeJS.ProcessEnv, found: { version: string; dir: string }): Promise<void> {
  try {
    await (await versionIndexAt(dir, env))?.record(found.version, basename(found.dir));
  } catch {
    // the next run asks the database again
  }
}

/**
 * A version or alias → its artifact. A version the version index vouches for, or an alias the
 * alias index vouches for whose version it does, is answered without opening the database;
 * anything else (unindexed versions, an alias during or after an interrupted change, bad
 * references, whose errors the database phrases) is asked of the database, and what it finds
 * is indexed for next time (the aliases while this process holds the embedded database alone,
 * so no change can slip in between).
 */
async function resolveRef(dir: string, ref: string, env: NodeJS.ProcessEnv): Promise<{ version: string; dir: string }> {
  const versions = await versionIndexAt(dir, env);
  const version = (await aliasIndexAt(dir, env)?.lookup(ref)) ?? ref;
  const indexed = await versions?.lookup(version);
  if (indexed) return { version, dir: indexed };
  const found = await withRegistry(
    dir,
    async (r) => {
      const answer = await r.resolve(ref);
      if (r.aliasIndex && (ALIASES as readonly string[]).includes(ref)) await r.aliasIndex.record(() => r.aliases()).catch(() => undefined);
      return answer;
    },
    env,
  );
  await remember(dir, env, found);
  return found;
}

/** A registry handle for one-shot commands: each call opens the database and closes it again. */
export function registryAt(dir: string, env: NodeJS.ProcessEnv = process.env): ModelRegistry {
  return {
    root: join(dir, 'artifacts'),
    list: () => withRegistry(dir, (r) => r.list(), env),
    resolve: (ref) => resolveRef(dir, ref, env),
    register: async (modelDir, actor, options) => {
      const registered = await withRegistry(dir, (r) => r.register(modelDir, actor, options), env);
      await remember(dir, env, registered);
      return registered;
    },
    promote: (version, actor, alias) => withRegistry(dir, (r) => r.promote(version, actor, alias), env),
    rollback: (actor, reason) => withRegistry(dir, (r) => r.rollback(actor, reason), env),
    aliases: () => withRegistry(dir, (r) => r.aliases(), env),
    audit: () => withRegistry(dir, (r) => r.audit(), env),
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
  return loadDetector(dir, version);
}
