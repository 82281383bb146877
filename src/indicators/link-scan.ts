import { LinkifyIt } from 'linkify-it';
import { parse } from 'tldts';
import { linkHintAt } from './scan-hints.js';
import { isShortener } from './shorteners.js';

/** One link occurrence in a message, already parsed. `start`/`end` index the original text. */
export interface FoundLink {
  raw: string;
  normalized: string;
  start: number;
  end: number;
  hostname: string | null;
  registeredDomain: string | null;
  publicSuffix: string | null;
  tld: string | null;
  isIp: boolean;
  shortened: boolean;
  defanged: boolean;
  /** Written without a scheme (`amazon.com`, `www.x.co.uk`): the text *names* a site. */
  bare: boolean;
  hasPath: boolean;
}

/** One e-mail address occurrence. */
export interface FoundEmail {
  raw: string;
  address: string;
  domain: string;
  registeredDomain: string | null;
  publicSuffix: string | null;
  start: number;
  end: number;
}

/** Extra TLDs for schemeless links; linkify knows only a few gTLDs plus every 2-letter ccTLD. */
const EXTRA_TLDS = [
  'xyz', 'top', 'club', 'online', 'site', 'icu', 'live', 'click', 'link', 'app', 'shop', 'store', 'vip',
  'win', 'bid', 'loan', 'work', 'fun', 'space', 'website', 'tech', 'buzz', 'rest', 'cam', 'cyou', 'sbs',
  'cfd', 'monster', 'quest', 'today', 'support', 'help', 'services', 'page', 'life', 'world', 'center',
  'info', 'mobi', 'tel', 'digital', 'email', 'network', 'cloud', 'dev', 'money', 'bank', 'finance',
];

/**
 * Schemeless `word.xx` with a 2-letter TLD is usually a missing space ("pain.it", "so.so"), so a bare
 * 2-letter TLD counts only when it is one that links really use.
 */
const BARE_CCTLD_OK: ReadonlySet<string> = new Set([
  'ly', 'io', 'me', 'tv', 'co', 'us', 'cc', 'ws', 'gl', 'gd', 'at', 'ru', 'cn', 'tk', 'ml', 'ga', 'cf',
  'gq', 'uk', 'de', 'fr', 'nl', 'eu', 'in', 'ca', 'au', 'su', 'pw', 'ee', 'gg', 'ai', 'sh', 'st', 'fm',
]);

const DEFANG_RE = /hxxp|\[\.\]|\(\.\)|\[dot\]|\(dot\)|\{\.\}|\[:\]|\[:\/\/\]/gi;

let linkify: LinkifyIt | null = null;
/** One compiled matcher, created on first use and never mutated afterwards (like a regex literal). */
function matcher(): LinkifyIt {
  if (linkify === null) linkify = new LinkifyIt({ fuzzyLink: true, fuzzyIP: true, fuzzyEmail: true }).tlds(EXTRA_TLDS, true);
  return linkify;
}

function isSpace(c: number): boolean {
  return c <= 32 || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029
    || c === 0x202f || c === 0x205f || c === 0x3000;
}

/** Cheap pre-check: only tokens with '@', '://', 'hxxp', '[.]'-style or '.'+letter ever reach linkify. */
function tokenLooksLinky(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 64 /* @ */) return true;
    if (c === 46 /* . */) {
      const n = i + 1 < end ? text.charCodeAt(i + 1) | 32 : 0;
      if ((n >= 97 && n <= 122) || n === 125 /* ] or } */ || n === 41 /* ) */) return true;
    }
    if (c === 58 /* : */ && i + 1 < end && text.charCodeAt(i + 1) === 47 /* / */) return true;
    if ((c | 32) === 120 /* x */ && i >= 1 && (text.charCodeAt(i - 1) | 32) === 104 && i + 1 < end && (text.charCodeAt(i + 1) | 32) === 120) return true;
    if ((c === 91 || c === 40) && i + 3 < end && (text.charCodeAt(i + 1) | 32) === 100) return true; // [dot] (dot)
  }
  return false;
}

const LINKIFY_GTLDS: ReadonlySet<string> = new Set([
  'biz', 'com', 'edu', 'gov', 'net', 'org', 'pro', 'web', 'xxx', 'aero', 'asia', 'coop', 'info', 'museum', 'name', 'shop', ...EXTRA_TLDS,
]);

/**
 * Second cheap gate for tokens with no scheme, '@', 'www.' or de-fang marker: the letters after the
 * host's last dot must be a TLD linkify would accept and buildLink would keep. Rejects "lar.ok",
 * "pain.it" and "e.g." without running linkify.
 */
function plausibleBareHost(text: string, start: number, end: number): boolean {
  let hostEnd = end;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 47 || c === 63 || c === 35 || c === 58) { hostEnd = i; break; } // / ? # :
  }
  const path = hostEnd < end && text.charCodeAt(hostEnd) === 47;
  let e = hostEnd;
  while (e > start && !isAsciiLetter(text.charCodeAt(e - 1))) e--;
  let s = e;
  while (s > start && isAsciiLetter(text.charCodeAt(s - 1))) s--;
  if (s === e || s === start || text.charCodeAt(s - 1) !== 46 /* . */) return false;
  const tld = text.slice(s, e).toLowerCase();
  if (tld.length === 2) return path || BARE_CCTLD_OK.has(tld) || text.slice(start, start + 4).toLowerCase() === 'www.';
  return LINKIFY_GTLDS.has(tld);
}

function isAsciiLetter(c: number): boolean {
  const l = c | 32;
  return l >= 97 && l <= 122;
}

/**
 * True when text[start, end) holds '://', '@', 'www.', 'hxxp' (letters in any case), '[' or '(':
 * a token linkify must see even without a plausible bare host. Compares characters in place
 * rather than lower-casing a copy (no non-ASCII character lower-cases to one of these).
 */
function needsFullCheck(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 64 || c === 91 || c === 40) return true; // @ [ (
    if (c === 58 && i + 2 < end && text.charCodeAt(i + 1) === 47 && text.charCodeAt(i + 2) === 47) return true; // ://
    const l = c | 32;
    if (l === 119 && i + 3 < end && (text.charCodeAt(i + 1) | 32) === 119 && (text.charCodeAt(i + 2) | 32) === 119 && text.charCodeAt(i + 3) === 46) return true; // www.
    if (l === 104 && i + 3 < end && (text.charCodeAt(i + 1) | 32) === 120 && (text.charCodeAt(i + 2) | 32) === 120 && (text.charCodeAt(i + 3) | 32) === 112) return true; // hxxp
  }
  return false;
}

function isDefanged(token: string): boolean {
  DEFANG_RE.lastIndex = 0;
  return DEFANG_RE.test(token);
}

function refang(token: string): string {
  return token.replace(DEFANG_RE, (m) => {
    const l = m.toLowerCase();
    if (l === 'hxxp') return 'http';
    if (l === '[:]') return ':';
    if (l === '[://]') return '://';
    return '.';
  });
}

/** Lower-cases scheme and host, keeps path and query as written. */
export function normalizeUrl(url: string): string {
  let u = url;
  if (u.startsWith('//')) u = 'http:' + u;
  const sep = u.indexOf('://');
  if (sep < 0) return u.toLowerCase();
  let hostEnd = u.length;
  for (let i = sep + 3; i < u.length; i++) {
    const c = u.charCodeAt(i);
    if (c === 47 || c === 63 || c === 35) { hostEnd = i; break; }
  }
  return u.slice(0, hostEnd).toLowerCase() + u.slice(hostEnd);
}

function lastLabel(host: string): string {
  const dot = host.lastIndexOf('.');
  return dot < 0 ? host : host.slice(dot + 1);
}

function buildLink(raw: string, url: string, start: number, end: number, bare: boolean, defanged: boolean): FoundLink | null {
  const normalized = normalizeUrl(url);
  const r = parse(normalized, { allowPrivateDomains: true });
  const isIp = r.isIp === true;
  if (!isIp && (r.domain === null || (r.isIcann !== true && r.isPrivate !== true))) return null;
  const hostname = r.hostname;
  const schemeEnd = normalized.indexOf('://');
  const afterHost = normalized.indexOf('/', schemeEnd + 3);
  const hasPath = afterHost >= 0 && afterHost < normalized.length - 1;
  if (bare && !defanged && !hasPath && !isIp && !raw.toLowerCase().startsWith('www.')) {
    const suffix = r.publicSuffix ?? '';
    if (suffix.length === 2 && !BARE_CCTLD_OK.has(suffix)) return null;
    const rawTld = lastLabel(raw);
    // "prize.To" / "u.So": a capitalised TLD is a sentence start after a missing space.
    const c0 = rawTld.charCodeAt(0), c1 = rawTld.charCodeAt(1);
    if (c0 >= 65 && c0 <= 90 && c1 >= 97 && c1 <= 122) return null;
  }
  return {
    raw, normalized, start, end, hostname,
    registeredDomain: isIp ? null : r.domain,
    publicSuffix: isIp ? null : r.publicSuffix,
    tld: isIp || hostname === null ? null : lastLabel(hostname),
    isIp,
    shortened: isShortener(hostname, r.domain),
    defanged, bare, hasPath,
  };
}

function trimToken(text: string, start: number, end: number): [number, number] {
  let s = start, e = end;
  while (s < e && '(<["\''.includes(text[s])) s++;
  while (e > s && '.,;:!?>"\''.includes(text[e - 1])) e--;
  if (e > s && text[e - 1] === ')' && !/\((?:dot|\.)\)$/i.test(text.slice(Math.max(s, e - 5), e))) e--;
  return [s, e];
}

/**
 * Finds URLs and e-mail addresses, including de-fanged ones (`hxxp://evil[.]com`).
 * Only whitespace-delimited tokens holding a character pair the pre-check needs ('@', '.' before a
 * letter, ':/', …) are looked at, found by one pass over the text; linkify only ever sees the few
 * candidate tokens, never the whole message, which keeps the common no-link message cheap.
 */
export function scanLinks(text: string): { links: FoundLink[]; emails: FoundEmail[] } {
  const links: FoundLink[] = [];
  const emails: FoundEmail[] = [];
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    // tokenLooksLinky needs one of these characters, at a place where linkHintAt holds
    if (c !== 64 && c !== 46 && c !== 58 && c !== 91 && c !== 40 && (c | 32) !== 120) continue;
    if (!linkHintAt(text, i, c)) continue;
    let start = i;
    while (start > 0 && !isSpace(text.charCodeAt(start - 1))) start--;
    let end = i + 1;
    while (end < n && !isSpace(text.charCodeAt(end))) end++;
    scanToken(text, start, end, links, emails);
    i = end; // the token is done; text[end] is a space (or the end)
  }
  return { links, emails };
}

/**
 * linkify and the public-suffix parse cost microseconds per candidate token, and bulk messages
 * repeat the same links, so what a token holds is memoised by the token's text (offsets relative
 * to it). Bounded: cleared when full.
 */
const TOKEN_MEMO_LIMIT = 4096;
const tokenMemo = new Map<string, { links: FoundLink[]; emails: FoundEmail[] }>();

/** The links and e-mails of the whitespace-delimited token text[start, end). */
function scanToken(text: string, start: number, end: number, links: FoundLink[], emails: FoundEmail[]): void {
  if (end - start < 4 || end - start > 4000 || !tokenLooksLinky(text, start, end)) return;
  if (!needsFullCheck(text, start, end) && !plausibleBareHost(text, start, end)) return;
  const token = text.slice(start, end);
  let found = tokenMemo.get(token);
  if (found === undefined) {
    found = parseToken(token);
    if (tokenMemo.size >= TOKEN_MEMO_LIMIT) tokenMemo.clear();
    tokenMemo.set(token, found);
  }
  for (const l of found.links) links.push({ ...l, start: l.start + start, end: l.end + start });
  for (const e of found.emails) emails.push({ ...e, start: e.start + start, end: e.end + start });
}

/** The links and e-mails of one candidate token, with offsets into the token. */
function parseToken(token: string): { links: FoundLink[]; emails: FoundEmail[] } {
  const links: FoundLink[] = [];
  const emails: FoundEmail[] = [];
  if (isDefanged(token)) {
    const [s, e] = trimToken(token, 0, token.length);
    const raw = token.slice(s, e);
    const found = matcher().match(refang(raw));
    if (found !== null && found[0].schema !== 'mailto:') {
      const link = buildLink(raw, found[0].url, s, e, found[0].schema === '', true);
      if (link !== null) { links.push(link); return { links, emails }; }
    }
  }
  const found = matcher().match(token);
  if (found === null) return { links, emails };
  for (const m of found) {
    const s = m.index, e = m.lastIndex;
    if (m.schema === 'mailto:') {
      const address = m.raw.replace(/^mailto:/i, '');
      const at = address.lastIndexOf('@');
      const domain = address.slice(at + 1).toLowerCase();
      const r = parse(domain, { allowPrivateDomains: true });
      if (r.domain === null || (r.isIcann !== true && r.isPrivate !== true)) continue;
      emails.push({ raw: m.raw, address: address.slice(0, at + 1) + domain, domain, registeredDomain: r.domain, publicSuffix: r.publicSuffix, start: s, end: e });
    } else {
      const link = buildLink(m.raw, m.url, s, e, m.schema === '', false);
      if (link !== null) links.push(link);
    }
  }
  return { links, emails };
}
