/**
 * Drift statistics over 1,000,000 logged predictions (target: under 5 s). The rows are made
 * by one INSERT … SELECT generate_series (30 days, 40 distinct realistic texts with their tags,
 * scores from a fixed hash; 20,000 analyst labels), then each monitoring computation is timed
 * on day windows over the whole range: drift (PSI + tags + KS features + OOV sample),
 * performance from feedback, data quality. PGlite always; PostgreSQL at
 * postgres://postgres@127.0.0.1:5432/test in an isolated schema when reachable.
 * Run: `node dist/bench/drift.bench.js` → bench/results/drift.json.
 */
import { computeDrift, computePerformance, computeQuality, resolveRange } from '../src/monitoring/index.js';
import { tagText } from '../src/rules/index.js';
import { openDatabase, type Database, type DatabaseConfig } from '../src/storage/index.js';
import { buildReference } from '../src/training/reference.js';
import { isMain, loadAverage, machineNote, round, writeResult } from './measure.js';
import { loadUciTexts } from './uci-texts.js';

const ROWS = 1_000_000;
const LABELS = 20_000;
const FROM = new Date('2026-01-01T00:00:00Z');
const TO = new Date('2026-01-31T00:00:00Z');

async function fill(store: Database, texts: string[]): Promise<number> {
  const tags = texts.map((t) => JSON.stringify(tagText(t).map((x) => x.tag)));
  const t0 = performance.now();
  const span = (TO.getTime() - FROM.getTime()) / 1000;
  // Scores: a fixed hash of the row number, skewed low like real traffic; the second half of
  // the month shifted up, so the drift has something to find.
  await store.executeSql(
    `insert into predictions (id, created_at, text, text_sha256, text_length, risk_score, label, is_threat, threshold, model_version, tags, latency_us, source)
     select lpad(to_hex(i), 12, '0') || '-bench',
       $1::timestamptz + make_interval(secs => (i::float8 / $2) * $3),
       t.text, md5(t.text || i), length(t.text),
       least(1, power(((i * 2654435761::bigint) % 1000003)::float8 / 1000003, 3) + case when i > $2 / 2 then 0.15 else 0 end),
       'benign', false, 0.5, 'v1', t.tags::jsonb, 100, 'bench'
     from generate_series(1, $2::int) as i
     join lateral (select ($4::text[])[1 + i % $5] as text, ($6::text[])[1 + i % $5] as tags) t on true`,
    [FROM.toISOString(), ROWS, span, texts, texts.length, tags],
  );
  await store.executeSql(
    `insert into feedback (id, prediction_id, text_sha256, label, is_current)
     select p.id || '-fb', p.id, p.text_sha256, case when p.risk_score > 0.5 then 'spam' else 'benign' end, true
     from predictions p where (('x' || substr(p.id, 1, 12))::bit(48)::bigint) % ($1::int / $2::int) = 0`,
    [ROWS, LABELS],
  );
  await store.executeSql('analyze predictions');
  await store.executeSql('analyze feedback');
  return performance.now() - t0;
}

async function timeIt<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const t0 = performance.now();
  const r = await fn();
  return [performance.now() - t0, r];
}

async function measure(config: DatabaseConfig, label: string): Promise<Record<string, unknown>> {
  const store = await openDatabase(config);
  try {
    const uci = loadUciTexts();
    const texts = uci.slice(0, 40);
    const scores = Float64Array.from(uci, (_, i) => Math.pow(((i * 2654435761) % 1000003) / 1000003, 3));
    const reference = buildReference({ rawTexts: uci, scores, rules: null });
    const fillMs = await fill(store, texts);
    const range = resolveRange({ window: 'day', from: FROM, to: TO });
    const [driftMs, drift] = await timeIt(() => computeDrift(store.db, reference, range));
    const [driftMs2] = await timeIt(() => computeDrift(store.db, reference, range));
    const [perfMs, perf] = await timeIt(() => computePerformance(store.db, range));
    const [qualityMs] = await timeIt(() => computeQuality(store.db, range));
    const rows = drift.overall?.count ?? 0;
    const actDays = drift.windows.filter((w) => w.band === 'act').length;
    return {
      [`${label}Rows`]: rows,
      [`${label}FillSeconds`]: round(fillMs / 1000, 1),
      [`${label}DriftMs`]: Math.round(driftMs),
      [`${label}DriftRepeatMs`]: Math.round(driftMs2),
      [`${label}PerformanceMs`]: Math.round(perfMs),
      [`${label}QualityMs`]: Math.round(qualityMs),
      [`${label}Windows`]: drift.windows.length,
      [`${label}ActDays`]: actDays,
      [`${label}Labels`]: perf.versions[0]?.total.labels ?? 0,
    };
  } finally {
    if (config.kind === 'postgres' && config.schema) await store.executeSql(`drop schema ${config.schema} cascade`).catch(() => {});
    await store.close();
  }
}

/** Runs the drift bench and writes `bench/results/drift.json`. */
export async function runDriftBench(): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = { rows: ROWS, ...machineNote(), loadAverageBefore: loadAverage() };
  Object.assign(out, await measure({ kind: 'pglite', dataDir: null }, 'pglite'));
  const schema = `drift_bench_${process.pid}`;
  try {
    Object.assign(out, await measure({ kind: 'postgres', url: process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test', schema, poolSize: 2 }, 'postgres'));
  } catch (err) {
    out.postgres = `skipped: ${(err as Error).message}`;
  }
  out.loadAverageAfter = loadAverage();
  writeResult('drift', out);
  return out;
}

if (isMain(import.meta.url)) {
  const r = await runDriftBench();
  for (const [k, v] of Object.entries(r)) console.log(`${k.padEnd(28)} ${typeof v === 'number' ? v.toLocaleString('en-GB') : JSON.stringify(v)}`);
}
