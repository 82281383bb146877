import { test } from 'node:test';
import assert from 'node:assert/strict';
import { at, tagOf } from '../../../test/support/tag-spans.js';

test('credential_request: asks to send / enter / reply with / confirm a credential', () => {
  const cases: [string, string][] = [
    ['Please reply with your PIN to unlock', 'reply with your PIN'],
    ['Enter the one-time code we sent you at the link', 'Enter the one-time code'],
    ['To continue, confirm your password here', 'confirm your password'],
    ['Send us your login details today', 'Send us your login details'],
    ["What's your OTP? I need it", "What's your OTP"],
  ];
  for (const [text, phrase] of cases) {
    const tag = tagOf(text, 'credential_request');
    assert.ok(tag, text);
    assert.deepEqual(tag.spans, [at(text, phrase)], text);
    assert.equal(tag.reason, `asks for a password or code ("${phrase}")`);
  }
});

test('credential_request: a bank code notification and "never share" warnings are benign', () => {
  for (const text of [
    'Your Barclays code is 123456. Never share it with anyone.',
    'Barclays will never ask you to share your PIN or passcode.',
    'Do not give your one-time code to anyone, even us.',
    'Your verification code: 884213',
    'I forgot my password again lol',
    'Enter the competition. Your password reset worked',
  ]) {
    assert.equal(tagOf(text, 'credential_request'), null, text);
  }
});

test('personal_data_request: date of birth, card number, CVV, maiden name, address', () => {
  const text = 'Confirm your date of birth and reply with the card number and CVV. Provide your mother\'s maiden name.';
  const tag = tagOf(text, 'personal_data_request');
  assert.ok(tag);
  assert.deepEqual(tag.spans, [at(text, 'Confirm your date of birth'), at(text, 'reply with the card number'), at(text, "Provide your mother's maiden name")]);
  assert.match(tag.reason, /^asks for personal or card details \("Confirm your date of birth"\)$/);
  const addr = 'To rebook delivery, confirm your address at the link';
  assert.deepEqual(tagOf(addr, 'personal_data_request')?.spans, [at(addr, 'confirm your address')]);
});

test('personal_data_request: mentions without a request, or negated ones, are benign', () => {
  for (const text of [
    'Happy birthday! What a date of birth to have',
    'We will never ask you to send your card number by text.',
    'My address changed last week',
    'Send me a pic of your new card',
  ]) {
    assert.equal(tagOf(text, 'personal_data_request'), null, text);
  }
});
