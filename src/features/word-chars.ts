/**
 * Python's `re` `\w` for str patterns: Unicode letters (L*), numbers (N*) and '_'. The word
 * analyser must split exactly where scikit-learn's `(?u)\b\w\w+\b` does, so this is the
 * definition, not JavaScript's ASCII-only `\w`. Combining marks are not word characters,
 * as in Python.
 */
const WORD_CHAR = /^[\p{L}\p{N}_]$/u;

let bmp: Uint8Array | undefined;

/** 1 for BMP word characters, built once (~65k regex tests, a few milliseconds). */
export function wordCharTable(): Uint8Array {
  if (bmp) return bmp;
  const t = new Uint8Array(0x10000);
  for (let c = 0; c < 0x10000; c++) {
    if (c >= 0xd800 && c <= 0xdfff) continue;
    if (WORD_CHAR.test(String.fromCharCode(c))) t[c] = 1;
  }
  bmp = t;
  return t;
}

/** Astral code points are rare in messages; they take the allocating regex path. */
export function isAstralWordChar(cp: number): boolean {
  return WORD_CHAR.test(String.fromCodePoint(cp));
}

/**
 * Width in UTF-16 units of the word character at i (1 or 2), or 0 when text[i] does not
 * start one. Lone surrogates are not word characters.
 */
export function wordCharWidth(text: string, i: number, table: Uint8Array): number {
  const c = text.charCodeAt(i);
  if (c < 0xd800 || c > 0xdfff) return table[c];
  if (c <= 0xdbff && i + 1 < text.length) {
    const lo = text.charCodeAt(i + 1);
    if (lo >= 0xdc00 && lo <= 0xdfff) return isAstralWordChar(((c - 0xd800) << 10) + (lo - 0xdc00) + 0x10000) ? 2 : 0;
  }
  return 0;
}
