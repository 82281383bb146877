import { test } from 'node:test';
import assert from 'node:assert/strict';
import { at, tagOf } from '../../../test/support/tag-spans.js';

test('obfuscation: zero-width characters, mixed-script words and leetspeak', () => {
  const text = 'Your pa\u200Bssword: v3rify at pаypal or get fr33 c4sh';
  const tag = tagOf(text, 'obfuscation');
  assert.ok(tag);
  assert.deepEqual(tag.spans, [{ start: 7, end: 8 }, at(text, 'v3rify'), at(text, 'pаypal'), at(text, 'fr33'), at(text, 'c4sh')]);
  assert.equal(tag.reason, 'hides an invisible character inside the text; mixes alphabets inside "pаypal"; spells "v3rify" with digits or symbols');
});

test('obfuscation: text-speak, plain Cyrillic and numbers are not obfuscation', () => {
  for (const text of ['gr8 c u 2nite 4 tea', 'Привет, как дела?', 'Call 08452810075 at 10:30', 'room 101 floor 3', 'l8r m8']) {
    assert.equal(tagOf(text, 'obfuscation'), null, text);
  }
});

test('excessive_caps: over 60% capitals of at least 12 letters, spans the shouting stretches', () => {
  const text = 'FREE ENTRY to WIN a PRIZE NOW';
  const tag = tagOf(text, 'excessive_caps');
  assert.ok(tag);
  assert.deepEqual(tag.spans, [at(text, 'FREE ENTRY'), at(text, 'WIN'), at(text, 'PRIZE NOW')]);
  assert.equal(tag.reason, '87% of its letters are capitals');
  for (const text of ['OK', 'LOL OK', 'I am at the BBC now with NASA people', 'A', '']) assert.equal(tagOf(text, 'excessive_caps'), null, text);
});

test('excessive_punctuation: runs of three, or mixed ! and ?', () => {
  const text = 'Winner!!! Really??? Now?! ok! fine?';
  const tag = tagOf(text, 'excessive_punctuation');
  assert.ok(tag);
  assert.deepEqual(tag.spans, [at(text, '!!!'), at(text, '???'), at(text, '?!')]);
  assert.equal(tag.reason, 'uses emphatic punctuation ("!!!")');
  for (const text of ['Hi! How are you? Good!!', 'Ok...', '']) assert.equal(tagOf(text, 'excessive_punctuation'), null, text);
});

test('impersonation: an organisation named together with a payment or account request', () => {
  const text = 'Royal Mail: your parcel has a fee, pay at https://royalmail-fee.top/pay';
  const tag = tagOf(text, 'impersonation');
  assert.ok(tag);
  assert.deepEqual(tag.spans, [at(text, 'Royal Mail'), at(text, 'royalmail')]);
  // "pay" (an action) is named over "fee" (a thing), though the fee comes first
  assert.equal(tag.reason, 'claims to be Royal Mail and asks the reader to "pay"');
  const hmrc = 'HMRC: you are due a tax refund, claim at hmrc-refund.xyz';
  assert.deepEqual(tagOf(hmrc, 'impersonation')?.spans, [at(hmrc, 'HMRC'), at(hmrc, 'tax refund'), at(hmrc, 'hmrc')]);
  assert.equal(tagOf(hmrc, 'impersonation')?.reason, 'claims to be HMRC and mentions "refund"');
});

test('impersonation: the reason names what the reader is asked to do before a state word, quoted as written', () => {
  const text = 'URGENT: your HSBC account is locked. Verify within 24 hours at bit.ly/hsbc-secure';
  assert.equal(tagOf(text, 'impersonation')?.reason, 'claims to be HSBC and asks the reader to "Verify"');
  const locked = 'Your Barclays account has been suspended';
  assert.equal(tagOf(locked, 'impersonation')?.reason, 'claims to be Barclays and says an account or service is "suspended"');
  const linkOnly = 'Barclays: see the news at https://barclays-news.top/today';
  assert.equal(tagOf(linkOnly, 'impersonation')?.reason, 'claims to be Barclays and links to barclays-news.top');
  // a word right after the name is the product or the heading, not a request
  assert.equal(tagOf('Apple Pay: your card ending 1234 has been locked', 'impersonation')?.reason, 'claims to be Apple and says an account or service is "locked"');
  assert.equal(tagOf('Royal Mail update: a £1.45 fee is due, pay at royalmail-fee.top', 'impersonation')?.reason, 'claims to be Royal Mail and asks the reader to "pay"');
});

test('impersonation: a negated request is none — a bank\'s genuine warning is not impersonation', () => {
  for (const text of ['HSBC will never ask you to confirm your PIN by text', 'Barclays: we do not ask you to verify your account by SMS']) {
    assert.equal(tagOf(text, 'impersonation'), null, text);
  }
  // the negation reaches back within its clause only
  assert.equal(tagOf('Never mind. HSBC: verify your account now', 'impersonation')?.reason, 'claims to be HSBC and asks the reader to "verify"');
  const smish = 'Dear Sir Your Bank card has been blocked because you did not updated yet, If you want to update your ATM card please contact +971586153091';
  assert.equal(tagOf(smish, 'impersonation')?.reason, 'claims to be Your Bank and asks the reader to "update"');
});

test('impersonation: a brand mentioned without a request, or linking to its own site, is not', () => {
  for (const text of [
    'I ordered it on Amazon yesterday',
    'Your Amazon order has shipped: https://www.amazon.co.uk/orders',
    'Your Barclays code is 123456. Never share it with anyone.',
    'Lunch at the post office cafe?',
  ]) {
    assert.equal(tagOf(text, 'impersonation'), null, text);
  }
});
