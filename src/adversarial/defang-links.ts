/**
 * De-fanged links (`hxxp://evil[.]com`): the security-report habit that spammers borrow because a
 * person still reads it as a link while a naive URL matcher does not.
 */
import type { FoundLink } from '../indicators/link-scan.js';

/** `http`→`hxxp` and every dot of the host → `[.]`; the path is kept. Already de-fanged links are returned as they are. */
export function defangLink(link: FoundLink): string {
  const raw = link.raw;
  if (link.defanged) return raw;
  const scheme = raw.indexOf('://');
  const hostStart = scheme >= 0 ? scheme + 3 : 0;
  let hostEnd = raw.length;
  for (let i = hostStart; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c === 47 /* / */ || c === 63 /* ? */ || c === 35 /* # */ || c === 58 /* : */) {
      hostEnd = i;
      break;
    }
  }
  const prefix = raw.slice(0, hostStart).replace(/^http/i, 'hxxp');
  return prefix + raw.slice(hostStart, hostEnd).replaceAll('.', '[.]') + raw.slice(hostEnd);
}
