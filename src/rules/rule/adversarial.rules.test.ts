import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRuleContext } from '../rule-context.js';
import { DEFAULT_RULES } from '../default-rules.js';
import { TAG_NAMES, type TagName } from '../tag.js';

/**
 * 100 KB inputs built to trigger catastrophic backtracking in careless patterns: long runs of one
 * character, repeated URL fragments, digit walls, keyword walls and mixes. Each rule must finish
 * and give the exact answer below; the regexes have no nested quantifiers, so this also runs fast.
 */
const INPUTS: Record<string, string> = {
  letters: 'a'.repeat(100_000),
  bangs: '!'.repeat(100_000),
  digits: '1'.repeat(100_000),
  dots: 'http://' + 'a.'.repeat(50_000),
  verbs: 'verify your '.repeat(8_400),
  caps: 'AB '.repeat(33_400),
  mixed: ('£1,' + '000,'.repeat(10) + 'x 0x' + 'f'.repeat(39) + ' hxxp[.] @@ ').repeat(1_300),
  spaces: ' '.repeat(100_000),
  calls: 'Call 09061701461 now! '.repeat(4_600),
  links: 'www.paypa1.com '.repeat(6_700),
  giftVerbs: 'buy pay with send me get me 4 need '.repeat(2_900),
  brandCues: 'HSBC locked fee pin '.repeat(5_000),
};

/** Expected span count per rule and input (0 means the tag is absent). Only non-zero cells are listed. */
const EXPECTED: Partial<Record<TagName, Partial<Record<keyof typeof INPUTS, number>>>> = {
  excessive_punctuation: { bangs: 1 },
  excessive_caps: { caps: 1 },
  money: { mixed: 1_300 }, // every "£1,000,…,000" is one amount; amounts are not capped
  phone_number: { calls: 4_600 },
  premium_rate_number: { calls: 4_600 },
  call_to_action: { calls: 256 }, // regex findings stop at MAX_SPANS
  link_present: { links: 6_700 },
  lookalike_domain: { links: 6_700 },
  obfuscation: { links: 256 }, // "paypa1" is a digit spelling of paypal
  payment_request: { brandCues: 256 }, // every "fee"
  impersonation: { brandCues: 256 }, // every "HSBC", named with the cues after it
};

for (const tag of TAG_NAMES) {
  test(`${tag}: exact result on 100 KB adversarial inputs`, () => {
    const rule = DEFAULT_RULES.find((r) => r.tag === tag)!;
    for (const [name, text] of Object.entries(INPUTS)) {
      assert.ok(text.length >= 100_000, `${name} is ${text.length} chars`);
      const result = rule.apply(createRuleContext(text));
      const expected = EXPECTED[tag]?.[name as keyof typeof INPUTS] ?? 0;
      assert.equal(result === null ? 0 : result.spans.length, expected, `${tag} on ${name}`);
    }
  });
}
