import { test } from 'node:test';
import assert from 'node:assert/strict';
import { detectorScorer, resultFields, type RowScorer } from './row-outcome.js';

const fake = (version: string): RowScorer =>
  ({
    version,
    score: (text: string) => ({ riskScore: text.length / 3, isThreat: text.length >= 2, label: text.length >= 2 ? 'phishing' : 'benign', phishingProbability: 0.9, threshold: 0.5 }),
  }) as unknown as RowScorer;

test('detectorScorer: one outcome per text, scores rounded to 6 places, unscorable texts get an error', async () => {
  const score = detectorScorer(() => fake('v7'));
  const out = await score(['a', 'ab', '', ' \n ', 'x'.repeat(100_001)]);
  assert.equal(out.length, 5);
  assert.deepEqual(out[0], { output: { risk_score: 0.333333, is_threat: false, label: 'benign', model_version: 'v7' } });
  assert.deepEqual(out[1], { output: { risk_score: 0.666667, is_threat: true, label: 'phishing', model_version: 'v7' } });
  assert.deepEqual(out[2], { output: { risk_score: null, is_threat: null, label: null, model_version: 'v7' }, error: 'empty text' });
  assert.equal(out[3].error, 'empty text');
  assert.equal(out[4].error, 'text longer than 100000 characters');
  assert.deepEqual(await score([]), []);
});

test('detectorScorer asks for the current detector at every chunk, so a swap applies from the next chunk', async () => {
  let current = fake('v1');
  const score = detectorScorer(() => current);
  const a = await score(['hi']);
  current = fake('v2');
  const b = await score(['hi']);
  assert.equal((a[0].output as { model_version: string }).model_version, 'v1');
  assert.equal((b[0].output as { model_version: string }).model_version, 'v2');
});

test('resultFields: stored outputs back to CSV cells; missing or odd outputs give empty cells, not a crash', () => {
  assert.deepEqual(resultFields({ risk_score: 0.25, is_threat: false, label: 'benign', model_version: 'v1' }, null), [0.25, false, 'benign', 'v1', '']);
  assert.deepEqual(resultFields({ risk_score: null, is_threat: null, label: null, model_version: 'v1' }, 'empty text'), ['', '', '', 'v1', 'empty text']);
  assert.deepEqual(resultFields(null, 'boom'), ['', '', '', '', 'boom']);
  assert.deepEqual(resultFields('not an object', null), ['', '', '', '', '']);
});

test('detectorScorer with history: same outputs, plus a history record (source job) for each scored row, tags found once and given to the model', async () => {
  const tagsSeen: unknown[] = [];
  const scorer = {
    version: 'v3',
    score: (text: string, tags?: readonly { tag: string }[]) => {
      tagsSeen.push(tags);
      return { riskScore: text.length / 100, isThreat: text.length >= 50, label: text.length >= 50 ? 'phishing' : 'benign', phishingProbability: 0.9, threshold: 0.5 };
    },
  } as unknown as RowScorer;
  const texts = ['Verify your account now at http://bit.ly/abc', '', 'see you soon'];
  const plain = await detectorScorer(() => scorer)(texts);
  const recorded = await detectorScorer(() => scorer, { storeText: false, now: () => new Date('2026-03-04T05:06:07Z') })(texts);
  assert.deepEqual(recorded.map((o) => ({ output: o.output, error: o.error })), plain.map((o) => ({ output: o.output, error: o.error })));
  assert.equal(recorded[1].prediction, undefined, 'an error row is not a prediction');
  const p = recorded[0].prediction!;
  assert.deepEqual(
    { text: p.text, source: p.source, model: p.modelVersion, risk: p.riskScore, label: p.label, at: p.createdAt.toISOString(), length: p.textLength },
    { text: null, source: 'job', model: 'v3', risk: texts[0].length / 100, label: 'benign', at: '2026-03-04T05:06:07.000Z', length: texts[0].length },
  );
  assert.ok(p.tags.includes('link_present') && p.tags.includes('short_url'), `tags ${p.tags}`);
  assert.ok(Array.isArray(tagsSeen.at(-2)), 'the scorer got the tags it was recorded with');
  assert.notEqual(recorded[2].prediction!.id, p.id);
});
