import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { auth, testApp, type TestApp } from '../../test/support/test-app.js';
import { tinyModelDir } from '../../test/support/tiny-model.js';

let t: TestApp;
before(async () => {
  t = await testApp();
  await t.registry.register(await tinyModelDir(), 'test'); // v2, candidate
});
after(async () => t.close());

test('GET /v1/models lists versions with aliases; GET /v1/models/:version shows a manifest', async () => {
  const list = (await t.app.inject({ url: '/v1/models', headers: auth('scorer') })).json();
  assert.equal(list.serving, 'v1');
  assert.deepEqual(list.aliases, { production: 'v1', candidate: 'v2' });
  assert.deepEqual(list.models.map((m: { version: string }) => m.version), ['v1', 'v2']);
  const one = (await t.app.inject({ url: '/v1/models/candidate', headers: auth('scorer') })).json();
  assert.equal(one.version, 'v2');
  assert.equal(one.manifest.format, 'warden-model');
  const missing = await t.app.inject({ url: '/v1/models/v99', headers: auth('scorer') });
  assert.equal(missing.statusCode, 404);
  assert.equal(missing.json().error.code, 'MODEL_NOT_FOUND');
});

test('promotion and rollback under concurrent load: zero failed requests, each answered by v1 or v2', async () => {
  const text = 'Claim your free prize now, reply YES to 80086';
  const versions: string[] = [];
  let failures = 0;
  let stop = false;
  const load = async () => {
    while (!stop) {
      const res = await t.app.inject({ method: 'POST', url: '/v1/score', headers: auth('scorer'), payload: { texts: [text, text, text] } });
      if (res.statusCode !== 200) failures++;
      else {
        const vs = new Set<string>(res.json().results.map((r: { model_version: string }) => r.model_version));
        assert.equal(vs.size, 1, 'one request is scored by one model');
        versions.push(...vs);
      }
    }
  };
  const workers = Array.from({ length: 8 }, load);
  await new Promise((r) => setTimeout(r, 100));
  const promoted = await t.app.inject({ method: 'POST', url: '/v1/models/v2/promote', headers: auth('admin'), payload: { reason: 'better recall' } });
  assert.equal(promoted.statusCode, 200, promoted.body);
  assert.deepEqual([promoted.json().from, promoted.json().to, promoted.json().serving], ['v1', 'v2', 'v2']);
  await new Promise((r) => setTimeout(r, 100));
  const after1 = (await t.app.inject({ method: 'POST', url: '/v1/score', headers: auth('scorer'), payload: { text } })).json();
  assert.equal(after1.model_version, 'v2');
  const rolled = await t.app.inject({ method: 'POST', url: '/v1/models/rollback', headers: auth('admin'), payload: {} });
  assert.equal(rolled.statusCode, 200, rolled.body);
  assert.deepEqual([rolled.json().to, rolled.json().serving], ['v1', 'v1']);
  await new Promise((r) => setTimeout(r, 100));
  stop = true;
  await Promise.all(workers);
  assert.equal(failures, 0);
  assert.ok(versions.includes('v1') && versions.includes('v2'), `versions seen: ${[...new Set(versions)]}`);
  const audit = await t.deps.stores.audit.list({}, { limit: 10 });
  assert.deepEqual(audit.items.map((e) => String(e.action)).sort(), ['model.promote', 'model.rollback']);
});

test('promotion errors: unknown version 404, bad alias 400, scorer 403', async () => {
  const a = await t.app.inject({ method: 'POST', url: '/v1/models/v42/promote', headers: auth('admin'), payload: {} });
  assert.equal(a.statusCode, 404);
  const b = await t.app.inject({ method: 'POST', url: '/v1/models/v2/promote', headers: auth('admin'), payload: { alias: 'staging' } });
  assert.equal(b.statusCode, 400);
  const c = await t.app.inject({ method: 'POST', url: '/v1/models/v2/promote', headers: auth('scorer'), payload: {} });
  assert.equal(c.statusCode, 403);
});
