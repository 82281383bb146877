/**
 * Link-style swaps: the same campaign link written as a shortener, a raw IP address or a bare
 * domain. Used to simulate attackers adapting to link-based tags.
 */
import { wardenError } from '../errors.js';
import type { FoundLink } from '../indicators/link-scan.js';

const SHORTENERS = ['bit.ly', 'tinyurl.com', 'is.gd', 'cutt.ly', 't.ly'];
const BASE62 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

export type LinkStyle = 'shortener' | 'ip' | 'bare-domain';

/** The part of a link after its host (path, query, fragment), '' when there is none. */
function pathOf(raw: string): string {
  const scheme = raw.indexOf('://');
  const from = scheme >= 0 ? scheme + 3 : 0;
  for (let i = from; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c === 47 /* / */ || c === 63 /* ? */ || c === 35 /* # */) return raw.slice(i);
  }
  return '';
}

/** A public-looking IPv4 address (first octet 11–223, never 127). */
function randomIp(rng: () => number): string {
  let first = 11 + Math.floor(rng() * 213);
  if (first === 127) first = 128;
  const octet = () => Math.floor(rng() * 256);
  return `${first}.${octet()}.${octet()}.${1 + Math.floor(rng() * 254)}`;
}

/** Rewrites one link in `style`; a link already in that style is returned as it is. */
export function restyleLink(link: FoundLink, style: LinkStyle, rng: () => number): string {
  switch (style) {
    case 'shortener': {
      if (link.shortened) return link.raw;
      let code = '';
      for (let i = 0; i < 7; i++) code += BASE62[Math.floor(rng() * BASE62.length)];
      return `https://${SHORTENERS[Math.floor(rng() * SHORTENERS.length)]}/${code}`;
    }
    case 'ip':
      return link.isIp ? link.raw : `http://${randomIp(rng)}${pathOf(link.raw)}`;
    case 'bare-domain':
      return link.bare || link.hostname === null ? link.raw : link.hostname.replace(/^www\./i, '') + pathOf(link.raw);
    default:
      throw wardenError('INVALID_INPUT', `unknown link style ${String(style)}`);
  }
}
