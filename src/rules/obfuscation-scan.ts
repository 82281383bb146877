import type { Span } from '../indicators/span.js';
import { isGreekOrCyrillic } from './confusables.js';

/** Zero-width and invisible formatting characters used to split words past keyword filters. */
export function isInvisible(c: number): boolean {
  return (c >= 0x200b && c <= 0x200f) || (c >= 0x2060 && c <= 0x2064) || c === 0xfeff || c === 0x00ad
    || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069) || c === 0x180e || c === 0x034f;
}

/** Words spam filters look for, which spammers then spell with digits ("fr33", "v3rify", "cl1ck"). */
const LEET_TARGETS: ReadonlySet<string> = new Set([
  'free', 'verify', 'password', 'click', 'account', 'bank', 'login', 'winner', 'prize', 'cash', 'claim', 'urgent',
  'offer', 'credit', 'paypal', 'apple', 'amazon', 'bitcoin', 'viagra', 'money', 'gift', 'secure', 'update',
  'pass', 'call', 'reward', 'bonus', 'casino', 'loan', 'netflix', 'sex', 'porn', 'dating', 'deal', 'won', 'win',
  'confirm', 'payment', 'refund', 'suspended', 'locked', 'unlock', 'code', 'pin', 'visa', 'card', 'debt',
]);

function leetChar(c: number, oneAs: number): number {
  switch (c) {
    case 48: return 111; // 0 → o
    case 49: return oneAs; // 1 → i or l
    case 51: return 101; // 3 → e
    case 52: return 97; // 4 → a
    case 53: return 115; // 5 → s
    case 55: return 116; // 7 → t
    case 64: return 97; // @ → a
    case 36: return 115; // $ → s
    default: return c;
  }
}

function isLeetable(c: number): boolean {
  return c === 48 || c === 49 || c === 51 || c === 52 || c === 53 || c === 55 || c === 64 || c === 36;
}

function decodes(folded: string, start: number, end: number, oneAs: number): boolean {
  let w = '';
  for (let i = start; i < end; i++) w += String.fromCharCode(leetChar(folded.charCodeAt(i), oneAs));
  return LEET_TARGETS.has(w);
}

/** Findings of the obfuscation scan, each with spans into the text. */
export interface ObfuscationFindings {
  invisible: Span[];
  mixedScript: Span[];
  leet: Span[];
}

/**
 * One linear pass over the text: runs of invisible characters, words mixing Latin letters with
 * Greek/Cyrillic ones, and digit-for-letter spellings of spam keywords. `folded` is the
 * lower-cased, same-length copy of `text`.
 */
export function scanObfuscation(text: string, folded: string): ObfuscationFindings {
  const out: ObfuscationFindings = { invisible: [], mixedScript: [], leet: [] };
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (isInvisible(c)) {
      const s = i;
      while (i < n && isInvisible(text.charCodeAt(i))) i++;
      if (out.invisible.length < 256) out.invisible.push({ start: s, end: i });
      continue;
    }
    // a "word": letters (any script), digits, @ and $
    const s = i;
    let latin = false, other = false, letters = 0, leet = 0;
    while (i < n) {
      const d = text.charCodeAt(i);
      const lower = d | 32;
      if (lower >= 97 && lower <= 122) { latin = true; letters++; }
      else if (isGreekOrCyrillic(d)) { other = true; letters++; }
      else if (isLeetable(d)) leet++;
      else if (!(d >= 48 && d <= 57)) break;
      i++;
    }
    if (i === s) { i++; continue; }
    if (latin && other && out.mixedScript.length < 256) out.mixedScript.push({ start: s, end: i });
    const len = i - s;
    if (leet > 0 && letters >= 2 && len >= 3 && len <= 12 && out.leet.length < 256) {
      if (decodes(folded, s, i, 105) || decodes(folded, s, i, 108)) out.leet.push({ start: s, end: i });
    }
  }
  return out;
}
