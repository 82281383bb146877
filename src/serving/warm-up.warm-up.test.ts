import { test } from 'node:test';
import assert from 'node:assert/strict';
import { auth, testApp } from '../../test/support/test-app.js';
import { promValue } from '../../test/support/prom-text.js';
import { bundledWarmupTexts, warmUp } from './warm-up.js';

const TEXTS = ['are we still on for lunch?', 'URGENT: your account is locked, verify at http://bit.ly/x1 now', 'WINNER! claim your £500 prize, txt CLAIM to 80086'];

async function historyCount(t: Awaited<ReturnType<typeof testApp>>): Promise<number> {
  await t.deps.stores.writer.flush();
  const { rows } = await t.deps.stores.database.executeSql('select count(*)::int as n from predictions');
  return (rows[0] as { n: number }).n;
}

test('the warm-up answers its requests but leaves no trace: no metrics, no history, no rate-limit use, auth back on', async () => {
  // a limit of 5 requests a minute: 40 warm-up requests would exhaust it if they counted
  const t = await testApp({ env: { WARDEN_RATE_LIMIT_MAX: '5' } });
  try {
    const live = { metrics: t.deps.metrics, stores: t.deps.stores, counters: t.deps.counters, keys: t.deps.keys };
    const w = await warmUp(t.app, t.deps, TEXTS, 40);
    assert.deepEqual({ requests: w.requests, failed: w.failed }, { requests: 40, failed: 0 });
    // everything the warm-up swapped is back
    assert.equal(t.deps.metrics, live.metrics);
    assert.equal(t.deps.stores, live.stores);
    assert.equal(t.deps.counters, live.counters);
    assert.equal(t.deps.keys, live.keys);
    assert.equal(t.deps.warming, false);
    assert.equal(await historyCount(t), 0);
    const text = await t.deps.metrics.registry.metrics();
    assert.doesNotMatch(text, /warden_http_requests_total\{/);
    assert.doesNotMatch(text, /warden_predictions_total\{/);
    assert.equal(promValue(text, 'warden_risk_score_count'), 0);

    // auth is enforced again
    const anonymous = await t.app.inject({ method: 'POST', url: '/v1/score', payload: { text: 'hello' } });
    assert.equal(anonymous.statusCode, 401);
    // the rate limit was not used up: this key's first real request has 4 left
    const real = await t.app.inject({ method: 'POST', url: '/v1/score', payload: { text: 'hello there' }, headers: auth('scorer') });
    assert.equal(real.statusCode, 200);
    assert.equal(real.headers['x-ratelimit-remaining'], '4');
    // and real traffic is counted and stored as usual
    const after = await t.deps.metrics.registry.metrics();
    assert.equal(promValue(after, 'warden_http_requests_total', { route: '/v1/score', status: '200' }), 1);
    assert.equal(promValue(after, 'warden_http_requests_total', { route: '/v1/score', status: '401' }), 1);
    assert.equal(await historyCount(t), 1);
  } finally {
    await t.close();
  }
});

test('the warm-up restores the app even when it throws midway, and does nothing without texts', async () => {
  const t = await testApp();
  try {
    const live = t.deps.metrics;
    const none = await warmUp(t.app, t.deps, [], 100);
    assert.deepEqual(none, { requests: 0, failed: 0, ms: 0 });
    // a text the scorer cannot take (not a string) makes the warm-up throw midway
    await assert.rejects(warmUp(t.app, t.deps, ['fine', undefined as unknown as string], 10), TypeError);
    assert.equal(t.deps.metrics, live);
    assert.equal(t.deps.warming, false);
    assert.equal((await t.app.inject({ method: 'POST', url: '/v1/score', payload: { text: 'hi' } })).statusCode, 401);
  } finally {
    await t.close();
  }
});

test('the bundled warm-up texts are the UCI messages, without labels', async () => {
  const texts = await bundledWarmupTexts();
  assert.equal(texts.length, 5574);
  assert.ok(texts.every((x) => x.length > 0 && !/^(ham|spam)\t/.test(x)));
  assert.equal(texts[0].startsWith('Go until jurong point'), true);
});
