import type { Rule, Span } from '../tag.js';

/** At least this many letters before the share of capitals means anything ("OK", "LOL" do not count). */
export const CAPS_MIN_LETTERS = 12;
/** Share of capitals among ASCII letters above which a message is shouting. */
export const CAPS_MIN_SHARE = 0.6;

/** True when `upper` capitals among `letters` ASCII letters is shouting. */
export function isShouting(upper: number, letters: number): boolean {
  return !(letters < CAPS_MIN_LETTERS || upper / letters <= CAPS_MIN_SHARE);
}

/**
 * excessive_caps: over 60 % of at least 12 letters are capitals. Spans cover the capitalised
 * stretches: consecutive all-capital words of two or more letters, joined across spaces and punctuation.
 */
export const excessiveCapsRule: Rule = {
  tag: 'excessive_caps',
  mayApply: (ctx) => isShouting(ctx.profile.upper, ctx.profile.letters),
  apply(ctx) {
    const t = ctx.text;
    let letters = 0, upper = 0;
    for (let i = 0; i < t.length; i++) {
      const c = t.charCodeAt(i);
      if (c >= 65 && c <= 90) { upper++; letters++; } else if (c >= 97 && c <= 122) letters++;
    }
    if (!isShouting(upper, letters)) return null;
    const spans: Span[] = [];
    let runStart = -1, runEnd = -1;
    let i = 0;
    while (i < t.length) {
      const c = t.charCodeAt(i) | 32;
      if (!(c >= 97 && c <= 122)) { i++; continue; }
      const s = i;
      let allUpper = true;
      while (i < t.length && ((t.charCodeAt(i) | 32) >= 97 && (t.charCodeAt(i) | 32) <= 122)) {
        if (t.charCodeAt(i) >= 97) allUpper = false;
        i++;
      }
      if (allUpper && i - s >= 2) {
        if (runStart < 0) runStart = s;
        runEnd = i;
      } else {
        // a lower-case word ends the shouting stretch; a lone capital ("I", "A") merely does not extend it
        if (runStart >= 0 && !(allUpper && i - s === 1)) { if (spans.length < 256) spans.push({ start: runStart, end: runEnd }); runStart = -1; }
      }
    }
    if (runStart >= 0 && spans.length < 256) spans.push({ start: runStart, end: runEnd });
    const pct = Math.round((100 * upper) / letters);
    return { tag: 'excessive_caps', reason: `${pct}% of its letters are capitals`, spans };
  },
};
