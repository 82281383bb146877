import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { auth, testApp, type TestApp } from '../../test/support/test-app.js';

let t: TestApp;
before(async () => {
  t = await testApp();
});
after(async () => t.close());

async function score(text: string): Promise<{ id: string; label: string; risk_score: number }> {
  const res = await t.app.inject({ method: 'POST', url: '/v1/score', headers: auth('scorer'), payload: { text } });
  assert.equal(res.statusCode, 200, res.body);
  return res.json();
}

test('feedback on a prediction is stored, and a second label supersedes the first (history kept)', async () => {
  const p = await score('WINNER!! You have won a £1000 prize. Call 09061701461 to claim');
  const first = await t.app.inject({ method: 'POST', url: '/v1/feedback', headers: auth('analyst'), payload: { prediction_id: p.id, label: 'spam', analyst: 'ann', note: 'classic' } });
  assert.equal(first.statusCode, 201, first.body);
  assert.equal(first.json().label, 'spam');
  assert.equal(first.json().is_current, true);
  const second = await t.app.inject({ method: 'POST', url: '/v1/feedback', headers: auth('analyst'), payload: { prediction_id: p.id, label: 'SMISHING' } });
  assert.equal(second.json().label, 'phishing');
  const got = (await t.app.inject({ url: `/v1/predictions/${p.id}`, headers: auth('analyst') })).json();
  assert.equal(got.feedback.length, 2);
  assert.deepEqual(got.feedback.map((f: { label: string; is_current: boolean }) => [f.label, f.is_current]), [['phishing', true], ['spam', false]]);
  assert.equal(got.feedback[1].superseded_by, got.feedback[0].id);
  assert.equal(got.feedback[1].analyst, 'ann');
  assert.equal(got.feedback[0].analyst, 'env-2');
});

test('feedback errors: unknown label 400, unknown prediction 404, neither target 400', async () => {
  const a = await t.app.inject({ method: 'POST', url: '/v1/feedback', headers: auth('analyst'), payload: { text: 'hi there', label: 'maybe' } });
  assert.equal(a.statusCode, 400);
  assert.equal(a.json().error.code, 'UNKNOWN_LABEL');
  const b = await t.app.inject({ method: 'POST', url: '/v1/feedback', headers: auth('analyst'), payload: { prediction_id: '01234567-0000-7000-8000-000000000000', label: 'spam' } });
  assert.equal(b.statusCode, 404);
  assert.equal(b.json().error.code, 'PREDICTION_NOT_FOUND');
  const c = await t.app.inject({ method: 'POST', url: '/v1/feedback', headers: auth('analyst'), payload: { label: 'spam' } });
  assert.equal(c.statusCode, 400);
  assert.equal(c.json().error.code, 'INVALID_INPUT');
});

test('history filters by label, score range, text search and has_feedback; cursor pages cover every row once', async () => {
  const texts = Array.from({ length: 7 }, (_, i) => `Lunch at noon, table ${i}? See you there`);
  const ids = new Set<string>();
  for (const x of texts) ids.add((await score(x)).id);
  const spam = await score('FREE entry! Text WIN to 80086 to claim your £500 cash prize now');
  const seen: string[] = [];
  let cursor: string | null = null;
  do {
    const url: string = `/v1/predictions?q=${encodeURIComponent('table')}&limit=3${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const page = (await t.app.inject({ url, headers: auth('analyst') })).json();
    assert.ok(page.items.length <= 3);
    seen.push(...page.items.map((p: { id: string }) => p.id));
    cursor = page.next_cursor;
  } while (cursor);
  assert.equal(seen.length, 7);
  assert.deepEqual(new Set(seen), ids);
  // The API rounds scores to 6 decimals: ask for a bound just under the rounded one.
  const bound = spam.risk_score - 1e-6;
  const labelled = (await t.app.inject({ url: `/v1/predictions?label=${spam.label}&min_score=${bound}`, headers: auth("analyst") })).json();
  assert.ok(labelled.items.some((p: { id: string }) => p.id === spam.id));
  assert.ok(labelled.items.every((p: { risk_score: number }) => p.risk_score >= bound));
  const withFeedback = (await t.app.inject({ url: '/v1/predictions?has_feedback=true', headers: auth('analyst') })).json();
  assert.ok(withFeedback.items.every((p: { id: string }) => !ids.has(p.id)));
});

test('history query errors: bad date, min above max, out-of-range limit, bad cursor → 400', async () => {
  for (const q of ['from=yesterday', 'min_score=0.9&max_score=0.1', 'limit=0', 'limit=501', 'cursor=%%%garbage', 'label=weird']) {
    const res = await t.app.inject({ url: `/v1/predictions?${q}`, headers: auth('analyst') });
    assert.equal(res.statusCode, 400, `${q}: ${res.body}`);
    assert.equal(res.json().error.code, 'INVALID_INPUT', q);
  }
  const missing = await t.app.inject({ url: '/v1/predictions/nope', headers: auth('analyst') });
  assert.equal(missing.statusCode, 404);
  assert.equal(missing.json().error.code, 'PREDICTION_NOT_FOUND');
});

test('POST /v1/tag and /v1/triage answer with the explanation layer shapes', async () => {
  const text = 'Your Lloyds account is locked. Confirm your PIN at http://bit.ly/lloyds-unlock now';
  const tag = (await t.app.inject({ method: 'POST', url: '/v1/tag', headers: auth('scorer'), payload: { text } })).json();
  assert.ok(tag.tags.some((x: { tag: string }) => x.tag === 'short_url'));
  assert.equal(tag.indicators.urls[0].shortened, true);
  const tri = await t.app.inject({ method: 'POST', url: '/v1/triage', headers: auth('scorer'), payload: { text } });
  assert.equal(tri.statusCode, 200, tri.body);
  const v = tri.json();
  for (const k of ['risk_score', 'label', 'severity', 'action', 'tags', 'indicators', 'top_features', 'summary', 'model_version']) assert.ok(k in v, k);
  for (const k of ['urls', 'domains', 'emails', 'phones', 'amounts', 'wallets']) assert.ok(Array.isArray(v.indicators[k]), k);
  assert.ok(['high', 'critical'].includes(v.severity), v.severity);
  assert.ok(['block', 'block_and_report'].includes(v.action), v.action);
  assert.match(v.summary, /^Likely (phishing|spam) \(\d+%\)/);
});
