import { getCountryCallingCode, isSupportedCountry, parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';
import { wardenError } from '../errors.js';
import { isPremiumRateE164 } from './premium-rate.js';

/** One phone number occurrence. */
export interface FoundPhone {
  raw: string;
  e164: string | null;
  region: string | null;
  premiumRate: boolean;
  start: number;
  end: number;
}

/** Fewest digits of a phone number: texts with fewer are not scanned. */
export const MIN_PHONE_DIGITS = 7;
const MAX_DIGITS = 15;

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** Separators allowed inside a written number: space, '-', '.', '(', ')'. */
function isSep(c: number): boolean {
  return c === 32 || c === 45 || c === 46 || c === 40 || c === 41;
}

/** Cheap gate: libphonenumber is only worth calling when the text holds at least 7 digits. */
export function countDigits(text: string): number {
  let d = 0;
  for (let i = 0; i < text.length; i++) if (isDigit(text.charCodeAt(i))) d++;
  return d;
}

/** The last region found valid: every message names one, nearly always the same. */
let lastValidRegion: string | null = null;

/** Validates a region code for phone parsing, throwing INVALID_INPUT for unknown ones. */
export function checkRegion(region: string): CountryCode {
  if (region === lastValidRegion) return region as CountryCode;
  if (!isSupportedCountry(region)) throw wardenError('INVALID_INPUT', `Unknown phone region "${region}"; use an ISO 3166 alpha-2 code such as "GB".`);
  lastValidRegion = region;
  return region;
}

/**
 * libphonenumber compiles its patterns on every parse (~15 µs), and spam campaigns repeat the same
 * numbers, so results are memoised per (region, candidate). Bounded: cleared when full.
 */
const MEMO_LIMIT = 4096;
const memo = new Map<string, FoundPhone | null>();

function parseCandidateMemo(raw: string, digits: number, region: CountryCode): FoundPhone | null {
  const key = region + raw;
  let hit = memo.get(key);
  if (hit === undefined) {
    hit = parseCandidate(raw, digits, region);
    if (memo.size >= MEMO_LIMIT) memo.clear();
    memo.set(key, hit);
  }
  return hit === null ? null : { ...hit };
}

function parseCandidate(raw: string, digits: number, region: CountryCode): FoundPhone | null {
  let pn = parsePhoneNumberFromString(raw, region);
  let assumed: string = region;
  if ((pn === undefined || !pn.isValid()) && digits === 11 && raw.charCodeAt(0) === 49 /* 1 */) {
    pn = parsePhoneNumberFromString(raw, 'US'); // "1-900-555-0100": North American trunk prefix
    assumed = 'US';
  }
  if (pn === undefined || !pn.isValid()) return null;
  const e164 = pn.number;
  // +44 is shared by GB, GG, JE, IM and the small metadata often answers GG for UK mobiles; when the
  // calling code is the assumed region's own, that region is the honest answer.
  const region_ = getCountryCallingCode(assumed as CountryCode) === pn.countryCallingCode ? assumed : (pn.country ?? null);
  return { raw, e164, region: region_, premiumRate: isPremiumRateE164(e164), start: 0, end: 0 };
}

/**
 * Finds phone numbers: a linear scan collects digit runs (with spaces, dashes, dots, brackets and
 * a leading '+') holding 7–15 digits, and libphonenumber validates only those candidates.
 * Runs glued to letters ("08452810075over18") still count; runs after a currency sign do not.
 */
export function scanPhones(text: string, region: CountryCode): FoundPhone[] {
  const out: FoundPhone[] = [];
  if (countDigits(text) < MIN_PHONE_DIGITS) return out;
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    const startsHere = isDigit(c) || (c === 43 /* + */ && i + 1 < n && isDigit(text.charCodeAt(i + 1)));
    if (!startsHere) { i++; continue; }
    const prev = i > 0 ? text.charCodeAt(i - 1) : 32;
    const start = i;
    let digits = 0;
    let lastDigitEnd = i;
    let j = c === 43 ? i + 1 : i;
    while (j < n) {
      const d = text.charCodeAt(j);
      if (isDigit(d)) { digits++; j++; lastDigitEnd = j; continue; }
      // at most two separators in a row, and only if a digit (or a bracketed digit) follows
      if (isSep(d)) {
        let k = j + 1;
        if (k < n && isSep(text.charCodeAt(k))) k++;
        if (k < n && isDigit(text.charCodeAt(k))) { j = k; continue; }
      }
      break;
    }
    // skip the whole run so a long digit string is scanned once (linear time)
    i = Math.max(lastDigitEnd, i + 1);
    const blocked = prev === 163 /* £ */ || prev === 36 /* $ */ || prev === 8364 /* € */ || prev === 46 || prev === 44 || prev === 47 || isDigit(prev)
      || ((prev | 32) >= 97 && (prev | 32) <= 122); // inside a hex string or an ID, not a number
    if (blocked || digits < MIN_PHONE_DIGITS || digits > MAX_DIGITS) continue;
    const raw = text.slice(start, lastDigitEnd);
    const found = parseCandidateMemo(raw, digits, region);
    if (found === null) continue;
    found.start = start;
    found.end = lastDigitEnd;
    out.push(found);
  }
  return out;
}
