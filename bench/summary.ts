/** The headline figures of each bench's result, with their targets, for the run-all table. */

export interface SummaryRow {
  bench: string;
  figure: string;
  value: number | string;
  target: string;
  /** '✓', '✗', or '' when the figure has no target. */
  met: string;
}

type Json = Record<string, unknown>;

/** Reads a dotted path ('pglite.saturation.requestsPerSecond') out of a result; undefined if absent. */
export function pick(obj: unknown, path: string): unknown {
  let cur: unknown = obj;
  for (const key of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Json)[key];
  }
  return cur;
}

interface Headline {
  bench: string;
  figure: string;
  path: string;
  /** 'min' means the value must be ≥ target, 'max' that it must be ≤ target. */
  goal?: { kind: 'min' | 'max'; target: number; unit?: string };
}

const HEADLINES: Headline[] = [
  { bench: 'score', figure: 'detector.score msg/CPU-s', path: 'score.perCpuSecond', goal: { kind: 'min', target: 200_000 } },
  { bench: 'score', figure: 'triage msg/CPU-s', path: 'triage.perCpuSecond', goal: { kind: 'min', target: 50_000 } },
  { bench: 'score', figure: 'model load ms', path: 'load.loadMsMedian', goal: { kind: 'max', target: 1000 } },
  { bench: 'score', figure: 'RSS after load MB', path: 'load.rssAfterLoadMB', goal: { kind: 'max', target: 100 } },
  { bench: 'cli-score', figure: 'warden score rows/s (wall)', path: 'rowsPerWallSecond', goal: { kind: 'min', target: 70_000 } },
  // issue 2's own definition: 10× scikit-learn's in-process rate, both measured side by side
  { bench: 'relative-speed', figure: 'warden score ÷ scikit-learn in-process (repeated rows)', path: 'medians.cliOverSklearn', goal: { kind: 'min', target: 10 } },
  { bench: 'relative-speed', figure: 'warden score ÷ scikit-learn in-process (distinct rows)', path: 'medians.cliDistinctOverSklearn', goal: { kind: 'min', target: 10 } },
  { bench: 'relative-speed', figure: 'detector.score ÷ scikit-learn in-process', path: 'medians.inProcessOverSklearn' },
  { bench: 'train', figure: 'warden train s (wall)', path: 'wallSecondsMedian', goal: { kind: 'max', target: 30 } },
  { bench: 'http', figure: 'POST /v1/score req/s', path: 'pglite.saturation.requestsPerSecond', goal: { kind: 'min', target: 10_000 } },
  { bench: 'http', figure: 'POST /v1/score req/server-CPU-s', path: 'pglite.saturation.requestsPerServerCpuSecond' },
  { bench: 'http', figure: 'bare Fastify req/s', path: 'bareFastify.requestsPerSecond' },
  { bench: 'http', figure: 'bare Fastify req/server-CPU-s', path: 'bareFastify.requestsPerServerCpuSecond' },
  { bench: 'http', figure: 'open loop 2k/s p99 ms', path: 'pglite.openLoop.latencyMs.p99', goal: { kind: 'max', target: 20 } },
  { bench: 'http', figure: 'open loop 2k/s p99 ms, right after a burst', path: 'pglite.openLoopAfterBurst.latencyMs.p99', goal: { kind: 'max', target: 20 } },
  { bench: 'http', figure: 'batch of 100 msg/s', path: 'pglite.batch.messagesPerSecond', goal: { kind: 'min', target: 150_000 } },
  { bench: 'http', figure: 'log cost, PGlite', path: 'pglite.logCost', goal: { kind: 'max', target: 0.1 } },
  { bench: 'http', figure: 'log cost, PostgreSQL', path: 'postgres.logCost', goal: { kind: 'max', target: 0.1 } },
];

/** Headline rows for the known benches, the numeric top-level fields of the others, errors as rows. */
export function summaryRows(results: Readonly<Record<string, unknown>>): SummaryRow[] {
  const rows: SummaryRow[] = [];
  for (const [bench, result] of Object.entries(results)) {
    const error = pick(result, 'error');
    if (typeof error === 'string') {
      rows.push({ bench, figure: 'FAILED', value: error.split('\n')[0].slice(0, 60), target: '', met: '✗' });
      continue;
    }
    const heads = HEADLINES.filter((h) => h.bench === bench);
    if (heads.length === 0) {
      for (const [k, v] of Object.entries(result as Json)) {
        if (typeof v === 'number' && k !== 'benchSeconds') rows.push({ bench, figure: k, value: v, target: '', met: '' });
      }
      const mean = pick(result, 'mean');
      if (mean && typeof mean === 'object') {
        for (const [k, v] of Object.entries(mean as Json)) if (typeof v === 'number') rows.push({ bench, figure: `mean ${k}`, value: Math.round(v * 1e4) / 1e4, target: '', met: '' });
      }
      continue;
    }
    for (const h of heads) {
      const v = pick(result, h.path);
      if (typeof v !== 'number') continue;
      const met = !h.goal ? '' : (h.goal.kind === 'min' ? v >= h.goal.target : v <= h.goal.target) ? '✓' : '✗';
      rows.push({ bench, figure: h.figure, value: v, target: h.goal ? `${h.goal.kind === 'min' ? '≥' : '≤'} ${h.goal.target}` : '', met });
    }
  }
  return rows;
}
