/** One money amount occurrence. `value` is in units of `currency` (pence are converted to pounds). */
export interface FoundAmount {
  raw: string;
  value: number;
  currency: string | null;
  start: number;
  end: number;
}

const SYMBOLS: Readonly<Record<string, string>> = { '£': 'GBP', $: 'USD', '€': 'EUR', '¥': 'JPY', '₹': 'INR', '₦': 'NGN' };
const WORDS: Readonly<Record<string, string>> = {
  pound: 'GBP', pounds: 'GBP', quid: 'GBP', gbp: 'GBP', dollar: 'USD', dollars: 'USD', bucks: 'USD', usd: 'USD',
  euro: 'EUR', euros: 'EUR', eur: 'EUR', aud: 'AUD', cad: 'CAD', inr: 'INR', rupees: 'INR', btc: 'BTC', bitcoin: 'BTC',
  eth: 'ETH', usdt: 'USDT',
};

// Digit groups: "1,000,000" or "1000"; each repetition needs a comma, so no ambiguous backtracking.
const NUM = String.raw`(\d{1,3}(?:,\d{3})+|\d{1,12})(?:\.(\d{1,2}))?`;
const SCALE = String.raw`(k|m|bn|million|thousand)?`;
const SYMBOL_FIRST = new RegExp(String.raw`([£$€¥₹₦])\s?${NUM}${SCALE}(?![\w£$€])`, 'gi');
const CODE_FIRST = new RegExp(String.raw`\b(gbp|usd|eur|aud|cad|inr)\s?${NUM}${SCALE}(?![\w£$€])`, 'gi');
const WORD_AFTER = new RegExp(String.raw`(?<![\w£$€.,])${NUM}${SCALE}\s?(pounds?|quid|dollars?|bucks|euros?|gbp|usd|eur|aud|cad|inr|rupees|btc|bitcoin|eth|usdt)\b`, 'gi');
const PENCE = /(?<![\w£$€.,])(\d{1,4}) ?(?:p|pence)(?![a-oq-z0-9])/gi;

function scaleOf(s: string | undefined): number {
  if (s === undefined) return 1;
  const l = s.toLowerCase();
  if (l === 'k' || l === 'thousand') return 1e3;
  if (l === 'bn') return 1e9;
  return 1e6;
}

function toValue(whole: string, frac: string | undefined, scale: string | undefined): number {
  const v = Number(whole.replace(/,/g, '') + (frac === undefined ? '' : '.' + frac));
  return v * scaleOf(scale);
}

function overlaps(out: FoundAmount[], start: number, end: number): boolean {
  for (const a of out) if (start < a.end && end > a.start) return true;
  return false;
}

/**
 * Finds money amounts: "£1000", "$5", "€2.50", "GBP 100", "100 pounds", "£2k", "150p" (→ 1.50 GBP).
 * Earlier patterns win where matches overlap, so "£5" is never also read as a bare number.
 */
export function scanAmounts(text: string): FoundAmount[] {
  const out: FoundAmount[] = [];
  // Every pattern holds a digit and starts at most 4 characters before it ("GBP 5", "£ 5"), so no
  // match starts before firstDigit - 4: the searches begin there, not at the start of the text.
  let firstDigit = 0;
  while (firstDigit < text.length && !(text.charCodeAt(firstDigit) >= 48 && text.charCodeAt(firstDigit) <= 57)) firstDigit++;
  if (firstDigit === text.length) return out;
  const from = Math.max(0, firstDigit - 4);
  let m: RegExpExecArray | null;
  SYMBOL_FIRST.lastIndex = from;
  while ((m = SYMBOL_FIRST.exec(text)) !== null) {
    out.push({ raw: m[0], value: toValue(m[2], m[3], m[4]), currency: SYMBOLS[m[1]] ?? null, start: m.index, end: m.index + m[0].length });
  }
  CODE_FIRST.lastIndex = from;
  while ((m = CODE_FIRST.exec(text)) !== null) {
    if (overlaps(out, m.index, m.index + m[0].length)) continue;
    out.push({ raw: m[0], value: toValue(m[2], m[3], m[4]), currency: WORDS[m[1].toLowerCase()] ?? null, start: m.index, end: m.index + m[0].length });
  }
  WORD_AFTER.lastIndex = from;
  while ((m = WORD_AFTER.exec(text)) !== null) {
    if (overlaps(out, m.index, m.index + m[0].length)) continue;
    out.push({ raw: m[0], value: toValue(m[1], m[2], m[3]), currency: WORDS[m[4].toLowerCase()] ?? null, start: m.index, end: m.index + m[0].length });
  }
  PENCE.lastIndex = from;
  while ((m = PENCE.exec(text)) !== null) {
    if (overlaps(out, m.index, m.index + m[0].length)) continue;
    out.push({ raw: m[0], value: Number(m[1]) / 100, currency: 'GBP', start: m.index, end: m.index + m[0].length });
  }
  out.sort((a, b) => a.start - b.start);
  return out;
}
