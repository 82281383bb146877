import { test } from 'node:test';
import assert from 'node:assert/strict';
import { confusableOf, foldConfusables } from './confusables.js';
import { bagDistance, boundedEditDistance } from './edit-distance.js';

test('foldConfusables: Cyrillic/Greek/fullwidth look-alikes become Latin, length is kept', () => {
  const input = 'PаyPаl Αpple ｐａｙ';
  const folded = foldConfusables(input);
  assert.equal(folded, 'paypal apple pay');
  assert.equal(folded.length, input.length);
  assert.equal(foldConfusables(''), '');
  // only ASCII is lower-cased: other letters keep their code unit so offsets stay put
  assert.equal(foldConfusables('ÉCOLE €5'), 'École €5');
});

test('foldConfusables: idempotent on 10k seeded random strings', () => {
  let seed = 12345;
  const rand = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
  const alphabet = 'aAzZ09 .-а е о р с Α Ο ｐ \u200B é ß İ';
  for (let n = 0; n < 10_000; n++) {
    let s = '';
    const len = Math.floor(rand() * 20);
    for (let i = 0; i < len; i++) s += alphabet[Math.floor(rand() * alphabet.length)];
    const once = foldConfusables(s);
    assert.equal(once.length, s.length);
    assert.equal(foldConfusables(once), once);
  }
});

test('confusableOf: mapped, fullwidth and unmapped characters', () => {
  assert.equal(String.fromCharCode(confusableOf(0x0430)), 'a');
  assert.equal(String.fromCharCode(confusableOf(0xff30)), 'p');
  assert.equal(confusableOf(0x4e2d), -1);
});

test('boundedEditDistance: exact distances and early exit above the bound', () => {
  assert.equal(boundedEditDistance('paypal', 'paypal', 2), 0);
  assert.equal(boundedEditDistance('paypa', 'paypal', 2), 1);
  assert.equal(boundedEditDistance('amazom', 'amazon', 2), 1);
  assert.equal(boundedEditDistance('amzaon', 'amazon', 2), 2);
  assert.equal(boundedEditDistance('netflix', 'google', 2), 3);
  assert.equal(boundedEditDistance('', 'abc', 5), 3);
  assert.equal(boundedEditDistance('a'.repeat(200), 'a'.repeat(199) + 'b', 2), 1);
});

test('bagDistance: a lower bound of the edit distance, from letters regardless of order', () => {
  assert.equal(bagDistance('amzaon', 'amazon'), 0);
  assert.equal(bagDistance('paypa', 'paypal'), 1);
  assert.equal(bagDistance('netflix', 'google'), 5);
  assert.equal(bagDistance('', 'abc'), 3);
  for (const [a, b] of [['paypa1', 'paypal'], ['g00gle', 'google'], ['barclays', 'barcleys'], ['royalmail', 'royalmial'], ['pаypal', 'paypal']]) {
    assert.ok(bagDistance(a, b) <= boundedEditDistance(a, b, 10), `${a} / ${b}`);
  }
});

/** The definition of folding, one code unit at a time: the reference the fast paths must equal. */
function foldReference(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const f = c >= 65 && c <= 90 ? c + 32 : c < 128 ? c : confusableOf(c) >= 0 ? confusableOf(c) : c;
    out += String.fromCharCode(f);
  }
  return out;
}

test('foldConfusables equals the one-unit-at-a-time reference, for few and many non-ASCII units (seeded fuzz)', () => {
  let seed = 777;
  const rand = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
  const ascii = 'aAzZmM09 .-_!?@£';
  const other = ['а', 'Е', 'ο', 'Ρ', 'ｐ', 'Ｐ', '\u200B', 'é', 'É', 'ß', 'İ', 'Ü', '£', '’', '…', '\uD83D\uDE00', '\uD83D', '\uDE00', 'ı', '\u0131'];
  for (let n = 0; n < 20_000; n++) {
    // non-ASCII density from none to all, so both the slice path (≤ 32 units) and the buffer path run
    const density = [0, 0.01, 0.05, 0.3, 1][n % 5];
    const len = Math.floor(rand() * (n % 7 === 0 ? 400 : 60));
    let s = '';
    for (let i = 0; i < len; i++) s += rand() < density ? other[Math.floor(rand() * other.length)] : ascii[Math.floor(rand() * ascii.length)];
    assert.equal(foldConfusables(s), foldReference(s), JSON.stringify(s));
  }
  const long = 'Ünïcödé £5 PAYPАL '.repeat(5000);
  assert.equal(foldConfusables(long), foldReference(long));
});
