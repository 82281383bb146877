/**
 * The young generation of an HTTP worker, in MB a semi-space (V8's default here is 16). A
 * worker's prediction records live until their batch is written (~30 ms to fill 500 rows, ~30 ms
 * more for the primary's answer under load), so with the default semi-space every scavenge
 * copied them and promoted ~1.5 MB, which only full collections free again. At 32 they die
 * young: batches of 100 texts logged to PGlite served ~10% more messages a second
 * (docs/benchmarks.md, stop 14), for up to 48 MB more memory a worker.
 */
export const WORKER_SEMI_SPACE_MB = 32;

const SEMI_SPACE_FLAG = /^--max[-_]semi[-_]space[-_]size(?:=|$)/;

/**
 * The Node.js flags a worker starts with: the primary's own, plus a larger young generation
 * unless the operator already chose one (on the command line or in NODE_OPTIONS).
 */
export function workerExecArgv(execArgv: readonly string[], nodeOptions = ''): string[] {
  const chosen = [...execArgv, ...nodeOptions.split(/\s+/)].some((a) => SEMI_SPACE_FLAG.test(a));
  return chosen ? [...execArgv] : [...execArgv, `--max-semi-space-size=${WORKER_SEMI_SPACE_MB}`];
}
