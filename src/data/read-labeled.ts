/**
 * Streams labelled rows from a data file, validating as it goes. Every error names the file and
 * line. Unknown labels are collected over the whole file and reported together, so a user fixes
 * a label mapping once rather than once per label.
 */
import { wardenError } from '../errors.js';
import { describeMissing, findColumn, LABEL_COLUMNS, TEXT_COLUMNS } from './columns.js';
import { detectFormat } from './format.js';
import { KNOWN_RAW_LABELS, mapLabel, type Label } from './label.js';
import type { ReadOptions } from './read-options.js';
import { checkRecord } from './check-record.js';
import { readRecords } from './record-source.js';
import { countSkip, type SkipReport } from './skip-report.js';

export interface LabeledRow {
  text: string;
  label: Label;
  /** The label as written in the file (trimmed). */
  rawLabel: string;
  /** The file the row came from, as given to the reader. */
  source: string;
  /** 1-based line the row starts on. */
  line: number;
}

/** Beyond this many distinct unknown labels the wrong column is almost surely chosen; stop listing. */
const MAX_LISTED_UNKNOWN = 100;

/**
 * Streams labelled rows. Errors name the file and line: `${file}:${line}: ...`.
 * With `skipInvalid`, bad rows are skipped and counted into `report` by reason.
 *
 * @example
 * for await (const row of readLabeled('data/sms-spam-collection/SMSSpamCollection.tsv')) console.log(row.label);
 */
export async function* readLabeled(path: string, opts: ReadOptions = {}, report?: SkipReport): AsyncGenerator<LabeledRow> {
  const format = await detectFormat(path, opts.format ?? 'auto');
  const skip = opts.skipInvalid === true;
  const unknown = new Map<string, { count: number; firstLine: number }>();
  let otherUnknown = 0;
  let cols: readonly string[] | null = null;
  let textAt = -1;
  let labelAt = -1;

  for await (const batch of readRecords(path, format)) {
    for (const rec of batch) {
      if (rec.columns !== cols) {
        cols = rec.columns;
        textAt = findColumn(cols, opts.textCol, TEXT_COLUMNS);
        labelAt = findColumn(cols, opts.labelCol, LABEL_COLUMNS);
      }
      if (!checkRecord(path, rec, skip, report)) continue;
      if (textAt === -1 || labelAt === -1) {
        const message = textAt === -1 ? describeMissing('text', opts.textCol, TEXT_COLUMNS, cols) : describeMissing('label', opts.labelCol, LABEL_COLUMNS, cols);
        // A CSV/TSV header is structural: skipping every row would hide it. A JSONL line is one row.
        if (skip && format === 'jsonl') {
          countSkip(report, 'missing-column');
          continue;
        }
        throw wardenError('MISSING_COLUMN', `${path}:${format === 'jsonl' ? rec.line : 1}: ${message}`);
      }
      const text = rec.values[textAt];
      const rawLabel = rec.values[labelAt].trim();
      const label = mapLabel(rawLabel);
      if (label === null) {
        if (skip) {
          countSkip(report, 'unknown-label');
          continue;
        }
        const seen = unknown.get(rawLabel);
        if (seen) seen.count++;
        else if (unknown.size < MAX_LISTED_UNKNOWN) unknown.set(rawLabel, { count: 1, firstLine: rec.line });
        else otherUnknown++;
        continue;
      }
      if (text.trim().length === 0) {
        if (skip) {
          countSkip(report, 'empty-text');
          continue;
        }
        throw wardenError('EMPTY_TEXT', `${path}:${rec.line}: the text is empty`);
      }
      // Once any label is unknown the file will fail; keep scanning only to list every bad label.
      if (unknown.size === 0) yield { text, label, rawLabel, source: path, line: rec.line };
    }
  }
  if (unknown.size > 0) throw unknownLabelsError(path, unknown, otherUnknown);
}

function unknownLabelsError(path: string, unknown: Map<string, { count: number; firstLine: number }>, otherUnknown: number): Error {
  const entries = [...unknown.entries()];
  const first = Math.min(...entries.map(([, v]) => v.firstLine));
  const listed = entries.map(([raw, v]) => `'${raw}' (${v.count} row${v.count === 1 ? '' : 's'}, first at line ${v.firstLine})`).join(', ');
  const more = otherUnknown > 0 ? `, and ${otherUnknown} more rows with further distinct labels` : '';
  const total = entries.reduce((s, [, v]) => s + v.count, 0) + otherUnknown;
  return wardenError(
    'UNKNOWN_LABEL',
    `${path}:${first}: ${total} row${total === 1 ? ' has an' : 's have'} unknown label${total === 1 ? '' : 's'}: ${listed}${more}. Known labels: ${KNOWN_RAW_LABELS.join(', ')}`,
    { details: { unknownLabels: Object.fromEntries(entries.map(([raw, v]) => [raw, v.count])) } },
  );
}
