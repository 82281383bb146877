import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { auth, testApp, type TestApp } from '../../test/support/test-app.js';

let t: TestApp;
before(async () => {
  t = await testApp();
});
after(async () => t.close());

const PHISH = 'URGENT: your bank account has been suspended. Verify your details now at http://secure-paypa1.com/login within 24 hours';
const HAM = "Hey, are we still meeting for lunch tomorrow? I'll bring the book";

test('POST /v1/score scores one text with the documented fields', async () => {
  const res = await t.app.inject({ method: 'POST', url: '/v1/score', headers: auth('scorer'), payload: { text: PHISH } });
  assert.equal(res.statusCode, 200);
  const body = res.json();
  assert.deepEqual(Object.keys(body).sort(), ['id', 'is_threat', 'label', 'model_version', 'risk_score', 'threshold']);
  assert.match(body.id, /^[0-9a-f-]{36}$/);
  assert.equal(body.model_version, 'v1');
  assert.ok(body.risk_score > body.threshold, `phishing text scored ${body.risk_score} ≤ ${body.threshold}`);
  assert.equal(body.is_threat, true);
  assert.notEqual(body.label, 'benign');
});

test('POST /v1/score with texts returns results in order; benign stays benign', async () => {
  const res = await t.app.inject({ method: 'POST', url: '/v1/score', headers: auth('scorer'), payload: { texts: [HAM, PHISH] } });
  assert.equal(res.statusCode, 200);
  const { results } = res.json();
  assert.equal(results.length, 2);
  assert.equal(results[0].label, 'benign');
  assert.equal(results[0].is_threat, false);
  assert.ok(results[0].risk_score < results[1].risk_score);
});

test('POST /v1/score answers the schema fields in schema order, one and many', async () => {
  const inOrder = (r: Record<string, unknown>) =>
    JSON.stringify({ id: r.id, risk_score: r.risk_score, is_threat: r.is_threat, label: r.label, threshold: r.threshold, model_version: r.model_version });
  const one = await t.app.inject({ method: 'POST', url: '/v1/score', headers: auth('scorer'), payload: { text: PHISH } });
  assert.equal(one.headers['content-type'], 'application/json; charset=utf-8');
  assert.equal(one.body, inOrder(one.json()));
  const many = await t.app.inject({ method: 'POST', url: '/v1/score', headers: auth('scorer'), payload: { texts: [HAM, PHISH, HAM] } });
  assert.equal(many.headers['content-type'], 'application/json; charset=utf-8');
  assert.equal(many.body, `{"results":[${many.json().results.map(inOrder).join(',')}]}`);
  const bad = await t.app.inject({ method: 'POST', url: '/v1/score', headers: auth('scorer'), payload: { texts: [] } });
  assert.equal(bad.statusCode, 400);
  assert.deepEqual(Object.keys(bad.json()), ['error']);
});

test('?explain=true adds tags with spans into the sent text and top features', async () => {
  const res = await t.app.inject({ method: 'POST', url: '/v1/score?explain=true', headers: auth('scorer'), payload: { text: PHISH } });
  const body = res.json();
  const urgency = body.tags.find((x: { tag: string }) => x.tag === 'urgency');
  assert.ok(urgency, JSON.stringify(body.tags.map((x: { tag: string }) => x.tag)));
  const s = urgency.spans[0];
  assert.match(PHISH.slice(s.start, s.end), /urgent|24 hours/i);
  assert.ok(body.top_features.length > 0);
  assert.ok(body.top_features.every((f: { direction: string }) => f.direction === 'up' || f.direction === 'down'));
});

test('the same answer from the compatibility aliases /score and /predict', async () => {
  for (const url of ['/score', '/predict']) {
    const res = await t.app.inject({ method: 'POST', url, headers: auth('scorer'), payload: { texts: [HAM, PHISH] } });
    assert.equal(res.statusCode, 200, url);
    const { predictions } = res.json();
    assert.deepEqual(predictions.map((p: { prediction: string }) => p.prediction), ['ham', 'spam']);
    assert.equal(predictions[1].probability, predictions[1].risk_score);
  }
});

const bad: [string, Record<string, unknown> | string, number, string, string?][] = [
  ['malformed JSON', '{"text": ', 400, 'INVALID_JSON', 'application/json'],
  ['empty body', '', 400, 'INVALID_JSON', 'application/json'],
  ['neither text nor texts', {}, 400, 'INVALID_INPUT'],
  ['both text and texts', { text: 'a', texts: ['b'] }, 400, 'INVALID_INPUT'],
  ['text not a string', { text: 42 }, 400, 'INVALID_INPUT'],
  ['unknown field', { text: 'hello', extra: 1 }, 400, 'INVALID_INPUT'],
  ['empty text', { text: '   ' }, 400, 'EMPTY_TEXT'],
  ['empty texts list', { texts: [] }, 400, 'INVALID_INPUT'],
  ['an empty item in texts', { texts: ['fine', ''] }, 400, 'EMPTY_TEXT'],
  ['over-long text', { text: 'a'.repeat(100_001) }, 413, 'PAYLOAD_TOO_LARGE'],
  ['too many texts', { texts: Array.from({ length: 1001 }, () => 'hi') }, 413, 'PAYLOAD_TOO_LARGE'],
];
for (const [name, payload, status, code, type] of bad) {
  test(`bad input: ${name} → ${status} ${code}`, async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/score',
      headers: { ...auth('scorer'), ...(type ? { 'content-type': type } : {}) },
      payload: typeof payload === 'string' ? payload : payload,
    });
    assert.equal(res.statusCode, status, res.body);
    const body = res.json();
    assert.equal(body.error.code, code);
    assert.equal(typeof body.error.message, 'string');
    assert.ok(!res.body.includes('    at '), 'no stack trace');
  });
}

test('invalid UTF-8 in the body → 400 INVALID_UTF8 (not silently replaced)', async () => {
  const payload = Buffer.concat([Buffer.from('{"text":"caf'), Buffer.from([0xc3, 0x28]), Buffer.from('"}')]);
  const res = await t.app.inject({ method: 'POST', url: '/v1/score', headers: { ...auth('scorer'), 'content-type': 'application/json' }, payload });
  assert.equal(res.statusCode, 400);
  assert.equal(res.json().error.code, 'INVALID_UTF8');
});

test('a body over the limit → 413; a non-JSON content type → 415', async () => {
  const big = JSON.stringify({ text: 'x'.repeat(3 * 1024 * 1024) });
  const res = await t.app.inject({ method: 'POST', url: '/v1/score', headers: { ...auth('scorer'), 'content-type': 'application/json' }, payload: big });
  assert.equal(res.statusCode, 413);
  assert.equal(res.json().error.code, 'PAYLOAD_TOO_LARGE');
  const res2 = await t.app.inject({ method: 'POST', url: '/v1/score', headers: { ...auth('scorer'), 'content-type': 'text/plain' }, payload: 'hello' });
  assert.equal(res2.statusCode, 415);
  assert.equal(res2.json().error.code, 'UNSUPPORTED_FORMAT');
});

test('an unknown route → 404 NOT_FOUND in the error shape', async () => {
  const res = await t.app.inject({ method: 'GET', url: '/v1/nope', headers: auth('scorer') });
  assert.equal(res.statusCode, 404);
  assert.equal(res.json().error.code, 'NOT_FOUND');
});

test('every scored message is stored with score, label, model version and tags', async () => {
  const res = await t.app.inject({ method: 'POST', url: '/v1/score', headers: auth('scorer'), payload: { text: PHISH } });
  const { id, risk_score } = res.json();
  const got = await t.app.inject({ method: 'GET', url: `/v1/predictions/${id}`, headers: auth('analyst') });
  assert.equal(got.statusCode, 200);
  const p = got.json();
  assert.equal(p.text, PHISH);
  assert.ok(Math.abs(p.risk_score - risk_score) <= 1e-6);
  assert.equal(p.model_version, 'v1');
  assert.ok(p.tags.includes('urgency'));
  assert.equal(p.source, 'api');
  assert.equal(p.client, 'env-1');
  assert.deepEqual(p.feedback, []);
});
