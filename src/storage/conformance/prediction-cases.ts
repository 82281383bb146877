import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isWardenError } from '../../errors.js';
import { FeedbackRepository } from '../feedback-repository.js';
import { encodeCursor } from '../page-cursor.js';
import { preparePrediction, textSha256, type NewPrediction, type PredictionRecord } from '../prediction-record.js';
import { PredictionRepository, type PredictionFilter } from '../prediction-repository.js';
import { encodePredictions, encodeSegments } from '../prediction-wire.js';
import { isDataError } from '../sql-errors.js';
import { byNewest, makePrediction } from './fixtures.js';
import type { SuiteContext } from './run-storage-suite.js';

const code = (c: string) => (err: unknown) => isWardenError(err) && err.code === c;

/** Walks every page of a listing and returns the ids in order. */
async function listAll(repo: PredictionRepository, filter: PredictionFilter, limit: number): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | null = null;
  for (let pages = 0; pages < 10_000; pages++) {
    const page = await repo.list(filter, { limit, cursor });
    assert.ok(page.items.length <= limit);
    ids.push(...page.items.map((p) => p.id));
    if (page.nextCursor === null) return ids;
    cursor = page.nextCursor;
  }
  throw new Error('pagination did not terminate');
}

export function predictionCases(ctx: SuiteContext): void {
  test('predictions: insertMany then get returns every field as written', async () => {
    const repo = new PredictionRepository(ctx.store().db);
    const full = makePrediction({
      text: 'Verify your account at http://paypa1.example now',
      riskScore: 0.987654321012345,
      label: 'phishing',
      isThreat: true,
      threshold: 0.42,
      modelVersion: 'lr-2025-01',
      tags: ['url_shortener', 'urgent_language'],
      latencyUs: 1234,
      source: 'batch',
      client: 'key_123',
      shadowVersion: 'lr-2025-02',
      shadowScore: 0.5,
      createdAt: new Date('2025-03-04T05:06:07.089Z'),
    });
    const hashOnly = makePrediction({ text: null, textLength: 17 });
    assert.equal(await repo.insertMany([full, hashOnly]), 2);
    assert.deepEqual(await repo.get(full.id), full);
    const got = await repo.get(hashOnly.id);
    assert.equal(got?.text, null);
    assert.equal(got?.textLength, 17);
    assert.equal(await repo.get('no-such-id'), null);
    assert.equal(await repo.exists(full.id), true);
  });

  test('predictions: a prepared prediction carries its text or its hash, and reads back with both as they should be', async () => {
    const repo = new PredictionRepository(ctx.store().db);
    const input = { text: 'Your parcel is held: pay the fee at http://dhl-fees.example', riskScore: 0.9, label: 'phishing', isThreat: true, threshold: 0.5, modelVersion: 'v1', latencyUs: 90, source: 'api' };
    const kept = preparePrediction(input, { storeText: true });
    const hashed = preparePrediction(input, { storeText: false });
    // A kept text's hash is not computed when scoring: the database derives it when read.
    assert.equal(kept.text, input.text);
    assert.equal(kept.textSha256, null);
    assert.equal(hashed.text, null);
    assert.equal(hashed.textSha256, textSha256(input.text));
    assert.equal(await repo.insertMany([kept, hashed]), 2);
    const a = await repo.get(kept.id);
    const b = await repo.get(hashed.id);
    assert.equal(a?.text, input.text);
    // The SHA-256 of the text's UTF-8 (sha256sum of the same bytes), by the database and by Node alike.
    const sha = '429e8dc54ec4116ca2235707fff5674c8c10f9a16d1aa667c995b3307214d8f7';
    assert.equal(a?.textSha256, sha);
    assert.equal(b?.text, null);
    assert.equal(b?.textSha256, sha);
    assert.equal(a?.textLength, input.text.length);
    assert.equal(b?.textLength, input.text.length);
  });

  test('predictions: a batch stored already is skipped whole (a retried batch writes nothing twice)', async () => {
    const repo = new PredictionRepository(ctx.store().db);
    const rows = Array.from({ length: 5 }, () => makePrediction());
    assert.equal(await repo.insertMany(rows.slice(0, 3)), 3);
    assert.equal(await repo.insertMany(rows.slice(0, 3)), 0, 'the same batch again');
    assert.equal(await repo.insertMany(rows.slice(3)), 2);
    assert.equal(await repo.insertMany([]), 0);
    // Several batches in one statement: the stored one is skipped, the new ones land.
    const fresh = [makePrediction(), makePrediction()];
    assert.equal(await repo.insertEncoded([encodePredictions(rows.slice(3)), encodePredictions(fresh)]), 2);
    const { rows: count } = await ctx.store().executeSql('select count(*)::int as n, count(distinct id)::int as d from predictions');
    assert.deepEqual(count[0], { n: 7, d: 7 });
    const { rows: segments } = await ctx.store().executeSql('select count(*)::int as n from prediction_segments');
    assert.equal(segments[0].n, 3, 'one segment per written batch');
  });

  test('predictions: awkward texts and numbers are stored exactly', async () => {
    const repo = new PredictionRepository(ctx.store().db);
    const awkward = ['tab\there', 'new\nline\r\nwindows', 'back\\slash \\N \\. end', '\\.', 'quote " and \' apostrophe', 'emoji 😀 and ünïcödé', '{"json": [1, 2]}', ' leading and trailing ', '\u2028 line separator', 'control \u0001\u001f chars'];
    const rows = awkward.map((text, i) =>
      makePrediction({ text, riskScore: [0.1, 1 / 3, 5e-324, 0.987654321012345, 1, 0, 2 ** -30, 0.5, 1e-300, 0.9999999999999999][i], tags: i % 2 ? ['a\tb', 'c"d'] : [], client: i % 3 ? null : 'key\t1', shadowScore: i % 2 ? 1 / 7 : null, createdAt: new Date(Date.UTC(2025, 0, 1, 0, 0, 0, i * 7)) }),
    );
    assert.equal(await repo.insertEncoded([encodePredictions(rows)]), rows.length);
    for (const r of rows) assert.deepEqual(await repo.get(r.id), r, JSON.stringify(r.text));
  });

  test('predictions: a row the log must refuse is a data error naming the column, and nothing of its batch is written', async () => {
    const repo = new PredictionRepository(ctx.store().db);
    const cases: [Partial<NewPrediction>, string][] = [
      [{ text: 'broken \ud800 surrogate' }, 'text'],
      [{ text: 'nul \u0000 inside' }, 'text'],
      [{ riskScore: Number.NaN }, 'risk_score'],
      [{ threshold: Number.POSITIVE_INFINITY }, 'threshold'],
      [{ latencyUs: 1.5 }, 'latency_us'],
      [{ textLength: 2 ** 31 }, 'text_length'],
      [{ label: null as unknown as string }, 'label'],
      [{ isThreat: 'yes' as unknown as boolean }, 'is_threat'],
      [{ tags: ['ok', 'bad \udc00'] }, 'tags'],
      [{ shadowScore: Number.NaN }, 'shadow_score'],
      [{ createdAt: new Date(Number.NaN) }, 'created_at'],
      [{ id: 'not-a-time-ordered-id' }, 'id'],
      [{ text: null, textSha256: null }, 'text_sha256'],
    ];
    for (const [override, column] of cases) {
      const good = makePrediction();
      const bad = { ...makePrediction(), ...override };
      await assert.rejects(repo.insertMany([good, bad]), (e) => isDataError(e) && (e as Error).message.includes(column), column);
      assert.equal(await repo.get(good.id), null, `${column}: nothing of the batch is written`);
    }
  });

  test('predictions: a bad row anywhere in a large insertMany leaves nothing written (every segment is checked first)', async () => {
    const repo = new PredictionRepository(ctx.store().db);
    const rows = Array.from({ length: 1500 }, () => makePrediction());
    rows[1200] = { ...rows[1200], riskScore: Number.NaN };
    await assert.rejects(repo.insertMany(rows), (e) => isDataError(e));
    const { rows: count } = await ctx.store().executeSql('select count(*)::int as n from prediction_segments');
    assert.equal(count[0].n, 0);
  });

  test('predictions: long texts split a batch into segments every one of which reads back', async () => {
    const repo = new PredictionRepository(ctx.store().db);
    const long = (c: string) => c.repeat(1_500_000);
    const rows = [makePrediction({ text: long('a') }), makePrediction({ text: long('b') }), makePrediction({ text: 'short' }), makePrediction({ text: long('中') })];
    assert.deepEqual(encodeSegments(rows).map((s) => s.count), [3, 1], 'at most 4,000,000 text units a segment');
    assert.equal(await repo.insertMany(rows), 4);
    for (const r of rows) assert.deepEqual(await repo.get(r.id), r);
  });

  test('predictions: insertMany of 2,345 rows crosses the 1,000-row statement chunks', async () => {
    const repo = new PredictionRepository(ctx.store().db);
    const rows = Array.from({ length: 2345 }, (_, i) => makePrediction({ latencyUs: i }));
    assert.equal(await repo.insertMany(rows), 2345);
    const { rows: agg } = await ctx.store().executeSql('select count(*)::int as n, sum(latency_us)::int as s from predictions');
    assert.deepEqual(agg[0], { n: 2345, s: (2344 * 2345) / 2 });
  });

  test('predictions: list applies each filter exactly as defined', async () => {
    const store = ctx.store();
    const repo = new PredictionRepository(store.db);
    const base = Date.parse('2025-02-01T00:00:00.000Z');
    const rows: PredictionRecord[] = [];
    for (let i = 0; i < 24; i++) {
      rows.push(
        makePrediction({
          createdAt: new Date(base + i * 3_600_000),
          text: i % 5 === 0 ? null : i % 3 === 0 ? `WIN a PRIZE number ${i}` : `50% off_sale item ${i}`,
          label: ['ham', 'spam', 'phishing'][i % 3],
          riskScore: i / 23,
          modelVersion: i < 12 ? 'v1' : 'v2',
        }),
      );
    }
    await repo.insertMany(rows);
    await new FeedbackRepository(store.db).add({ predictionId: rows[4].id, label: 'spam' });
    await new FeedbackRepository(store.db).add({ predictionId: rows[7].id, label: 'ham' });
    const withFeedback = new Set([rows[4].id, rows[7].id]);

    const cases: [PredictionFilter, (p: PredictionRecord) => boolean][] = [
      [{}, () => true],
      [{ from: new Date(base + 5 * 3_600_000) }, (p) => p.createdAt.getTime() >= base + 5 * 3_600_000],
      [{ to: new Date(base + 5 * 3_600_000) }, (p) => p.createdAt.getTime() < base + 5 * 3_600_000],
      [{ label: 'spam' }, (p) => p.label === 'spam'],
      [{ minScore: 0.5 }, (p) => p.riskScore >= 0.5],
      [{ maxScore: 0.5 }, (p) => p.riskScore <= 0.5],
      [{ minScore: 10 / 23, maxScore: 10 / 23 }, (p) => p.riskScore === 10 / 23],
      [{ modelVersion: 'v2' }, (p) => p.modelVersion === 'v2'],
      [{ hasFeedback: true }, (p) => withFeedback.has(p.id)],
      [{ hasFeedback: false }, (p) => !withFeedback.has(p.id)],
      [{ q: 'prize' }, (p) => p.text?.toLowerCase().includes('prize') ?? false],
      [{ q: '50%' }, (p) => p.text?.includes('50%') ?? false],
      [{ q: 'f_s' }, (p) => p.text?.includes('f_s') ?? false],
      [{ q: '5_%' }, () => false], // wildcards are literal: no text contains "5_%"
      [{ label: 'ham', modelVersion: 'v1', minScore: 0.1 }, (p) => p.label === 'ham' && p.modelVersion === 'v1' && p.riskScore >= 0.1],
    ];
    for (const [filter, keep] of cases) {
      const expected = rows.filter(keep).sort(byNewest).map((p) => p.id);
      assert.deepEqual(await listAll(repo, filter, 500), expected, `filter ${JSON.stringify(filter)}`);
      assert.deepEqual(await listAll(repo, filter, 4), expected, `filter ${JSON.stringify(filter)} in pages of 4`);
    }
    assert.ok(rows.filter((p) => p.text?.includes('50%')).length > 0, 'fixture has literal % texts');
  });

  test('predictions: cursor pages over many created_at ties repeat and lose nothing, even as rows arrive', async () => {
    const repo = new PredictionRepository(ctx.store().db);
    const stamps = [0, 1, 2, 3, 4].map((i) => new Date(Date.parse('2025-05-05T05:05:05.005Z') + i));
    const rows = Array.from({ length: 1037 }, (_, i) => makePrediction({ createdAt: stamps[i % 5] }));
    await repo.insertMany(rows);
    const expected = [...rows].sort(byNewest).map((p) => p.id);

    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: Awaited<ReturnType<typeof repo.list>> = await repo.list({}, { limit: 100, cursor });
      seen.push(...page.items.map((p) => p.id));
      cursor = page.nextCursor;
      pages++;
      // Newer rows arriving mid-walk must not shift the pages still to come.
      if (pages === 3) await repo.insertMany([makePrediction({ createdAt: new Date('2030-01-01T00:00:00.000Z') })]);
    } while (cursor !== null);
    assert.equal(pages, 11);
    assert.equal(new Set(seen).size, seen.length, 'no row repeated');
    assert.deepEqual(seen, expected);
  });

  test('predictions: the last full page has no next cursor; an empty table gives an empty page', async () => {
    const repo = new PredictionRepository(ctx.store().db);
    assert.deepEqual(await repo.list({}, { limit: 10 }), { items: [], nextCursor: null });
    await repo.insertMany(Array.from({ length: 10 }, () => makePrediction()));
    const page = await repo.list({}, { limit: 10 });
    assert.equal(page.items.length, 10);
    assert.equal(page.nextCursor, null);
  });

  test('predictions: bad page sizes, cursors and filters are INVALID_INPUT', async () => {
    const repo = new PredictionRepository(ctx.store().db);
    for (const limit of [0, -1, 501, 1.5, Number.NaN]) {
      await assert.rejects(repo.list({}, { limit }), code('INVALID_INPUT'), `limit ${limit}`);
    }
    for (const cursor of ['not-a-cursor', Buffer.from('[1,2]').toString('base64url'), Buffer.from('["never","x"]').toString('base64url')]) {
      await assert.rejects(repo.list({}, { limit: 10, cursor }), code('INVALID_INPUT'), `cursor ${cursor}`);
    }
    await assert.rejects(repo.list({ from: new Date(Number.NaN) }, { limit: 10 }), code('INVALID_INPUT'));
    await assert.rejects(repo.list({ minScore: Number.NaN }, { limit: 10 }), code('INVALID_INPUT'));
    const valid = encodeCursor({ at: new Date('2025-01-01T00:00:00.000Z'), id: 'zzz' });
    assert.deepEqual(await repo.list({}, { limit: 500, cursor: valid }), { items: [], nextCursor: null });
    // Dates the database cannot read (beyond year 9999) are bad input, never a server error.
    await assert.rejects(repo.list({}, { limit: 10, cursor: encodeCursor({ at: new Date(8.64e15), id: 'zzz' }) }), code('INVALID_INPUT'));
    await assert.rejects(repo.list({ to: new Date('+020000-01-01T00:00:00.000Z') }, { limit: 10 }), code('INVALID_INPUT'));
    const last = encodeCursor({ at: new Date('9999-12-31T23:59:59.999Z'), id: 'zzz' });
    const rows = [makePrediction(), makePrediction()];
    await repo.insertMany(rows);
    assert.deepEqual((await repo.list({}, { limit: 500, cursor: last })).items.map((p) => p.id).sort(), rows.map((r) => r.id).sort());
  });
}
