import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openDatabase, preparePrediction, PredictionRepository, type Database } from '../storage/index.js';
import { DEFAULT_MONITORING_CONFIG } from './config.js';
import { computeQuality } from './quality.js';
import { resolveRange } from './time-range.js';

let store: Database;
const DAY = new Date('2026-04-01T00:00:00Z');

before(async () => {
  store = await openDatabase({ kind: 'pglite', dataDir: null });
  const texts: [string, boolean][] = [
    ['hello there', true],
    ['   \n\t ', true],
    ['x'.repeat(2001), true],
    ['bad \u0007 bell', true],
    ['broken \ufffd byte', true],
    ['привет, это банк', true],
    ['Ваш pаypal заблокирован', true], // Latin text with Cyrillic homoglyphs: counted as Cyrillic
    ['γειά σου', true],
    ['مرحبا', true],
    ['你好 world', true],
    ['café au lait', true],
    ['stored as a hash only', false],
  ];
  const rows = texts.map(([text, store], i) =>
    preparePrediction({ text, riskScore: 0.1, label: 'benign', isThreat: false, threshold: 0.5, modelVersion: 'v1', latencyUs: 1, source: 'test' }, { storeText: store, now: new Date(DAY.getTime() + i * 3_600_000) }),
  );
  await new PredictionRepository(store.db).insertMany(rows);
});

after(async () => {
  await store.close();
});

test('computeQuality: counts empty, very long, control-character and hash-only texts and the script mix', async () => {
  const q = await computeQuality(store.db, resolveRange({ window: 'day', from: DAY, to: new Date(DAY.getTime() + 86_400_000) }));
  assert.equal(q.windows.length, 1);
  const w = q.windows[0];
  assert.equal(w.count, 12);
  assert.equal(w.empty, 1);
  assert.equal(w.veryLong, 1);
  assert.equal(w.controlChars, 2);
  assert.equal(w.hashOnly, 1);
  // The bell is ASCII; U+FFFD and 'café' are Latin-beyond-ASCII: 'other'.
  assert.deepEqual(w.scripts, { ascii: 4, cyrillic: 2, greek: 1, arabic: 1, hebrew: 0, cjk: 1, other: 2 });
  assert.ok(Math.abs(w.badShare - 4 / 12) < 1e-12);
  assert.deepEqual(q.overall?.scripts, w.scripts);
});

test('computeQuality: hour windows, the long-text threshold is configurable, empty ranges are empty', async () => {
  const q = await computeQuality(store.db, resolveRange({ window: 'hour', from: DAY, to: new Date(DAY.getTime() + 86_400_000) }), { ...DEFAULT_MONITORING_CONFIG, longTextChars: 10 });
  assert.equal(q.windows.length, 12);
  assert.equal(q.overall?.veryLong, 7); // texts longer than 10 units
  const none = await computeQuality(store.db, resolveRange({ window: 'day', from: new Date('2020-01-01T00:00:00Z'), to: new Date('2020-01-02T00:00:00Z') }));
  assert.deepEqual(none.windows, []);
  assert.equal(none.overall, null);
});
