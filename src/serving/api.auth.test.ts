import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { auth, testApp, type TestApp } from '../../test/support/test-app.js';

let t: TestApp;
before(async () => {
  t = await testApp();
});
after(async () => t.close());

const routes: [string, string, Record<string, unknown> | undefined, 'scorer' | 'analyst' | 'admin'][] = [
  ['POST', '/v1/score', { text: 'hello there' }, 'scorer'],
  ['POST', '/v1/tag', { text: 'hello there' }, 'scorer'],
  ['POST', '/v1/triage', { text: 'hello there' }, 'scorer'],
  ['GET', '/v1/models', undefined, 'scorer'],
  ['GET', '/v1/predictions', undefined, 'analyst'],
  ['POST', '/v1/feedback', { text: 'hello there', label: 'ham' }, 'analyst'],
  ['POST', '/v1/models/rollback', {}, 'admin'],
];
const RANK = { scorer: 0, analyst: 1, admin: 2 };

for (const [method, url, payload, needed] of routes) {
  test(`${method} ${url}: 401 without a key, 401 with a wrong key`, async () => {
    const none = await t.app.inject({ method: method as 'GET', url, payload });
    assert.equal(none.statusCode, 401);
    assert.equal(none.json().error.code, 'UNAUTHENTICATED');
    const wrong = await t.app.inject({ method: method as 'GET', url, payload, headers: { authorization: 'Bearer not-a-key-at-all' } });
    assert.equal(wrong.statusCode, 401);
  });
  for (const role of ['scorer', 'analyst', 'admin'] as const) {
    test(`${method} ${url} as ${role}: ${RANK[role] >= RANK[needed] ? 'allowed' : '403'}`, async () => {
      const res = await t.app.inject({ method: method as 'GET', url, payload, headers: auth(role) });
      if (RANK[role] >= RANK[needed]) assert.notEqual(res.statusCode, 403, res.body);
      else {
        assert.equal(res.statusCode, 403);
        assert.equal(res.json().error.code, 'FORBIDDEN');
        assert.match(res.json().error.message, new RegExp(`needs the '${needed}' role`));
      }
    });
  }
}

test('x-api-key works as well as Authorization: Bearer', async () => {
  const res = await t.app.inject({ method: 'POST', url: '/v1/tag', payload: { text: 'hi' }, headers: { 'x-api-key': 'scorer-key-0001' } });
  assert.equal(res.statusCode, 200);
});

test('health, ready, metrics, openapi and docs are public', async () => {
  assert.deepEqual((await t.app.inject({ url: '/health' })).json(), { status: 'ok' });
  const ready = await t.app.inject({ url: '/ready' });
  assert.equal(ready.statusCode, 200, ready.body);
  assert.equal(ready.json().model, 'v1');
  assert.equal(ready.json().database, 'ok');
  const metrics = await t.app.inject({ url: '/metrics' });
  assert.equal(metrics.statusCode, 200);
  assert.match(metrics.body, /warden_model_info|warden_http_requests_total/);
  const doc = (await t.app.inject({ url: '/openapi.json' })).json();
  assert.equal(doc.openapi.startsWith('3'), true);
  for (const p of ['/v1/score', '/v1/triage', '/v1/feedback', '/v1/predictions', '/v1/models/{version}/promote']) assert.ok(doc.paths[p], `openapi lacks ${p}`);
  const docs = await t.app.inject({ url: '/docs' });
  assert.ok([200, 302].includes(docs.statusCode));
});

test('the no-auth local mode treats callers as admin', async () => {
  const local = await testApp({ noAuth: true });
  try {
    const res = await local.app.inject({ method: 'GET', url: '/v1/predictions' });
    assert.equal(res.statusCode, 200);
  } finally {
    await local.close();
  }
});
