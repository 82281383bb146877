import { randomBytes, timingSafeEqual } from 'node:crypto';
import { Agent, createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { BUNDLED_DATASETS } from '../data/bundled.js';
import { readTextBatches } from '../data/read-texts.js';
import { createPredictionWriter } from '../storage/index.js';
import type { AppDeps } from './app-deps.js';
import { createMetrics } from './metrics.js';

/**
 * Warms a freshly built app before it listens. A cold process answered its first seconds of
 * 2,000 req/s with p50 ~1 s (the JIT, the scorer's chunk cache, Fastify's compiled
 * validators and serialisers all start cold), against ~1.6 ms a few seconds later. So, before
 * `listen`, every served model scores the given texts once, and the app answers `requests`
 * single-text score requests that it sends itself over loopback, through a private server
 * on an ephemeral 127.0.0.1 port that hands them to the app's own handler (`app.routing`):
 * real sockets and Node's own request objects, so the code is warmed for what real traffic
 * brings (`app.inject`'s stand-in objects warmed it for other shapes: p50 still ~70 ms).
 *
 * Those requests are not traffic: while they run, `deps` is pointed at a throwaway metrics
 * registry, no rollout counters, a prediction writer that discards, and no API keys (the
 * service's port is not open yet, and the private server hands the app only requests carrying
 * this warm-up's secret, on the one path it sends; it is closed before this returns);
 * `warming` tells the rate limiter to let them through. Everything is restored before this
 * returns, whatever happens.
 */
export async function warmUp(app: FastifyInstance, deps: AppDeps, texts: readonly string[], requests: number): Promise<{ requests: number; failed: number; ms: number }> {
  const started = performance.now();
  if (texts.length === 0) return { requests: 0, failed: 0, ms: 0 };
  const live = { metrics: deps.metrics, counters: deps.counters, stores: deps.stores, keys: deps.keys };
  const discard = createPredictionWriter({ insertMany: async () => undefined }, { flushIntervalMs: 1_000 });
  deps.metrics = createMetrics({ processMetrics: false });
  deps.counters = null;
  deps.stores = { ...live.stores, writer: discard };
  deps.keys = null;
  deps.warming = true;
  let failed = 0;
  try {
    const routing = deps.models.routing;
    const detectors = [routing.production, routing.candidate, routing.shadow].filter((m) => m != null).map((m) => m!.detector);
    for (const d of new Set(detectors)) for (const t of texts) d.score(t);
    if (requests > 0) failed = await selfRequests(app, texts, requests);
  } finally {
    deps.warming = false;
    deps.metrics = live.metrics;
    deps.counters = live.counters;
    deps.stores = live.stores;
    deps.keys = live.keys;
    await discard.close();
  }
  return { requests, failed, ms: performance.now() - started };
}

/** The bundled UCI messages (label TAB text per line), or none when the data is not shipped. */
export async function bundledWarmupTexts(): Promise<string[]> {
  const texts: string[] = [];
  try {
    for await (const batch of readTextBatches(BUNDLED_DATASETS[0])) for (const row of batch) texts.push(row.text);
  } catch {
    return [];
  }
  return texts;
}

/** Concurrent requests in flight during the warm-up (a few keep-alive connections, as clients hold). */
const IN_FLIGHT = 4;
/** The header carrying the warm-up's secret. */
const WARMUP_HEADER = 'x-warden-warmup';
/**
 * The one call the warm-up sends: a single-text score, the call nearly all traffic makes. Not a
 * mix of routes: a warm-up that also sent batches, triage and tags left the single-score path
 * ~15% slower under saturation than no warm-up at all (7,500 vs 9,000 req/s, log on; 10,100
 * with this one): code shared by the routes, optimised for what it saw first, serves the hot
 * path less well. The other routes warm on their first real requests.
 */
const WARMUP_PATH = '/v1/score';

/**
 * Sends the warm-up requests through a private loopback server; returns how many failed (an
 * answer other than 200, a socket error or a timeout: counted, never thrown).
 */
async function selfRequests(app: FastifyInstance, texts: readonly string[], requests: number): Promise<number> {
  await app.ready();
  // Auth is off while this runs: only requests carrying this process's secret reach the app
  // (any local process can find and connect to a loopback port).
  const token = randomBytes(24);
  // Requests being handled: the app is handed back to real traffic only once none is left.
  let handling = 0;
  let idle: () => void = () => {};
  const server = createServer((req, res) => {
    const presented = Buffer.from(String(req.headers[WARMUP_HEADER] ?? ''), 'base64url');
    if (presented.length !== token.length || !timingSafeEqual(presented, token) || req.url !== WARMUP_PATH) {
      res.writeHead(403, { connection: 'close' }).end();
      return;
    }
    handling++;
    res.once('close', () => {
      if (--handling === 0) idle();
    });
    app.routing(req, res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    // exclusive: in a cluster worker, a port of its own rather than one shared through the primary
    server.listen({ host: '127.0.0.1', port: 0, exclusive: true }, () => resolve());
  });
  const agent = new Agent({ keepAlive: true, maxSockets: IN_FLIGHT });
  let next = 0;
  let failed = 0;
  try {
    const port = (server.address() as AddressInfo).port;
    const loop = async (): Promise<void> => {
      while (next < requests) {
        const i = next++;
        const body = JSON.stringify({ text: texts[i % texts.length] });
        if ((await post(agent, port, body, token.toString('base64url'))) !== 200) failed++;
      }
    };
    await Promise.all(Array.from({ length: IN_FLIGHT }, loop));
  } finally {
    agent.destroy();
    await closeServer(server);
    // a request given up on (timed out) may still be in the app: let it finish before the swap back
    if (handling > 0) {
      let timer: NodeJS.Timeout | undefined;
      await new Promise<void>((resolve) => {
        idle = resolve;
        timer = setTimeout(resolve, REQUEST_TIMEOUT_MS);
      });
      clearTimeout(timer);
    }
  }
  return failed;
}

/** How long one warm-up request may take before it counts as failed (a start-up must not hang on one). */
const REQUEST_TIMEOUT_MS = 10_000;

/** POSTs body to the warm-up path; the status code, or 0 on a socket error or after REQUEST_TIMEOUT_MS. */
function post(agent: Agent, port: number, body: string, token: string): Promise<number> {
  const payload = Buffer.from(body);
  return new Promise((resolve) => {
    const headers = { 'content-type': 'application/json', 'content-length': payload.length, [WARMUP_HEADER]: token };
    const req = request({ agent, host: '127.0.0.1', port, path: WARMUP_PATH, method: 'POST', headers }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.setTimeout(REQUEST_TIMEOUT_MS, () => req.destroy(new Error('warm-up request timed out')));
    req.on('error', () => resolve(0));
    req.end(payload);
  });
}

function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}
