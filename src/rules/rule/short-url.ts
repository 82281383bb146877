import { listOf } from '../match-spans.js';
import type { Rule } from '../tag.js';

/** short_url: a link goes through a URL shortener (bit.ly, tinyurl, …), hiding where it leads. */
export const shortUrlRule: Rule = {
  tag: 'short_url',
  // no link or e-mail without a character pair the link scan needs (ScanHints.linkHint)
  mayApply: (ctx) => ctx.hints.linkHint,
  apply(ctx) {
    const short = ctx.links.filter((l) => l.shortened);
    if (short.length === 0) return null;
    const names = short.map((l) => l.registeredDomain ?? l.hostname ?? l.raw);
    return {
      tag: 'short_url',
      reason: `links to a ${listOf(names)} shortened URL, which hides the real destination`,
      spans: short.map((l) => ({ start: l.start, end: l.end })),
    };
  },
};
