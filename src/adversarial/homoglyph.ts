/**
 * Homoglyph substitution: Latin letters replaced by Cyrillic or Greek letters that render the same,
 * the classic way to slip "PayPal" past a keyword filter.
 */

/** Look-alikes per ASCII letter; when there are several, the generator picks one at random. */
const LOOKALIKES: Readonly<Record<string, readonly string[]>> = {
  a: ['\u0430'], // Cyrillic а
  c: ['\u0441'], // Cyrillic с
  e: ['\u0435'], // Cyrillic е
  h: ['\u04bb'], // Cyrillic һ
  i: ['\u0456'], // Cyrillic і
  j: ['\u0458'], // Cyrillic ј
  o: ['\u043e', '\u03bf'], // Cyrillic о, Greek ο
  p: ['\u0440'], // Cyrillic р
  s: ['\u0455'], // Cyrillic ѕ
  v: ['\u03bd'], // Greek ν
  x: ['\u0445'], // Cyrillic х
  y: ['\u0443'], // Cyrillic у
  A: ['\u0410', '\u0391'], // Cyrillic А, Greek Α
  B: ['\u0412', '\u0392'],
  C: ['\u0421'],
  E: ['\u0415', '\u0395'],
  H: ['\u041d', '\u0397'],
  I: ['\u0406', '\u0399'],
  K: ['\u041a', '\u039a'],
  M: ['\u041c', '\u039c'],
  N: ['\u039d'],
  O: ['\u041e', '\u039f'],
  P: ['\u0420', '\u03a1'],
  T: ['\u0422', '\u03a4'],
  X: ['\u0425', '\u03a7'],
  Y: ['\u03a5'],
  Z: ['\u0396'],
};

/** The Latin letters this rewrite can replace. */
export const HOMOGLYPH_LETTERS: readonly string[] = Object.keys(LOOKALIKES);

/** Every look-alike this rewrite can emit (for tests and for checking a normaliser's coverage). */
export const HOMOGLYPH_CHARACTERS: ReadonlySet<string> = new Set(Object.values(LOOKALIKES).flat());

/** Replaces each letter that has a look-alike with probability `rate`. */
export function homoglyph(text: string, rate: number, rng: () => number): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    const options = LOOKALIKES[ch];
    if (options !== undefined && rng() < rate) out += options.length === 1 ? options[0] : options[Math.floor(rng() * options.length)];
    else out += ch;
  }
  return out;
}
