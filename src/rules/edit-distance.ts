/** Scratch rows reused across calls: the kernel runs for every (hostname label, brand) pair. */
let rowA = new Int32Array(64);
let rowB = new Int32Array(64);

/**
 * Levenshtein distance between two short ASCII strings, giving up early: returns `max + 1` as soon
 * as the distance must exceed `max`, so checking a hostname against every brand stays cheap.
 */
export function boundedEditDistance(a: string, b: string, max: number): number {
  const la = a.length, lb = b.length;
  if (Math.abs(la - lb) > max) return max + 1;
  if (rowA.length <= lb) { rowA = new Int32Array(lb + 1); rowB = new Int32Array(lb + 1); }
  let prev = rowA, cur = rowB;
  for (let j = 0; j <= lb; j++) prev[j] = j;
  for (let i = 1; i <= la; i++) {
    cur[0] = i;
    let rowMin = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= lb; j++) {
      const sub = prev[j - 1] + (ca === b.charCodeAt(j - 1) ? 0 : 1);
      const del = prev[j] + 1, ins = cur[j - 1] + 1;
      const v = sub < del ? (sub < ins ? sub : ins) : (del < ins ? del : ins);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    const t = prev; prev = cur; cur = t;
  }
  return prev[lb];
}

/** Scratch counts per ASCII code for bagDistance; always left all-zero. */
const bag = new Int32Array(128);

/**
 * Bag distance of two strings: the larger count of characters of one left unmatched by the
 * other, ignoring order. A lower bound of the edit distance (each edit changes it by at most one)
 * costing one pass over each string, so near-miss checks can skip most dynamic programs.
 * Characters are bucketed by their low 7 bits; a shared bucket can only add matches, so the
 * result stays a lower bound.
 */
export function bagDistance(a: string, b: string): number {
  for (let i = 0; i < b.length; i++) bag[b.charCodeAt(i) & 127]++;
  let matched = 0;
  for (let i = 0; i < a.length; i++) {
    const c = a.charCodeAt(i) & 127;
    if (bag[c] > 0) { bag[c]--; matched++; }
  }
  for (let i = 0; i < b.length; i++) bag[b.charCodeAt(i) & 127] = 0;
  return Math.max(a.length - matched, b.length - matched);
}
