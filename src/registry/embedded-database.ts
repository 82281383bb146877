import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { AliasIndex } from './alias-index.js';

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
 * The alias index of the registry on `dataDir`'s embedded database (see alias-index.ts), or
 * null when the registry lives in a database at `databaseUrl`: a shared PostgreSQL that other
 * data directories may change, and that answers in milliseconds without a boot.
 */
export function aliasIndexFor(dataDir: string, databaseUrl: string | null | undefined): AliasIndex | null {
  return databaseUrl ? null : new AliasIndex(join(dataDir, 'artifacts'), () => embeddedDatabaseId(dataDir));
}
