import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isThreat, labelCode, LABELS, mapLabel } from './label.js';

test('mapLabel maps every documented spelling', () => {
  const cases: [string, string][] = [
    ['ham', 'benign'], ['legit', 'benign'], ['legitimate', 'benign'], ['benign', 'benign'], ['0', 'benign'],
    ['normal', 'benign'], ['clean', 'benign'], ['spam', 'spam'], ['smishing', 'phishing'], ['phishing', 'phishing'],
    ['phish', 'phishing'], ['malicious', 'phishing'], ['fraud', 'phishing'], ['scam', 'phishing'], ['1', 'phishing'],
  ];
  for (const [raw, want] of cases) assert.equal(mapLabel(raw), want, raw);
});

test('mapLabel folds case and surrounding whitespace', () => {
  assert.equal(mapLabel('Smishing'), 'phishing');
  assert.equal(mapLabel('  SPAM\t'), 'spam');
  assert.equal(mapLabel('HaM\r'), 'benign');
});

test('mapLabel returns null for unknown, empty and near-miss labels', () => {
  for (const raw of ['', '   ', 'hams', 'sp am', '2', '-1', 'true', 'spam!', 'ham\u200b']) assert.equal(mapLabel(raw), null, JSON.stringify(raw));
});

test('mapLabel handles a huge input without matching', () => {
  assert.equal(mapLabel('spam'.repeat(250_000)), null);
});

test('isThreat is true exactly for spam and phishing', () => {
  assert.deepEqual(LABELS.map(isThreat), [false, true, true]);
});

test('LABELS order defines label codes', () => {
  assert.deepEqual([...LABELS], ['benign', 'spam', 'phishing']);
  assert.deepEqual(LABELS.map(labelCode), [0, 1, 2]);
  assert.equal(labelCode('ham'), -1);
  assert.ok(Object.isFrozen(LABELS));
});
