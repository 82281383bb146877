import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRewriter } from './index.js';

test('rate 1 splits every word into its letters; digits and punctuation stay together', () => {
  const rw = createRewriter({ type: 'inserted-spaces', rate: 1 }, 1);
  assert.equal(rw('FREE gift 2day!'), 'F R E E g i f t 2d a y!');
});

test('rate 0.3 splits words: removing the inserted spaces gives the original back', () => {
  const text = 'Congratulations you have won a guaranteed cash reward, call immediately';
  const out = createRewriter({ type: 'inserted-spaces', rate: 0.3 }, 5)(text);
  const added = out.length - text.length;
  assert.ok(added > 5 && added < 40, `added ${added}`);
  assert.ok(out.split(' ').length > text.split(' ').length);
  // only spaces were added, each between two letters of the original
  let j = 0;
  for (let i = 0; i < out.length; i++) {
    if (out[i] === text[j]) j++;
    else assert.equal(out[i], ' ');
  }
  assert.equal(j, text.length);
});

test('links are not broken up', () => {
  const text = 'Unlock at https://account-unlock.example.net/a?b=c now';
  const out = createRewriter({ type: 'inserted-spaces', rate: 1 }, 3)(text);
  assert.equal(out, 'U n l o c k a t https://account-unlock.example.net/a?b=c n o w');
});

test('non-Latin words are split too', () => {
  assert.equal(createRewriter({ type: 'inserted-spaces', rate: 1 }, 1)('привет'), 'п р и в е т');
});
