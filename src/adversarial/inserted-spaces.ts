/** Inserted spaces: words broken up by spaces ("F R E E", "acc ount"), which defeats word n-grams. */
import { isLetterAt } from './word-chars.js';

/** Inserts a space into each gap between two letters with probability `rate`. */
export function insertedSpaces(text: string, rate: number, rng: () => number): string {
  let out = text.length > 0 ? text[0] : '';
  for (let i = 1; i < text.length; i++) {
    if (isLetterAt(text, i - 1) && isLetterAt(text, i) && rng() < rate) out += ' ';
    out += text[i];
  }
  return out;
}
