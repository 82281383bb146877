/**
 * Top-level domains common enough in messages that a bare `name.tld` is taken for a link
 * (`bit.ly/x`, `evil.com`). Deliberately short: rare ccTLDs that double as English words
 * (`.in`, `.it`, `.so`) would make ordinary typos like `come.in` look like URLs.
 */
const COMMON_TLDS = [
  'com', 'net', 'org', 'info', 'biz', 'co', 'uk', 'io', 'ly', 'me', 'tv', 'us', 'ca', 'de', 'ru', 'cn', 'xyz',
  'top', 'club', 'online', 'site', 'app', 'link', 'click', 'gov', 'edu', 'mobi', 'ws', 'cc', 'eu', 'au', 'nz',
  'fr', 'nl', 'tk', 'ml', 'ga', 'cf', 'gq', 'pw', 'shop', 'store', 'live', 'win', 'bid', 'loan', 'vip', 'icu',
  'buzz', 'fun', 'space', 'website', 'tech', 'email', 'page', 'work', 'today', 'support', 'help', 'bank',
];

/** Encodes 1–7 ASCII letters (any case) of text[start..end) as a number; -1 if not letters. */
export function letterKey(text: string, start: number, end: number): number {
  if (end - start < 1 || end - start > 7) return -1;
  let key = 0;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i) | 32;
    if (c < 97 || c > 122) return -1;
    key = key * 27 + (c - 96);
  }
  return key;
}

const TLD_KEYS: ReadonlySet<number> = new Set(COMMON_TLDS.map((t) => letterKey(t, 0, t.length)));

/** Whether text[start..end) is one of the common TLDs, without allocating a substring. */
export function isCommonTld(text: string, start: number, end: number): boolean {
  return TLD_KEYS.has(letterKey(text, start, end));
}
