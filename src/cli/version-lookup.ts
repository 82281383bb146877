/**
 * Resolving `--model vN` without booting the embedded database, through the version index
 * kept beside the artifact store (see registry/version-index.ts).
 */
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { VersionIndex } from '../registry/version-index.js';

/**
 * The embedded PGlite cluster's system identifier: the first 8 bytes of `global/pg_control`,
 * chosen at initdb and unique per cluster, so a deleted and recreated database has another
 * one. PGlite runs PostgreSQL in WebAssembly, which is little-endian on every host. Null when
 * the cluster does not exist yet.
 */
export async function embeddedDatabaseId(dataDir: string): Promise<string | null> {
  let handle;
  try {
    handle = await open(join(dataDir, 'pglite', 'global', 'pg_control'), 'r');
  } catch {
    return null;
  }
  try {
    const buf = Buffer.alloc(8);
    const { bytesRead } = await handle.read(buf, 0, 8, 0);
    return bytesRead === 8 ? `pglite:${buf.readBigUInt64LE(0)}` : null;
  } finally {
    await handle.close();
  }
}

/**
 * The version index for the embedded registry of `dataDir`, or null when it cannot be used:
 * with DATABASE_URL the registry is a shared PostgreSQL that other data directories may also
 * write to, and connecting to it costs milliseconds rather than a database boot, so versions
 * are resolved there.
 */
export async function versionIndexAt(dataDir: string, env: NodeJS.ProcessEnv): Promise<VersionIndex | null> {
  if (env.DATABASE_URL) return null;
  const id = await embeddedDatabaseId(dataDir);
  return id === null ? null : new VersionIndex(join(dataDir, 'artifacts'), id);
}
