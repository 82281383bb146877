import { plainResult, type NormalizeResult, type Normalizer } from './normalizer.js';

/** JavaScript's `\s` set, by code unit: what `String.prototype.trim` also removes. */
export function isWhitespaceCode(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13);
  if (c < 0xa0) return false;
  return (
    c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 ||
    c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff
  );
}

/** Every whitespace run becomes one ASCII space; leading and trailing whitespace is dropped. */
export class CollapseWhitespaceNormalizer implements Normalizer {
  readonly spec = { type: 'collapse-whitespace' } as const;

  normalize(text: string): NormalizeResult {
    if (!needsCollapse(text)) return plainResult(text);
    let out = '';
    let pendingSpace = false;
    let runStart = -1;
    for (let i = 0; i < text.length; i++) {
      if (isWhitespaceCode(text.charCodeAt(i))) {
        if (runStart >= 0) {
          out += (pendingSpace ? ' ' : '') + text.slice(runStart, i);
          runStart = -1;
        }
        pendingSpace = out.length > 0;
      } else if (runStart < 0) {
        runStart = i;
      }
    }
    if (runStart >= 0) out += (pendingSpace ? ' ' : '') + text.slice(runStart);
    return plainResult(out);
  }
}

/** The common case (single ASCII spaces, no edges) returns the input untouched. */
function needsCollapse(text: string): boolean {
  const n = text.length;
  if (n === 0) return false;
  if (isWhitespaceCode(text.charCodeAt(0)) || isWhitespaceCode(text.charCodeAt(n - 1))) return true;
  let prevSpace = false;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 32) {
      if (prevSpace) return true;
      prevSpace = true;
    } else if (isWhitespaceCode(c)) {
      return true;
    } else {
      prevSpace = false;
    }
  }
  return false;
}
