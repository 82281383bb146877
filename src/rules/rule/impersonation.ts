import { BRANDS } from '../brands.js';
import { matchSpans } from '../match-spans.js';
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

/**
 * The reason's second half, from the strongest cue in the folded text: something the reader is
 * asked to do ("asks the reader to "verify""), else a thing asked about ("mentions "fee""), else
 * a state ("says an account or service is "locked""). Quoted from the original text.
 */
function describeCue(folded: string, text: string): string | null {
  let thing: RegExpExecArray | null = null;
  let state: RegExpExecArray | null = null;
  ASK_RE.lastIndex = 0;
  for (let m = ASK_RE.exec(folded); m !== null; m = ASK_RE.exec(folded)) {
    const cue = m[0];
    const quoted = () => text.slice(m!.index, m!.index + cue.length);
    if (CUE_STATES.has(cue)) state ??= m;
    else if (CUE_THINGS.has(cue)) thing ??= m;
    else return `asks the reader to "${quoted()}"`;
  }
  if (thing !== null) return `mentions "${text.slice(thing.index, thing.index + thing[0].length)}"`;
  if (state !== null) return `says an account or service is "${text.slice(state.index, state.index + state[0].length)}"`;
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
    const cue = describeCue(s, ctx.text);
    if (cue === null && foreignLink === undefined) return null;
    const who = brand?.name ?? ctx.text.slice(orgs[0].start, orgs[0].end);
    const what = cue ?? `links to ${foreignLink!.hostname ?? foreignLink!.raw}`;
    const spans: Span[] = orgs;
    return { tag: 'impersonation', reason: `claims to be ${who} and ${what}`, spans };
  },
};
