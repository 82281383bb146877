import type { Rule, Span } from '../tag.js';

/** excessive_punctuation: runs of three or more '!'/'?' ("!!!", "???"), or '!' and '?' mixed ("?!"). */
export const excessivePunctuationRule: Rule = {
  tag: 'excessive_punctuation',
  // a run of three, or '!' and '?' together, takes at least two of them
  mayApply: (ctx) => ctx.profile.emphatic >= 2,
  apply(ctx) {
    const t = ctx.text;
    const spans: Span[] = [];
    let i = 0;
    while (i < t.length) {
      const c = t.charCodeAt(i);
      if (c !== 33 && c !== 63 && c !== 0xff01) { i++; continue; }
      const s = i;
      let bang = false, question = false;
      while (i < t.length) {
        const d = t.charCodeAt(i);
        if (d === 33 || d === 0xff01) bang = true;
        else if (d === 63) question = true;
        else break;
        i++;
      }
      if ((i - s >= 3 || (bang && question)) && spans.length < 256) spans.push({ start: s, end: i });
    }
    if (spans.length === 0) return null;
    return { tag: 'excessive_punctuation', reason: `uses emphatic punctuation ("${t.slice(spans[0].start, Math.min(spans[0].end, spans[0].start + 10))}")`, spans };
  },
};
