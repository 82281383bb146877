import type { NormalizeResult, Normalizer, NormalizerSpec } from './normalizer.js';
import { H1_SEED, H2_SEED, stepH1, stepH2 } from './unit-hash.js';

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
function simpleCharTable(full: Normalizer): Uint16Array {
  // the default sequence is the same for every model: build once per process (~15 ms)
  if (simpleTable !== undefined) return simpleTable;
  const t = new Uint16Array(0x10000);
  for (const [from, to] of SIMPLE_RANGES) {
    for (let c = from; c <= to; c++) {
      const ch = String.fromCharCode(c);
      if (ch.normalize('NFKC') !== ch || COMBINING.test(ch)) continue;
      const alone = full.normalize(ch);
      const between = full.normalize(`a${ch}b`);
      if (alone.text === ch.toLowerCase() && between.text === `a${ch}b`.toLowerCase() && alone.invisibleCount + alone.confusableCount + alone.refangCount === 0) {
        // its lower case when that is one unit (the chunked scan hashes it), else NOT_ONE_UNIT;
        // no simple character is whitespace to Python either (U+0085 is stripped as invisible)
        const lower = ch.toLowerCase();
        t[c] = lower.length === 1 ? lower.charCodeAt(0) : NOT_ONE_UNIT;
      }
    }
  }
  simpleTable = t;
  return t;
}
let simpleTable: Uint16Array | undefined;
/** In the simple table: simple, but no single lower-case unit for the chunked scan (never a real lower case: a noncharacter). */
const NOT_ONE_UNIT = 0xffff;

/**
 * Where `AsciiFastSequence.normalizeChunked` writes the normalised text's whitespace chunks:
 * [starts[j], ends[j]) and the hash pair of each, `count` of them. Capacity for
 * (text.length + 1) >> 1 chunks (the most a text can have) is the caller's to provide.
 */
export interface TextChunks {
  starts: Int32Array;
  ends: Int32Array;
  h1: Int32Array;
  h2: Int32Array;
  count: number;
  onlySpaces: boolean;
}

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
  /** Per UTF-16 unit: 0 unless simple; else its lower case (or NOT_ONE_UNIT). */
  private readonly simple: Uint16Array;

  constructor(private readonly full: Normalizer) {
    this.spec = full.spec;
    this.simple = simpleCharTable(full);
  }

  normalize(text: string): NormalizeResult {
    const flags = this.scan(text, null);
    if (flags < 0) return this.full.normalize(text);
    return { text: this.finish(text, flags), invisibleCount: 0, confusableCount: 0, refangCount: 0 };
  }

  /**
   * `normalize(text).text`, and, from the same scan, the whitespace chunks of that normalised
   * text with their hash pairs (as a split of it on whitespace would hash them) in `out`, for
   * the scorer, which then needs no pass of its own. Null when the text needs the full
   * sequence, or has a simple character without a one-unit lower case: the caller normalises
   * and splits as usual.
   */
  normalizeChunked(text: string, out: TextChunks): string | null {
    const flags = this.scan(text, out);
    return flags < 0 ? null : this.finish(text, flags);
  }

  /** The normalised text from the scan's flags. */
  private finish(text: string, flags: number): string {
    const out = (flags & UPPER) !== 0 ? text.toLowerCase() : text;
    // the only whitespace left is ASCII: every run becomes one space, ends are dropped
    return (flags & COLLAPSE) !== 0 ? out.replace(ASCII_SPACE_RUN, ' ').trim() : out;
  }

  /**
   * One pass over text: -1 when it needs the full sequence, else UPPER and COLLAPSE flags.
   * With `chunks`, also its chunks in the normalised text (positions after collapsing, hashes
   * of the lower-cased units); -1 as well when a simple character has no one-unit lower case.
   */
  private scan(text: string, chunks: TextChunks | null): number {
    const n = text.length;
    const simple = this.simple;
    let upper = false;
    let collapse = false;
    let prevSpace = true; // a leading space needs collapsing too
    let prev = 0;
    // the chunk scan: o is the next unit's place in the normalised text
    let o = 0;
    let m = 0;
    let h1 = H1_SEED;
    let h2 = H2_SEED;
    for (let i = 0; i < n; i++) {
      const c = text.charCodeAt(i);
      let lower = c;
      if (c === 32 /* ' ' */ || (c >= 9 && c <= 13)) {
        if (prevSpace) {
          collapse = true;
        } else {
          if (chunks !== null) {
            chunks.ends[m] = o;
            chunks.h1[m] = h1;
            chunks.h2[m] = h2;
            m++;
          }
          o++; // one space, unless it trails
        }
        if (c !== 32) collapse = true; // \t \n \v \f \r become one space
        prevSpace = true;
        prev = c;
        continue;
      } else if (c >= 97 /* 'a' */ && c <= 122 /* 'z' */) {
        if (c === 120 /* 'x' */ && (prev | 32) === 104 /* 'h' */) return -1;
      } else if (c >= 65 /* 'A' */ && c <= 90 /* 'Z' */) {
        if (c === 88 /* 'X' */ && (prev | 32) === 104) return -1;
        upper = true;
        lower = c + 32;
      } else if (c >= 0x80) {
        lower = simple[c];
        if (lower === 0 || (lower === NOT_ONE_UNIT && chunks !== null)) return -1;
        upper = true; // let toLowerCase decide
      } else if (c < 32 || c === 0x7f) {
        return -1;
      } else if (c === 91 /* '[' */ || c === 40 /* '(' */ || c === 123 /* '{' */) {
        // every de-fanging pattern is an opening bracket then '.', ':', '@', 'dot' or 'at'
        if (i + 1 < n && DEFANG_SECOND[text.charCodeAt(i + 1) & 0x7f] === 1) return -1;
      }
      if (chunks !== null) {
        if (prevSpace) {
          chunks.starts[m] = o;
          h1 = H1_SEED;
          h2 = H2_SEED;
        }
        h1 = stepH1(h1, lower);
        h2 = stepH2(h2, lower);
      }
      o++;
      prevSpace = false;
      prev = c;
    }
    if (n > 0 && prevSpace) collapse = true; // trailing whitespace
    if (chunks !== null) {
      if (!prevSpace) {
        chunks.ends[m] = o;
        chunks.h1[m] = h1;
        chunks.h2[m] = h2;
        m++;
      }
      chunks.count = m;
      chunks.onlySpaces = true;
    }
    return (upper ? UPPER : 0) | (collapse ? COLLAPSE : 0);
  }
}

const UPPER = 1;
const COLLAPSE = 2;

const ASCII_SPACE_RUN = /[\t-\r ]+/g;
/** Second characters of the bracketed de-fanging patterns (`[.]`, `(dot)`, `[://]`, `[at]`, …), by ASCII code. */
const DEFANG_SECOND = Uint8Array.from({ length: 128 }, (_, c) => ('.:@dDaA'.includes(String.fromCharCode(c)) ? 1 : 0));
