import { BRANDS } from '../brands.js';
import { matchSpans, quote } from '../match-spans.js';
import type { Rule, Span } from '../tag.js';
import { wordTrigger } from '../word-triggers.js';

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Named organisations: every brand word, plus the generic bank / tax / delivery / government voices. */
const GENERIC_ORGS = [
  'your bank', 'the bank', 'bank security', 'fraud (?:team|department)', 'tax office', 'tax refund', 'inland revenue', 'revenue service',
  'gov\\.uk', 'government', 'post office', 'courier', 'delivery (?:team|service|company|driver)', 'customs', 'the police', 'council',
  'your (?:network|mobile) (?:provider|operator)', 'customer services?', 'security (?:team|department)',
];
export const ORG_RE = new RegExp(String.raw`\b(?:${[...BRANDS.flatMap((b) => b.words.map(escape)), ...GENERIC_ORGS].join('|')})\b`, 'g');

/**
 * A word every ORG_RE name holds: each brand word's first word, and for the generic voices
 * "bank", "tax", "gov" (gov.uk, government), "office", "provider" / "operator", … .
 */
const ORG_TRIGGER = wordTrigger([
  ...BRANDS.flatMap((b) => b.words.map((w) => w.split(/[^a-z0-9_]/)[0])),
  'bank', 'fraud', 'tax', 'inland', 'revenue', 'gov', 'office', 'courier', 'delivery', 'customs', 'police', 'council',
  'provider', 'operator', 'customer', 'security',
]);

/** What turns a mention into impersonation: asking for money, credentials, account action or a click. */
const ASK_RE = /\b(?:pay(?:ment)?|fee|charge|verify|confirm|update|unlock|reactivate|validate|log ?in|sign ?in|password|pin|otp|click|tap|follow the link|visit|refund|reschedule|rebook|redeliver(?:y)?|suspended|locked)\b/g;
/** The cues that are things, and those that are states; every other cue is something the reader is asked to do. */
const CUE_THINGS = new Set(['payment', 'fee', 'charge', 'password', 'pin', 'otp', 'refund', 'redelivery']);
const CUE_STATES = new Set(['suspended', 'locked']);

/** A negation earlier in the cue's clause: "we will never ask you to confirm your PIN". */
const NEGATION_RE = /\b(?:never|not|don't|dont|do not|won't|will not|doesn't|does not|didn't|no one|nobody)\b/;
const CLAUSE_LOOKBACK = 40;

/** Whether the cue at `at` is negated: a negation word in the ≤ 40 characters before it, within its clause (after the last . ! ? , ; or line break). */
function negated(folded: string, at: number): boolean {
  let from = Math.max(0, at - CLAUSE_LOOKBACK);
  for (let k = at - 1; k >= from; k--) {
    const c = folded.charCodeAt(k);
    if (c === 46 /* . */ || c === 33 /* ! */ || c === 63 /* ? */ || c === 10 /* \n */ || c === 44 /* , */ || c === 59 /* ; */) {
      from = k + 1;
      break;
    }
  }
  return NEGATION_RE.test(folded.slice(from, at));
}

/**
 * The reason's second half, from the strongest cue in the folded text: something the reader is
 * asked to do ("asks the reader to "verify""), else a thing asked about ("mentions "fee""), else
 * a state ("says an account or service is "locked""); quoted from the original text. Null when
 * there is no cue. Not cues: a word right after a named organisation (a product or a heading:
 * "Apple Pay", "Royal Mail update:"), and a negated one ("will never ask you to confirm").
 */
function describeCue(folded: string, text: string, orgs: readonly Span[]): string | null {
  let thing: Span | null = null;
  let state: Span | null = null;
  const afterOrg = new Set<number>();
  for (const o of orgs) if (folded.charCodeAt(o.end) === 32) afterOrg.add(o.end + 1);
  for (const cue of matchSpans(ASK_RE, folded)) {
    if (afterOrg.has(cue.start) || negated(folded, cue.start)) continue;
    const word = folded.slice(cue.start, cue.end);
    if (CUE_STATES.has(word)) state ??= cue;
    else if (CUE_THINGS.has(word)) thing ??= cue;
    else return `asks the reader to "${quote(text, cue)}"`;
  }
  if (thing !== null) return `mentions "${quote(text, thing)}"`;
  if (state !== null) return `says an account or service is "${quote(text, state)}"`;
  return null;
}

/**
 * impersonation: a bank, delivery firm, tax office, telecom or government body is named together
 * with a request — payment, credentials, account action, or a link the brand does not own.
 * ("Royal Mail: your parcel has a fee, pay at …"). Spans cover the organisation names.
 */
export const impersonationRule: Rule = {
  tag: 'impersonation',
  trigger: ORG_TRIGGER,
  mayApply: (ctx) => ctx.profile.fires(ORG_TRIGGER),
  apply(ctx) {
    const s = ctx.folded;
    const orgs = matchSpans(ORG_RE, s);
    if (orgs.length === 0) return null;
    const names = orgs.map((o) => s.slice(o.start, o.end));
    const brand = BRANDS.find((b) => b.words.includes(names[0]));
    // links the named brand really owns do not count as a request
    const foreignLink = ctx.links.find((l) => brand === undefined || l.registeredDomain === null || !brand.domains.includes(l.registeredDomain));
    const cue = describeCue(s, ctx.text, orgs);
    if (cue === null && foreignLink === undefined) return null;
    const who = brand?.name ?? ctx.text.slice(orgs[0].start, orgs[0].end);
    const what = cue ?? `links to ${foreignLink!.hostname ?? foreignLink!.raw}`;
    const spans: Span[] = orgs;
    return { tag: 'impersonation', reason: `claims to be ${who} and ${what}`, spans };
  },
};
