import { readFileSync } from 'node:fs';
import { Agent, createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { BUNDLED_DATASETS } from '../data/bundled.js';
import { createPredictionWriter } from '../storage/index.js';
import type { AppDeps } from './app-deps.js';
import { createMetrics } from './metrics.js';

/**
 * Warms a freshly built app before it listens. A cold process answered its first seconds of
 * 2,000 req/s with p50 ~1 s (the JIT, the scorer's chunk cache, Fastify's compiled
 * validators and serialisers all start cold), against ~1.6 ms a few seconds later. So, before
 * `listen`, every served model scores the given texts once, and the app answers `requests`
 * score / triage / tag requests that it sends itself over loopback, through a private server
 * on an ephemeral 127.0.0.1 port that hands them to the app's own handler (`app.routing`):
 * real sockets and Node's own request objects, so the code is warmed for what real traffic
 * brings (`app.inject`'s stand-in objects warmed it for other shapes: p50 still ~70 ms).
 *
 * Those requests are not traffic: while they run, `deps` is pointed at a throwaway metrics
 * registry, no rollout counters, a prediction writer that discards, and no API keys (the
 * service's port is not open yet, and the private server takes no other caller: it listens on
 * loopback, is not shared with the cluster, and is closed before this returns); `warming` tells
 * the rate limiter to let them through. Everything is restored before this returns, whatever
 * happens.
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
export function bundledWarmupTexts(): string[] {
  let raw: string;
  try {
    raw = readFileSync(BUNDLED_DATASETS[0], 'utf8');
  } catch {
    return [];
  }
  const texts: string[] = [];
  for (const line of raw.split('\n')) {
    const tab = line.indexOf('\t');
    const text = tab < 0 ? '' : line.slice(tab + 1).trim();
    if (text !== '') texts.push(text);
  }
  return texts;
}

/** Concurrent requests in flight during the warm-up (a few keep-alive connections, as clients hold). */
const IN_FLIGHT = 4;

/** Sends the warm-up requests through a private loopback server; returns how many failed. */
async function selfRequests(app: FastifyInstance, texts: readonly string[], requests: number): Promise<number> {
  await app.ready();
  const server = createServer((req, res) => app.routing(req, res));
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
        const [path, body] = warmupRequest(i, texts);
        if ((await post(agent, port, path, body)) !== 200) failed++;
      }
    };
    await Promise.all(Array.from({ length: IN_FLIGHT }, loop));
  } finally {
    agent.destroy();
    await closeServer(server);
  }
  return failed;
}

function post(agent: Agent, port: number, path: string, body: string): Promise<number> {
  const payload = Buffer.from(body);
  return new Promise((resolve, reject) => {
    const req = request({ agent, host: '127.0.0.1', port, path, method: 'POST', headers: { 'content-type': 'application/json', 'content-length': payload.length } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(payload);
  });
}

function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}

/** The i-th warm-up request: mostly single scores (the common call), some batches, triage and tags. */
function warmupRequest(i: number, texts: readonly string[]): [string, string] {
  const text = texts[i % texts.length];
  const k = i % 10;
  if (k < 6) return ['/v1/score', JSON.stringify({ text })];
  if (k === 6) return ['/v1/score', JSON.stringify({ texts: Array.from({ length: 20 }, (_, j) => texts[(i + j) % texts.length]) })];
  if (k < 9) return ['/v1/triage', JSON.stringify({ text })];
  return ['/v1/tag', JSON.stringify({ text })];
}
