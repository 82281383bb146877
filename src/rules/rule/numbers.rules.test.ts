import { test } from 'node:test';
import assert from 'node:assert/strict';
import { at, tagOf } from '../../../test/support/tag-spans.js';

test('money: symbols, codes, words and pence', () => {
  const text = 'Win £1000 or $5, GBP 20, 100 pounds, €2.50 and 150p';
  const tag = tagOf(text, 'money');
  assert.ok(tag);
  assert.deepEqual(tag.spans, [at(text, '£1000'), at(text, '$5'), at(text, 'GBP 20'), at(text, '100 pounds'), at(text, '€2.50'), at(text, '150p')]);
  assert.equal(tag.reason, 'mentions money (£1000, $5 and 4 more)');
  for (const text of ['see you at 2pm', 'I have 5 people coming', 'room 101', '']) assert.equal(tagOf(text, 'money'), null, text);
});

test('crypto: checksum-valid wallets and coin words; random base58-looking tokens are not wallets', () => {
  const text = 'Send 0.1 BTC to bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq';
  const tag = tagOf(text, 'crypto');
  assert.ok(tag);
  assert.deepEqual(tag.spans, [at(text, 'BTC'), at(text, 'bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq')]);
  assert.equal(tag.reason, 'contains a bitcoin wallet address (bc1qar0srrr7…)');
  const eth = 'pay 0x52908400098527886E0F7030069857D2E4169EE7 today';
  assert.deepEqual(tagOf(eth, 'crypto')?.spans, [at(eth, '0x52908400098527886E0F7030069857D2E4169EE7')]);
  // same shape as a legacy address, but the Base58Check checksum fails
  assert.equal(tagOf('ref 1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN3 ok', 'crypto'), null);
  assert.equal(tagOf('my cryptic crossword', 'crypto'), null);
});

test('phone_number: valid UK numbers in several formats; short numbers and times are not', () => {
  const text = 'Call 07781 482378 or +44 20 7946 0958 or (0161) 496 0000';
  const tag = tagOf(text, 'phone_number');
  assert.ok(tag);
  assert.deepEqual(tag.spans, [at(text, '07781 482378'), at(text, '+44 20 7946 0958'), at(text, '0161) 496 0000')]);
  assert.equal(tag.reason, 'contains the phone number +447781482378, +442079460958 and 1 more');
  for (const text of ["I'll call you at 5", 'meet at 12:30 on 21/05/2005', 'PIN 1234', 'ref 123456']) {
    assert.equal(tagOf(text, 'phone_number'), null, text);
  }
});

test('premium_rate_number: UK 09 / 087 numbers, US 1-900 and stated per-minute costs', () => {
  const text = 'Call 09061701461 or 0871-872-9758 (calls cost 150p/min) or 1-900-555-0199';
  const tag = tagOf(text, 'premium_rate_number');
  assert.ok(tag);
  assert.deepEqual(tag.spans, [at(text, '09061701461'), at(text, '0871-872-9758'), at(text, '150p/min'), at(text, '1-900-555-0199')]);
  assert.equal(tag.reason, 'contains the premium-rate number 09061701461, 0871-872-9758 and 1 more');
  assert.equal(tagOf('Call me on 07781 482378', 'premium_rate_number'), null);
  assert.equal(tagOf('Freephone 0800 123 4567', 'premium_rate_number'), null);
});

test('short_code: 4–6 digit numbers to text a keyword to; spans cover the digits', () => {
  const text = 'Text WIN to 87121 or send STOP to 62468. Reply YES on 80082';
  const tag = tagOf(text, 'short_code');
  assert.ok(tag);
  assert.deepEqual(tag.spans, [at(text, '87121'), at(text, '62468'), at(text, '80082')]);
  assert.equal(tag.reason, 'asks to text the short code 87121');
  for (const text of ['Text me at 5', 'send it to 1234567 people', 'reply to 12 emails']) assert.equal(tagOf(text, 'short_code'), null, text);
});

test('email_address: addresses with a real public suffix; bogus domains are not', () => {
  const text = 'Write to claims@prize-team.co.uk or Info@Example.com';
  const tag = tagOf(text, 'email_address');
  assert.ok(tag);
  assert.deepEqual(tag.spans, [at(text, 'claims@prize-team.co.uk'), at(text, 'Info@Example.com')]);
  assert.equal(tag.reason, 'contains the e-mail address claims@prize-team.co.uk and Info@example.com');
  for (const text of ['msg@£1.50rcvd', 'meet @ 5', 'msg+ticket@kiosk.Valid']) assert.equal(tagOf(text, 'email_address'), null, text);
});

test('reply_stop: bulk opt-out wording', () => {
  const text = 'txt STOP to 87239 to opt out, or unsubscribe online. STOP 2 85069';
  const tag = tagOf(text, 'reply_stop');
  assert.ok(tag);
  assert.deepEqual(tag.spans, [at(text, 'txt STOP'), at(text, 'opt out'), at(text, 'unsubscribe'), at(text, 'STOP 2 85069')]);
  for (const text of ['please stop it', 'bus stop at 5', 'text stopped working']) assert.equal(tagOf(text, 'reply_stop'), null, text);
});

test('call_to_action: "call now", "click here", "text WIN to", "visit www…"', () => {
  const text = 'Click here! Call now on 09061701461, text WIN to 87121 or visit www.win.com';
  const tag = tagOf(text, 'call_to_action');
  assert.ok(tag);
  assert.deepEqual(tag.spans, [at(text, 'Click here'), at(text, 'Call now'), at(text, 'text WIN to'), at(text, 'visit')]);
  assert.equal(tag.reason, 'urges the reader to respond ("Click here")');
  for (const text of ["I'll call you at 5", 'text me when you get home', 'did you reply to mum?', 'call at 5']) {
    assert.equal(tagOf(text, 'call_to_action'), null, text);
  }
});
