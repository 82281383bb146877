import { isCommonTld } from './tld-set.js';

/**
 * Class tokens: spans of a normalised text that stand for a kind of thing (a link, an
 * address, a price) rather than a word. The word analyser emits them as extra features so a
 * model learns "has a URL" even when every URL is different.
 */
export const CLASS_TOKEN_KINDS = ['url', 'email', 'phone', 'money', 'number'] as const;
export type ClassTokenKind = (typeof CLASS_TOKEN_KINDS)[number];
/** The feature string of each kind, indexed like CLASS_TOKEN_KINDS: '__url__', '__email__', … */
export const CLASS_TOKEN_STRINGS: readonly string[] = CLASS_TOKEN_KINDS.map((k) => `__${k}__`);

export const KIND_URL = 0;
export const KIND_EMAIL = 1;
export const KIND_PHONE = 2;
export const KIND_MONEY = 3;
export const KIND_NUMBER = 4;

/** Reusable output of detectClassTokens: kind index and [start, end) per match. */
export interface ClassTokenBuffer {
  kinds: Uint8Array;
  starts: Int32Array;
  ends: Int32Array;
  count: number;
}

export function createClassTokenBuffer(capacity = 16): ClassTokenBuffer {
  const c = Math.max(1, capacity | 0);
  return { kinds: new Uint8Array(c), starts: new Int32Array(c), ends: new Int32Array(c), count: 0 };
}

/** One detected span, for explanations and tests. */
export interface ClassTokenMatch {
  kind: ClassTokenKind;
  text: string;
  start: number;
  end: number;
}

/** Convenience wrapper of detectClassTokens that allocates its result. */
export function findClassTokens(text: string): ClassTokenMatch[] {
  const buf = createClassTokenBuffer();
  const n = detectClassTokens(text, buf);
  const out: ClassTokenMatch[] = [];
  for (let i = 0; i < n; i++) {
    const start = buf.starts[i];
    const end = buf.ends[i];
    out.push({ kind: CLASS_TOKEN_KINDS[buf.kinds[i]], text: text.slice(start, end), start, end });
  }
  return out;
}

/**
 * Finds URLs, e-mail addresses, phone numbers, money amounts and other numbers (≥ 5 digits) in one
 * left-to-right pass over whitespace-separated chunks. Linear time: each chunk is inspected
 * a bounded number of times, and a phone scan that spans chunks either succeeds (and the
 * scan resumes after it) or gives up within a few characters.
 *
 * @returns the number of matches written into `out` (in text order).
 */
export function detectClassTokens(text: string, out: ClassTokenBuffer): number {
  out.count = 0;
  const n = text.length;
  const flags = CHAR_FLAGS;
  let i = 0;
  while (i < n) {
    if ((flags[text.charCodeAt(i)] & SPACE) !== 0) {
      i++;
      continue;
    }
    // one table load per character: where the chunk ends, and whether it has a digit, '.',
    // '@', ':' or a currency sign (what every class needs); plain words are skipped
    let e = i;
    let seen = 0;
    for (; e < n; e++) {
      const f = flags[text.charCodeAt(e)];
      if ((f & SPACE) !== 0) break;
      seen |= f;
    }
    i = seen === 0 ? e : classifyChunk(text, i, e, out);
  }
  return out.count;
}

/**
 * `detectClassTokens` for a text whose only whitespace is ' ', already split into its m chunks
 * [starts[j], ends[j]), with `flagged[j]` = `mayHoldClassTokens` of chunk j: the same matches,
 * without scanning the chunks that cannot hold one (most words) a second time. A match may
 * end inside a chunk (a phone number); scanning resumes there, as `detectClassTokens` does.
 */
export function detectClassTokensInChunks(
  text: string,
  starts: Int32Array,
  ends: Int32Array,
  flagged: Uint8Array,
  m: number,
  out: ClassTokenBuffer,
): number {
  out.count = 0;
  let resume = 0;
  for (let j = 0; j < m; j++) {
    const e = ends[j];
    if (e <= resume) continue; // inside the last match
    let s = starts[j];
    if (s < resume) {
      s = resume;
      if (!mayHoldClassTokens(text, s, e)) continue;
    } else if (flagged[j] === 0) {
      continue;
    }
    for (;;) {
      resume = classifyChunk(text, s, e, out);
      if (resume >= e) break;
      // a match ended inside the chunk ('08717890890£1.50'): the rest is a chunk of its own to the scan
      s = resume;
      if (!mayHoldClassTokens(text, s, e)) break;
    }
  }
  return out.count;
}

const SPACE = 1;
const INTERESTING = 2;
/** Per UTF-16 unit: SPACE for isSpace, INTERESTING for digits, ':', '.', '@', '£', '$', '€'. */
const CHAR_FLAGS = (() => {
  const t = new Uint8Array(0x10000);
  for (let c = 0; c < 0x10000; c++) if (isSpace(c)) t[c] = SPACE;
  for (const c of [46, 58, 64, 0xa3, 36, 0x20ac]) t[c] = INTERESTING;
  for (let c = 48; c <= 57; c++) t[c] = INTERESTING;
  return t;
})();

/**
 * Whether text[start, end) has a character some class token needs (a digit, '.', ':', '@' or
 * a currency sign). A text with none anywhere has no class token: `detectClassTokens`
 * finds nothing in it.
 */
export function mayHoldClassTokens(text: string, start: number, end: number): boolean {
  const flags = CHAR_FLAGS;
  for (let i = start; i < end; i++) if ((flags[text.charCodeAt(i)] & INTERESTING) !== 0) return true;
  return false;
}

/** Classifies chunk text[i..e); returns where scanning resumes. */
function classifyChunk(text: string, i: number, e: number, out: ClassTokenBuffer): number {
  let s = i;
  while (s < e && isOpenPunct(text.charCodeAt(s))) s++;
  let t = e;
  while (t > s && isClosePunct(text.charCodeAt(t - 1))) t--;
  if (s >= t) return e;
  if (isEmail(text, s, t)) return emit(out, KIND_EMAIL, s, t, e);
  if (isUrl(text, s, t)) return emit(out, KIND_URL, s, t, e);
  const c0 = text.charCodeAt(s);
  if ((c0 === 0xa3 || c0 === 36 || c0 === 0x20ac) && s + 1 < t && isDigit(text.charCodeAt(s + 1))) {
    return emit(out, KIND_MONEY, s, numberEnd(text, s + 1, t), e);
  }
  if (isDigit(c0)) {
    const r = numberEnd(text, s, t);
    const suffix = moneySuffixEnd(text, r, t);
    if (suffix > 0) return emit(out, KIND_MONEY, s, suffix, e);
    if (r === t) {
      // "150 pence": the unit is the next chunk
      const next = nextChunk(text, e);
      if (next >= 0) {
        const nextEnd = chunkEnd(text, next);
        let nt = nextEnd;
        while (nt > next && isClosePunct(text.charCodeAt(nt - 1))) nt--;
        if (moneySuffixEnd(text, next, nt) === nt && nt > next) return emit(out, KIND_MONEY, s, nt, nextEnd);
      }
    }
  }
  const p0 = text.charCodeAt(i);
  if (isDigit(p0) || p0 === 43 /* + */ || p0 === 40 /* ( */) {
    const phoneEnd = scanPhone(text, i);
    if (phoneEnd > 0) return emit(out, KIND_PHONE, i, phoneEnd, phoneEnd);
  }
  // other numbers: digit runs not glued to letters
  let k = s;
  while (k < t) {
    if (!isDigit(text.charCodeAt(k))) {
      k++;
      continue;
    }
    const r = numberEnd(text, k, t);
    const glued = (k > s && isLetter(text.charCodeAt(k - 1))) || (r < t && isLetter(text.charCodeAt(r)));
    if (!glued && countDigits(text, k, r) >= MIN_NUMBER_DIGITS) emit(out, KIND_NUMBER, k, r, 0);
    k = r;
  }
  return e;
}

function emit(out: ClassTokenBuffer, kind: number, start: number, end: number, resume: number): number {
  if (out.count === out.kinds.length) {
    const cap = out.kinds.length * 2;
    const kinds = new Uint8Array(cap);
    kinds.set(out.kinds);
    const starts = new Int32Array(cap);
    starts.set(out.starts);
    const ends = new Int32Array(cap);
    ends.set(out.ends);
    out.kinds = kinds;
    out.starts = starts;
    out.ends = ends;
  }
  out.kinds[out.count] = kind;
  out.starts[out.count] = start;
  out.ends[out.count] = end;
  out.count++;
  return resume;
}

/**
 * Short numbers ("645", "2", "12:30") are everyday text; as a class token they were often a
 * short message's only word feature, which the word part's L2 norm blew up to weight 1
 * (benign "645" scored 0.97). Five digits and up are short codes and phone-like numbers.
 */
const MIN_NUMBER_DIGITS = 5;

function countDigits(text: string, k: number, r: number): number {
  let d = 0;
  for (; k < r; k++) if (isDigit(text.charCodeAt(k))) d++;
  return d;
}

/** End of a number starting at a digit: digits with single internal '.' or ','. */
function numberEnd(text: string, k: number, t: number): number {
  while (k < t) {
    const c = text.charCodeAt(k);
    if (isDigit(c)) k++;
    else if ((c === 46 || c === 44) && k + 1 < t && isDigit(text.charCodeAt(k + 1))) k += 2;
    else break;
  }
  return k;
}

/** After a number at r: 'p', 'pence', 'usd' or 'gbp' not followed by a letter; returns its end or -1. */
function moneySuffixEnd(text: string, r: number, t: number): number {
  for (const unit of MONEY_UNITS) {
    const end = r + unit.length;
    if (end > t) continue;
    let ok = true;
    for (let k = 0; k < unit.length && ok; k++) ok = (text.charCodeAt(r + k) | 32) === unit.charCodeAt(k);
    if (ok && (end === t || !isLetter(text.charCodeAt(end)))) return end;
  }
  return -1;
}
const MONEY_UNITS = ['pence', 'usd', 'gbp', 'p'];

/** A phone number from i: optional '+', then ≥ 7 digits separated by spaces, dashes or parens. Returns its end or -1. */
function scanPhone(text: string, i: number): number {
  const n = text.length;
  let j = text.charCodeAt(i) === 43 ? i + 1 : i;
  let digits = 0;
  let end = -1;
  let separators = 0;
  while (j < n) {
    const c = text.charCodeAt(j);
    if (isDigit(c)) {
      digits++;
      separators = 0;
      end = j + 1;
    } else if (c === 32 || c === 45 || c === 40 || c === 41) {
      if (++separators > 2) break;
    } else {
      break;
    }
    j++;
  }
  return digits >= 7 ? end : -1;
}

function isEmail(text: string, s: number, t: number): boolean {
  let at = s;
  while (at < t && text.charCodeAt(at) !== 64) at++; // bounded to the chunk: indexOf could run to the text's end
  if (at === s || at >= t - 3) return false;
  for (let k = s; k < at; k++) {
    const c = text.charCodeAt(k);
    if (!isAsciiAlnum(c) && c !== 46 && c !== 95 && c !== 37 && c !== 43 && c !== 45) return false;
  }
  return domainTldStart(text, at + 1, t) > 0;
}

function isUrl(text: string, s: number, t: number): boolean {
  if (startsWithCi(text, s, t, 'https://') || startsWithCi(text, s, t, 'http://')) return t - s > 8;
  if (startsWithCi(text, s, t, 'www.')) return t - s > 5;
  let hostEnd = s;
  while (hostEnd < t) {
    const c = text.charCodeAt(hostEnd);
    if (c === 47 || c === 63 || c === 35 || c === 58) break; // / ? # :
    hostEnd++;
  }
  const tld = domainTldStart(text, s, hostEnd);
  return tld > 0 && isCommonTld(text, tld, hostEnd);
}

/** If text[a..b) is label(.label)+ with an alphabetic last label of ≥ 2 letters, the start of that label; else -1. */
function domainTldStart(text: string, a: number, b: number): number {
  let labelStart = a;
  let dots = 0;
  for (let k = a; k < b; k++) {
    const c = text.charCodeAt(k);
    if (c === 46) {
      if (k === labelStart) return -1;
      dots++;
      labelStart = k + 1;
    } else if (!isAsciiAlnum(c) && c !== 45) {
      return -1;
    }
  }
  if (dots === 0 || b - labelStart < 2) return -1;
  for (let k = labelStart; k < b; k++) if (!isLetter(text.charCodeAt(k))) return -1;
  return labelStart;
}

function startsWithCi(text: string, s: number, t: number, prefix: string): boolean {
  if (t - s < prefix.length) return false;
  for (let k = 0; k < prefix.length; k++) {
    let c = text.charCodeAt(s + k);
    if (c >= 65 && c <= 90) c |= 32;
    if (c !== prefix.charCodeAt(k)) return false;
  }
  return true;
}

function nextChunk(text: string, e: number): number {
  let k = e;
  while (k < text.length && isSpace(text.charCodeAt(k))) k++;
  return k < text.length ? k : -1;
}

function chunkEnd(text: string, k: number): number {
  while (k < text.length && !isSpace(text.charCodeAt(k))) k++;
  return k;
}

function isSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0x3000 || c === 0x2028 || c === 0x2029;
}
function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}
function isAsciiAlnum(c: number): boolean {
  return (c >= 48 && c <= 57) || ((c | 32) >= 97 && (c | 32) <= 122);
}
/** ASCII letters, plus anything from Latin-1 letters up (a cheap stand-in for "part of a word"). */
function isLetter(c: number): boolean {
  return ((c | 32) >= 97 && (c | 32) <= 122) || c >= 0xc0;
}
/** Opening wrappers stripped from a chunk's start; '(' is kept for phones. */
function isOpenPunct(c: number): boolean {
  return c === 40 || c === 91 || c === 123 || c === 34 || c === 39 || c === 60 || c === 96 || c === 42;
}
function isClosePunct(c: number): boolean {
  return c === 46 || c === 44 || c === 33 || c === 63 || c === 59 || c === 58 || c === 41 || c === 93 ||
    c === 125 || c === 34 || c === 39 || c === 62 || c === 42 || c === 96;
}
