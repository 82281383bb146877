import { test } from 'node:test';
import assert from 'node:assert/strict';
import { at, tagOf } from '../../../test/support/tag-spans.js';

test('urgency: deadlines and pressure phrases, every occurrence', () => {
  const text = 'URGENT: act now, your offer expires today. Respond within 24 hours. Final notice!';
  const tag = tagOf(text, 'urgency');
  assert.ok(tag);
  assert.deepEqual(tag.spans, [at(text, 'URGENT'), at(text, 'act now'), at(text, 'expires today'), at(text, 'within 24 hours'), at(text, 'Final notice')]);
  assert.equal(tag.reason, 'pressures the reader to act quickly ("URGENT")');
  assert.deepEqual(tag.spans[0], { start: 0, end: 6 });
});

test('urgency: ordinary time talk is not urgency', () => {
  for (const text of ['See you in 24 hours lol', 'I will act in the play tonight', 'Now that is funny', 'last night was fun']) {
    assert.equal(tagOf(text, 'urgency'), null, text);
  }
});

test('threat_of_loss: suspended / locked accounts, penalties, legal action', () => {
  const text = 'Your account has been suspended. Pay the penalty or face legal action.';
  const tag = tagOf(text, 'threat_of_loss');
  assert.ok(tag);
  assert.deepEqual(tag.spans, [at(text, 'account has been suspended'), at(text, 'penalty'), at(text, 'legal action')]);
  assert.equal(tag.reason, 'threatens a loss or penalty ("account has been suspended")');
  const locked = 'Card temporarily locked';
  assert.deepEqual(tagOf(locked, 'threat_of_loss')?.spans, [{ start: 0, end: 23 }]);
});

test('threat_of_loss: "I\'m fine" and a locked door are not threats', () => {
  for (const text of ["I'm fine thanks", 'The door is locked, use the back', 'closed on sundays']) {
    assert.equal(tagOf(text, 'threat_of_loss'), null, text);
  }
});

test('prize: winner / won / claim / free gift; "won\'t" is not "won"', () => {
  const text = 'Congratulations! You have won a FREE gift. Claim your reward';
  const tag = tagOf(text, 'prize');
  assert.ok(tag);
  assert.deepEqual(tag.spans, [at(text, 'Congratulations'), at(text, 'You have won'), at(text, 'FREE gift'), at(text, 'Claim'), at(text, 'reward')]);
  assert.equal(tagOf("I won't be late, we can eat at home", 'prize'), null);
  assert.equal(tagOf('Free for lunch tomorrow?', 'prize'), null);
});

test('payment_request: gift cards, transfers, fees, outstanding balances', () => {
  const text = 'Buy two iTunes cards or send a bank transfer via Western Union. A delivery fee of £2 is due. Outstanding balance: pay now.';
  const tag = tagOf(text, 'payment_request');
  assert.ok(tag);
  assert.deepEqual(tag.spans, [
    at(text, 'iTunes cards'), at(text, 'bank transfer'), at(text, 'Western Union'), at(text, 'delivery fee'),
    at(text, 'Outstanding balance'), at(text, 'pay now'),
  ]);
  assert.equal(tag.reason, 'asks for a payment ("iTunes cards")');
  for (const text of ['I paid for coffee yesterday', 'feeling good', 'wired up after coffee']) assert.equal(tagOf(text, 'payment_request'), null, text);
});

test('payment_request: a gift card as the currency is a payment; one on offer, or a bank card, is not', () => {
  const ask = 'I need you to buy 4 Amazon gift cards today and send me the gift card codes';
  assert.deepEqual(tagOf(ask, 'payment_request')?.spans, [at(ask, 'need you to buy 4 Amazon gift cards'), at(ask, 'send me the gift card')]);
  const codes = 'Scratch the back and text me the gift card numbers';
  assert.deepEqual(tagOf(codes, 'payment_request')?.spans, [at(codes, 'gift card numbers')]);
  // the "boss / relative" scam's verbs, and prices (a '.' inside the gap)
  for (const [text, span] of [
    ['Hi mum, can you get me 3 Amazon gift cards and send me the codes', 'get me 3 Amazon gift cards'],
    ['I need you to pick up some Apple gift cards for a client', 'need you to pick up some Apple gift cards'],
    ['get 4 Razer Gold gift cards and scratch the back', 'get 4 Razer Gold gift cards'],
    ['Buy 4 x £25.00 Amazon gift cards and text me the codes', 'Buy 4 x £25.00 Amazon gift cards'],
  ]) {
    assert.deepEqual(tagOf(text, 'payment_request')?.spans[0], at(text, span), text);
  }
  for (const text of [
    'You have been randomly selected. Get your $1000 gift card at www.bestbuy.com.your-a-winner.net',
    'Congratulations! You won a £500 Tesco gift card',
    'Thanks for the birthday gift card!',
    'I lost my Visa card, can you lend me a tenner?',
    'Your electricity bill is not overdue',
  ]) {
    assert.equal(tagOf(text, 'payment_request'), null, text);
  }
});

test('payment_request: a sum of money to send over ("hi mum" scams)', () => {
  const text = 'Mum I lost my phone, this is my new number. Can you send me £200 for rent? Or transfer $50 today';
  assert.deepEqual(tagOf(text, 'payment_request')?.spans, [at(text, 'send me £200'), at(text, 'transfer $50')]);
  for (const text of ['I will send you the photos', 'send me 2 pics', 'transfer to platform 2']) assert.equal(tagOf(text, 'payment_request'), null, text);
});

test('account_action: verify / update / confirm + account object within the clause', () => {
  const text = 'Please verify your account details. Account verification required; update your billing info.';
  const tag = tagOf(text, 'account_action');
  assert.ok(tag);
  assert.deepEqual(tag.spans, [at(text, 'verify your account'), at(text, 'Account verification'), at(text, 'update your billing')]);
  assert.equal(tag.reason, 'asks to act on an account ("verify your account")');
});

test('account_action: the object must be in the same sentence and near', () => {
  for (const text of [
    'Can you confirm dinner at 8? My account of the trip is long',
    'I will update you later. Details tomorrow',
    'verify that the train is on time because my travel plans are otherwise a total mess and the account is fine',
  ]) {
    assert.equal(tagOf(text, 'account_action'), null, text);
  }
});
