import { domainToUnicode } from 'node:url';
import { BRANDS, type Brand } from './brands.js';
import { foldConfusables, isGreekOrCyrillic } from './confusables.js';
import { bagDistance, boundedEditDistance } from './edit-distance.js';

/** Digits and symbols used as letters in domains ("paypa1", "amaz0n"). */
const LEET: Readonly<Record<string, string>> = { '0': 'o', '1': 'l', '3': 'e', '4': 'a', '5': 's', '7': 't', '@': 'a', '$': 's' };

function unleet(token: string): string {
  let out = '';
  for (const ch of token) out += LEET[ch] ?? ch;
  return out;
}

function ownedBy(brand: Brand, registeredDomain: string | null): boolean {
  return registeredDomain !== null && brand.domains.includes(registeredDomain);
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Any brand label anywhere. A token names a brand only if it contains the label (equal, starts,
 * ends or contains), so a host this does not match skips the brand-by-brand scan: one native
 * search instead of a string test per (brand label, host token).
 */
const ANY_LABEL = new RegExp(BRANDS.flatMap((b) => b.labels.map(escapeRe)).join('|'));

/** Brand labels of 5+ letters, in BRANDS order, with the edit distance that still counts as a near miss. */
const NEAR_MISS_LABELS: readonly { brand: Brand; label: string; max: number }[] = BRANDS.flatMap((brand) =>
  brand.labels.filter((label) => label.length >= 5).map((label) => ({ brand, label, max: label.length >= 7 ? 2 : 1 })));

/** The labels of a hostname split further on '-', e.g. "paypal-secure.login.xyz" → paypal, secure, login, xyz. */
function tokensOf(host: string): string[] {
  return host.split(/[.-]/).filter((t) => t.length > 0);
}

function tokenNamesBrand(token: string, label: string): boolean {
  if (token === label) return true;
  if (label.length >= 5 && token.includes(label)) return true;
  return label.length >= 4 && (token.startsWith(label) || token.endsWith(label));
}

/** Answers by host, as the link memo of link-scan: bulk messages repeat their links. Bounded: cleared when full. */
const MEMO_LIMIT = 4096;
const memo = new Map<string, string | null>();

/**
 * Why a hostname imitates a brand or hides its script, or null when it looks honest.
 * Checks, in order: punycode (`xn--`), homoglyphs / mixed scripts, a brand name inside a domain
 * the brand does not own, digit-for-letter spellings, and labels one or two edits from a brand.
 */
export function lookalikeReason(hostname: string, registeredDomain: string | null, publicSuffix: string | null): string | null {
  // '\n' never occurs in a host, '\0' stands for null
  const key = `${hostname}\n${registeredDomain ?? '\0'}\n${publicSuffix ?? '\0'}`;
  let reason = memo.get(key);
  if (reason === undefined) {
    reason = judgeHost(hostname, registeredDomain, publicSuffix);
    if (memo.size >= MEMO_LIMIT) memo.clear();
    memo.set(key, reason);
  }
  return reason;
}

function judgeHost(hostname: string, registeredDomain: string | null, publicSuffix: string | null): string | null {
  const host = hostname.toLowerCase();
  const puny = host.includes('xn--');
  const unicode = puny ? domainToUnicode(host) || host : host;
  let nonAscii = false;
  let mixed = false;
  for (const label of unicode.split('.')) {
    let latin = false, other = false;
    for (let i = 0; i < label.length; i++) {
      const c = label.charCodeAt(i);
      if (c > 127) nonAscii = true;
      if ((c >= 97 && c <= 122)) latin = true;
      else if (isGreekOrCyrillic(c)) other = true;
    }
    if (latin && other) mixed = true;
  }
  const folded = nonAscii ? foldConfusables(unicode) : host;
  const regFolded = registeredDomain === null ? null : (nonAscii ? foldConfusables(puny ? domainToUnicode(registeredDomain) || registeredDomain : registeredDomain) : registeredDomain);
  if (ANY_LABEL.test(folded)) {
    const tokens = tokensOf(folded);
    for (const brand of BRANDS) {
      if (ownedBy(brand, registeredDomain)) continue;
      for (const label of brand.labels) {
        for (const t of tokens) {
          if (!tokenNamesBrand(t, label)) continue;
          if (nonAscii) return `imitates ${brand.name} with look-alike characters in ${host}`;
          if (regFolded !== null && brand.domains.includes(regFolded)) continue;
          return `names ${brand.name} but the link goes to ${registeredDomain ?? host}, which ${brand.name} does not own`;
        }
      }
    }
  }
  if (puny) return `uses an internationalised (punycode) domain ${host} that can disguise look-alike letters`;
  if (mixed) return `mixes alphabets in the domain ${hostname}`;
  // near-misses only on the registrable label: "paypa1.com", "amazom.co.uk"
  const base = registeredDomain !== null && publicSuffix !== null ? registeredDomain.slice(0, registeredDomain.length - publicSuffix.length - 1) : '';
  for (const part of base.split('-')) {
    if (part.length < 4) continue;
    const plain = unleet(part);
    for (const { brand, label, max } of NEAR_MISS_LABELS) {
      if (ownedBy(brand, registeredDomain)) continue;
      if (plain === label) return `spells ${brand.name} with digits or symbols in ${registeredDomain}`;
      // lower bounds of the edit distance already too far: skip the dynamic program
      if (Math.abs(plain.length - label.length) > max || bagDistance(plain, label) > max) continue;
      const d = boundedEditDistance(plain, label, max);
      if (d >= 1 && d <= max) return `${registeredDomain} is ${d === 1 ? 'one letter' : 'two letters'} away from ${brand.name}'s name`;
    }
  }
  return null;
}
