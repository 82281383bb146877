import type { Span } from '../indicators/span.js';

/** Upper bound on spans per tag: a 100 KB wall of keywords must not yield a 100 K-element answer. */
export const MAX_SPANS = 256;

/** All non-empty matches of a global regex as spans, capped at MAX_SPANS. Resets `re.lastIndex`. */
export function matchSpans(re: RegExp, s: string): Span[] {
  const out: Span[] = [];
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while (out.length < MAX_SPANS && (m = re.exec(s)) !== null) {
    if (m[0].length === 0) { re.lastIndex++; continue; }
    out.push({ start: m.index, end: m.index + m[0].length });
  }
  return out;
}

/** The original text under a span, shortened for use inside a reason. */
export function quote(text: string, span: Span): string {
  const s = text.slice(span.start, span.end).replace(/\s+/g, ' ');
  return s.length > 40 ? s.slice(0, 37) + '...' : s;
}

/** "x", "x and y", "x, y and 2 more" — for reasons that list several findings. */
export function listOf(items: readonly string[]): string {
  const uniq = [...new Set(items)];
  if (uniq.length <= 1) return uniq[0] ?? '';
  if (uniq.length === 2) return `${uniq[0]} and ${uniq[1]}`;
  return `${uniq[0]}, ${uniq[1]} and ${uniq.length - 2} more`;
}
