import { confusablesTable } from './confusables-table.js';
import { isAscii, type NormalizeResult, type Normalizer } from './normalizer.js';
import { unitsToString } from './refang.js';

/** Maps look-alike letters to their Latin skeleton: 'раураl' (Cyrillic) → 'paypal'. */
export class ConfusablesNormalizer implements Normalizer {
  readonly spec = { type: 'confusables' } as const;
  private readonly table = confusablesTable();

  normalize(text: string): NormalizeResult {
    if (isAscii(text)) return { text, invisibleCount: 0, confusableCount: 0, refangCount: 0 };
    let units: Uint16Array | undefined;
    let count = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c < 0x80) continue;
      const mapped = this.table.get(c);
      if (mapped === undefined) continue;
      if (!units) {
        units = new Uint16Array(text.length);
        for (let k = 0; k < text.length; k++) units[k] = text.charCodeAt(k);
      }
      units[i] = mapped;
      count++;
    }
    if (!units) return { text, invisibleCount: 0, confusableCount: 0, refangCount: 0 };
    return { text: unitsToString(units, units.length), invisibleCount: 0, confusableCount: count, refangCount: 0 };
  }
}
