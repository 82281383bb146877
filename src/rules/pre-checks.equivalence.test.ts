/**
 * The pre-checks (Rule.mayApply, the scan hints that gate the link / phone / amount / wallet
 * parsers) may only skip work that finds nothing. Guarded here over the bundled data, seeded
 * adversarial variants of it, and seeded random phrases built from the rules' own vocabulary:
 * whenever a pre-check says "skip", the full path must come back empty.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { BUNDLED_DATASETS } from '../data/bundled.js';
import { loadDataset } from '../data/load-dataset.js';
import { createRng } from '../data/random.js';
import { extractIndicators } from '../indicators/extract-indicators.js';
import { scanAmounts } from '../indicators/amount-scan.js';
import { scanLinks } from '../indicators/link-scan.js';
import { MIN_PHONE_DIGITS, scanPhones } from '../indicators/phone-scan.js';
import { scanHints } from '../indicators/scan-hints.js';
import { scanWallets } from '../indicators/wallet-scan.js';
import { regexSampler } from '../../test/support/regex-sampler.js';
import { DEFAULT_RULES } from './default-rules.js';
import { ACCOUNT_RE } from './rule/account-action.js';
import { CTA_RE } from './rule/call-to-action.js';
import { CREDENTIAL_RE } from './rule/credential-request.js';
import { COIN_RE } from './rule/crypto.js';
import { ORG_RE } from './rule/impersonation.js';
import { PAYMENT_RE } from './rule/payment-request.js';
import { PERSONAL_RE } from './rule/personal-data-request.js';
import { COST_RE } from './rule/premium-rate-number.js';
import { PRIZE_RE } from './rule/prize.js';
import { STOP_RE } from './rule/reply-stop.js';
import { SHORT_CODE_RE } from './rule/short-code.js';
import { THREAT_RE } from './rule/threat-of-loss.js';
import { URGENCY_RE } from './rule/urgency.js';
import { createRuleContext } from './rule-context.js';
import type { Tag, TagName } from './tag.js';
import { tagText } from './tag-text.js';

const CYRILLIC: Record<string, string> = { a: 'а', e: 'е', o: 'о', p: 'р', c: 'с', y: 'у', x: 'х', i: 'і' };
const LEET: Record<string, string> = { e: '3', o: '0', a: '4', s: '5', i: '1', l: '1', t: '7' };
const INVISIBLE = ['\u200b', '\u00ad', '\ufeff', '\u2060'];

/** The text plus seeded rewrites that stress folding, leetspeak, invisible characters, casing and digits. */
function variants(text: string, rng: () => number): string[] {
  return [
    text,
    text.toUpperCase(),
    text.replace(/[aeopcyxi]/g, (ch) => (rng() < 0.3 ? CYRILLIC[ch] : ch)),
    text.replace(/[eoasilt]/g, (ch) => (rng() < 0.3 ? LEET[ch] : ch)),
    text.replace(/ /g, (ch) => (rng() < 0.1 ? INVISIBLE[Math.floor(rng() * INVISIBLE.length)] + ch : ch)),
    text.replace(/\./g, (ch) => (rng() < 0.3 ? '[.]' : ch)).replace(/\d/g, (ch) => (rng() < 0.2 ? ch + ' ' : ch)),
  ];
}

/**
 * Every lower-case word of the compiled rule modules (their regexes and trigger lists), with a few
 * numbers, prices and links: random phrases from it hit the regexes' phrases far more often than
 * real SMS do.
 */
function ruleVocabulary(): string[] {
  const dir = fileURLToPath(new URL('./rule/', import.meta.url));
  const words = new Set<string>();
  for (const f of readdirSync(dir)) {
    if (!f.endsWith('.js') || f.endsWith('.test.js')) continue;
    for (const w of readFileSync(dir + f, 'utf8').match(/[a-z][a-z']{0,20}/g) ?? []) words.add(w);
  }
  return [
    ...words, 'd.o.b', 'gov.uk', 're-enter', 'log-in', 'one-time', 'opt-out', '87121', '4', '24', '09061701461', '07781482378',
    '£5', '£1.50/min', '150p', '10ppm', '1.50p', 'bit.ly/x', 'paypa1.com', 'http://evil.xyz', 'a@b.com', '!!!', '?!', '.',
    'to 87121', 'txt WIN to 80082', 'on 62468',
  ];
}

function randomPhrase(vocab: readonly string[], rng: () => number): string {
  const n = 2 + Math.floor(rng() * 10);
  let out = '';
  for (let i = 0; i < n; i++) {
    let w = vocab[Math.floor(rng() * vocab.length)];
    const r = rng();
    if (r < 0.15) w = w.toUpperCase();
    else if (r < 0.25) w = w[0].toUpperCase() + w.slice(1);
    out += (i === 0 ? '' : rng() < 0.85 ? ' ' : ', ') + w;
  }
  return out;
}

/** Fails unless every pre-check that says "skip" is right for `text`. */
function assertPreChecksSound(text: string): void {
  const ctx = createRuleContext(text);
  for (const rule of DEFAULT_RULES) {
    // tagText tests a rule's trigger in place of calling mayApply: they must agree
    if (rule.trigger !== undefined) {
      assert.equal(rule.mayApply?.(ctx), ctx.profile.fires(rule.trigger), `${rule.tag}: mayApply and its trigger disagree on ${JSON.stringify(text)}`);
    }
    if (rule.mayApply === undefined || rule.mayApply(ctx)) continue;
    assert.equal(rule.apply(ctx), null, `${rule.tag}: mayApply said no, but the rule tags ${JSON.stringify(text)}`);
  }
  const hints = scanHints(text);
  assert.deepEqual(
    { digits: ctx.hints.digits, linkHint: ctx.hints.linkHint, walletHint: ctx.hints.walletHint },
    hints,
    `the profile's hints differ from scanHints for ${JSON.stringify(text)}`,
  );
  if (!hints.linkHint) assert.deepEqual(scanLinks(text), { links: [], emails: [] }, `links missed in ${JSON.stringify(text)}`);
  if (hints.digits < MIN_PHONE_DIGITS) assert.deepEqual(scanPhones(text, 'GB'), [], `phones missed in ${JSON.stringify(text)}`);
  if (hints.digits === 0) assert.deepEqual(scanAmounts(text), [], `amounts missed in ${JSON.stringify(text)}`);
  if (!hints.walletHint) assert.deepEqual(scanWallets(text), [], `wallets missed in ${JSON.stringify(text)}`);
}

/** tagText without any pre-check: every rule's full apply, as before the pre-checks existed. */
function tagTextUnchecked(text: string): Tag[] {
  const ctx = createRuleContext(text);
  const out: Tag[] = [];
  for (const rule of DEFAULT_RULES) {
    const tag = rule.apply(ctx);
    if (tag !== null) out.push(tag);
  }
  return out;
}

test('the keyword rules declare their word trigger, so tagText tests it without calling the rule', () => {
  const withTrigger = DEFAULT_RULES.filter((r) => r.trigger !== undefined).map((r) => r.tag);
  assert.ok(withTrigger.length >= 10, withTrigger.join(', '));
  for (const tag of ['urgency', 'prize', 'call_to_action', 'credential_request', 'impersonation'] as const) assert.ok(withTrigger.includes(tag), tag);
});

test('pre-checks never skip a finding: bundled data and seeded variants', async () => {
  const ds = await loadDataset(BUNDLED_DATASETS);
  const rng = createRng(20261123);
  let checked = 0;
  for (const row of ds.rows) {
    for (const text of variants(row.text, rng)) {
      assertPreChecksSound(text);
      checked++;
    }
  }
  assert.ok(checked > 35_000, `checked ${checked} texts`);
});

test('pre-checks never skip a finding: seeded random phrases of rule vocabulary', () => {
  const vocab = ruleVocabulary();
  const rng = createRng(7);
  const fired = new Set<string>();
  for (let i = 0; i < 30_000; i++) {
    const text = randomPhrase(vocab, rng);
    assertPreChecksSound(text);
    for (const t of tagText(text)) fired.add(t.tag);
  }
  // the phrases do reach the rules they guard, not just the trivially empty case
  for (const tag of ['urgency', 'threat_of_loss', 'prize', 'payment_request', 'account_action', 'credential_request',
    'personal_data_request', 'crypto', 'call_to_action', 'reply_stop', 'short_code', 'impersonation', 'premium_rate_number']) {
    assert.ok(fired.has(tag), `no random phrase fired ${tag}`);
  }
});

/** Each gated rule regex, the tag it drives, and what the rule needs besides the regex's phrase to tag. */
const GATED_REGEXES: { tag: TagName; re: RegExp; suffix: string }[] = [
  { tag: 'account_action', re: ACCOUNT_RE, suffix: '' },
  { tag: 'call_to_action', re: CTA_RE, suffix: '' },
  { tag: 'credential_request', re: CREDENTIAL_RE, suffix: '' },
  { tag: 'crypto', re: COIN_RE, suffix: '' },
  { tag: 'impersonation', re: ORG_RE, suffix: ' pay now' },
  { tag: 'payment_request', re: PAYMENT_RE, suffix: '' },
  { tag: 'personal_data_request', re: PERSONAL_RE, suffix: '' },
  { tag: 'premium_rate_number', re: COST_RE, suffix: '' },
  { tag: 'prize', re: PRIZE_RE, suffix: '' },
  { tag: 'reply_stop', re: STOP_RE, suffix: '' },
  { tag: 'short_code', re: SHORT_CODE_RE, suffix: '' },
  { tag: 'threat_of_loss', re: THREAT_RE, suffix: '' },
  { tag: 'urgency', re: URGENCY_RE, suffix: '' },
];

test('pre-checks never skip a finding: random phrases of every alternative of every gated rule regex', () => {
  const rng = createRng(4242);
  const fillers = ['', 'ok ', 'Hi, ', 'so the ', 'NOTE: '];
  for (const { tag, re, suffix } of GATED_REGEXES) {
    const sample = regexSampler(re, rng);
    let tagged = 0;
    for (let i = 0; i < 1500; i++) {
      const phrase = sample();
      const cased = rng() < 0.3 ? phrase.toUpperCase() : phrase;
      const text = fillers[Math.floor(rng() * fillers.length)] + cased + suffix + (rng() < 0.5 ? '' : ' thanks');
      assertPreChecksSound(text);
      if (tagText(text).some((t) => t.tag === tag)) tagged++;
    }
    // most sampled phrases are tagged (the rest meet a negation or a lookahead the sampler leaves out)
    assert.ok(tagged > 1200, `${tag}: only ${tagged} of 1500 sampled phrases tagged`);
  }
});

test('tagText with pre-checks equals every rule applied in full (seeded sample of data and phrases)', async () => {
  const ds = await loadDataset(BUNDLED_DATASETS);
  const vocab = ruleVocabulary();
  const rng = createRng(99);
  let tagged = 0;
  for (let i = 0; i < 4000; i++) {
    const text = i % 2 === 0 ? variants(ds.rows[Math.floor(rng() * ds.rows.length)].text, rng)[Math.floor(rng() * 6)] : randomPhrase(vocab, rng);
    const tags = tagText(text);
    assert.deepEqual(tags, tagTextUnchecked(text));
    if (tags.length > 0) tagged++;
  }
  assert.ok(tagged > 1000, `only ${tagged} of the sample carry tags`);
});

test('the pre-checked context parses the same indicators as the scanners run in full', () => {
  const text = 'WIN £500! Call 09061701461 or visit hxxp://paypa1-secure[.]xyz/login, mail a@b-paypal.com, BTC 3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy';
  const ctx = createRuleContext(text);
  tagText(ctx);
  const iocs = extractIndicators(ctx);
  assert.deepEqual(iocs.urls.map((u) => u.normalized), scanLinks(text).links.map((l) => l.normalized));
  assert.deepEqual(iocs.emails.map((e) => e.address), scanLinks(text).emails.map((e) => e.address));
  assert.deepEqual(iocs.phones.map((p) => p.e164), scanPhones(text, 'GB').map((p) => p.e164));
  assert.deepEqual(iocs.amounts.map((a) => a.raw), scanAmounts(text).map((a) => a.raw));
  assert.deepEqual(iocs.wallets.map((w) => w.address), scanWallets(text).map((w) => w.address));
  assert.equal(iocs.urls.length, 1);
  assert.equal(iocs.wallets.length, 1);
});
