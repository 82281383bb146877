import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CsvBuffer } from '../data/csv-writer.js';
import { loadDetector } from '../detector/load-detector.js';
import { tinyModelDir } from '../../test/support/tiny-model.js';
import { ScorePool } from './score-pool.js';
import { writeScoredRows } from './score-rows.js';

const TEXTS = ['WINNER! Claim your £1000 prize, call 09061701461 now', 'See you at the pub at 8?', '', '=HYPERLINK("http://evil.com")', 'ok lar… 😀'];

test('a scoring thread writes the same CSV bytes and counts as scoring on this thread', async () => {
  const dir = await tinyModelDir();
  const detector = await loadDetector(dir);
  const pool = ScorePool.start(2, { dir, version: null });
  try {
    const batches = Array.from({ length: 6 }, (_, b) => TEXTS.map((t) => (t === '' ? t : `${t} ${b}`)));
    const offered = batches.map((texts, b) => {
      const ids = b % 2 === 0 ? texts.map((_, i) => `id${b}-${i}`) : null;
      return { texts, ids, sent: pool.trySubmit(texts, ids) };
    });
    // two threads, two batches in flight each (nothing is answered before the next await)
    assert.deepEqual(offered.map((o) => o.sent !== null), [true, true, true, true, false, false]);
    for (const { texts, ids, sent } of offered.slice(0, 4)) {
      const reply = await sent!;
      const csv = new CsvBuffer(1024);
      const counts = writeScoredRows(detector, texts, ids, csv);
      assert.deepEqual(Buffer.from(reply.bytes), csv.take());
      assert.deepEqual({ rows: reply.rows, threats: reply.threats, errors: reply.errors }, counts);
      assert.equal(counts.errors, 1); // the empty text
    }
  } finally {
    await pool.close();
  }
});

test('a thread that cannot load its model fails the batches given to it', async () => {
  const pool = ScorePool.start(1, { dir: '/nonexistent/model', version: null });
  try {
    const sent = pool.trySubmit(['hello'], null);
    assert.ok(sent);
    await assert.rejects(sent);
    assert.equal(pool.trySubmit(['hello'], null), null, 'a failed thread takes no more batches');
  } finally {
    await pool.close();
  }
});
