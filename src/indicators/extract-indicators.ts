import type { Span } from './span.js';
import { sortSpans } from './span.js';
import { MessageScan, type ScanOptions } from './message-scan.js';

export interface UrlIndicator {
  url: string;
  normalized: string;
  domain: string | null;
  registeredDomain: string | null;
  tld: string | null;
  isIp: boolean;
  shortened: boolean;
  defanged: boolean;
  spans: Span[];
}

export interface PhoneIndicator {
  raw: string;
  e164: string | null;
  region: string | null;
  premiumRate: boolean;
  spans: Span[];
}

/** `currency` is an ISO 4217 code (GBP, USD, EUR, …; BTC/ETH/USDT for coins); pence are GBP / 100. */
export interface AmountIndicator {
  raw: string;
  value: number;
  currency: string | null;
  spans: Span[];
}

export interface WalletIndicator {
  address: string;
  chain: 'bitcoin' | 'ethereum' | 'other';
  spans: Span[];
}

export interface DomainIndicator {
  domain: string;
  registeredDomain: string | null;
  spans: Span[];
}

export interface EmailIndicator {
  address: string;
  domain: string;
  spans: Span[];
}

export interface Indicators {
  urls: UrlIndicator[];
  domains: DomainIndicator[];
  emails: EmailIndicator[];
  phones: PhoneIndicator[];
  amounts: AmountIndicator[];
  wallets: WalletIndicator[];
}

/** Groups items by key in first-seen order, merging spans. */
function dedupe<T extends { spans: Span[] }>(items: Iterable<[string, T, Span]>): T[] {
  const byKey = new Map<string, T>();
  for (const [key, item, span] of items) {
    const seen = byKey.get(key);
    if (seen === undefined) byKey.set(key, item);
    else seen.spans.push(span);
  }
  const out = [...byKey.values()];
  for (const o of out) sortSpans(o.spans);
  return out;
}

/**
 * Extracts indicators of compromise with spans into the original text. Equal normalised values
 * collapse into one entry whose spans list every occurrence. Pass a `MessageScan` (a `RuleContext`
 * is one) to reuse the parse that tagging already did.
 *
 * @example
 * const iocs = extractIndicators('Pay £5 at hxxp://evil[.]com or call 09061701461');
 * // iocs.urls[0].normalized === 'http://evil.com', iocs.urls[0].defanged === true
 */
export function extractIndicators(input: string | MessageScan, opts?: ScanOptions): Indicators {
  const scan = input instanceof MessageScan ? input : new MessageScan(input, opts);
  // Most messages have none of a kind: skip the grouping (a Map and arrays) for empty kinds.
  const links = scan.links, emails = scan.emails, phones = scan.phones, amounts = scan.amounts, wallets = scan.wallets;
  const urls = links.length === 0 ? [] : dedupe<UrlIndicator>(links.map((l) => {
    const span = { start: l.start, end: l.end };
    return [l.normalized, {
      url: l.raw, normalized: l.normalized, domain: l.hostname, registeredDomain: l.registeredDomain, tld: l.tld,
      isIp: l.isIp, shortened: l.shortened, defanged: l.defanged, spans: [span],
    }, span];
  }));
  const domains = links.length === 0 && emails.length === 0 ? [] : dedupe<DomainIndicator>([
    ...links.filter((l) => !l.isIp && l.hostname !== null).map((l): [string, DomainIndicator, Span] => {
      const span = { start: l.start, end: l.end };
      return [l.hostname!, { domain: l.hostname!, registeredDomain: l.registeredDomain, spans: [span] }, span];
    }),
    // an e-mail's domain is a domain indicator too; its span covers just the part after '@'
    ...emails.map((e): [string, DomainIndicator, Span] => {
      const span = { start: e.end - e.domain.length, end: e.end };
      return [e.domain, { domain: e.domain, registeredDomain: e.registeredDomain, spans: [span] }, span];
    }),
  ]);
  const emailIocs = emails.length === 0 ? [] : dedupe<EmailIndicator>(emails.map((e) => {
    const span = { start: e.start, end: e.end };
    return [e.address.toLowerCase(), { address: e.address.toLowerCase(), domain: e.domain, spans: [span] }, span];
  }));
  const phoneIocs = phones.length === 0 ? [] : dedupe<PhoneIndicator>(phones.map((p) => {
    const span = { start: p.start, end: p.end };
    return [p.e164 ?? p.raw, { raw: p.raw, e164: p.e164, region: p.region, premiumRate: p.premiumRate, spans: [span] }, span];
  }));
  const amountIocs = amounts.length === 0 ? [] : dedupe<AmountIndicator>(amounts.map((a) => {
    const span = { start: a.start, end: a.end };
    return [`${a.currency ?? ''}:${a.value}`, { raw: a.raw, value: a.value, currency: a.currency, spans: [span] }, span];
  }));
  const walletIocs = wallets.length === 0 ? [] : dedupe<WalletIndicator>(wallets.map((w) => {
    const span = { start: w.start, end: w.end };
    const key = w.chain === 'ethereum' ? w.address.toLowerCase() : w.address;
    return [key, { address: w.address, chain: w.chain, spans: [span] }, span];
  }));
  return { urls, domains, emails: emailIocs, phones: phoneIocs, amounts: amountIocs, wallets: walletIocs };
}
