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

test('other numbers: ≥ 5 digits, not glued to letters', () => {
  assert.deepEqual(kinds('ref 12345, code 123456, 1234.5 but 2nite, kl34125, 87121st'), ['number:12345', 'number:123456', 'number:1234.5']);
  assert.deepEqual(kinds(''), []);
  assert.deepEqual(kinds('no digits here'), []);
});

test('regression: short numbers are plain text, not a __number__ class token (benign "645" scored 0.97)', () => {
  assert.deepEqual(kinds('645'), []);
  assert.deepEqual(kinds('U 2.'), []);
  assert.deepEqual(kinds('at 12:30 on 21st, 3.5 stars, 1234'), []);
  assert.deepEqual(kinds('1,234'), [], 'four digits with a separator are still short');
});

test('the buffer is reused and grows; spans index into the text', () => {
  const buf = createClassTokenBuffer(1);
  const text = Array.from({ length: 50 }, (_, i) => `${10_000 + i}`).join(' x ');
  assert.equal(detectClassTokens(text, buf), 50);
  for (let i = 0; i < 50; i++) assert.equal(text.slice(buf.starts[i], buf.ends[i]), String(10_000 + i));
  assert.equal(detectClassTokens('nothing', buf), 0);
});

test('100 KB adversarial inputs are scanned in linear time with the expected counts', () => {
  // near-miss phones: 6 digits then a break, over and over
  const nearPhones = '12345 6 x '.repeat(10_000);
  assert.equal(findClassTokens(nearPhones).length, 10_000);
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
  const farAt = '12345 x '.repeat(12_500) + '@';
  assert.equal(findClassTokens(farAt).length, 12_500);
  const brackets = '(('.repeat(50_000) + '1234567';
  assert.equal(findClassTokens(brackets).length, 1);
});
