import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { parseDelimited } from '../data/index.js';
import { auth, testApp, type TestApp } from '../../test/support/test-app.js';
import { multipartBody } from './upload/route-harness.js';

let t: TestApp;
before(async () => {
  t = await testApp();
});
after(async () => t.close());

const PHISH = 'URGENT: your bank account has been suspended. Verify your details now at http://secure-paypa1.com/login';
const HAM = 'See you at the station at 6, bring the tickets';

test('POST /v1/batch records every scored row in the history (source batch), with the cells the CSV shows', async () => {
  const csv = `id,text\n1,"${PHISH}"\n2,   \n3,"${HAM}"\n`;
  const res = await t.app.inject({ method: 'POST', url: '/v1/batch', headers: { ...auth('scorer'), ...multipartBody(csv).headers }, payload: multipartBody(csv).payload });
  assert.equal(res.statusCode, 200);
  const rows = parseDelimited(res.body);
  assert.equal(rows.length, 4, JSON.stringify(rows));
  assert.equal(rows[2][6], 'empty text');

  // The same texts through /v1/score: the batch cells are the very same scores.
  const single = (await t.app.inject({ method: 'POST', url: '/v1/score', headers: auth('scorer'), payload: { texts: [PHISH, HAM] } })).json().results;
  assert.deepEqual([rows[1][2], rows[3][2]], single.map((r: { risk_score: number }) => String(r.risk_score)));

  await t.deps.stores.writer.flush();
  const { rows: stored } = await t.deps.stores.database.executeSql(
    `select text, risk_score, label, is_threat, model_version, tags, client from predictions where source = 'batch' order by text`,
  );
  assert.equal(stored.length, 2, 'the two scorable rows; the empty one is an error row, not a prediction');
  const byText = new Map(stored.map((r: { text: string }) => [r.text, r]));
  const phish = byText.get(PHISH) as unknown as { risk_score: number; label: string; is_threat: boolean; model_version: string; tags: string[]; client: string | null };
  assert.equal(Math.round(phish.risk_score * 1e6) / 1e6, Number(rows[1][2]));
  assert.equal(String(phish.is_threat), rows[1][3]);
  assert.equal(phish.label, rows[1][4]);
  assert.equal(phish.model_version, 'v1');
  assert.ok(phish.tags.includes('link_present') && phish.tags.includes('account_action'), `tags ${phish.tags}`);
  assert.match(String(phish.client), /^env-\d+$/, 'the API key that sent the file');
  assert.ok(byText.has(HAM));
});
