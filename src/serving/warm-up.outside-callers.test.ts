import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Server, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { testApp } from '../../test/support/test-app.js';
import { warmUp } from './warm-up.js';

function get(port: number, path: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: 'GET', agent: false }, (res) => {
      let text = '';
      res.on('data', (c) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on('error', reject);
    req.end();
  });
}

test('while the warm-up runs, a local caller that finds its private port gets 403, on any path', async () => {
  const t = await testApp();
  // find the private server's port as any local process could (ss -ltn / scanning)
  const listen = Server.prototype.listen;
  let port = 0;
  const seen: Array<{ status: number; text: string }> = [];
  Server.prototype.listen = function (this: Server, ...args: unknown[]) {
    this.once('listening', () => {
      port = (this.address() as AddressInfo).port;
      // an unauthenticated analyst-only read and an admin-only write, from "outside"
      void get(port, '/v1/predictions?limit=1').then((r) => seen.push(r));
      void get(port, '/v1/rollout').then((r) => seen.push(r));
    });
    return (listen as (...a: unknown[]) => Server).apply(this, args);
  } as typeof listen;
  try {
    const w = await warmUp(t.app, t.deps, ['hello there', 'win a prize now'], 400);
    assert.equal(w.failed, 0);
    await new Promise((r) => setTimeout(r, 50));
    assert.ok(port > 0, 'the private server listened');
    // an analyst-only read and a scorer route without the warm-up's secret: refused, though auth is off meanwhile
    assert.deepEqual(seen.map((s) => s.status).sort(), [403, 403]);
  } finally {
    Server.prototype.listen = listen;
    await t.close();
  }
});
