import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isWardenError } from '../../errors.js';
import type { NewPrediction } from '../prediction-record.js';
import { PredictionRepository } from '../prediction-repository.js';
import { createPredictionWriter, type PredictionSink } from '../prediction-writer.js';
import { makePrediction, waitFor } from './fixtures.js';
import { GatedSink, settledSoon } from './gated-sink.js';
import type { SuiteContext } from './run-storage-suite.js';

/**
 * The real repository behind a switch: while `down`, every insert fails the way a lost
 * connection does. With `commitThenFail`, the next insert lands and then reports failure,
 * as when the connection drops before the COMMIT acknowledgement arrives.
 */
class Outage implements PredictionSink {
  down = false;
  commitThenFail = 0;
  calls = 0;
  constructor(private readonly repo: PredictionRepository) {}
  async insertMany(rows: readonly NewPrediction[]): Promise<number> {
    this.calls++;
    if (this.down) throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    const n = await this.repo.insertMany(rows);
    if (this.commitThenFail > 0) {
      this.commitThenFail--;
      throw Object.assign(new Error('Connection terminated unexpectedly'), { code: '08006' });
    }
    return n;
  }
}

async function storedIds(ctx: SuiteContext): Promise<string[]> {
  const { rows } = await ctx.store().executeSql('select id from predictions order by id');
  return rows.map((r: { id: string }) => r.id);
}

export function writerCases(ctx: SuiteContext): void {
  test('writer: rows enqueued while the database is down are all written exactly once after it returns', async () => {
    const sink = new Outage(new PredictionRepository(ctx.store().db));
    const errors: Error[] = [];
    let flushedRows = 0;
    const writer = createPredictionWriter(sink, {
      flushIntervalMs: 2,
      batchSize: 50,
      retryInitialMs: 2,
      retryMaxMs: 20,
      onError: (e) => errors.push(e),
      onFlush: (n) => (flushedRows += n),
    });
    const rows = Array.from({ length: 400 }, () => makePrediction());
    for (const r of rows.slice(0, 100)) writer.enqueue(r);
    await writer.flush();
    sink.down = true;
    for (const r of rows.slice(100, 300)) writer.enqueue(r);
    await waitFor(() => writer.status().failures >= 3, 'three failed flushes');
    const during = writer.status();
    assert.equal(during.healthy, false);
    assert.equal(during.buffered, 200);
    assert.equal(during.written, 100);
    assert.equal(during.dropped, 0);
    assert.match(during.lastError ?? '', /ECONNREFUSED/);
    await assert.rejects(writer.flush(), (e) => isWardenError(e) && e.code === 'STORAGE_UNAVAILABLE');

    sink.down = false;
    sink.commitThenFail = 1; // the first batch after recovery lands but reports failure: it will be retried
    for (const r of rows.slice(300)) writer.enqueue(r);
    await waitFor(() => writer.status().buffered === 0 && writer.status().healthy, 'the buffer to drain');
    const after = await writer.close();
    assert.equal(after.dropped, 0);
    assert.equal(after.buffered, 0);
    assert.equal(after.written, 400);
    assert.equal(flushedRows, 400);
    assert.ok(errors.length >= 4);
    assert.deepEqual(await storedIds(ctx), rows.map((r) => r.id).sort());
  });

  test('writer: a partial batch that committed but reported failure is retried exactly, even as more rows arrive: each row stored once', async () => {
    const sink = new Outage(new PredictionRepository(ctx.store().db));
    const writer = createPredictionWriter(sink, { flushIntervalMs: 2, batchSize: 50, retryInitialMs: 30, retryMaxMs: 30 });
    const rows = Array.from({ length: 120 }, () => makePrediction());
    sink.commitThenFail = 1;
    for (const r of rows.slice(0, 7)) writer.enqueue(r); // a partial batch: goes after the flush interval
    await waitFor(() => writer.status().failures === 1, 'the first (committed) attempt to report failure');
    for (const r of rows.slice(7)) writer.enqueue(r); // arrive before the retry
    await writer.flush();
    const status = await writer.close();
    assert.equal(status.written, 120);
    assert.equal(status.dropped, 0);
    const { rows: counts } = await ctx.store().executeSql('select count(*)::int as n, count(distinct id)::int as d from predictions');
    assert.deepEqual(counts[0], { n: 120, d: 120 }, 'no row twice');
    assert.deepEqual(await storedIds(ctx), rows.map((r) => r.id).sort());
  });

  test('writer: a batch in doubt is never cut by the bound during the outage that follows: no row stored twice', async () => {
    const sink = new Outage(new PredictionRepository(ctx.store().db));
    const writer = createPredictionWriter(sink, { flushIntervalMs: 2, batchSize: 10, maxBuffered: 20, backlogRows: 5, retryInitialMs: 5, retryMaxMs: 5 });
    const rows = Array.from({ length: 21 }, () => makePrediction());
    sink.commitThenFail = 1; // the first batch lands, its answer is lost ...
    for (const r of rows.slice(0, 10)) writer.enqueue(r);
    await waitFor(() => writer.status().failures === 1, 'the lost answer');
    sink.down = true; // ... and the database stays away (refusing connections) while more rows arrive than the bound holds
    await waitFor(() => writer.status().failures >= 3, 'retries refused');
    for (const r of rows.slice(10)) writer.enqueue(r);
    assert.equal(writer.status().buffered, 20);
    assert.equal(writer.status().dropped, 1, 'the oldest row not in doubt is dropped');
    sink.down = false;
    await writer.flush();
    const status = await writer.close();
    assert.equal(status.dropped, 1);
    const { rows: counts } = await ctx.store().executeSql('select count(*)::int as n, count(distinct id)::int as d from predictions');
    assert.deepEqual(counts[0], { n: 20, d: 20 }, 'no row twice');
    assert.deepEqual(await storedIds(ctx), [...rows.slice(0, 10), ...rows.slice(11)].map((r) => r.id).sort());
  });

  test('writer: a batch that always fails (not as bad data) rejoins the buffer after its attempts, where the bound can drop it; the log then recovers', async () => {
    const repo = new PredictionRepository(ctx.store().db);
    const poison = makePrediction();
    const sink: PredictionSink = {
      async insertMany(rows) {
        if (rows.some((r) => r.id === poison.id)) throw Object.assign(new Error('malformed prediction batch'), { code: 'INTERNAL' });
        return repo.insertMany(rows);
      },
    };
    const writer = createPredictionWriter(sink, { flushIntervalMs: 1, batchSize: 10, maxBuffered: 100, retryInitialMs: 1, retryMaxMs: 2 });
    writer.enqueue(poison);
    // Producers keep the buffer at its bound; once the failing batch is back in it, the bound drops it.
    let enqueued = 1;
    while (enqueued < 1000 || !writer.status().healthy) {
      assert.ok(enqueued < 50_000, `the log never recovered: ${JSON.stringify(writer.status())}`);
      writer.enqueue(makePrediction());
      enqueued++;
      if (enqueued % 50 === 0) await new Promise((r) => setTimeout(r, 1));
    }
    await writer.flush();
    const status = await writer.close();
    assert.equal(status.written + status.dropped, enqueued, JSON.stringify(status));
    assert.ok(status.written > 0 && status.dropped > 0, JSON.stringify(status));
    const stored = await storedIds(ctx);
    assert.equal(stored.includes(poison.id), false);
    assert.equal(stored.length, status.written);
  });

  test('writer: beyond the bound the oldest rows are dropped and counted, the newest written', async () => {
    const sink = new Outage(new PredictionRepository(ctx.store().db));
    sink.down = true;
    const writer = createPredictionWriter(sink, { flushIntervalMs: 1, batchSize: 30, maxBuffered: 100, retryInitialMs: 1, retryMaxMs: 5 });
    const rows = Array.from({ length: 250 }, () => makePrediction());
    for (let i = 0; i < rows.length; i++) {
      writer.enqueue(rows[i]);
      if (i % 40 === 0) await new Promise((r) => setTimeout(r, 2)); // let failing flushes interleave
    }
    await waitFor(() => writer.status().failures > 0 && writer.status().buffered === 100, 'a failed flush');
    const full = writer.status();
    assert.equal(full.buffered, 100);
    assert.equal(full.dropped, 150);
    assert.equal(full.written, 0);
    sink.down = false;
    await writer.flush();
    const done = await writer.close();
    assert.deepEqual({ written: done.written, dropped: done.dropped, buffered: done.buffered }, { written: 100, dropped: 150, buffered: 0 });
    assert.deepEqual(await storedIds(ctx), rows.slice(150).map((r) => r.id).sort());
  });

  test('writer: a row the database refuses is rejected alone; its batch-mates are written', async () => {
    const writer = createPredictionWriter(new PredictionRepository(ctx.store().db), { flushIntervalMs: 1, batchSize: 10 });
    const rows = Array.from({ length: 10 }, () => makePrediction());
    const bad = makePrediction({ label: null as unknown as string }); // NOT NULL violation, SQLSTATE 23502
    for (const r of rows.slice(0, 5)) writer.enqueue(r);
    writer.enqueue(bad);
    for (const r of rows.slice(5)) writer.enqueue(r);
    await writer.flush();
    const s = await writer.close();
    assert.deepEqual({ written: s.written, rejected: s.rejected, dropped: s.dropped, healthy: s.healthy }, { written: 10, rejected: 1, dropped: 0, healthy: true });
    assert.deepEqual(await storedIds(ctx), rows.map((r) => r.id).sort());
  });

  test('writer: on a closed real database rows stay buffered, close counts them as dropped', async () => {
    const other = await ctx.open();
    const repo = new PredictionRepository(other.db);
    await other.close();
    const writer = createPredictionWriter(repo, { flushIntervalMs: 1, retryInitialMs: 1, retryMaxMs: 5 });
    for (let i = 0; i < 7; i++) writer.enqueue(makePrediction());
    await assert.rejects(writer.flush(), (e) => isWardenError(e) && e.code === 'STORAGE_UNAVAILABLE');
    const s = writer.status();
    assert.equal(s.buffered, 7);
    assert.equal(s.healthy, false);
    assert.ok(s.failures >= 1);
    const closed = await writer.close();
    assert.deepEqual({ buffered: closed.buffered, dropped: closed.dropped, written: closed.written }, { buffered: 0, dropped: 7, written: 0 });
    writer.enqueue(makePrediction());
    assert.equal(writer.status().dropped, 8, 'rows after close are counted, not silently lost');
  });

  test('writer: a database slower than the producers makes them wait for room; nothing is dropped', async () => {
    const gate = new GatedSink(new PredictionRepository(ctx.store().db));
    const writer = createPredictionWriter(gate, { flushIntervalMs: 1, batchSize: 20, maxBuffered: 100, backlogRows: 50, backlogWaitMs: 10_000 });
    const rows = Array.from({ length: 400 }, () => makePrediction());
    // A producer that asks for room before each burst of 40, as the scoring routes do.
    let waits = 0;
    const produce = (async () => {
      for (let i = 0; i < rows.length; i += 40) {
        const room = writer.whenRoom();
        if (room) {
          waits++;
          await room;
        }
        for (const r of rows.slice(i, i + 40)) writer.enqueue(r);
      }
    })();
    assert.equal(await settledSoon(produce), false, 'the producer waits while the database holds the writes back');
    const held = writer.status();
    assert.ok(held.buffered > 50 && held.buffered <= 100, `buffered ${held.buffered}: over the backlog, under the bound`);
    assert.equal(held.dropped, 0);
    gate.open();
    await produce;
    await writer.flush();
    const done = await writer.close();
    assert.ok(waits >= 1);
    assert.deepEqual({ written: done.written, dropped: done.dropped, buffered: done.buffered }, { written: 400, dropped: 0, buffered: 0 });
    assert.deepEqual(await storedIds(ctx), rows.map((r) => r.id).sort());
  });

  test('writer: no waiting for room while the database is failing; a hung write ends the wait with STORAGE_BUSY', async () => {
    const repo = new PredictionRepository(ctx.store().db);
    const failing = new Outage(repo);
    failing.down = true;
    const w1 = createPredictionWriter(failing, { flushIntervalMs: 1, batchSize: 10, backlogRows: 5, retryInitialMs: 1, retryMaxMs: 5 });
    for (let i = 0; i < 30; i++) w1.enqueue(makePrediction());
    await waitFor(() => w1.status().failures > 0, 'a failed flush');
    assert.equal(w1.whenRoom(), null, 'an outage keeps scoring going (the bound applies instead)');
    await w1.close();

    const gate = new GatedSink(repo);
    const w2 = createPredictionWriter(gate, { flushIntervalMs: 1, batchSize: 10, backlogRows: 5, backlogWaitMs: 40 });
    assert.equal(w2.whenRoom(), null, 'an empty writer has room');
    const rows = Array.from({ length: 12 }, () => makePrediction());
    for (const r of rows) w2.enqueue(r);
    const wait = w2.whenRoom();
    assert.ok(wait !== null);
    await assert.rejects(wait, (e) => isWardenError(e) && e.code === 'STORAGE_BUSY' && (e.details as { retryAfterSeconds: number }).retryAfterSeconds === 1);
    const another = w2.whenRoom();
    assert.ok(another !== null);
    const closing = w2.close(); // closing releases waiters; the gate opens so the last flush lands
    gate.open();
    await another;
    const s = await closing;
    assert.deepEqual({ written: s.written, dropped: s.dropped }, { written: 12, dropped: 0 });
  });

  test('writer: full batches go at once, a partial one waits for companions until the flush interval', async () => {
    const repo = new PredictionRepository(ctx.store().db);
    const sizes: number[] = [];
    const sink: PredictionSink = { insertMany: (rows) => (sizes.push(rows.length), repo.insertMany(rows)) };
    const writer = createPredictionWriter(sink, { flushIntervalMs: 60_000, batchSize: 50 });
    const rows = Array.from({ length: 120 }, () => makePrediction());
    for (const r of rows) writer.enqueue(r);
    await waitFor(() => writer.status().written === 100, 'the two full batches');
    await new Promise((r) => setTimeout(r, 30));
    assert.deepEqual(sizes, [50, 50]);
    assert.equal(writer.status().buffered, 20, 'the partial batch waits for the interval');
    await writer.flush();
    assert.deepEqual(sizes, [50, 50, 20]);

    const quick = createPredictionWriter(sink, { flushIntervalMs: 5, batchSize: 50 });
    sizes.length = 0;
    for (const r of Array.from({ length: 7 }, () => makePrediction())) quick.enqueue(r);
    await waitFor(() => quick.status().written === 7, 'the interval flush of a partial batch');
    assert.deepEqual(sizes, [7]);
    await Promise.all([writer.close(), quick.close()]);
  });

  test('writer: catching up after an outage makes no one wait unless the buffer grows again', async () => {
    const sink = new Outage(new PredictionRepository(ctx.store().db));
    sink.down = true;
    const roomAfterWrites: boolean[] = [];
    let writer: ReturnType<typeof createPredictionWriter> | null = null;
    writer = createPredictionWriter(sink, {
      flushIntervalMs: 1,
      batchSize: 20,
      backlogRows: 50,
      retryInitialMs: 1,
      retryMaxMs: 5,
      onFlush: () => {
        const room = writer!.whenRoom();
        roomAfterWrites.push(room === null);
        room?.catch(() => undefined);
      },
    });
    for (const r of Array.from({ length: 300 }, () => makePrediction())) writer.enqueue(r);
    await waitFor(() => writer!.status().failures > 0, 'a failed flush');
    assert.equal(writer.whenRoom(), null, 'no waiting during the outage');
    sink.down = false;
    await waitFor(() => writer!.status().buffered === 0, 'the catch-up');
    assert.ok(roomAfterWrites.length >= 14);
    assert.ok(roomAfterWrites.every(Boolean), 'room all along the catch-up, though 280 rows were buffered over a backlog of 50');
    // Once caught up, the ordinary backlog applies again.
    for (const r of Array.from({ length: 60 }, () => makePrediction())) writer.enqueue(r);
    const wait = writer.whenRoom();
    assert.ok(wait !== null, 'over the backlog again: producers wait');
    await wait;
    const s = await writer.close();
    assert.deepEqual({ written: s.written, dropped: s.dropped }, { written: 360, dropped: 0 });
  });

  test('writer: the backlog is kept a batch below the bound, so waiting starts before anything is dropped', async () => {
    const gate = new GatedSink(new PredictionRepository(ctx.store().db));
    const writer = createPredictionWriter(gate, { flushIntervalMs: 1, batchSize: 10, maxBuffered: 40, backlogRows: 40 });
    for (const r of Array.from({ length: 31 }, () => makePrediction())) writer.enqueue(r);
    const wait = writer.whenRoom();
    assert.ok(wait !== null, '31 rows: over the effective backlog of 40 - 10');
    gate.open();
    await wait;
    const s = await writer.close();
    assert.deepEqual({ written: s.written, dropped: s.dropped }, { written: 31, dropped: 0 });
  });
}
