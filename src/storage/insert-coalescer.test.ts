import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openDatabase, type Database } from './database.js';
import { PredictionRepository } from './prediction-repository.js';
import { encodePredictions, type EncodedPredictions } from './prediction-wire.js';
import { createInsertCoalescer, type EncodedPredictionSink } from './insert-coalescer.js';
import { makePrediction } from './conformance/fixtures.js';

let db: Database;
before(async () => {
  db = await openDatabase({ kind: 'pglite', dataDir: null });
});
after(async () => db.close());

/** The real repository, recording how many rows each statement carried; `down` fails like a lost connection. */
class Recording implements EncodedPredictionSink {
  statements: number[] = [];
  segments: number[] = [];
  down = false;
  constructor(private readonly repo: PredictionRepository) {}
  async insertEncoded(batches: readonly EncodedPredictions[]): Promise<number> {
    this.statements.push(batches.reduce((n, b) => n + b.count, 0));
    this.segments.push(batches.length);
    if (this.down) throw Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    return this.repo.insertEncoded(batches);
  }
}

async function storedIds(): Promise<string[]> {
  const { rows } = await db.executeSql('select id from predictions order by id');
  return rows.map((r: { id: string }) => r.id);
}

test('coalescer: batches arriving together share one statement; all are stored', async () => {
  await db.executeSql('delete from prediction_segments');
  const sink = new Recording(new PredictionRepository(db.db));
  const c = createInsertCoalescer(sink);
  const batches = [3, 5, 2].map((n) => Array.from({ length: n }, () => makePrediction()));
  await Promise.all(batches.map((b) => c.insert([encodePredictions(b)])));
  assert.deepEqual(sink.statements, [10]);
  assert.deepEqual(sink.segments, [3], 'each batch stays its own segment');
  assert.deepEqual(await storedIds(), batches.flat().map((r) => r.id).sort());
});

test('coalescer: a statement holds at most maxRows (a single larger batch still goes alone)', async () => {
  await db.executeSql('delete from prediction_segments');
  const sink = new Recording(new PredictionRepository(db.db));
  const c = createInsertCoalescer(sink, { maxRows: 6 });
  const sizes = [4, 2, 3, 8, 1];
  const batches = sizes.map((n) => Array.from({ length: n }, () => makePrediction()));
  await Promise.all(batches.map((b) => c.insert([encodePredictions(b)])));
  assert.deepEqual(sink.statements, [6, 3, 8, 1]);
  assert.equal((await storedIds()).length, 18);
});

test('coalescer: the event loop runs between statements; the default statement holds at most 1,000 rows', async () => {
  // A sink that answers at once (microtasks only): without a turn of the loop between
  // statements, an immediate queued during the first would wait for the whole backlog.
  const order: string[] = [];
  const sizes: number[] = [];
  const sink: EncodedPredictionSink = {
    async insertEncoded(batches) {
      const count = batches.reduce((n, b) => n + b.count, 0);
      sizes.push(count);
      order.push('statement');
      if (order.length === 1) setImmediate(() => order.push('loop'));
      return count;
    },
  };
  const c = createInsertCoalescer(sink);
  const rows = (n: number) => encodePredictions(Array.from({ length: n }, () => makePrediction()));
  await Promise.all([rows(500), rows(500), rows(500), rows(200), rows(900)].map((b) => c.insert([b])));
  assert.deepEqual(sizes, [1000, 700, 900]);
  assert.deepEqual(order, ['statement', 'loop', 'statement', 'statement']);
  await c.drained();
});

test('coalescer: bad data fails only the batch holding it; its neighbours are stored', async () => {
  await db.executeSql('delete from prediction_segments');
  const sink = new Recording(new PredictionRepository(db.db));
  const c = createInsertCoalescer(sink);
  const good1 = [makePrediction(), makePrediction()];
  const bad = [makePrediction(), makePrediction()];
  const good2 = [makePrediction()];
  // A payload the database refuses (text cannot hold NUL: SQLSTATE 22021); the encoder never makes one.
  const encoded = [encodePredictions(good1), { ...encodePredictions(bad), json: Buffer.concat([encodePredictions(bad).json, Buffer.from([0])]) }, encodePredictions(good2)];
  const outcomes = await Promise.allSettled(encoded.map((b) => c.insert([b])));
  assert.deepEqual(outcomes.map((o) => o.status), ['fulfilled', 'rejected', 'fulfilled']);
  assert.equal(((outcomes[1] as PromiseRejectedResult).reason as { code?: string }).code, '22021');
  assert.deepEqual(sink.statements, [5, 2, 2, 1]);
  assert.deepEqual(await storedIds(), [...good1, ...good2].map((r) => r.id).sort());
});

test('coalescer: an outage fails every waiting batch (their writers retry); drained() waits for the insert', async () => {
  await db.executeSql('delete from prediction_segments');
  const sink = new Recording(new PredictionRepository(db.db));
  const c = createInsertCoalescer(sink);
  sink.down = true;
  const outcomes = await Promise.allSettled([1, 2].map((n) => c.insert([encodePredictions(Array.from({ length: n }, () => makePrediction()))])));
  assert.deepEqual(outcomes.map((o) => o.status), ['rejected', 'rejected']);
  assert.deepEqual(sink.statements, [3]);
  sink.down = false;
  const rows = [makePrediction()];
  const pending = c.insert([encodePredictions(rows)]);
  await c.drained();
  assert.deepEqual(await storedIds(), rows.map((r) => r.id));
  await pending;
});
