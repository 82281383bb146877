import { test } from 'node:test';
import assert from 'node:assert/strict';
import { okPerSecond, parseWrkOutput, wrkScript, wrkTimeMs } from './wrk.js';

const REPORT = `Running 5s test @ http://127.0.0.1:40123/v1/score
  1 threads and 32 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency    16.55ms   23.42ms 279.86ms   93.03%
    Req/Sec     2.48k   400.00     3.00k    70.00%
  Latency Distribution
     50%  812.00us
     75%   15.00ms
     90%   30.12ms
     99%    1.20s
  12318 requests in 5.00s, 2.56MB read
  Socket errors: connect 0, read 2, write 1, timeout 4
  Non-2xx or 3xx responses: 3
Requests/sec:   2463.57
Transfer/sec:    524.00KB
`;

test('parseWrkOutput reads rate, count, duration, percentiles and errors', () => {
  const r = parseWrkOutput(REPORT);
  assert.equal(r.requestsPerSecond, 2463.57);
  assert.equal(r.requests, 12318);
  assert.equal(r.seconds, 5);
  assert.equal(r.non2xx, 3);
  assert.equal(r.socketErrors, 7);
  assert.ok(Math.abs(r.latencyMs.p50 - 0.812) < 1e-9);
  assert.equal(r.latencyMs.p90, 30.12);
  assert.equal(r.latencyMs.p99, 1200);
});

test('parseWrkOutput: a clean run has zero errors; no --latency gives NaN percentiles', () => {
  const clean = 'x\n  100 requests in 1.00s, 1KB read\nRequests/sec:   100.00\n';
  const r = parseWrkOutput(clean);
  assert.equal(r.non2xx, 0);
  assert.equal(r.socketErrors, 0);
  assert.ok(Number.isNaN(r.latencyMs.p99));
});

test('parseWrkOutput rejects text that is not a wrk report', () => {
  assert.throws(() => parseWrkOutput(''), /cannot parse wrk output/);
  assert.throws(() => parseWrkOutput('unable to connect to 127.0.0.1:1 Connection refused'), /cannot parse/);
});

test('wrkTimeMs converts every wrk unit and refuses others', () => {
  assert.equal(wrkTimeMs('250us'), 0.25);
  assert.equal(wrkTimeMs('3.5ms'), 3.5);
  assert.equal(wrkTimeMs('2s'), 2000);
  assert.equal(wrkTimeMs('1.5m'), 90_000);
  assert.throws(() => wrkTimeMs('3h'), /unexpected wrk time/);
  assert.throws(() => wrkTimeMs(''), /unexpected wrk time/);
});

test('wrkScript embeds each body in a long bracket that the body cannot close', () => {
  const nasty = '{"text":"a]]b]=]c"}';
  const lua = wrkScript(['{"text":"hi"}', nasty]);
  assert.ok(lua.includes('[=[{"text":"hi"}]=]'));
  assert.ok(lua.includes(`[==[${nasty}]==]`));
  assert.ok(lua.includes('wrk.format("POST", nil, headers, bodies[i])'));
});

test('okPerSecond leaves rate-limited (non-2xx) answers out of the throughput', () => {
  // The report above: 12,318 answers in 5 s, 3 of them non-2xx.
  assert.equal(okPerSecond(parseWrkOutput(REPORT)), (12318 - 3) / 5);
  // A run answered mostly with 429s is not a fast run.
  assert.equal(okPerSecond({ requests: 30_000, seconds: 5, non2xx: 14_794 }), (30_000 - 14_794) / 5);
  assert.equal(okPerSecond({ requests: 10, seconds: 0, non2xx: 0 }), 0);
});
