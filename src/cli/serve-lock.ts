/**
 * The CLI's view of `warden serve`'s lock on the embedded database. The server module owns
 * the lock (serving/server.ts); these copies exist because importing that module to read a
 * file name pulls in the whole HTTP stack (~1 s of CPU), which a one-shot command opening the
 * registry should not pay. serve-lock.matches-server.test.ts keeps the two in step.
 */

/** The file `warden serve` writes its pid to, in the data directory. */
export const SERVE_LOCK_FILE = 'serve.pid';

/** True when a process with this pid exists (EPERM: it exists but is not ours). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
