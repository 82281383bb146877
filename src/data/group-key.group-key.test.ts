import { test } from 'node:test';
import assert from 'node:assert/strict';
import { groupIds, groupKey } from './group-key.js';
import { createRng } from './random.js';

test('groupKey folds case, punctuation, spacing and numbers', () => {
  assert.equal(groupKey('WIN £1000 now!!'), 'win0now');
  assert.equal(groupKey('win  £250, NOW'), 'win0now');
  assert.equal(groupKey('Call 0800-123-456'), 'call0');
  assert.equal(groupKey('Call 0800123456'), 'call0');
  assert.equal(groupKey('Ok lar... Joking wif u oni...'), 'oklarjokingwifuoni');
});

test('groupKey strips invisible characters and applies NFKC', () => {
  assert.equal(groupKey('fr\u200bee\u00ad gift\ufeff'), 'freegift');
  assert.equal(groupKey('ＦＲＥＥ　１２３'), 'free0'); // full-width letters, ideographic space, full-width digits
  assert.equal(groupKey('ﬁnal'), 'final'); // ligature
  assert.equal(groupKey('1\u200b2 apples'), '0apples'); // zero-width inside a number still one run
  assert.equal(groupKey('Ünïcödé Straße'), 'ünïcödéstraße');
  assert.equal(groupKey('sometime\ufffd'), 'sometime'); // damaged characters do not split groups
});

test('groupKey keeps texts with different words apart', () => {
  assert.notEqual(groupKey('see you at 5'), groupKey('see you at home'));
  assert.notEqual(groupKey('ham'), groupKey('spam'));
});

test('groupKey of symbol-only texts keys on the symbols, not on the empty string', () => {
  assert.equal(groupKey(':-)'), '#:-)');
  assert.equal(groupKey(' :- ) '), '#:-)');
  assert.notEqual(groupKey(':-('), groupKey(':-)'));
  assert.equal(groupKey(''), '#');
});

test('groupKey of a 1 MB text', () => {
  assert.equal(groupKey('Ab1, '.repeat(200_000)), 'ab0'.repeat(200_000));
});

test('groupKey is invariant under case, spacing, punctuation and zero-width noise (seeded fuzz)', () => {
  const rng = createRng(2024);
  const letters = 'abcdefghijklmnopqrstuvwxyz0123456789';
  const noise = [' ', '  ', '.', ',', '!', '\u200b', '\u00ad', '-', '\t'];
  for (let n = 0; n < 5000; n++) {
    const len = 1 + Math.floor(rng() * 30);
    let plain = '';
    let noisy = '';
    for (let i = 0; i < len; i++) {
      const ch = letters[Math.floor(rng() * letters.length)];
      plain += ch;
      noisy += (rng() < 0.5 ? ch.toUpperCase() : ch) + (rng() < 0.3 ? noise[Math.floor(rng() * noise.length)] : '');
    }
    const key = groupKey(plain);
    assert.equal(groupKey(noisy), key, JSON.stringify(noisy));
    assert.match(key, /^[a-z0]+$/);
  }
});

test('groupIds gives equal ids to equal keys, in order of first appearance', () => {
  const ids = groupIds(['Hi there', 'other', 'hi, THERE!', 'third', 'OTHER']);
  assert.ok(ids instanceof Int32Array);
  assert.deepEqual([...ids], [0, 1, 0, 2, 1]);
  assert.equal(groupIds([]).length, 0);
});
