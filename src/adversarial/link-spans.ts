/**
 * Where the links are, so character rewrites can leave them intact: an attacker needs the link to
 * keep working, so homoglyphs, leetspeak, zero-width characters and spaces go around it.
 * Uses the product's own link scanner, so "a link" means the same here as in the tags and indicators.
 */
import { scanLinks, type FoundLink } from '../indicators/link-scan.js';

export interface TextSpan {
  start: number;
  end: number;
}

/** Sorted, non-overlapping spans of every URL and e-mail address in `text`. */
export function linkSpans(text: string): TextSpan[] {
  const { links, emails } = scanLinks(text);
  const spans: TextSpan[] = [...links, ...emails].map((l) => ({ start: l.start, end: l.end }));
  spans.sort((a, b) => a.start - b.start);
  const merged: TextSpan[] = [];
  for (const s of spans) {
    const last = merged[merged.length - 1];
    if (last !== undefined && s.start <= last.end) last.end = Math.max(last.end, s.end);
    else merged.push({ ...s });
  }
  return merged;
}

/** Applies `fn` to the text between the spans and copies the spans themselves verbatim. */
export function rewriteOutside(text: string, spans: readonly TextSpan[], fn: (segment: string) => string): string {
  let out = '';
  let at = 0;
  for (const s of spans) {
    if (s.start > at) out += fn(text.slice(at, s.start));
    out += text.slice(s.start, s.end);
    at = s.end;
  }
  if (at < text.length) out += fn(text.slice(at));
  return out;
}

/** Replaces each link (not e-mail address) chosen by `pick` with `replace(link)`; other text is untouched. */
export function rewriteLinks(text: string, pick: () => boolean, replace: (link: FoundLink) => string): string {
  const { links } = scanLinks(text);
  let out = '';
  let at = 0;
  for (const link of links) {
    if (!pick()) continue;
    out += text.slice(at, link.start) + replace(link);
    at = link.end;
  }
  return out + text.slice(at);
}
