import assert from 'node:assert/strict';
import { tagText } from '../../src/rules/tag-text.js';
import type { Span, Tag, TagName } from '../../src/rules/tag.js';

/** The span of the nth occurrence of `phrase` in `text` (fails the test if it is not there). */
export function at(text: string, phrase: string, nth = 0): Span {
  let i = -1;
  for (let k = 0; k <= nth; k++) i = text.indexOf(phrase, i + 1);
  assert.ok(i >= 0, `"${phrase}" not in text`);
  return { start: i, end: i + phrase.length };
}

/** The tag `tag` of `text`, or null when the rule did not fire. */
export function tagOf(text: string, tag: TagName): Tag | null {
  return tagText(text).find((t) => t.tag === tag) ?? null;
}
