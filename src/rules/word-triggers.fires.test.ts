import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isWardenError } from '../errors.js';
import { profileText } from './text-profile.js';
import { allOf, wordTrigger } from './word-triggers.js';

const stems = wordTrigger(['bitcoin', 'd$', 'expiring', 'ni$']);
const verbs = wordTrigger(['send']);
const both = allOf(verbs, wordTrigger(['password']));

test('a stem fires on words starting with it, in any case and through confusable letters', () => {
  assert.equal(profileText('Buy BITCOINS now').fires(stems), true);
  assert.equal(profileText('bitcoin').fires(stems), true);
  assert.equal(profileText('bіtcoin').fires(stems), true, 'Cyrillic і folds to i');
  assert.equal(profileText('my coin').fires(stems), false);
  assert.equal(profileText('notbitcoin').fires(stems), false, 'a stem starts a word');
});

test('stems longer than MAX_STEM compare on their first characters only (looser, never stricter)', () => {
  assert.equal(profileText('expiring soon').fires(stems), true);
  assert.equal(profileText('expiries').fires(stems), true, '"expiries" shares the first six letters of "expiring"');
  assert.equal(profileText('expiry').fires(stems), false);
});

test("a stem ending in '$' fires on that whole word only", () => {
  assert.equal(profileText('your d.o.b please').fires(stems), true);
  assert.equal(profileText('your NI number').fires(stems), true);
  assert.equal(profileText('done nice').fires(stems), false);
});

test('allOf fires only when each combined trigger fires', () => {
  assert.equal(profileText('send your password').fires(both), true);
  assert.equal(profileText('send it').fires(both), false);
  assert.equal(profileText('password123 only').fires(both), false);
});

test('bad stems are rejected when the rule module loads', () => {
  const internal = (e: unknown) => isWardenError(e) && e.code === 'INTERNAL';
  assert.throws(() => wordTrigger(['Upper']), internal);
  assert.throws(() => wordTrigger(['two words']), internal);
  assert.throws(() => wordTrigger([]), internal);
});
