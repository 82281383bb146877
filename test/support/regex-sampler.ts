/**
 * Random strings that a regular expression matches, by a random walk over its source: every
 * alternative of every group gets generated sooner or later. Used by the pre-check tests to reach
 * each phrase of a rule regex. Covers the syntax the rule regexes use — groups (capturing, (?:),
 * lookarounds), alternation, character classes with ranges and negation, \b \d \w \s and escaped
 * literals, and the quantifiers ? * + {m} {m,} {m,n} (lazy or not). A \b after a word character
 * is written as a space.
 */

type Node =
  | { kind: 'alt'; options: Node[][] }
  | { kind: 'lit'; ch: string }
  | { kind: 'class'; ranges: [number, number][]; negated: boolean }
  | { kind: 'empty' }
  | { kind: 'boundary' }
  | { kind: 'repeat'; node: Node; min: number; max: number };

const DIGIT: [number, number][] = [[48, 57]];
const WORD: [number, number][] = [[97, 122], [65, 90], [48, 57], [95, 95]];
/** Characters a negated class may produce: letters, digits and a space. */
const NEGATED_POOL = ' abcdefghijklmnopqrstuvwxyz0123456789';
/** How far past its minimum an open-ended or wide quantifier repeats. */
const EXTRA_REPEATS = 3;

class Parser {
  private i = 0;

  constructor(private readonly src: string) {}

  parse(): Node {
    const node = this.alt();
    if (this.i < this.src.length) throw new Error(`unexpected ')' at ${this.i} in ${this.src}`);
    return node;
  }

  private alt(): Node {
    const options: Node[][] = [this.seq()];
    while (this.src[this.i] === '|') {
      this.i++;
      options.push(this.seq());
    }
    return { kind: 'alt', options };
  }

  private seq(): Node[] {
    const out: Node[] = [];
    while (this.i < this.src.length && this.src[this.i] !== '|' && this.src[this.i] !== ')') out.push(this.quantified(this.atom()));
    return out;
  }

  private atom(): Node {
    const c = this.src[this.i++];
    if (c === '(') {
      let lookaround: 'ahead' | 'negative' | null = null;
      if (this.src.startsWith('?:', this.i)) this.i += 2;
      else if (this.src.startsWith('?=', this.i)) { this.i += 2; lookaround = 'ahead'; }
      else if (this.src.startsWith('?!', this.i) || this.src.startsWith('?<!', this.i) || this.src.startsWith('?<=', this.i)) {
        this.i += this.src[this.i + 1] === '<' ? 3 : 2;
        lookaround = 'negative';
      }
      const inner = this.alt();
      if (this.src[this.i++] !== ')') throw new Error(`unclosed group in ${this.src}`);
      // a lookahead's text follows the match, so generating it keeps the match; other lookarounds are left out
      return lookaround === 'negative' ? { kind: 'empty' } : inner;
    }
    if (c === '[') return this.charClass();
    if (c === '\\') return this.escape();
    if (c === '^' || c === '$') return { kind: 'empty' };
    if (c === '.') return { kind: 'lit', ch: 'a' };
    return { kind: 'lit', ch: c };
  }

  private escape(): Node {
    const e = this.src[this.i++];
    if (e === 'b') return { kind: 'boundary' };
    if (e === 'B') return { kind: 'empty' };
    if (e === 'd') return { kind: 'class', ranges: DIGIT, negated: false };
    if (e === 'w') return { kind: 'class', ranges: WORD, negated: false };
    if (e === 's') return { kind: 'lit', ch: ' ' };
    if (e === 'n') return { kind: 'lit', ch: '\n' };
    return { kind: 'lit', ch: e };
  }

  private classChar(): number {
    const c = this.src[this.i++];
    if (c !== '\\') return c.charCodeAt(0);
    const e = this.src[this.i++];
    return e === 'n' ? 10 : e === 's' ? 32 : e.charCodeAt(0);
  }

  private charClass(): Node {
    const negated = this.src[this.i] === '^';
    if (negated) this.i++;
    const ranges: [number, number][] = [];
    while (this.src[this.i] !== ']') {
      if (this.src[this.i] === '\\' && (this.src[this.i + 1] === 'd' || this.src[this.i + 1] === 'w')) {
        ranges.push(...(this.src[this.i + 1] === 'd' ? DIGIT : WORD));
        this.i += 2;
        continue;
      }
      const lo = this.classChar();
      if (this.src[this.i] === '-' && this.src[this.i + 1] !== ']') {
        this.i++;
        ranges.push([lo, this.classChar()]);
      } else ranges.push([lo, lo]);
    }
    this.i++;
    return { kind: 'class', ranges, negated };
  }

  private quantified(node: Node): Node {
    const c = this.src[this.i];
    let min: number, max: number;
    if (c === '?') { min = 0; max = 1; this.i++; }
    else if (c === '*') { min = 0; max = EXTRA_REPEATS; this.i++; }
    else if (c === '+') { min = 1; max = 1 + EXTRA_REPEATS; this.i++; }
    else if (c === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(this.src.slice(this.i));
      if (m === null) return node;
      min = Number(m[1]);
      max = m[2] === undefined ? min : m[3] === '' ? min + EXTRA_REPEATS : Math.min(Number(m[3]), min + EXTRA_REPEATS);
      this.i += m[0].length;
    } else return node;
    if (this.src[this.i] === '?') this.i++; // lazy: same strings
    return { kind: 'repeat', node, min, max };
  }
}

function generate(node: Node, rng: () => number, out: string[]): void {
  switch (node.kind) {
    case 'alt': {
      const seq = node.options[Math.floor(rng() * node.options.length)];
      for (const n of seq) generate(n, rng, out);
      return;
    }
    case 'lit': out.push(node.ch); return;
    case 'empty': return;
    case 'boundary': {
      // \b after a word character: a space makes the boundary (a word character next could not match)
      const last = out.length === 0 ? '' : out[out.length - 1].slice(-1);
      if (/\w/.test(last)) out.push(' ');
      return;
    }
    case 'repeat': {
      const times = node.min + Math.floor(rng() * (node.max - node.min + 1));
      for (let k = 0; k < times; k++) generate(node.node, rng, out);
      return;
    }
    case 'class': {
      if (node.negated) {
        // mostly a space: gaps like [^.!?\n]{0,40} then keep the words around them apart, as \b wants
        if (rng() < 0.6 && !node.ranges.some(([lo, hi]) => lo <= 32 && 32 <= hi)) { out.push(' '); return; }
        const ok = [...NEGATED_POOL].filter((ch) => !node.ranges.some(([lo, hi]) => ch.charCodeAt(0) >= lo && ch.charCodeAt(0) <= hi));
        out.push(ok[Math.floor(rng() * ok.length)]);
        return;
      }
      const [lo, hi] = node.ranges[Math.floor(rng() * node.ranges.length)];
      out.push(String.fromCharCode(lo + Math.floor(rng() * (hi - lo + 1))));
    }
  }
}

/** A generator of random strings matched by `re` (of the syntax above), driven by `rng`. */
export function regexSampler(re: RegExp, rng: () => number): () => string {
  const tree = new Parser(re.source).parse();
  return () => {
    const out: string[] = [];
    generate(tree, rng, out);
    return out.join('');
  };
}
