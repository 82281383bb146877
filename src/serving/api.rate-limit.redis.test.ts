import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Redis } from 'ioredis';
import { KEYS, testApp } from '../../test/support/test-app.js';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

async function reachable(): Promise<Redis | null> {
  const client = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1, connectTimeout: 1000, retryStrategy: () => null });
  try {
    await client.connect();
    await client.ping();
    return client;
  } catch {
    client.disconnect();
    return null;
  }
}

test('rate limits per API key are shared through the real Redis across two app instances', async (t) => {
  const r1 = await reachable();
  if (!r1) {
    if (process.env.CI) assert.fail(`Redis is not reachable at ${REDIS_URL}`);
    t.skip(`Redis not reachable at ${REDIS_URL}`);
    return;
  }
  const r2 = new Redis(REDIS_URL);
  // A fresh window per run: the store keys include the API key hash, so use a unique max/namespace by flushing ours.
  const keys = await r1.keys('warden-rl:*');
  if (keys.length) await r1.del(...keys);
  const env = { WARDEN_RATE_LIMIT_MAX: '5', WARDEN_RATE_LIMIT_WINDOW_MS: '60000' };
  const a = await testApp({ env, redis: r1 });
  const b = await testApp({ env, redis: r2 });
  try {
    const call = (app: typeof a, key: string) => app.app.inject({ method: 'POST', url: '/v1/tag', headers: { authorization: `Bearer ${key}` }, payload: { text: 'hello' } });
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push((await call(a, KEYS.scorer)).statusCode);
    for (let i = 0; i < 3; i++) statuses.push((await call(b, KEYS.scorer)).statusCode);
    assert.deepEqual(statuses, [200, 200, 200, 200, 200, 429]);
    const limited = await call(a, KEYS.scorer);
    assert.equal(limited.statusCode, 429);
    assert.equal(limited.json().error.code, 'RATE_LIMITED');
    assert.ok(Number(limited.headers['retry-after']) > 0);
    // Another key has its own budget.
    assert.equal((await call(b, KEYS.analyst)).statusCode, 200);
  } finally {
    await a.close();
    await b.close();
    const left = await r1.keys('warden-rl:*');
    if (left.length) await r1.del(...left);
    r1.disconnect();
    r2.disconnect();
  }
});
