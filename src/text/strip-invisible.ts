import { type NormalizeResult, type Normalizer } from './normalizer.js';

/**
 * Removes characters that render as nothing but split or disguise words: zero-width
 * spaces and joiners, bidi controls, soft hyphens, fillers, variation selectors, tag
 * characters and C0/C1 controls. Each removal is counted as obfuscation evidence, except
 * the joiners and selectors that legitimately follow an emoji or symbol.
 */
export class StripInvisibleNormalizer implements Normalizer {
  readonly spec = { type: 'strip-invisible' } as const;

  normalize(text: string): NormalizeResult {
    let out = '';
    let kept = 0; // start of the pending run of kept units
    let count = 0;
    let removed = false;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      let width = 0;
      if (isInvisibleUnit(c)) width = 1;
      else if (c === 0xdb40 && i + 1 < text.length && isInvisibleTagLow(text.charCodeAt(i + 1))) width = 2;
      if (width === 0) continue;
      if (!isBenignAfter(c, i > 0 ? text.charCodeAt(i - 1) : -1)) count++;
      out += text.slice(kept, i);
      i += width - 1;
      kept = i + 1;
      removed = true;
    }
    if (!removed) return { text, invisibleCount: 0, confusableCount: 0, refangCount: 0 };
    out += text.slice(kept);
    return { text: out, invisibleCount: count, confusableCount: 0, refangCount: 0 };
  }
}

/** BMP code units that are invisible (whitespace is left to collapse-whitespace). */
export function isInvisibleUnit(c: number): boolean {
  if (c < 0x20) return c < 9 || (c > 13 && c < 0x20); // C0 controls except \t\n\v\f\r
  if (c < 0x7f) return false;
  if (c <= 0x9f) return true; // DEL and C1 controls
  if (c < 0x00ad) return false;
  return (
    c === 0x00ad || c === 0x034f || c === 0x061c || c === 0x115f || c === 0x1160 || c === 0x17b4 ||
    c === 0x17b5 || (c >= 0x180b && c <= 0x180f) || (c >= 0x200b && c <= 0x200f) ||
    (c >= 0x202a && c <= 0x202e) || (c >= 0x2060 && c <= 0x2064) || (c >= 0x2066 && c <= 0x206f) ||
    c === 0x3164 || (c >= 0xfe00 && c <= 0xfe0f) || c === 0xfeff || c === 0xffa0 ||
    (c >= 0xfff9 && c <= 0xfffb)
  );
}

/** Low halves of U+E0000–E007F (tags) and U+E0100–E01EF (variation selectors supplement). */
function isInvisibleTagLow(low: number): boolean {
  return (low >= 0xdc00 && low <= 0xdc7f) || (low >= 0xdd00 && low <= 0xddef);
}

/** ZWJ, VS15/16 and tags after an emoji (low surrogate) or a BMP symbol are normal emoji syntax. */
function isBenignAfter(c: number, prev: number): boolean {
  const emojiSyntax = c === 0x200d || c === 0xfe0e || c === 0xfe0f || c === 0xdb40;
  if (!emojiSyntax || prev < 0) return false;
  return (prev >= 0xdc00 && prev <= 0xdfff) || (prev >= 0x2000 && prev <= 0x2bff) || prev === 0xa9 || prev === 0xae ||
    (prev >= 0x30 && prev <= 0x39) || prev === 0x23 || prev === 0x2a;
}
