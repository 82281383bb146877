import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { openDatabase, preparePrediction, PredictionRepository, type Database } from '../storage/index.js';
import { capsShare, digitShare, urlCount } from '../training/reference.js';
import { CAPS_SHARE, DIGIT_SHARE, URL_COUNT } from './drift-sql.js';

let store: Database | null = null;
after(async () => {
  await store?.close();
});

test('the SQL feature expressions give exactly the JS reference features (live and reference bins agree)', async () => {
  store = await openDatabase({ kind: 'pglite', dataDir: null });
  const texts = ['', 'Call 0800 123 456 NOW', 'https://x.io www.y.com HTTP://z', 'ÉCOLE café 42 €', 'aaaa', '😀 emoji 9', 'ALL CAPS', 'wwwx.com https:/broken', 'Ⅻ ① ٣ digits that are not ASCII'];
  const at = new Date('2026-01-01T00:00:00Z');
  await new PredictionRepository(store.db).insertMany(
    texts.map((text, i) => preparePrediction({ text, riskScore: 0.5, label: 'benign', isThreat: false, threshold: 0.5, modelVersion: 'v', latencyUs: 1, source: 't' }, { storeText: true, now: new Date(at.getTime() + i) })),
  );
  const rows = await sql<{ text: string; d: number; c: number; u: number }>`
    select text, ${DIGIT_SHARE} as d, ${CAPS_SHARE} as c, ${URL_COUNT} as u from predictions order by created_at`.execute(store.db);
  assert.equal(rows.rows.length, texts.length);
  for (const r of rows.rows) {
    assert.equal(r.d, digitShare(r.text), `digits of ${r.text}`);
    assert.equal(r.c, capsShare(r.text), `caps of ${r.text}`);
    assert.equal(r.u, urlCount(r.text), `urls of ${r.text}`);
  }
  assert.equal(rows.rows[1].d, 10 / 21);
  assert.equal(rows.rows[2].u, 3);
});
