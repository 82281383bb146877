/**
 * The HTTP API under load: `warden serve --workers 2 --no-auth` as a child process on a free
 * 127.0.0.1 port, against a fresh copy of the bench model's registry.
 *   a. saturating `POST /v1/score` ({text}) with wrk, vs a bare Fastify app (the ceiling);
 *   b. open-loop latency at 2,000 req/s for 10 s, from each request's scheduled time: once
 *      right after (a), as users see traffic after a burst, and once more after the server has
 *      gone idle (the time it kept working after the first open loop is recorded; a backlog
 *      left by the burst shows as a slower first run and more primary CPU in it);
 *   c. `POST /v1/score` with {texts: [100]}: messages per second;
 *   d. (a) and (c) again with WARDEN_PREDICTION_LOG=off, on PGlite and on PostgreSQL (when reachable,
 *      each PostgreSQL leg in its own throw-away schema, dropped afterwards: the log-off leg
 *      must not run on the rows the log-on leg left, with the database vacuuming them).
 * The servers run with a rate limit far above any rate the bench can offer
 * (WARDEN_RATE_LIMIT_MAX = 1e9 per minute): the limiter still runs its bookkeeping on every
 * request, as in production, but never answers 429, which would be cheap answers counted as
 * throughput. Throughput counts 2xx answers only; a leg with any non-2xx answer or socket
 * error says so on stderr and records the counts (`errors`, `clean: false`).
 * Every server is killed at the end, also on failure. Run: `node dist/bench/http.bench.js`
 * → bench/results/http.json. `node dist/bench/http.bench.js postgres` (or `bare`, `pglite`)
 * runs only those legs and prints them without writing the results file.
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { withRegistry } from '../src/cli/context.js';
import { benchDataDir, ensureBenchModel } from './bench-model.js';
import { freePort, startChildServer, type ChildServer } from './child-server.js';
import { isMain, loadAverage, machineNote, median, round, WARDEN_BIN, writeResult } from './measure.js';
import { runOpenLoop } from './open-loop.js';
import { loadUciTexts } from './uci-texts.js';
import { okPerSecond, runWrk, wrkAvailable, type WrkResult } from './wrk.js';

const WORKERS = 2;
const CONNECTIONS = 32;
const BATCH_CONNECTIONS = 8;
const RUNS = 3;
const RUN_SECONDS = 5;
const WARMUP_SECONDS = 3;
const SETTLE_MS = 3000;
const OPEN_LOOP_RATE = 2000;
const OPEN_LOOP_SECONDS = 10;
/** Far above what one machine can offer in a minute: the limiter counts but never rejects. */
const RATE_LIMIT_MAX = '1000000000';
const POSTGRES_URL = process.env.WARDEN_BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

interface Saturation {
  /** 2xx answers per second (median run). */
  requestsPerSecond: number;
  runs: number[];
  latencyMsMedianRun: WrkResult['latencyMs'];
  /** Non-2xx answers plus socket errors over all runs; `clean` is false when any. */
  errors: number;
  non2xx: number;
  socketErrors: number;
  clean: boolean;
  /** CPU seconds per wall second of the primary process alone (the database owner with PGlite). */
  primaryCores: number;
  /** CPU seconds per wall second: the server tree and wrk (2.0 = both cores). */
  serverCores: number;
  wrkCores: number;
  /** Requests per CPU-second of the server tree: the figure least distorted by a busy machine. */
  requestsPerServerCpuSecond: number;
  loadAverage: number[];
}

/** Warm-up, then RUNS wrk runs; the median 2xx requests/s with the CPU split. Errors are shouted, not hidden. */
function saturate(label: string, server: ChildServer, path: string, bodies: string[], connections: number): Saturation {
  const url = `http://127.0.0.1:${server.port}${path}`;
  runWrk(url, bodies, connections, WARMUP_SECONDS);
  const la = loadAverage();
  const runs: (WrkResult & { serverCpu: number; primaryCpu: number; ok: number })[] = [];
  for (let i = 0; i < RUNS; i++) {
    const c0 = server.cpuSeconds();
    const p0 = server.primaryCpuSeconds();
    const r = runWrk(url, bodies, connections, RUN_SECONDS);
    runs.push({ ...r, serverCpu: server.cpuSeconds() - c0, primaryCpu: server.primaryCpuSeconds() - p0, ok: okPerSecond(r) });
  }
  const byRps = [...runs].sort((a, b) => a.ok - b.ok);
  const mid = byRps[Math.floor(byRps.length / 2)];
  const non2xx = runs.reduce((a, r) => a + r.non2xx, 0);
  const socketErrors = runs.reduce((a, r) => a + r.socketErrors, 0);
  if (non2xx + socketErrors > 0) {
    console.error(`!!! ${label}: ${non2xx} non-2xx answers and ${socketErrors} socket errors in ${RUNS} runs — only 2xx answers are counted; this leg is NOT clean`);
  }
  return {
    requestsPerSecond: Math.round(median(runs.map((r) => r.ok))),
    runs: runs.map((r) => Math.round(r.ok)),
    latencyMsMedianRun: mid.latencyMs,
    errors: non2xx + socketErrors,
    non2xx,
    socketErrors,
    clean: non2xx + socketErrors === 0,
    primaryCores: round(median(runs.map((r) => r.primaryCpu / r.seconds)), 2),
    serverCores: round(median(runs.map((r) => r.serverCpu / r.seconds)), 2),
    wrkCores: round(median(runs.map((r) => r.wrkCpuSeconds / r.seconds)), 2),
    requestsPerServerCpuSecond: Math.round(median(runs.map((r) => (r.ok * r.seconds) / r.serverCpu))),
    loadAverage: la,
  };
}

const IDLE_CORES = 0.1;
const IDLE_LIMIT_MS = 60_000;

/**
 * Waits until the server tree uses less than IDLE_CORES for a 500 ms window (at most
 * IDLE_LIMIT_MS) and returns how long that took and the CPU the primary spent meanwhile.
 */
async function waitIdle(server: ChildServer): Promise<{ seconds: number; primaryCpuSeconds: number; reachedIdle: boolean }> {
  const t0 = performance.now();
  const p0 = server.primaryCpuSeconds();
  for (;;) {
    const c = server.cpuSeconds();
    const w = performance.now();
    await new Promise((r) => setTimeout(r, 500));
    const cores = (server.cpuSeconds() - c) / ((performance.now() - w) / 1000);
    const elapsed = performance.now() - t0;
    if (cores < IDLE_CORES || elapsed > IDLE_LIMIT_MS) {
      return { seconds: round(elapsed / 1000, 1), primaryCpuSeconds: round(server.primaryCpuSeconds() - p0, 2), reachedIdle: cores < IDLE_CORES };
    }
  }
}

async function openLoopLeg(label: string, s: ChildServer, bodies: string[]) {
  const la = loadAverage();
  const c0 = s.cpuSeconds();
  const p0 = s.primaryCpuSeconds();
  const openLoop = await runOpenLoop(s.port, '/v1/score', bodies, OPEN_LOOP_RATE, OPEN_LOOP_SECONDS);
  const serverCores = round((s.cpuSeconds() - c0) / OPEN_LOOP_SECONDS, 2);
  const primaryCores = round((s.primaryCpuSeconds() - p0) / OPEN_LOOP_SECONDS, 2);
  console.error(`${label}: ${JSON.stringify(openLoop.latencyMs)}`);
  if (openLoop.errors > 0) console.error(`!!! ${label}: ${openLoop.errors} of ${openLoop.sent} requests failed or went unanswered; this leg is NOT clean`);
  return { ...openLoop, serverCores, primaryCores, loadAverage: la };
}

/** A fresh copy of the bench data dir (registry tables in PGlite + artifacts), so runs do not share predictions. */
function freshDataDir(source: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'warden-bench-http-'));
  cpSync(source, dir, { recursive: true, filter: (p) => !p.endsWith('serve.pid') });
  return dir;
}

async function withWarden<T>(source: string, env: NodeJS.ProcessEnv, body: (s: ChildServer) => Promise<T>): Promise<T> {
  const dataDir = freshDataDir(source);
  const port = await freePort();
  let server: ChildServer | null = null;
  try {
    server = await startChildServer(process.execPath, [WARDEN_BIN, 'serve', '--workers', String(WORKERS), '--no-auth', '--host', '127.0.0.1', '--port', String(port), '--data-dir', dataDir], port, {
      ...process.env,
      WARDEN_LOG_LEVEL: 'warn',
      WARDEN_MODEL_POLL_MS: '60000',
      WARDEN_RATE_LIMIT_MAX: RATE_LIMIT_MAX,
      ...env,
    });
    // /ready answers as soon as the first worker listens; give the others time to join, or
    // every keep-alive connection of the first wrk run lands on one worker.
    await new Promise((r) => setTimeout(r, SETTLE_MS));
    return await body(server);
  } finally {
    if (server) await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/**
 * The prediction log's counters summed over the workers: `/ready` is answered by whichever
 * worker gets the connection, so it is asked until each worker has answered (or 20 times).
 * `dropped` must stay 0: a leg that loses log rows is not a clean figure.
 */
async function predictionLog(server: ChildServer): Promise<{ written: number; buffered: number; dropped: number; workersSeen: number }> {
  const byWorker = new Map<unknown, { written: number; buffered: number; dropped: number }>();
  for (let i = 0; i < 20 && byWorker.size < WORKERS; i++) {
    const res = await fetch(`http://127.0.0.1:${server.port}/ready`, { headers: { connection: 'close' } });
    const body = (await res.json()) as { worker?: unknown; prediction_buffer?: { written: number; buffered: number; dropped: number } };
    if (body.prediction_buffer) byWorker.set(body.worker ?? null, body.prediction_buffer);
  }
  const sum = { written: 0, buffered: 0, dropped: 0, workersSeen: byWorker.size };
  for (const b of byWorker.values()) {
    sum.written += b.written;
    sum.buffered += b.buffered;
    sum.dropped += b.dropped;
  }
  if (sum.dropped > 0) console.error(`!!! ${sum.dropped} predictions dropped by the log so far: NOT clean`);
  return sum;
}

async function bareFastify(bodies: string[]): Promise<Saturation> {
  const port = await freePort();
  const script = fileURLToPath(new URL('./bare-fastify-server.js', import.meta.url));
  const server = await startChildServer(process.execPath, [script, String(port), String(WORKERS)], port, process.env, 30_000);
  try {
    return saturate('bare fastify', server, '/v1/score', bodies, CONNECTIONS);
  } finally {
    await server.stop();
  }
}

/**
 * A throw-away PostgreSQL schema whose registry serves the bench model as production. The
 * schema starts empty: without this, the first server would train and register a model of its
 * own into one data-dir copy, and the next copy would lack that artifact. The artifact is
 * content-addressed, so registering the bench model stores nothing new in `dataDir`.
 */
async function postgresSchema(dataDir: string, modelDir: string): Promise<{ url: string; drop: () => Promise<void> } | null> {
  const schema = `warden_bench_${randomBytes(5).toString('hex')}`;
  const client = new pg.Client({ connectionString: POSTGRES_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query(`create schema ${schema}`);
  } catch {
    await client.end().catch(() => {});
    return null;
  }
  const url = `${POSTGRES_URL}${POSTGRES_URL.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
  const drop = async () => {
    await client.query(`drop schema ${schema} cascade`).catch(() => {});
    await client.end().catch(() => {});
  };
  try {
    await withRegistry(dataDir, (r) => r.register(modelDir, 'http-bench', { alias: 'production' }), { DATABASE_URL: url });
  } catch (err) {
    await drop();
    throw err;
  }
  return { url, drop };
}

type Leg = 'bare' | 'pglite' | 'postgres';
const LEGS: readonly Leg[] = ['bare', 'pglite', 'postgres'];

/** Runs the HTTP bench (every leg, unless `only` names some) and writes `bench/results/http.json` for a full run. */
export async function runHttpBench(only: readonly Leg[] = LEGS): Promise<Record<string, unknown>> {
  const runs = (leg: Leg) => only.includes(leg);
  if (!wrkAvailable()) throw new Error('wrk is not installed (apt-get install -y wrk)');
  const source = benchDataDir();
  const model = await ensureBenchModel(source);
  const texts = loadUciTexts();
  const single = texts.slice(0, 500).map((text) => JSON.stringify({ text }));
  const batches = Array.from({ length: 20 }, (_, b) => JSON.stringify({ texts: texts.slice(b * 100, b * 100 + 100) }));

  const bare = runs('bare') ? await bareFastify(single) : null;
  if (bare) console.error(`bare fastify: ${bare.requestsPerSecond} req/s`);

  const pglite = !runs('pglite') ? null : await withWarden(source, {}, async (s) => {
    const sat = saturate('pglite, log on', s, '/v1/score', single, CONNECTIONS);
    const satLog = await predictionLog(s);
    console.error(`pglite, log on: ${sat.requestsPerSecond} req/s (log: ${JSON.stringify(satLog)})`);
    // Right after the burst (what users see when a burst ends), then again once the server is idle.
    const openLoopAfterBurst = await openLoopLeg('open loop right after the saturation leg', s, single);
    const drain = await waitIdle(s);
    console.error(`idle again after ${drain.seconds} s (primary CPU meanwhile ${drain.primaryCpuSeconds} s)`);
    const openLoop = await openLoopLeg('open loop, server idle before', s, single);
    const batch = saturate('pglite, batch', s, '/v1/score', batches, BATCH_CONNECTIONS);
    const batchLog = await predictionLog(s);
    console.error(`batch: ${batch.requestsPerSecond * 100} msg/s (log: ${JSON.stringify(batchLog)})`);
    return {
      saturation: { ...sat, predictionLog: satLog, clean: sat.clean && satLog.dropped === 0 },
      openLoopAfterBurst,
      drainAfterOpenLoop: drain,
      openLoop,
      batch: { ...batch, messagesPerSecond: batch.requestsPerSecond * 100, predictionLog: batchLog, clean: batch.clean && batchLog.dropped === 0 },
    };
  });
  const pgliteOff = !runs('pglite')
    ? null
    : await withWarden(source, { WARDEN_PREDICTION_LOG: 'off' }, async (s) => {
        const sat = saturate('pglite, log off', s, '/v1/score', single, CONNECTIONS);
        // The batch leg without the log: what scoring and HTTP alone reach, from an idle server as with the log on.
        await waitIdle(s);
        const batch = saturate('pglite, log off, batch', s, '/v1/score', batches, BATCH_CONNECTIONS);
        return { ...sat, batchMessagesPerSecond: batch.requestsPerSecond * 100, batch };
      });
  if (pgliteOff) console.error(`pglite, log off: ${pgliteOff.requestsPerSecond} req/s; batch ${pgliteOff.batchMessagesPerSecond} msg/s`);

  let postgres: Record<string, unknown> | null = null;
  /**
   * One PostgreSQL leg in a schema of its own (null when PostgreSQL is unreachable): single
   * messages, then batches of 100. With PostgreSQL each worker writes its own log rows, so the
   * batch leg measures a different write path from PGlite's (through the primary).
   */
  const postgresLeg = async (label: string, env: NodeJS.ProcessEnv): Promise<(Saturation & { batch: Saturation & { messagesPerSecond: number } }) | null> => {
    const target = await postgresSchema(source, model.dir);
    if (!target) return null;
    try {
      return await withWarden(source, { DATABASE_URL: target.url, ...env }, async (s) => {
        const logOn = env.WARDEN_PREDICTION_LOG !== 'off';
        const sat = saturate(label, s, '/v1/score', single, CONNECTIONS);
        const satLog = logOn ? await predictionLog(s) : null;
        // As on PGlite, each batch leg starts on an idle server, not on the single leg's backlog.
        await waitIdle(s);
        const batch = saturate(`${label}, batch`, s, '/v1/score', batches, BATCH_CONNECTIONS);
        // The log's counters are running totals: a batch leg is clean only if nothing was dropped so far.
        const batchLog = logOn ? await predictionLog(s) : null;
        return {
          ...sat,
          predictionLog: satLog,
          clean: sat.clean && (satLog?.dropped ?? 0) === 0,
          batch: { ...batch, messagesPerSecond: batch.requestsPerSecond * 100, predictionLog: batchLog, clean: batch.clean && (batchLog?.dropped ?? 0) === 0 },
        };
      });
    } finally {
      await target.drop();
    }
  };
  const on = runs('postgres') ? await postgresLeg('postgres, log on', {}) : null;
  const off = on ? await postgresLeg('postgres, log off', { WARDEN_PREDICTION_LOG: 'off' }) : null;
  if (on && off) {
    postgres = {
      logOn: on,
      logOff: off,
      logCost: round(1 - on.requestsPerSecond / off.requestsPerSecond, 3),
      batchLogCost: round(1 - on.batch.messagesPerSecond / off.batch.messagesPerSecond, 3),
    };
    console.error(`postgres: on ${on.requestsPerSecond}, off ${off.requestsPerSecond} req/s; batch on ${on.batch.messagesPerSecond}, off ${off.batch.messagesPerSecond} msg/s`);
  }

  const result = {
    commands: {
      server: `WARDEN_LOG_LEVEL=warn node bin/warden.js serve --workers ${WORKERS} --no-auth --host 127.0.0.1 --port <free> --data-dir <copy of ${source}>`,
      saturation: `wrk -t1 -c${CONNECTIONS} -d${RUN_SECONDS}s --latency -s <POST {"text"} rotating 500 UCI texts> (after ${WARMUP_SECONDS}s warm-up; median of ${RUNS})`,
      batch: `wrk -t1 -c${BATCH_CONNECTIONS} -d${RUN_SECONDS}s -s <POST {"texts": 100 UCI texts}, 20 bodies>`,
      openLoop: `Node open-loop generator, ${OPEN_LOOP_RATE} req/s for ${OPEN_LOOP_SECONDS}s, latency from scheduled send time; openLoopAfterBurst right after the saturation leg, openLoop after the server went idle (tree < ${IDLE_CORES} cores)`,
      bare: `node dist/bench/bare-fastify-server.js <port> ${WORKERS}`,
    },
    model: model.version,
    workers: WORKERS,
    bareFastify: bare,
    pglite: pglite && pgliteOff
      ? {
          ...pglite,
          logOff: pgliteOff,
          logCost: round(1 - pglite.saturation.requestsPerSecond / pgliteOff.requestsPerSecond, 3),
          batchLogCost: round(1 - pglite.batch.messagesPerSecond / pgliteOff.batchMessagesPerSecond, 3),
        }
      : null,
    postgres,
    ratioToBareFastify: pglite && bare ? round(pglite.saturation.requestsPerSecond / bare.requestsPerSecond, 3) : null,
    targets: { singleRequestsPerSecond: 10_000, openLoopP99Ms: 20, batchMessagesPerSecond: 150_000, logCostBelow: 0.1 },
    ...machineNote(),
  };
  if (only.length === LEGS.length) writeResult('http', result);
  return result;
}

if (isMain(import.meta.url)) {
  const args = process.argv.slice(2);
  const unknown = args.filter((a) => !(LEGS as readonly string[]).includes(a));
  if (unknown.length > 0) throw new Error(`unknown leg(s) ${unknown.join(', ')}; expected some of ${LEGS.join(', ')}`);
  const r = await runHttpBench(args.length > 0 ? (args as Leg[]) : LEGS);
  console.log(JSON.stringify({ bare: (r.bareFastify as Saturation | null)?.requestsPerSecond ?? null, pglite: r.pglite, postgres: r.postgres }, null, 1));
}
