/** Leetspeak: letters written as the digits that resemble them ("fr33 pr1z3"). */

/** One digit per letter (indexed by lower-case char code − 97), 0 where the letter is left alone. */
const DIGIT_FOR = new Uint8Array(26);
for (const [letter, digit] of [['a', 4], ['b', 8], ['e', 3], ['g', 9], ['i', 1], ['l', 1], ['o', 0], ['s', 5], ['t', 7], ['z', 2]] as const) {
  DIGIT_FOR[letter.charCodeAt(0) - 97] = 48 /* '0' */ + digit;
}

/** The letter → digit table, e.g. `LEETSPEAK_MAP.a === '4'`. */
export const LEETSPEAK_MAP: Readonly<Record<string, string>> = Object.fromEntries(
  Array.from(DIGIT_FOR, (d, i) => [String.fromCharCode(97 + i), String.fromCharCode(d)] as const).filter(([, d]) => d !== '\0'),
);

/** Replaces each mapped letter (either case) by its digit with probability `rate`. */
export function leetspeak(text: string, rate: number, rng: () => number): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const l = c | 32;
    const digit = l >= 97 && l <= 122 ? DIGIT_FOR[l - 97] : 0;
    out += digit !== 0 && rng() < rate ? String.fromCharCode(digit) : text[i];
  }
  return out;
}
