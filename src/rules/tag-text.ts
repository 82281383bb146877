import { MessageScan } from '../indicators/message-scan.js';
import { DEFAULT_RULES } from './default-rules.js';
import { createRuleContext, type RuleContext } from './rule-context.js';
import { TAG_NAMES, type Rule, type Tag } from './tag.js';

const TAG_ORDER: ReadonlyMap<string, number> = new Map(TAG_NAMES.map((t, i) => [t, i]));

/**
 * Runs every rule over a message and returns the tags it carries, in TAG_NAMES order.
 * Accepts a RuleContext so a caller that also extracts indicators parses links and phones once.
 *
 * @example
 * tagText('URGENT! Your PayPal account is locked. Verify at http://paypal-secure.xyz')
 *   .map((t) => t.tag); // ['link_present', 'suspicious_tld', 'lookalike_domain', 'urgency', ...]
 */
export function tagText(input: string | RuleContext, rules: readonly Rule[] = DEFAULT_RULES): Tag[] {
  const ctx = input instanceof MessageScan ? input : createRuleContext(input);
  const tags: Tag[] = [];
  const profile = ctx.profile;
  for (let i = 0; i < rules.length; i++) {
    const rule = rules[i];
    const trigger = rule.trigger;
    if (trigger !== undefined) {
      if (!profile.fires(trigger)) continue;
    } else if (rule.mayApply !== undefined && !rule.mayApply(ctx)) continue;
    const tag = rule.apply(ctx);
    if (tag !== null) tags.push(tag);
  }
  if (rules !== DEFAULT_RULES) tags.sort((a, b) => (TAG_ORDER.get(a.tag) ?? 0) - (TAG_ORDER.get(b.tag) ?? 0));
  return tags;
}
