/**
 * Storage write throughput: 100,000 predictions inserted in batches of 500 through
 * PredictionRepository.insertMany, into PGlite on disk and into PostgreSQL (a throwaway
 * schema, dropped afterwards; skipped when unreachable). Also the synchronous cost of
 * PredictionWriter.enqueue and the end-to-end rate through the writer on PGlite, one
 * filtered list page over the 100,000 rows, and what a logged prediction costs PGlite on disk
 * (CPU and bytes). Run: `node dist/bench/storage.bench.js`
 * → bench/results/storage.json.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { loadAverage, machineNote, median, round, writeResult } from './measure.js';
import {
  createPredictionWriter,
  encodePredictions,
  openDatabase,
  preparePrediction,
  PredictionRepository,
  type Database,
  type NewPrediction,
} from '../src/storage/index.js';

const ROWS = 100_000;
const BATCH = 500;
const POSTGRES_URL = process.env.WARDEN_TEST_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

function makeRows(n: number): NewPrediction[] {
  const base = Date.parse('2025-01-01T00:00:00.000Z');
  // as traffic is: mostly benign (so the threats-only label index sees its share)
  const labels = ['benign', 'benign', 'benign', 'spam', 'benign', 'benign', 'phishing', 'benign', 'benign', 'benign'];
  return Array.from({ length: n }, (_, i) =>
    preparePrediction(
      {
        text: `Message number ${i}: claim your prize at http://example.test/${i}`,
        riskScore: (i % 1000) / 1000,
        label: labels[i % labels.length],
        isThreat: labels[i % labels.length] !== 'benign',
        threshold: 0.5,
        modelVersion: i % 2 ? 'v1' : 'v2',
        tags: labels[i % labels.length] !== 'benign' ? ['link_present'] : [],
        latencyUs: 100 + (i % 50),
        source: 'bench',
      },
      { storeText: true, now: new Date(base + i) },
    ),
  );
}

/** Inserts all rows in batches of BATCH, one segment each; returns rows per second. */
async function insertRate(store: Database, rows: NewPrediction[]): Promise<number> {
  const repo = new PredictionRepository(store.db);
  const t0 = performance.now();
  for (let i = 0; i < rows.length; i += BATCH) await repo.insertMany(rows.slice(i, i + BATCH));
  return rows.length / ((performance.now() - t0) / 1000);
}

/**
 * What a logged prediction costs the embedded database, paid by the process that owns it
 * (batches reach it encoded, from the workers): BATCH-row segments written two per statement,
 * as the coalescer groups two workers' batches, into PGlite on disk as the service keeps it,
 * after a warm-up round. CPU µs per prediction of this process (the database runs in it),
 * median of the rounds, and the bytes a prediction takes on disk. Stop 13 replaced one row per
 * prediction (37.7 µs with the schema's five indexes, 15.8 with none, on the same machine).
 */
async function pgliteSegmentCosts(): Promise<Record<string, number>> {
  const ROUND_ROWS = 20_000;
  const ROUNDS = 6; // the first is the warm-up
  const samples: number[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'warden-segment-costs-'));
  const store = await openDatabase({ kind: 'pglite', dataDir: dir });
  try {
    const repo = new PredictionRepository(store.db);
    for (let round = 0; round < ROUNDS; round++) {
      const rows = makeRows(ROUND_ROWS);
      const batches = [];
      for (let i = 0; i < rows.length; i += BATCH) batches.push(encodePredictions(rows.slice(i, i + BATCH)));
      const cpu0 = process.cpuUsage();
      for (let i = 0; i < batches.length; i += 2) await repo.insertEncoded(batches.slice(i, i + 2));
      const cpu = process.cpuUsage(cpu0);
      if (round > 0) samples.push((cpu.user + cpu.system) / ROUND_ROWS);
    }
    const { rows: size } = await store.executeSql(`select pg_total_relation_size('prediction_segments')::float8 as bytes`);
    return { pgliteSegmentCpuUsPerRow: round(median(samples), 2), pgliteBytesPerRow: Math.round(size[0].bytes / (ROUND_ROWS * ROUNDS)) };
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function listPageMs(store: Database): Promise<number> {
  const repo = new PredictionRepository(store.db);
  const t0 = performance.now();
  const page = await repo.list({ label: 'spam', minScore: 0.9 }, { limit: 100 });
  if (page.items.length !== 100) throw new Error(`expected a full page, got ${page.items.length}`);
  return performance.now() - t0;
}

async function postgresReachable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: POSTGRES_URL, connectionTimeoutMillis: 3_000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

export async function runStorageBench(): Promise<Record<string, number>> {
  const out: Record<string, number> = {};

  // on disk, as the service keeps it (see pgliteSegmentCosts)
  const liteDir = mkdtempSync(join(tmpdir(), 'warden-storage-bench-'));
  const lite = await openDatabase({ kind: 'pglite', dataDir: liteDir });
  try {
    out.pgliteInsertRowsPerSec = Math.round(await insertRate(lite, makeRows(ROWS)));
    out.pgliteListPageMs = Math.round((await listPageMs(lite)) * 10) / 10;

    // Through the buffered writer: enqueue cost (what scoring pays) and the drain rate.
    const rows = makeRows(ROWS).map((r) => ({ ...r, modelVersion: 'writer' }));
    const writer = createPredictionWriter(new PredictionRepository(lite.db), { maxBuffered: ROWS });
    const t0 = performance.now();
    for (const r of rows) writer.enqueue(r);
    const enqueueMs = performance.now() - t0;
    await writer.flush();
    const totalMs = performance.now() - t0;
    const status = await writer.close();
    if (status.written !== ROWS || status.dropped !== 0) throw new Error(`writer lost rows: ${JSON.stringify(status)}`);
    out.writerEnqueueNsPerRow = Math.round((enqueueMs * 1e6) / ROWS);
    out.pgliteWriterRowsPerSec = Math.round(ROWS / (totalMs / 1000));
  } finally {
    await lite.close();
    rmSync(liteDir, { recursive: true, force: true });
  }
  Object.assign(out, await pgliteSegmentCosts());

  if (await postgresReachable()) {
    const schema = `warden_bench_${randomBytes(6).toString('hex')}`;
    const store = await openDatabase({ kind: 'postgres', url: POSTGRES_URL, schema, poolSize: 2 });
    try {
      out.postgresInsertRowsPerSec = Math.round(await insertRate(store, makeRows(ROWS)));
      await store.executeSql('analyze prediction_segments');
      out.postgresListPageMs = Math.round((await listPageMs(store)) * 10) / 10;
    } finally {
      await store.executeSql(`drop schema ${schema} cascade`).catch(() => {});
      await store.close();
    }
  }
  return out;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const loadAtStart = loadAverage();
  const r = await runStorageBench();
  for (const [k, v] of Object.entries(r)) console.log(`${k.padEnd(36)} ${v.toLocaleString('en-GB')}`);
  writeResult('storage', { command: 'node dist/bench/storage.bench.js', ...r, loadAverageAtStart: loadAtStart, ...machineNote() });
}
