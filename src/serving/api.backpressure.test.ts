import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { auth, testApp, type TestApp } from '../../test/support/test-app.js';
import { createPredictionWriter } from '../storage/index.js';
import { GatedSink, settledSoon } from '../storage/conformance/gated-sink.js';

// The app's own writer is swapped for one over the real repository behind a gate: a database
// that answers, but only when the test lets it.
let t: TestApp;
let gate: GatedSink;
before(async () => {
  t = await testApp();
  await t.deps.stores.writer.close();
  gate = new GatedSink(t.deps.stores.predictions);
  (t.deps.stores as { writer: unknown }).writer = createPredictionWriter(gate, { flushIntervalMs: 1, batchSize: 2, backlogRows: 3, backlogWaitMs: 300 });
});
after(async () => {
  gate.open();
  await t.close();
});

const TEXTS = ['WINNER! Claim your prize now at http://bit.ly/x', 'Are we still on for lunch?', 'Your account is locked, verify at http://paypa1.com', 'See you at 6'];

async function storedCount(): Promise<number> {
  const { rows } = await t.deps.stores.database.executeSql('select count(*)::int as n from predictions');
  return rows[0].n;
}

test('a slow prediction log makes scoring requests wait instead of dropping their records; a hung one answers 503 STORAGE_BUSY', async () => {
  const first = await t.app.inject({ method: 'POST', url: '/v1/score', headers: auth('scorer'), payload: { texts: TEXTS } });
  assert.equal(first.statusCode, 200, 'room at first: answered at once, 4 rows buffered over a backlog of 3');

  // Over the backlog with the database holding back: the next request waits, unscored.
  const second = t.app.inject({ method: 'POST', url: '/v1/triage', headers: auth('scorer'), payload: { text: TEXTS[0] } });
  assert.equal(await settledSoon(second, 50), false, 'the request waits for the log to catch up');
  gate.open();
  const answered = await second;
  assert.equal(answered.statusCode, 200);
  await t.deps.stores.writer.flush();
  assert.equal(await storedCount(), 5, 'every answered prediction is stored');

  // A write that hangs: after the wait, 503 with retry-after, and the message is neither scored nor stored.
  gate.close();
  const third = await t.app.inject({ method: 'POST', url: '/v1/score', headers: auth('scorer'), payload: { texts: TEXTS } });
  assert.equal(third.statusCode, 200);
  const busy = await t.app.inject({ method: 'POST', url: '/v1/score', headers: auth('scorer'), payload: { text: TEXTS[1] } });
  assert.equal(busy.statusCode, 503);
  assert.equal(busy.headers['retry-after'], '1');
  assert.equal(busy.json().error.code, 'STORAGE_BUSY');
  const status = t.deps.stores.writer.status();
  assert.deepEqual({ buffered: status.buffered, dropped: status.dropped }, { buffered: 4, dropped: 0 });
  gate.open();
  await t.deps.stores.writer.flush();
  assert.equal(await storedCount(), 9);

  // Bad input is refused before any waiting.
  gate.close();
  await t.app.inject({ method: 'POST', url: '/v1/score', headers: auth('scorer'), payload: { texts: TEXTS } });
  const bad = await t.app.inject({ method: 'POST', url: '/v1/score', headers: auth('scorer'), payload: { text: '   ' } });
  assert.equal(bad.statusCode, 400);
  assert.equal(bad.json().error.code, 'EMPTY_TEXT');
  gate.open();
});
