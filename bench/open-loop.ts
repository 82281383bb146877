/**
 * Open-loop load: request i is due at start + i / rate whatever happened before, and its
 * latency runs from that scheduled time, so a stalled server is charged for the requests it
 * delayed (no coordinated omission). Keep-alive sockets, bounded count and duration.
 */
import { Agent, request } from 'node:http';
import { quantileSorted } from './measure.js';

export interface OpenLoopResult {
  offeredPerSecond: number;
  achievedPerSecond: number;
  sent: number;
  ok: number;
  errors: number;
  latencyMs: { p50: number; p90: number; p99: number; p999: number; max: number };
  generatorCpuSeconds: number;
}

/** Latency percentiles (ms) of a list of latencies. */
export function latencySummary(latencies: Float64Array): OpenLoopResult['latencyMs'] {
  const s = Float64Array.from(latencies).sort();
  const r = (x: number) => Math.round(x * 100) / 100;
  return {
    p50: r(quantileSorted(s, 0.5)),
    p90: r(quantileSorted(s, 0.9)),
    p99: r(quantileSorted(s, 0.99)),
    p999: r(quantileSorted(s, 0.999)),
    max: r(s.length ? s[s.length - 1] : Number.NaN),
  };
}

/**
 * Offers `rate` POSTs per second of `bodies` (in turn) to 127.0.0.1:port/path for
 * `seconds`, then waits (at most `drainMs`) for the stragglers; those never answered count
 * as errors with latency up to the end of the wait.
 */
export async function runOpenLoop(port: number, path: string, bodies: readonly string[], rate: number, seconds: number, maxSockets = 128, drainMs = 10_000): Promise<OpenLoopResult> {
  const agent = new Agent({ keepAlive: true, maxSockets });
  const total = Math.round(rate * seconds);
  const latencies = new Float64Array(total).fill(Number.NaN);
  const buffers = bodies.map((b) => Buffer.from(b));
  let ok = 0;
  let errors = 0;
  let finished = 0;
  let sent = 0;
  const cpu0 = process.cpuUsage();
  const start = performance.now() + 50;
  let allDone: () => void = () => {};
  const done = new Promise<void>((resolve) => (allDone = resolve));
  const settle = (i: number, scheduled: number, good: boolean) => {
    latencies[i] = performance.now() - scheduled;
    if (good) ok++;
    else errors++;
    if (++finished === total) allDone();
  };
  const fire = (i: number) => {
    const scheduled = start + (i * 1000) / rate;
    const body = buffers[i % buffers.length];
    const req = request({ agent, host: '127.0.0.1', port, path, method: 'POST', headers: { 'content-type': 'application/json', 'content-length': body.length } }, (res) => {
      res.resume();
      res.on('end', () => settle(i, scheduled, res.statusCode === 200));
    });
    req.on('error', () => settle(i, scheduled, false));
    req.end(body);
  };
  await new Promise<void>((resolve) => {
    const tick = () => {
      const now = performance.now();
      while (sent < total && start + (sent * 1000) / rate <= now) fire(sent++);
      if (sent < total) setTimeout(tick, Math.max(0, Math.min(1, start + (sent * 1000) / rate - performance.now())));
      else resolve();
    };
    setTimeout(tick, 50);
  });
  const lastScheduled = start + ((total - 1) * 1000) / rate;
  await Promise.race([done, new Promise((r) => setTimeout(r, drainMs).unref())]);
  const end = performance.now();
  for (let i = 0; i < total; i++) {
    if (Number.isNaN(latencies[i])) {
      latencies[i] = end - (start + (i * 1000) / rate);
      errors++;
    }
  }
  const lastAnswer = Math.min(end, Math.max(lastScheduled, start + Math.max(...latencies.map((l, i) => l + (i * 1000) / rate))));
  const cpu = process.cpuUsage(cpu0);
  agent.destroy();
  return {
    offeredPerSecond: rate,
    achievedPerSecond: Math.round((ok / ((lastAnswer - start) / 1000)) * 10) / 10,
    sent: total,
    ok,
    errors,
    latencyMs: latencySummary(latencies),
    generatorCpuSeconds: Math.round(((cpu.user + cpu.system) / 1e6) * 100) / 100,
  };
}
