import type { Rule, Span } from '../tag.js';

/**
 * url_text_mismatch: the text names one site ("visit amazon.com") but links somewhere else
 * ("http://evil.xyz/login"). A named site is a bare domain with no scheme and no path; a link
 * target is anything with a scheme or a path. Shorteners count as targets, never as names.
 */
export const urlTextMismatchRule: Rule = {
  tag: 'url_text_mismatch',
  // no link or e-mail without a character pair the link scan needs (ScanHints.linkHint)
  mayApply: (ctx) => ctx.hints.linkHint,
  apply(ctx) {
    const links = ctx.links;
    if (links.length < 2) return null;
    const named = links.filter((l) => l.bare && !l.hasPath && !l.shortened && l.registeredDomain !== null);
    if (named.length === 0) return null;
    const namedDomains = new Set(named.map((l) => l.registeredDomain));
    const targets = links.filter((l) => (!l.bare || l.hasPath || l.shortened) && !namedDomains.has(l.registeredDomain));
    if (targets.length === 0) return null;
    const spans: Span[] = [...named, ...targets].map((l) => ({ start: l.start, end: l.end })).sort((a, b) => a.start - b.start);
    const target = targets[0];
    return {
      tag: 'url_text_mismatch',
      reason: `names ${named[0].hostname} but links to ${target.hostname ?? target.raw}`,
      spans,
    };
  },
};
