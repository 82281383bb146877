/**
 * Look-alike characters that phishers swap into Latin words ("pаypal" with a Cyrillic а).
 * Each maps one UTF-16 unit to one lowercase ASCII letter, so folding keeps every offset.
 */
const PAIRS: ReadonlyArray<readonly [number, string]> = [
  // Cyrillic lowercase
  [0x0430, 'a'], [0x0435, 'e'], [0x043e, 'o'], [0x0440, 'p'], [0x0441, 'c'], [0x0443, 'y'], [0x0445, 'x'],
  [0x0456, 'i'], [0x0458, 'j'], [0x0455, 's'], [0x0501, 'd'], [0x04bb, 'h'], [0x04cf, 'l'], [0x051b, 'q'],
  [0x051d, 'w'], [0x0432, 'b'], [0x043a, 'k'], [0x043c, 'm'], [0x043d, 'h'], [0x0442, 't'], [0x0433, 'r'],
  // Cyrillic uppercase
  [0x0410, 'a'], [0x0412, 'b'], [0x0415, 'e'], [0x041a, 'k'], [0x041c, 'm'], [0x041d, 'h'], [0x041e, 'o'],
  [0x0420, 'p'], [0x0421, 'c'], [0x0422, 't'], [0x0425, 'x'], [0x0423, 'y'], [0x0405, 's'], [0x0406, 'i'], [0x0408, 'j'],
  // Greek
  [0x03b1, 'a'], [0x03bf, 'o'], [0x03bd, 'v'], [0x03c1, 'p'], [0x03b9, 'i'], [0x03ba, 'k'], [0x03c4, 't'],
  [0x03c5, 'u'], [0x03c7, 'x'], [0x03b5, 'e'], [0x0391, 'a'], [0x0392, 'b'], [0x0395, 'e'], [0x0396, 'z'],
  [0x0397, 'h'], [0x0399, 'i'], [0x039a, 'k'], [0x039c, 'm'], [0x039d, 'n'], [0x039f, 'o'], [0x03a1, 'p'],
  [0x03a4, 't'], [0x03a5, 'y'], [0x03a7, 'x'],
  // Latin look-alikes
  [0x0131, 'i'], [0x0261, 'g'], [0x01c0, 'l'], [0x0269, 'i'],
];

const TABLE = new Map<number, number>(PAIRS.map(([c, l]) => [c, l.charCodeAt(0)]));

/** The Latin letter a code unit imitates, as a char code, or -1. Fullwidth Latin counts too. */
export function confusableOf(c: number): number {
  if (c >= 0xff21 && c <= 0xff3a) return c - 0xff21 + 97;
  if (c >= 0xff41 && c <= 0xff5a) return c - 0xff41 + 97;
  return TABLE.get(c) ?? -1;
}

/** True for Greek or Cyrillic letters, the scripts mixed into Latin words to dodge filters. */
export function isGreekOrCyrillic(c: number): boolean {
  return (c >= 0x0370 && c <= 0x03ff) || (c >= 0x0400 && c <= 0x052f);
}

/** Up to this many non-ASCII code units, folding lower-cases the ASCII runs between them as slices. */
const FEW_NON_ASCII = 32;

/**
 * Lower-cases ASCII and folds confusables to Latin, keeping the length (and so every offset)
 * identical to the input. Other characters pass through unchanged.
 *
 * Most non-ASCII messages hold a character or two ('£', a curly quote): their ASCII runs are
 * lower-cased as slices and joined around the few other units. Texts with many non-ASCII units
 * are written code unit by code unit into one buffer instead (no long chain of joins).
 */
export function foldConfusables(text: string): string {
  const n = text.length;
  let first = -1;
  let nonAscii = 0;
  for (let i = 0; i < n; i++) {
    if (text.charCodeAt(i) > 127) {
      if (first < 0) first = i;
      if (++nonAscii > FEW_NON_ASCII) break;
    }
  }
  if (first < 0) return text.toLowerCase();
  if (nonAscii <= FEW_NON_ASCII) {
    let out = text.slice(0, first).toLowerCase();
    let runStart = first;
    for (let i = first; i < n; i++) {
      const c = text.charCodeAt(i);
      if (c <= 127) continue;
      if (runStart < i) out += text.slice(runStart, i).toLowerCase();
      const f = confusableOf(c);
      out += f >= 0 ? String.fromCharCode(f) : text[i];
      runStart = i + 1;
    }
    if (runStart < n) out += text.slice(runStart).toLowerCase();
    return out;
  }
  return foldByCodeUnit(text);
}

/** The buffer path of foldConfusables, for texts with many non-ASCII code units. */
function foldByCodeUnit(text: string): string {
  const codes = new Uint16Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 65 && c <= 90) codes[i] = c + 32;
    else if (c < 128) codes[i] = c;
    else {
      const f = confusableOf(c);
      codes[i] = f >= 0 ? f : c;
    }
  }
  let out = '';
  for (let i = 0; i < codes.length; i += 8192) out += String.fromCharCode(...codes.subarray(i, i + 8192));
  return out;
}
