import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { freePort } from './child-server.js';
import { latencySummary, runOpenLoop } from './open-loop.js';

function listen(handler: Parameters<typeof createServer>[1]): Promise<{ server: Server; port: number }> {
  const server = createServer(handler);
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, port: (server.address() as { port: number }).port })));
}

test('latencySummary: nearest-rank percentiles and max, rounded to 0.01 ms', () => {
  const l = Float64Array.from({ length: 1000 }, (_, i) => (1000 - i) / 3);
  const s = latencySummary(l);
  assert.equal(s.p50, 166.67);
  assert.equal(s.p99, 330);
  assert.equal(s.max, 333.33);
  assert.ok(Number.isNaN(latencySummary(new Float64Array(0)).p50));
});

test('runOpenLoop sends exactly rate × seconds requests and counts every answer', async () => {
  let bodies = 0;
  const { server, port } = await listen((req, res) => {
    req.resume();
    req.on('end', () => {
      bodies++;
      res.setHeader('content-type', 'application/json');
      res.end('{"ok":true}');
    });
  });
  try {
    const r = await runOpenLoop(port, '/v1/score', ['{"text":"a"}', '{"text":"b"}'], 200, 0.5);
    assert.equal(r.sent, 100);
    assert.equal(r.ok, 100);
    assert.equal(r.errors, 0);
    assert.equal(bodies, 100);
    assert.equal(r.offeredPerSecond, 200);
    assert.ok(r.latencyMs.p50 >= 0 && r.latencyMs.p50 <= r.latencyMs.max);
  } finally {
    server.close();
  }
});

test('runOpenLoop counts refused connections and non-200 answers as errors', async () => {
  const closed = await freePort();
  const refused = await runOpenLoop(closed, '/', ['{}'], 100, 0.2, 8, 2000);
  assert.equal(refused.sent, 20);
  assert.equal(refused.ok, 0);
  assert.equal(refused.errors, 20);
  const { server, port } = await listen((req, res) => {
    req.resume();
    res.statusCode = 503;
    res.end();
  });
  try {
    const r = await runOpenLoop(port, '/', ['{}'], 100, 0.2);
    assert.equal(r.ok, 0);
    assert.equal(r.errors, 20);
  } finally {
    server.close();
  }
});

test('runOpenLoop charges a request that never gets an answer up to the end of the wait', async () => {
  const { server, port } = await listen((req) => req.resume()); // never answers
  try {
    const r = await runOpenLoop(port, '/', ['{}'], 50, 0.1, 8, 300);
    assert.equal(r.sent, 5);
    assert.equal(r.errors, 5);
    assert.ok(r.latencyMs.max >= 300, `max ${r.latencyMs.max}`);
  } finally {
    server.closeAllConnections();
    server.close();
  }
});
