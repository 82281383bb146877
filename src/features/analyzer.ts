import { CharAnalyzer } from './char-analyzer.js';
import { CharWbAnalyzer } from './char-wb-analyzer.js';
import type { GramBuffer } from './gram-buffer.js';
import type { VectorizerAnalyzer } from './vectorizer.js';
import { WordAnalyzer } from './word-analyzer.js';

/** Turns one normalised text into hashed n-gram occurrences. One instance per fitted part (it owns scratch). */
export interface Analyzer {
  /** Fills `grams` with every n-gram occurrence of text (plus class tokens if enabled); returns the count. */
  analyze(text: string, grams: GramBuffer): number;
  /** The string of gram i from the latest `analyze(text, …)` call; only the fit path needs it. */
  gramString(text: string, grams: GramBuffer, i: number): string;
}

/** Builds the analyser a vectoriser part's spec asks for. */
export function createAnalyzer(kind: VectorizerAnalyzer, ngramRange: readonly [number, number], classTokens: boolean): Analyzer {
  const [minN, maxN] = ngramRange;
  switch (kind) {
    case 'word':
      return new WordAnalyzer(minN, maxN, classTokens);
    case 'char':
      return new CharAnalyzer(minN, maxN, classTokens);
    case 'char_wb':
      return new CharWbAnalyzer(minN, maxN, classTokens);
  }
}
