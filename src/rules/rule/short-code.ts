import type { Rule, Span } from '../tag.js';
import { wordTrigger } from '../word-triggers.js';

/** "text WIN to 87121", "send STOP to 62468", "reply YES on 80082": the keyword is optional. */
export const SHORT_CODE_RE = /\b(?:text|txt|send|reply|sms|msg)(?: [a-z0-9]{1,20})?(?: (?:to|on|2)) (\d{4,6})\b/g;

/** The verbs SHORT_CODE_RE starts with; it also needs 4 digits. */
const SHORT_CODE_TRIGGER = wordTrigger(['text', 'txt', 'send', 'reply', 'sms', 'msg']);

/** short_code: a 4–6 digit SMS short code the reader is told to text. Spans cover the digits. */
export const shortCodeRule: Rule = {
  tag: 'short_code',
  mayApply: (ctx) => ctx.hints.digits >= 4 && ctx.profile.fires(SHORT_CODE_TRIGGER),
  apply(ctx) {
    const s = ctx.folded;
    const spans: Span[] = [];
    const codes: string[] = [];
    SHORT_CODE_RE.lastIndex = 0;
    let m: RegExpExecArray | null;
    while (spans.length < 256 && (m = SHORT_CODE_RE.exec(s)) !== null) {
      const end = m.index + m[0].length;
      spans.push({ start: end - m[1].length, end });
      codes.push(m[1]);
    }
    if (spans.length === 0) return null;
    return { tag: 'short_code', reason: `asks to text the short code ${codes[0]}`, spans };
  },
};
