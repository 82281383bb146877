/** Character classes the inserting rewrites use to decide where a gap is "inside a word". */

const LETTER = /\p{L}/u;
const LETTER_OR_DIGIT = /[\p{L}\p{Nd}]/u;

/** True for a letter (any script). Surrogate halves are never letters, so pairs are never split. */
export function isLetterAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  const l = c | 32;
  if (l >= 97 && l <= 122) return true;
  return c > 127 && LETTER.test(text[i]);
}

/** True for a letter or a decimal digit. */
export function isWordCharAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c >= 48 && c <= 57) return true;
  return isLetterAt(text, i) || (c > 127 && LETTER_OR_DIGIT.test(text[i]));
}
