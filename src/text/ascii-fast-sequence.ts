import type { NormalizeResult, Normalizer, NormalizerSpec } from './normalizer.js';

/** The default pipeline's step types, in order: the one sequence this fast path stands in for. */
const DEFAULT_STEP_TYPES = ['nfkc', 'strip-invisible', 'confusables', 'refang', 'lowercase', 'collapse-whitespace'];

/** Whether steps are exactly the default pipeline (so the fast path below is equivalent). */
export function isDefaultPipeline(steps: readonly NormalizerSpec[]): boolean {
  return steps.length === DEFAULT_STEP_TYPES.length && steps.every((s, k) => s !== null && typeof s === 'object' && s.type === DEFAULT_STEP_TYPES[k]);
}

/** Non-ASCII ranges whose characters may pass through the fast path (Latin-1 and Latin Extended, punctuation, currency). */
const SIMPLE_RANGES: ReadonlyArray<readonly [number, number]> = [[0x80, 0x24f], [0x2000, 0x206f], [0x20a0, 0x20cf]];
const COMBINING = /\p{M}/u;

/**
 * The non-ASCII characters every step of the full sequence leaves alone but lowercasing:
 * NFKC-stable, not combining (so nothing composes across them), not whitespace, invisible,
 * confusable or de-fanging, alone and between letters. Found by running the full sequence on
 * each candidate, so the table cannot drift from the steps.
 */
function simpleCharTable(full: Normalizer): Uint8Array {
  // the default sequence is the same for every model: build once per process (~15 ms)
  if (simpleTable !== undefined) return simpleTable;
  const t = new Uint8Array(0x10000);
  for (const [from, to] of SIMPLE_RANGES) {
    for (let c = from; c <= to; c++) {
      const ch = String.fromCharCode(c);
      if (ch.normalize('NFKC') !== ch || COMBINING.test(ch)) continue;
      const alone = full.normalize(ch);
      const between = full.normalize(`a${ch}b`);
      if (alone.text === ch.toLowerCase() && between.text === `a${ch}b`.toLowerCase() && alone.invisibleCount + alone.confusableCount + alone.refangCount === 0) t[c] = 1;
    }
  }
  simpleTable = t;
  return t;
}
let simpleTable: Uint8Array | undefined;

/**
 * The default pipeline with one fused pass for plain text, the common case on SMS: ASCII plus
 * the "simple" Latin-1 / punctuation characters (£, ü, ‘, …) that no step but lowercasing
 * changes.
 *
 * On such text without control characters (invisible), an opening bracket before '.', ':',
 * '@', 'd' or 'a', or an 'hx' pair (possible de-fanging), NFKC, strip-invisible, confusables and refang are all the identity, so the
 * result is lowercase + collapse-whitespace, and the scan already knows whether either is
 * needed: a clean text comes back as the same string. Anything else takes the full
 * sequence, so the output is the sequence's output for every input.
 */
export class AsciiFastSequence implements Normalizer {
  readonly spec: NormalizerSpec;
  private readonly simple: Uint8Array;

  constructor(private readonly full: Normalizer) {
    this.spec = full.spec;
    this.simple = simpleCharTable(full);
  }

  normalize(text: string): NormalizeResult {
    const n = text.length;
    let upper = false;
    let collapse = false;
    let prevSpace = true; // a leading space needs collapsing too
    let prev = 0;
    for (let i = 0; i < n; i++) {
      const c = text.charCodeAt(i);
      if (c === 32 /* ' ' */) {
        if (prevSpace) collapse = true;
        prevSpace = true;
      } else if (c >= 97 /* 'a' */ && c <= 122 /* 'z' */) {
        if (c === 120 /* 'x' */ && (prev | 32) === 104 /* 'h' */) return this.full.normalize(text);
        prevSpace = false;
      } else if (c >= 65 /* 'A' */ && c <= 90 /* 'Z' */) {
        if (c === 88 /* 'X' */ && (prev | 32) === 104) return this.full.normalize(text);
        upper = true;
        prevSpace = false;
      } else if (c >= 9 && c <= 13) {
        collapse = true; // \t \n \v \f \r become one space
        prevSpace = true;
      } else if (c >= 0x80) {
        if (this.simple[c] === 0) return this.full.normalize(text);
        upper = true; // let toLowerCase decide
        prevSpace = false;
      } else if (c < 32 || c === 0x7f) {
        return this.full.normalize(text);
      } else if (c === 91 /* '[' */ || c === 40 /* '(' */ || c === 123 /* '{' */) {
        // every de-fanging pattern is an opening bracket then '.', ':', '@', 'dot' or 'at'
        if (i + 1 < n && DEFANG_SECOND[text.charCodeAt(i + 1) & 0x7f] === 1) return this.full.normalize(text);
        prevSpace = false;
      } else {
        prevSpace = false;
      }
      prev = c;
    }
    if (n > 0 && prevSpace) collapse = true; // trailing whitespace
    let out = upper ? text.toLowerCase() : text;
    // the only whitespace left is ASCII: every run becomes one space, ends are dropped
    if (collapse) out = out.replace(ASCII_SPACE_RUN, ' ').trim();
    return { text: out, invisibleCount: 0, confusableCount: 0, refangCount: 0 };
  }
}

const ASCII_SPACE_RUN = /[\t-\r ]+/g;
/** Second characters of the bracketed de-fanging patterns (`[.]`, `(dot)`, `[://]`, `[at]`, …), by ASCII code. */
const DEFANG_SECOND = Uint8Array.from({ length: 128 }, (_, c) => ('.:@dDaA'.includes(String.fromCharCode(c)) ? 1 : 0));
