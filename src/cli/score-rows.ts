import type { CsvBuffer, CsvValue } from '../data/csv-writer.js';
import { scoreRowFields, SCORE_COLUMNS } from '../detector/score-row.js';
import type { Detector } from '../detector/detector.js';

/** The CSV header of `warden score`: text, the id column when the input has one, the scored columns. */
export function scoreHeader(idName: string | null): string[] {
  return idName ? ['text', idName, ...SCORE_COLUMNS] : ['text', ...SCORE_COLUMNS];
}

/** Counts of one run of scored rows. */
export interface ScoredCounts {
  rows: number;
  threats: number;
  errors: number;
}

/**
 * Scores texts[i] (with ids[i] when `withIds`) into csv, one line each; the same bytes
 * whichever thread runs it.
 */
export function writeScoredRows(detector: Detector, texts: readonly string[], ids: readonly (string | undefined)[] | null, csv: CsvBuffer): ScoredCounts {
  const cells = new Array<CsvValue>(ids ? 2 + SCORE_COLUMNS.length : 1 + SCORE_COLUMNS.length);
  let threats = 0;
  let errors = 0;
  for (let r = 0; r < texts.length; r++) {
    const fields = scoreRowFields(detector, texts[r]);
    if (fields[4] !== '') errors++;
    else if (fields[1] === true) threats++;
    let c = 0;
    cells[c++] = texts[r];
    if (ids) cells[c++] = ids[r] ?? '';
    for (let f = 0; f < fields.length; f++) cells[c++] = fields[f];
    csv.line(cells);
  }
  return { rows: texts.length, threats, errors };
}
