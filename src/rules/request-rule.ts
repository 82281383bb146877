import { MAX_SPANS, quote } from './match-spans.js';
import type { RuleContext } from './rule-context.js';
import type { Rule, Span, Tag, TagName } from './tag.js';
import { allOf, wordTrigger, type WordTrigger } from './word-triggers.js';

/** Verbs that ask the reader to hand something over. */
export const REQUEST_VERBS = String.raw`(?:send|enter|re-?enter|reply with|reply|confirm|provide|share|give|tell|text|type|input|submit|update|verify|what(?:'s| is))`;

/** The first word of each REQUEST_VERBS phrase ("re-enter" is the words "re" and "enter"). */
const REQUEST_VERB_TRIGGER = wordTrigger([
  'send', 'enter', 're$', 'reenter', 'reply', 'confirm', 'provide', 'share', 'give', 'tell', 'text', 'type', 'input', 'submit',
  'update', 'verify', 'what',
]);

/** A negation shortly before the verb turns a request into a warning: "never share your PIN". */
const NEGATION_BEFORE = /\b(?:never|not|don'?t|do not|won'?t|will not|no one|nobody|no-one|nor)\b[^.!?\n]{0,24}$/;

/**
 * A rule for "asks the reader to send/enter X": a /g regex that matches verb … object, minus
 * matches preceded by a negation in the same sentence (bank notices say "never share your code").
 * `objects` holds the stems of the object phrases: the regex needs a request verb and one of them.
 */
export function requestRule(tag: TagName, re: RegExp, objects: WordTrigger, reason: (q: string) => string): Rule {
  const trigger = allOf(REQUEST_VERB_TRIGGER, objects);
  return {
    tag,
    trigger,
    mayApply: (ctx: RuleContext): boolean => ctx.profile.fires(trigger),
    apply(ctx: RuleContext): Tag | null {
      const s = ctx.folded;
      const spans: Span[] = [];
      re.lastIndex = 0;
      let m: RegExpExecArray | null;
      while (spans.length < MAX_SPANS && (m = re.exec(s)) !== null) {
        const before = s.slice(Math.max(0, m.index - 40), m.index);
        if (NEGATION_BEFORE.test(before)) continue;
        spans.push({ start: m.index, end: m.index + m[0].length });
      }
      if (spans.length === 0) return null;
      return { tag, reason: reason(quote(ctx.text, spans[0])), spans };
    },
  };
}
