import { type NormalizeResult, type Normalizer } from './normalizer.js';

/** De-fanging patterns (matched case-insensitively) and what they stand for. */
const PATTERNS: ReadonlyArray<readonly [string, string]> = [
  ['[.]', '.'], ['(.)', '.'], ['{.}', '.'], ['[dot]', '.'], ['(dot)', '.'], ['{dot}', '.'],
  ['[:]', ':'], ['[://]', '://'],
  ['[@]', '@'], ['(@)', '@'], ['[at]', '@'],
  ['hxxp', 'http'],
];

/**
 * Restores de-fanged URLs: `hxxps://evil[.]com` → `https://evil.com`, `a[at]b[dot]com` → `a@b.com`.
 *
 * Works as a stack machine over the output: after each appended character the tail is
 * checked against the patterns. No replacement ends in a pattern's last character, so the
 * output never contains a pattern and nested forms (`[[.]]`) fold completely in linear time,
 * which makes the step idempotent.
 */
export class RefangNormalizer implements Normalizer {
  readonly spec = { type: 'refang' } as const;

  normalize(text: string): NormalizeResult {
    if (!mayContainPattern(text)) return { text, invisibleCount: 0, confusableCount: 0, refangCount: 0 };
    const out = new Uint16Array(text.length);
    let n = 0;
    let count = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      out[n++] = c;
      // Every pattern ends in ']', ')', '}' or 'p'.
      if (c !== 93 && c !== 41 && c !== 125 && (c | 32) !== 112) continue;
      for (const [pattern, replacement] of PATTERNS) {
        if (!tailMatches(out, n, pattern)) continue;
        n -= pattern.length;
        for (let k = 0; k < replacement.length; k++) out[n++] = replacement.charCodeAt(k);
        count++;
        break;
      }
    }
    if (count === 0) return { text, invisibleCount: 0, confusableCount: 0, refangCount: 0 };
    return { text: unitsToString(out, n), invisibleCount: 0, confusableCount: 0, refangCount: count };
  }
}

/** Whether buf[0..n) ends with pattern, ASCII letters compared case-insensitively. */
function tailMatches(buf: Uint16Array, n: number, pattern: string): boolean {
  const m = pattern.length;
  if (n < m) return false;
  for (let k = 0; k < m; k++) {
    const p = pattern.charCodeAt(k);
    let c = buf[n - m + k];
    if (c >= 65 && c <= 90) c |= 32;
    if (c !== p) return false;
  }
  return true;
}

/** Cheap pre-scan: any opening bracket, or an 'x' after 'h'/'x' (for hxxp). */
function mayContainPattern(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 91 || c === 40 || c === 123) return true;
    if ((c | 32) === 120 && i > 0 && (text.charCodeAt(i - 1) | 32) === 104) return true;
  }
  return false;
}

/** Builds a string from UTF-16 units in chunks (apply has an argument-count limit). */
export function unitsToString(units: Uint16Array, n: number): string {
  let s = '';
  for (let i = 0; i < n; i += 8192) {
    s += String.fromCharCode.apply(null, units.subarray(i, Math.min(n, i + 8192)) as unknown as number[]);
  }
  return s;
}
