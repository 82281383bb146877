/**
 * Resolving `--model vN` (and aliases such as the default `production`) without booting the
 * embedded database, through the version and alias indexes kept beside the artifact store
 * (see registry/version-index.ts and registry/alias-index.ts).
 */
import { join } from 'node:path';
import type { AliasIndex } from '../registry/alias-index.js';
import { aliasIndexFor, embeddedDatabaseId } from '../registry/embedded-database.js';
import { VersionIndex } from '../registry/version-index.js';

export { embeddedDatabaseId };

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

/** The alias index of the embedded registry of `dataDir`, or null with DATABASE_URL (see versionIndexAt). */
export function aliasIndexAt(dataDir: string, env: NodeJS.ProcessEnv): AliasIndex | null {
  return aliasIndexFor(dataDir, env.DATABASE_URL);
}
