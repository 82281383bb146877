import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { MANIFEST_FILE } from '../artifact/model-files.js';

const VERSION_RE = /^v\d{1,9}$/;
const SHA256 = /^[0-9a-f]{64}$/;

/** One entry: version `version` of database `database` is the artifact `artifact`. */
interface VersionEntry {
  version: string;
  artifact: string;
  database: string;
}

/**
 * Which artifact each registered version names, kept beside the content-addressed store as
 * `<store>/versions/<vN>.json`, so a one-shot command can load `v3` without booting the
 * database (~1.5 s for the embedded PGlite). Sound because a version never changes its
 * artifact once registered. Every entry names the database it was read from: a database
 * recreated in the same data directory numbers its versions afresh, and its `v3` may be another
 * model, so an entry from another database is ignored (and overwritten when re-read).
 * Aliases are not indexed: they move, and only the database knows where they point now.
 */
export class VersionIndex {
  readonly #dir: string;
  readonly #storeRoot: string;
  readonly #database: string;

  /**
   * @param storeRoot the artifact store's root (`<dataDir>/artifacts`)
   * @param database the identity of the database the versions come from
   */
  constructor(storeRoot: string, database: string) {
    this.#storeRoot = storeRoot;
    this.#dir = join(storeRoot, 'versions');
    this.#database = database;
  }

  /**
   * The artifact directory of `version`, or null when the index cannot vouch for it (not a
   * version, never recorded, recorded from another database, or the artifact is gone): the
   * caller then asks the database, which has the authoritative answer and error messages.
   */
  async lookup(version: string): Promise<string | null> {
    if (!VERSION_RE.test(version)) return null;
    let entry: Partial<VersionEntry>;
    try {
      entry = JSON.parse(await readFile(join(this.#dir, `${version}.json`), 'utf8')) as Partial<VersionEntry>;
    } catch {
      return null; // missing or torn: not an answer
    }
    if (entry.version !== version || entry.database !== this.#database || typeof entry.artifact !== 'string' || !SHA256.test(entry.artifact)) return null;
    const dir = join(this.#storeRoot, entry.artifact);
    return existsSync(join(dir, MANIFEST_FILE)) ? dir : null;
  }

  /** Records what the database said `version` is; written aside and renamed, so readers never see half an entry. */
  async record(version: string, artifact: string): Promise<void> {
    if (!VERSION_RE.test(version) || !SHA256.test(artifact)) return;
    const entry: VersionEntry = { version, artifact, database: this.#database };
    await mkdir(this.#dir, { recursive: true });
    const tmp = join(this.#dir, `.${version}.${process.pid}.${randomUUID()}.tmp`);
    try {
      await writeFile(tmp, `${JSON.stringify(entry)}\n`);
      await rename(tmp, join(this.#dir, `${version}.json`));
    } finally {
      await rm(tmp, { force: true });
    }
  }
}
