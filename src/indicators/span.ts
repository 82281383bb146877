/** A UTF-16 offset range into the original message: `text.slice(start, end)` is the highlighted part. */
export interface Span {
  start: number;
  end: number;
}

/** Sorts spans by start and drops exact duplicates (same start and end), in place. */
export function sortSpans(spans: Span[]): Span[] {
  spans.sort((a, b) => a.start - b.start || a.end - b.end);
  let w = 0;
  for (let r = 0; r < spans.length; r++) {
    const s = spans[r];
    if (w > 0 && spans[w - 1].start === s.start && spans[w - 1].end === s.end) continue;
    spans[w++] = s;
  }
  spans.length = w;
  return spans;
}
