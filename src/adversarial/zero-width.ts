/**
 * Zero-width insertion: invisible format characters between the letters of a word, which split
 * tokens for a naive tokeniser while the message looks unchanged on screen.
 */
import { isWordCharAt } from './word-chars.js';

/** ZERO WIDTH SPACE, NON-JOINER, JOINER, WORD JOINER, and the BOM used as ZERO WIDTH NO-BREAK SPACE. */
export const ZERO_WIDTH_CHARACTERS: readonly string[] = ['\u200b', '\u200c', '\u200d', '\u2060', '\ufeff'];

/** Inserts one random zero-width character into each gap between two word characters with probability `rate`. */
export function zeroWidth(text: string, rate: number, rng: () => number): string {
  let out = text.length > 0 ? text[0] : '';
  for (let i = 1; i < text.length; i++) {
    if (isWordCharAt(text, i - 1) && isWordCharAt(text, i) && rng() < rate) {
      out += ZERO_WIDTH_CHARACTERS[Math.floor(rng() * ZERO_WIDTH_CHARACTERS.length)];
    }
    out += text[i];
  }
  return out;
}
