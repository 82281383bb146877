import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isWardenError } from '../../errors.js';
import { FeedbackRepository } from '../feedback-repository.js';
import { textSha256 } from '../prediction-record.js';
import { PredictionRepository } from '../prediction-repository.js';
import { makePrediction } from './fixtures.js';
import type { SuiteContext } from './run-storage-suite.js';

const code = (c: string) => (err: unknown) => isWardenError(err) && err.code === c;

export function feedbackCases(ctx: SuiteContext): void {
  test('feedback: relabelling a prediction supersedes the earlier label and keeps it', async () => {
    const db = ctx.store().db;
    const p = makePrediction({ text: 'Your parcel is held, pay the fee' });
    await new PredictionRepository(db).insertMany([p]);
    const repo = new FeedbackRepository(db);
    const first = await repo.add({ predictionId: p.id, label: 'spam', analyst: 'ana', note: 'looks bulk' });
    assert.equal(first.isCurrent, true);
    assert.equal(first.textSha256, p.textSha256);
    assert.equal(first.text, p.text, 'text copied from the prediction');
    const second = await repo.add({ predictionId: p.id, label: 'phishing', analyst: 'bob' });
    const third = await repo.add({ predictionId: p.id, label: 'phishing', analyst: 'cy', note: null });

    const history = await repo.forPrediction(p.id);
    assert.deepEqual(history.map((f) => f.id), [third.id, second.id, first.id]);
    assert.deepEqual(history.map((f) => f.isCurrent), [true, false, false]);
    assert.deepEqual(history.map((f) => f.supersededBy), [null, third.id, second.id]);
    assert.deepEqual(history.map((f) => f.label), ['phishing', 'phishing', 'spam']);
    assert.equal(history[2].note, 'looks bulk');
    assert.deepEqual((await repo.current({ predictionId: p.id })).map((f) => f.id), [third.id]);
  });

  test('feedback: a label on the raw text supersedes the label on a prediction of the same text', async () => {
    const db = ctx.store().db;
    const text = 'Claim your free gift card';
    const p = makePrediction({ text: null, textSha256: textSha256(text) });
    await new PredictionRepository(db).insertMany([p]);
    const repo = new FeedbackRepository(db);
    const onPrediction = await repo.add({ predictionId: p.id, label: 'spam' });
    assert.equal(onPrediction.text, null, 'hash-only prediction: no text to copy');
    const onText = await repo.add({ text, label: 'ham', analyst: 'ana' });
    assert.equal(onText.predictionId, null);
    assert.equal(onText.text, text);
    const all = await repo.forMessage(textSha256(text));
    assert.deepEqual(all.map((f) => [f.id, f.isCurrent, f.supersededBy]), [
      [onText.id, true, null],
      [onPrediction.id, false, onText.id],
    ]);
    // Another message is untouched.
    const other = await repo.add({ text: 'unrelated', label: 'ham' });
    assert.equal((await repo.current()).length, 2);
    assert.equal(other.isCurrent, true);
  });

  test('feedback: concurrent relabels leave exactly one current label and a complete chain', async () => {
    const repo = new FeedbackRepository(ctx.store().db);
    const added = await Promise.all(['a', 'b', 'c', 'd', 'e', 'f'].map((analyst) => repo.add({ text: 'same message', label: 'spam', analyst })));
    const all = await repo.forMessage(textSha256('same message'));
    assert.equal(all.length, 6);
    const current = all.filter((f) => f.isCurrent);
    assert.equal(current.length, 1);
    // Follow superseded_by links from every row: each reaches the current row, one hop per relabel.
    const byId = new Map(all.map((f) => [f.id, f]));
    const pointedAt = new Set(all.map((f) => f.supersededBy).filter((x) => x !== null));
    assert.equal(pointedAt.size, 5, 'each superseding row supersedes exactly one');
    for (const f of added) {
      let hop = byId.get(f.id);
      let steps = 0;
      while (hop && hop.supersededBy !== null && steps < 10) {
        hop = byId.get(hop.supersededBy);
        steps++;
      }
      assert.equal(hop?.id, current[0].id);
    }
  });

  test('feedback: unknown prediction, missing target, empty text and empty label are rejected', async () => {
    const db = ctx.store().db;
    const repo = new FeedbackRepository(db);
    await assert.rejects(repo.add({ predictionId: 'nope', label: 'spam' }), code('PREDICTION_NOT_FOUND'));
    await assert.rejects(repo.add({ label: 'spam' }), code('INVALID_INPUT'));
    await assert.rejects(repo.add({ text: '', label: 'spam' }), code('EMPTY_TEXT'));
    await assert.rejects(repo.add({ text: 'x', label: ' ' }), code('INVALID_INPUT'));
    const p = makePrediction({ text: 'real text' });
    await new PredictionRepository(db).insertMany([p]);
    await assert.rejects(repo.add({ predictionId: p.id, text: 'other text', label: 'spam' }), code('INVALID_INPUT'));
    assert.equal((await repo.add({ predictionId: p.id, text: 'real text', label: 'spam' })).predictionId, p.id);
    assert.equal(await repo.countSince(new Date(0)), 1, 'rejected adds stored nothing');
  });

  test('feedback: countSince counts every label at or after the date, superseded ones included', async () => {
    const repo = new FeedbackRepository(ctx.store().db);
    assert.equal(await repo.countSince(new Date(0)), 0);
    await repo.add({ text: 'm1', label: 'spam' });
    await repo.add({ text: 'm1', label: 'ham' });
    await repo.add({ text: 'm2', label: 'ham' });
    assert.equal(await repo.countSince(new Date(0)), 3);
    assert.equal(await repo.countSince(new Date(Date.now() + 3_600_000)), 0);
    const current = await repo.current({ since: new Date(0) });
    assert.deepEqual(current.map((f) => f.label).sort(), ['ham', 'ham']);
    assert.equal((await repo.current({ limit: 1 })).length, 1);
    await assert.rejects(repo.current({ limit: 0 }), code('INVALID_INPUT'));
  });
}
