/**
 * Streams the texts of a file to be scored. Labels are not needed (a label column, if any, is
 * passed through like every other column), so a user can score their own export and get their
 * columns back beside the scores.
 */
import { wardenError } from '../errors.js';
import { checkRecord } from './check-record.js';
import { describeMissing, findColumn, ID_COLUMNS, TEXT_COLUMNS } from './columns.js';
import { detectFormat } from './format.js';
import type { ReadOptions } from './read-options.js';
import { readRecords } from './record-source.js';
import { countSkip, type SkipReport } from './skip-report.js';

export interface TextRow {
  text: string;
  /** Value of the id column (id, ID, message_id, msg_id, or `idCol`), when the file has one. */
  id?: string;
  /** 1-based line the row starts on. */
  line: number;
  /** Every column other than the text column, by its name in the file (the id column included). */
  passthrough: Record<string, string>;
}

/**
 * Streams rows to score. Errors name the file and line; with `skipInvalid`, empty-text and bad
 * rows are skipped and counted into `report`.
 *
 * @example
 * for await (const row of readTexts('inbox.csv', { idCol: 'uid' })) console.log(row.id, row.text);
 */
export async function* readTexts(path: string, opts: ReadOptions = {}, report?: SkipReport): AsyncGenerator<TextRow> {
  const format = await detectFormat(path, opts.format ?? 'auto');
  const skip = opts.skipInvalid === true;
  let cols: readonly string[] | null = null;
  let textAt = -1;
  let idAt = -1;

  for await (const batch of readRecords(path, format)) {
    for (const rec of batch) {
      if (rec.columns !== cols) {
        cols = rec.columns;
        textAt = findColumn(cols, opts.textCol, TEXT_COLUMNS);
        idAt = findColumn(cols, opts.idCol, ID_COLUMNS);
        if (idAt === textAt) idAt = -1;
      }
      if (!checkRecord(path, rec, skip, report)) continue;
      if (textAt === -1) {
        if (skip && format === 'jsonl') {
          countSkip(report, 'missing-column');
          continue;
        }
        throw wardenError('MISSING_COLUMN', `${path}:${format === 'jsonl' ? rec.line : 1}: ${describeMissing('text', opts.textCol, TEXT_COLUMNS, cols)}`);
      }
      const text = rec.values[textAt];
      if (text.trim().length === 0) {
        if (skip) {
          countSkip(report, 'empty-text');
          continue;
        }
        throw wardenError('EMPTY_TEXT', `${path}:${rec.line}: the text is empty`);
      }
      const passthrough: Record<string, string> = {};
      for (let c = 0; c < cols.length; c++) if (c !== textAt) passthrough[cols[c]] = rec.values[c];
      const row: TextRow = { text, line: rec.line, passthrough };
      if (idAt !== -1) row.id = rec.values[idAt];
      yield row;
    }
  }
}
