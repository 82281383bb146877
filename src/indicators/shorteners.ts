/**
 * URL-shortening services. A shortened link hides its destination, which is why phishing SMS
 * favour them. Matched against the registered domain and the full hostname.
 */
export const SHORTENER_DOMAINS: ReadonlySet<string> = new Set([
  'bit.ly', 'bitly.com', 'tinyurl.com', 't.co', 'goo.gl', 'ow.ly', 'is.gd', 'buff.ly', 'cutt.ly',
  'rebrand.ly', 'shorturl.at', 'tiny.cc', 'tiny.one', 'rb.gy', 'v.gd', 't.ly', 'bl.ink', 'short.io',
  'shorte.st', 'adf.ly', 'bc.vc', 'soo.gd', 's.id', 'qr.ae', 'lnkd.in', 'db.tt', 'amzn.to', 'fb.me',
  'youtu.be', 'trib.al', 'x.co', 'clck.ru', 'urlz.fr', 'shorturl.com', '2.gp', 'po.st', 'mcaf.ee',
  'surl.li', 'u.to', 'tr.im', 'cli.gs', 'snip.ly', 'tinyurl.is', 'linktr.ee', 'wp.me', 'dlvr.it',
]);

/** True when the hostname or its registered domain belongs to a URL shortener. */
export function isShortener(hostname: string | null, registeredDomain: string | null): boolean {
  if (registeredDomain !== null && SHORTENER_DOMAINS.has(registeredDomain)) return true;
  return hostname !== null && SHORTENER_DOMAINS.has(hostname);
}
