import { wardenError } from '../errors.js';
import type { Span } from '../indicators/span.js';
import { matchSpans, quote } from './match-spans.js';
import type { RuleContext } from './rule-context.js';
import type { Rule, Tag, TagName } from './tag.js';
import type { WordTrigger } from './word-triggers.js';

/**
 * A rule that is one global regular expression over the folded text (lower-case, confusables
 * folded), with a reason built from the first match as written in the original text. `trigger`
 * holds the stems the regex cannot match without (see word-triggers.ts): messages with none of
 * them skip the regex.
 */
export function regexRule(tag: TagName, re: RegExp, trigger: WordTrigger, reason: (firstMatch: string, spans: Span[]) => string): Rule {
  if (!re.global) throw wardenError('INTERNAL', `regexRule(${tag}) needs a /g regular expression`);
  return {
    tag,
    trigger,
    mayApply: (ctx: RuleContext): boolean => ctx.profile.fires(trigger),
    apply(ctx: RuleContext): Tag | null {
      const spans = matchSpans(re, ctx.folded);
      if (spans.length === 0) return null;
      return { tag, reason: reason(quote(ctx.text, spans[0]), spans), spans };
    },
  };
}
