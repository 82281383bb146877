import { randomUUID } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ALIASES, type Alias } from './model-registry.js';

const VERSION_RE = /^v\d{1,9}$/;
const SETTLED = 'settled.json';
const LOCK = 'lock';
const CHANGING = 'changing-';
const LOCK_WAIT_MS = 2_000;
/**
 * This process among all that ever had its pid: a container restarted as PID 1 must not take a
 * marker or lock left by the previous PID 1 for its own.
 */
const INCARNATION = randomUUID();
/** A lock directory this old without its holder's pid was left by a process that died taking it. */
const ORPHAN_LOCK_MS = 10_000;

interface SettledFile {
  database: string;
  aliases: Partial<Record<Alias, string>>;
}

/**
 * Where the aliases of the embedded registry pointed after its last change, kept beside the
 * artifact store (`<store>/aliases/settled.json`), so `warden score` with the default
 * `production` needs no database boot (~2 s for PGlite) — only a version index entry (see
 * `version-index.ts`) for the version it names.
 *
 * Aliases move, so the file is only an answer while no change is under way and every change
 * so far has rewritten it: a change first leaves a `changing-*` marker and removes the file,
 * then commits to the database, then (when no other change is under way) writes the file from
 * what the database says now, and removes its marker. Both steps run under a lock directory,
 * so one change's rewrite cannot land over another's removal. A reader trusts the file only
 * when there is no marker (a change that crashed midway leaves one: readers then ask the
 * database until the next change clears it) and when it names the database it is read for (a
 * recreated database has its own identity). Without a file, or with any doubt, the caller asks
 * the database, whose answer is authoritative.
 */
export class AliasIndex {
  readonly #dir: string;
  readonly #database: () => Promise<string | null>;
  /** This process's markers whose change ended without the lock: left in place (readers ask the database) until a locked rewrite. */
  readonly #abandoned = new Set<string>();

  /**
   * @param storeRoot the artifact store's root (`<dataDir>/artifacts`)
   * @param database the identity of the embedded database (null while it does not exist)
   */
  constructor(storeRoot: string, database: () => Promise<string | null>) {
    this.#dir = join(storeRoot, 'aliases');
    this.#database = database;
  }

  /** The version `alias` points at, or null when the index cannot vouch for it now. */
  async lookup(alias: string): Promise<string | null> {
    if (!(ALIASES as readonly string[]).includes(alias)) return null;
    let names: string[];
    let file: Partial<SettledFile>;
    try {
      names = await readdir(this.#dir);
      file = JSON.parse(await readFile(join(this.#dir, SETTLED), 'utf8')) as Partial<SettledFile>;
    } catch {
      return null; // missing or torn
    }
    if (changing(names)) return null;
    const database = await this.#database();
    if (database === null || file.database !== database || typeof file.aliases !== 'object' || file.aliases === null) return null;
    const version = (file.aliases as Record<string, unknown>)[alias];
    return typeof version === 'string' && VERSION_RE.test(version) ? version : null;
  }

  /**
   * Runs `commit` (the database change of aliases) inside the protocol above; `current` reads
   * the aliases back from the database afterwards. Keeping the index fails no change that it
   * lets start: at worst the file is gone and readers ask the database. A change is refused,
   * before its commit, only when the old file can be neither marked nor removed.
   */
  async change<T>(commit: () => Promise<T>, current: () => Promise<Partial<Record<Alias, string>>>): Promise<T> {
    const marker = join(this.#dir, `${CHANGING}${process.pid}-${INCARNATION}-${randomUUID()}`);
    const settled = join(this.#dir, SETTLED);
    let marked = false;
    const unsettle = async () => {
      try {
        await writeFile(marker, `${process.pid}\n`);
        marked = true;
      } finally {
        // even when the marker cannot be written: the file must not outlive this change
        await rm(settled, { force: true });
      }
    };
    // without the lock (held too long), unsettle anyway
    await this.#locked(unsettle).catch(() => unsettle().catch(() => undefined));
    // no marker and a file that would still vouch for the old aliases (a read-only store): refuse the change
    if (!marked && (await stat(settled).then(() => true, () => false))) throw new Error(`cannot clear the alias index ${settled}; remove it, or make the directory writable`);
    try {
      return await commit();
    } finally {
      await this.#locked(async () => {
        await rm(marker, { force: true });
        await this.#rewrite(current);
      }).catch(() => {
        // Not without the lock: a rewrite that read the aliases before this commit may still land,
        // and only this marker keeps readers from trusting it. The next locked rewrite clears it.
        this.#abandoned.add(marker);
      });
    }
  }

  /**
   * Writes the file from the database's answer, by a process that holds the database alone
   * (a one-shot command on the embedded PGlite: no change can be under way elsewhere).
   */
  async record(current: () => Promise<Partial<Record<Alias, string>>>): Promise<void> {
    await this.#locked(() => this.#rewrite(current));
  }

  /**
   * Under the lock: writes the file from the database's answer unless a change is under way
   * (its marker, once stale ones are cleared). Read under the lock, after the marker check, so
   * a change cannot commit in between unseen.
   */
  async #rewrite(current: () => Promise<Partial<Record<Alias, string>>>): Promise<void> {
    await this.#clearStaleMarkers();
    if (changing(await readdir(this.#dir))) return;
    await this.#writeSettled(await current());
  }

  async #writeSettled(aliases: Partial<Record<Alias, string>>): Promise<void> {
    const database = await this.#database();
    if (database === null) return;
    const tmp = join(this.#dir, `.settled.${process.pid}.${randomUUID()}.tmp`);
    try {
      await writeFile(tmp, `${JSON.stringify({ database, aliases } satisfies SettledFile)}\n`);
      await rename(tmp, join(this.#dir, SETTLED));
    } finally {
      await rm(tmp, { force: true });
    }
  }

  /** Markers of processes that are gone (a change that crashed midway). */
  async #clearStaleMarkers(): Promise<void> {
    // this process's abandoned changes have committed: the rewrite that follows reads them back
    for (const m of this.#abandoned) await rm(m, { force: true });
    this.#abandoned.clear();
    for (const name of await readdir(this.#dir)) {
      if (!name.startsWith(CHANGING)) continue;
      if (!heldByLiveProcess(name.slice(CHANGING.length).replace('-', ' '))) await rm(join(this.#dir, name), { force: true });
    }
  }

  /** Runs fn holding the lock directory (taken over from a holder that is gone); throws when it cannot be had in time. */
  async #locked(fn: () => Promise<void>): Promise<void> {
    await mkdir(this.#dir, { recursive: true });
    const lock = join(this.#dir, LOCK);
    const deadline = Date.now() + LOCK_WAIT_MS;
    for (;;) {
      try {
        await mkdir(lock);
        await writeFile(join(lock, 'pid'), `${process.pid} ${INCARNATION}\n`);
        break;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
        const holder = await readFile(join(lock, 'pid'), 'utf8').catch(() => null);
        const orphan = holder === null ? await stat(lock).then((s) => Date.now() - s.mtimeMs > ORPHAN_LOCK_MS, () => false) : !heldByLiveProcess(holder.trim());
        if (orphan) {
          // Taken over by a rename, which only one of several waiters can win, then removed.
          const tomb = `${lock}.stale.${randomUUID()}`;
          if (await rename(lock, tomb).then(() => true, () => false)) await rm(tomb, { recursive: true, force: true });
          continue;
        }
        if (Date.now() > deadline) throw new Error(`alias index lock held by ${holder}`);
        await new Promise((r) => setTimeout(r, 5));
      }
    }
    try {
      await fn();
    } finally {
      await rm(lock, { recursive: true, force: true });
    }
  }
}

/** Whether a directory listing holds a change's marker. */
function changing(names: readonly string[]): boolean {
  return names.some((n) => n.startsWith(CHANGING));
}

/** Whether "pid incarnation[-…]" names a process still running: another live pid, or this very process. */
function heldByLiveProcess(holder: string): boolean {
  const [pidText, incarnation = ''] = holder.split(' ');
  const pid = Number(pidText);
  if (pid === process.pid) return incarnation.startsWith(INCARNATION);
  return alive(pid);
}

function alive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
