import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createClassTokenBuffer, detectClassTokens, findClassTokens } from './class-tokens.js';

const kinds = (text: string) => findClassTokens(text).map((m) => `${m.kind}:${m.text}`);

test('URLs: scheme, www. and bare domains with a common TLD, trailing punctuation dropped', () => {
  assert.deepEqual(kinds('go to https://evil.com/login?x=1, or www.free.co.uk.'), ['url:https://evil.com/login?x=1', 'url:www.free.co.uk']);
  assert.deepEqual(kinds('see bit.ly/abc and paypal-secure.info now'), ['url:bit.ly/abc', 'url:paypal-secure.info']);
  assert.deepEqual(kinds('i.e. come.in or end.of sentence'), []);
});

test('e-mail addresses', () => {
  assert.deepEqual(kinds('mail admin.team+x@bank-secure.co.uk today'), ['email:admin.team+x@bank-secure.co.uk']);
  assert.deepEqual(kinds('@home and a@b'), []);
});

test('phone numbers: ≥ 7 digits with +, spaces, dashes and parens', () => {
  assert.deepEqual(kinds('call 09061701461. now'), ['phone:09061701461']);
  assert.deepEqual(kinds('ring +44 (0) 7700 900-123!'), ['phone:+44 (0) 7700 900-123']);
  assert.deepEqual(kinds('txt 87121 to win'), ['number:87121']);
});

test('money: currency sign + number, or number + p / pence / usd / gbp', () => {
  assert.deepEqual(kinds('win £1,000 or $5.50 or €20'), ['money:£1,000', 'money:$5.50', 'money:€20']);
  assert.deepEqual(kinds('150p/msg, 3 pence, 10 usd, 25gbp'), ['money:150p', 'money:3 pence', 'money:10 usd', 'money:25gbp']);
  assert.deepEqual(kinds('150ppm'), []);
});

test('other numbers, not digits glued to letters', () => {
  assert.deepEqual(kinds('at 12:30 on 21st, 2nite, kl341, 3.5 stars'), ['number:12', 'number:30', 'number:3.5']);
  assert.deepEqual(kinds(''), []);
  assert.deepEqual(kinds('no digits here'), []);
});

test('the buffer is reused and grows; spans index into the text', () => {
  const buf = createClassTokenBuffer(1);
  const text = Array.from({ length: 50 }, (_, i) => `${i}`).join(' x ');
  assert.equal(detectClassTokens(text, buf), 50);
  for (let i = 0; i < 50; i++) assert.equal(text.slice(buf.starts[i], buf.ends[i]), String(i));
  assert.equal(detectClassTokens('nothing', buf), 0);
});

test('100 KB adversarial inputs are scanned in linear time with the expected counts', () => {
  // near-miss phones: 6 digits then a break, over and over
  const nearPhones = '1 2 3 4 5 6 x '.repeat(7500);
  assert.equal(findClassTokens(nearPhones).length, 6 * 7500);
  // one endless dotted chunk and one endless digit/separator run
  const dots = 'a.'.repeat(50_000) + 'com';
  assert.deepEqual(kinds(dots).length, 1);
  const digits = '1-'.repeat(50_000);
  const m = findClassTokens(digits);
  assert.equal(m.length, 1);
  assert.equal(m[0].kind, 'phone');
  const ats = '@'.repeat(100_000);
  assert.equal(findClassTokens(ats).length, 0);
  // many short chunks before a lone '@' at the very end
  const farAt = '1 x '.repeat(25_000) + '@';
  assert.equal(findClassTokens(farAt).length, 25_000);
  const brackets = '(('.repeat(50_000) + '1234567';
  assert.equal(findClassTokens(brackets).length, 1);
});
