import { setFlagsFromString } from 'node:v8';

/**
 * V8 settings for the cluster's processes, measured on the batch leg of the HTTP bench with the
 * prediction log on PGlite (docs/benchmarks.md, stop 14). An operator's own choice always wins.
 */

/**
 * The young generation of an HTTP worker, in MB a semi-space (V8's default here is 16). A
 * worker's prediction records live until their batch is written (~30 ms to fill 500 rows, ~30 ms
 * more for the primary's answer under load), so with the default semi-space every scavenge
 * copied them and promoted ~1.5 MB, which only full collections free again. At 32 they die
 * young: ~10% more messages a second, for up to 48 MB more memory a worker.
 */
export const WORKER_SEMI_SPACE_MB = 32;

/**
 * How far the primary's old generation may grow past what its last full collection kept, in
 * percent (V8 picks ~33% for a heap this small). The primary owns PGlite and receives every
 * worker's batches; with ~27 MB live it ran a full mark-compact every ~350 ms under load,
 * freeing ~1.5 MB each. At 300% it ran 2 in 8 s, and its CPU fell from 0.44–0.50 to 0.32–0.37
 * cores, for up to ~80 MB more memory.
 */
export const PRIMARY_HEAP_GROWING_PERCENT = 300;

const SEMI_SPACE_FLAG = /^--max[-_]semi[-_]space[-_]size(?:=|$)/;
const GROWING_FLAG = /^--heap[-_]growing[-_]percent(?:=|$)/;

function chosen(flag: RegExp, execArgv: readonly string[], nodeOptions: string): boolean {
  return [...execArgv, ...nodeOptions.split(/\s+/)].some((a) => flag.test(a));
}

/** The Node.js flags a worker starts with: the primary's own, plus a larger young generation unless one was chosen. */
export function workerExecArgv(execArgv: readonly string[], nodeOptions = ''): string[] {
  return chosen(SEMI_SPACE_FLAG, execArgv, nodeOptions) ? [...execArgv] : [...execArgv, `--max-semi-space-size=${WORKER_SEMI_SPACE_MB}`];
}

/**
 * The flag the primary sets on itself at start (V8 reads it at every full collection, so it
 * takes effect from the next one), or null when the operator chose a value on the command line
 * (Node.js refuses this flag in NODE_OPTIONS).
 */
export function primaryHeapFlag(execArgv: readonly string[]): string | null {
  return chosen(GROWING_FLAG, execArgv, '') ? null : `--heap-growing-percent=${PRIMARY_HEAP_GROWING_PERCENT}`;
}

/** Applies {@link primaryHeapFlag} to this process. */
export function tunePrimaryHeap(execArgv: readonly string[]): void {
  const flag = primaryHeapFlag(execArgv);
  if (flag) setFlagsFromString(flag);
}
