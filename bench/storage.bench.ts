/**
 * Storage write throughput: 100,000 predictions inserted in batches of 500 through
 * PredictionRepository.insertMany, into in-memory PGlite and into PostgreSQL (a throwaway
 * schema, dropped afterwards; skipped when unreachable). Also the synchronous cost of
 * PredictionWriter.enqueue and the end-to-end rate through the writer on PGlite, one
 * filtered list page over the 100,000 rows, and what a row costs PGlite with the real schema,
 * with its primary key only and with no index. Run: `node dist/bench/storage.bench.js`.
 */
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import {
  createPredictionWriter,
  openDatabase,
  preparePrediction,
  PredictionRepository,
  type Database,
  type PredictionRecord,
} from '../src/storage/index.js';

const ROWS = 100_000;
const BATCH = 500;
const POSTGRES_URL = process.env.WARDEN_TEST_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

function makeRows(n: number): PredictionRecord[] {
  const base = Date.parse('2025-01-01T00:00:00.000Z');
  const labels = ['ham', 'spam', 'phishing'];
  return Array.from({ length: n }, (_, i) =>
    preparePrediction(
      {
        text: `Message number ${i}: claim your prize at http://example.test/${i}`,
        riskScore: (i % 1000) / 1000,
        label: labels[i % 3],
        isThreat: i % 3 !== 0,
        threshold: 0.5,
        modelVersion: i % 2 ? 'v1' : 'v2',
        tags: i % 3 ? ['url'] : [],
        latencyUs: 100 + (i % 50),
        source: 'bench',
      },
      { storeText: true, now: new Date(base + i) },
    ),
  );
}

/** Inserts all rows in batches, as the service does (COPY on PGlite); returns rows per second. */
async function insertRate(store: Database, rows: PredictionRecord[]): Promise<number> {
  const repo = new PredictionRepository(store.db, { kind: store.kind });
  const t0 = performance.now();
  for (let i = 0; i < rows.length; i += BATCH) await repo.insertMany(rows.slice(i, i + BATCH));
  return rows.length / ((performance.now() - t0) / 1000);
}

/**
 * What a logged row costs the embedded database by what the table keeps: COPY batches of BATCH
 * rows into a fresh in-memory PGlite with the real schema, then with the primary key only (no
 * history, hash or label index), then with no index at all. CPU µs per row of this process (the
 * database runs in it); the last is the floor of any one-row-per-prediction layout.
 */
async function pgliteRowCosts(): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  const variants: [string, string[]][] = [
    ['Schema', []],
    ['PrimaryKeyOnly', ['drop index predictions_created_at_id', 'drop index predictions_model_version', 'drop index predictions_text_sha256_hash', 'drop index predictions_threat_label']],
    ['NoIndex', ['alter table predictions drop constraint predictions_pkey cascade']],
  ];
  const lite = await openDatabase({ kind: 'pglite', dataDir: null });
  try {
    const repo = new PredictionRepository(lite.db, { kind: 'pglite' });
    for (const [name, ddl] of variants) {
      for (const sql of ddl) await lite.executeSql(sql);
      await lite.executeSql('truncate predictions cascade');
      const rows = makeRows(ROWS / 2);
      const cpu0 = process.cpuUsage();
      for (let i = 0; i < rows.length; i += BATCH) await repo.insertMany(rows.slice(i, i + BATCH));
      const cpu = process.cpuUsage(cpu0);
      out[`pgliteCopyCpuUsPerRow${name}`] = Math.round(((cpu.user + cpu.system) / rows.length) * 10) / 10;
    }
  } finally {
    await lite.close();
  }
  return out;
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

  const lite = await openDatabase({ kind: 'pglite', dataDir: null });
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
  }
  Object.assign(out, await pgliteRowCosts());

  if (await postgresReachable()) {
    const schema = `warden_bench_${randomBytes(6).toString('hex')}`;
    const store = await openDatabase({ kind: 'postgres', url: POSTGRES_URL, schema, poolSize: 2 });
    try {
      out.postgresInsertRowsPerSec = Math.round(await insertRate(store, makeRows(ROWS)));
      await store.executeSql('analyze predictions');
      out.postgresListPageMs = Math.round((await listPageMs(store)) * 10) / 10;
    } finally {
      await store.executeSql(`drop schema ${schema} cascade`).catch(() => {});
      await store.close();
    }
  }
  return out;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const r = await runStorageBench();
  for (const [k, v] of Object.entries(r)) console.log(`${k.padEnd(28)} ${v.toLocaleString('en-GB')}`);
}
