/**
 * A server's first seconds: `warden serve --workers 2 --no-auth` (PGlite, a fresh copy of the
 * bench registry) is started, and 3 s after `GET /ready` first answers (as the HTTP bench
 * waits for the second worker to join) an open loop offers 2,000 `POST /v1/score` per second
 * for 3 s, latency from each request's scheduled time. Once with the warm-up off
 * (`WARDEN_WARMUP_REQUESTS=0`) and once with the default, alternating, ROUNDS times; also the
 * time from spawn to `/ready` (what the warm-up costs at start) and the server tree's CPU in
 * the window. Run: `node dist/bench/cold-start.bench.js` → bench/results/cold-start.json.
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { benchDataDir, ensureBenchModel } from './bench-model.js';
import { freePort, startChildServer } from './child-server.js';
import { isMain, loadAverage, machineNote, median, round, WARDEN_BIN, writeResult } from './measure.js';
import { runOpenLoop } from './open-loop.js';
import { loadUciTexts } from './uci-texts.js';

const ROUNDS = 3;
const SETTLE_MS = 3000;
const RATE = 2000;
const SECONDS = 3;

interface ColdRun {
  warmup: boolean;
  readySeconds: number;
  latencyMs: { p50: number; p90: number; p99: number; p999: number; max: number };
  errors: number;
  serverCpuSeconds: number;
  loadAverage: number[];
}

async function coldRun(source: string, warmup: boolean, bodies: string[]): Promise<ColdRun> {
  const dataDir = mkdtempSync(join(tmpdir(), 'warden-bench-cold-'));
  cpSync(source, dataDir, { recursive: true, filter: (p) => !p.endsWith('serve.pid') });
  const port = await freePort();
  const t0 = performance.now();
  const server = await startChildServer(process.execPath, [WARDEN_BIN, 'serve', '--workers', '2', '--no-auth', '--host', '127.0.0.1', '--port', String(port), '--data-dir', dataDir], port, {
    ...process.env,
    WARDEN_LOG_LEVEL: 'warn',
    WARDEN_MODEL_POLL_MS: '60000',
    WARDEN_RATE_LIMIT_MAX: '1000000000',
    ...(warmup ? {} : { WARDEN_WARMUP_REQUESTS: '0' }),
  });
  const readySeconds = (performance.now() - t0) / 1000;
  try {
    await new Promise((r) => setTimeout(r, SETTLE_MS));
    const la = loadAverage();
    const c0 = server.cpuSeconds();
    const r = await runOpenLoop(port, '/v1/score', bodies, RATE, SECONDS);
    return { warmup, readySeconds: round(readySeconds, 2), latencyMs: r.latencyMs, errors: r.errors, serverCpuSeconds: round(server.cpuSeconds() - c0, 2), loadAverage: la };
  } finally {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export async function runColdStartBench(): Promise<Record<string, unknown>> {
  const source = benchDataDir();
  await ensureBenchModel(source);
  const bodies = loadUciTexts().slice(0, 500).map((text) => JSON.stringify({ text }));
  const runs: ColdRun[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    for (const warmup of i % 2 === 0 ? [false, true] : [true, false]) {
      const r = await coldRun(source, warmup, bodies);
      console.error(`warm-up ${warmup ? 'on ' : 'off'}: ready after ${r.readySeconds} s; first ${SECONDS} s at ${RATE}/s: ${JSON.stringify(r.latencyMs)}, ${r.errors} errors, server ${r.serverCpuSeconds} CPU-s (load ${r.loadAverage[0]})`);
      runs.push(r);
    }
  }
  const summary = (warmup: boolean) => {
    const rs = runs.filter((r) => r.warmup === warmup);
    return {
      p50MsMedian: median(rs.map((r) => r.latencyMs.p50)),
      p99MsMedian: median(rs.map((r) => r.latencyMs.p99)),
      readySecondsMedian: median(rs.map((r) => r.readySeconds)),
      serverCpuSecondsMedian: median(rs.map((r) => r.serverCpuSeconds)),
      errors: rs.reduce((n, r) => n + r.errors, 0),
    };
  };
  const result = { machine: machineNote(), offeredPerSecond: RATE, seconds: SECONDS, settleMs: SETTLE_MS, warmupOff: summary(false), warmupOn: summary(true), runs };
  writeResult('cold-start', result);
  return result;
}

if (isMain(import.meta.url)) {
  const r = await runColdStartBench();
  console.log(JSON.stringify({ warmupOff: r.warmupOff, warmupOn: r.warmupOn }, null, 2));
}
