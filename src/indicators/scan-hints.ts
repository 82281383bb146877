/**
 * Cheap facts about a message, found in one linear pass, that rule whole scanners out: most SMS
 * have no link, no digit and no long token, so most scans can be skipped without running their
 * regexes or parsers. Each hint is a necessary condition only — `false` (or too few digits) means
 * the scanner would find nothing; `true` means "run it".
 */
export interface ScanHints {
  /** ASCII digits in the text: phone numbers need 7; amounts, charges and short codes need 1. */
  readonly digits: number;
  /**
   * Some character pair a link or e-mail token needs: '@', ':/', '.' before a letter, ']', '}' or
   * ')', 'hxx', or '[' / '(' before a 'd' — the same tests as scanLinks' per-token pre-check, on
   * the whole text.
   */
  readonly linkHint: boolean;
  /**
   * Some ASCII word run (\w+) is shaped like a wallet address: 26+ characters (Base58Check,
   * Ethereum), or 11+ starting with bc1 / tb1 / ltc1 (bech32). Wallet patterns span a whole run.
   */
  readonly walletHint: boolean;
}

function isWordChar(c: number): boolean {
  const l = c | 32;
  return (l >= 97 && l <= 122) || (c >= 48 && c <= 57) || c === 95;
}

/**
 * True when the character `c` at `i` starts a pair scanLinks' token pre-check accepts: '@', '.'
 * before a letter / ']' / '}' / ')', ':/', 'hxx' (c is the middle x), '[d' / '(d'. Only those six
 * characters can answer true, so callers test it on them alone.
 */
export function linkHintAt(text: string, i: number, c: number): boolean {
  const n = text.length;
  if (c === 64 /* @ */) return true;
  if (c === 46 /* . */) {
    if (i + 1 >= n) return false;
    const d = text.charCodeAt(i + 1) | 32;
    return (d >= 97 && d <= 122) || d === 125 /* ] or } */ || d === 41 /* ) */;
  }
  if (c === 58 /* : */) return i + 1 < n && text.charCodeAt(i + 1) === 47 /* / */;
  if (c === 91 || c === 40 /* [ ( */) return i + 3 < n && (text.charCodeAt(i + 1) | 32) === 100;
  if ((c | 32) === 120 /* x */) return i >= 1 && (text.charCodeAt(i - 1) | 32) === 104 && i + 1 < n && (text.charCodeAt(i + 1) | 32) === 120;
  return false;
}

/**
 * True when the whole \w run text[s, e) could be a wallet address: 26+ characters (Base58Check,
 * Ethereum), or 11+ starting bc1 / tb1 / ltc1 (bech32). The wallet patterns are bounded by \b on
 * both sides and hold only \w characters, so each match is a whole run.
 */
export function walletShapedRun(text: string, s: number, e: number): boolean {
  if (e - s >= 26) return true;
  if (e - s < 11) return false;
  const a = text.charCodeAt(s) | 32, b = text.charCodeAt(s + 1) | 32, c = text.charCodeAt(s + 2);
  if ((a === 98 && b === 99) || (a === 116 && b === 98)) return c === 49; // bc1, tb1
  return a === 108 && b === 116 && (c | 32) === 99 && text.charCodeAt(s + 3) === 49; // ltc1
}

/** Computes the hints in one pass over `text`. */
export function scanHints(text: string): ScanHints {
  const n = text.length;
  let digits = 0;
  let linkHint = false;
  let walletHint = false;
  let runStart = -1;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (isWordChar(c)) {
      if (runStart < 0) runStart = i;
      if (c >= 48 && c <= 57) digits++;
      else if (!linkHint && (c | 32) === 120) linkHint = linkHintAt(text, i, c);
      continue;
    }
    if (runStart >= 0) {
      if (!walletHint) walletHint = walletShapedRun(text, runStart, i);
      runStart = -1;
    }
    if (!linkHint && (c === 64 || c === 46 || c === 58 || c === 91 || c === 40)) linkHint = linkHintAt(text, i, c);
  }
  if (runStart >= 0 && !walletHint) walletHint = walletShapedRun(text, runStart, n);
  return { digits, linkHint, walletHint };
}
