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
import { readLineBatches } from './line-reader.js';
import { isBlank, readRecords, UCI_COLUMNS, uciRecord } from './record-source.js';
import { countSkip, type SkipReport } from './skip-report.js';

/** A row to score: its text and id, without the other columns. */
export interface TextToScore {
  text: string;
  /** Value of the id column (id, ID, message_id, msg_id, or `idCol`), when the file has one. */
  id?: string;
  /** 1-based line the row starts on. */
  line: number;
}

export interface TextRow extends TextToScore {
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
  for await (const batch of textBatches(path, opts, report, true)) yield* batch as TextRow[];
}

/**
 * The same rows as `readTexts`, without the passthrough columns, a batch (one read chunk) at a
 * time: a bulk scorer then pays the async hand-over once per batch, not once per row. A bad
 * row is reported exactly where `readTexts` reports it: the rows before it arrive first, as a
 * batch, and the error is thrown on the next pull.
 *
 * @example
 * for await (const batch of readTextBatches('inbox.csv')) for (const row of batch) score(row.text);
 */
export function readTextBatches(path: string, opts: ReadOptions = {}, report?: SkipReport): AsyncGenerator<TextToScore[]> {
  return textBatches(path, opts, report, false);
}

async function* textBatches(path: string, opts: ReadOptions, report: SkipReport | undefined, passthrough: boolean): AsyncGenerator<TextToScore[]> {
  const format = await detectFormat(path, opts.format ?? 'auto');
  const skip = opts.skipInvalid === true;
  if (format === 'uci' && !passthrough && findColumn(UCI_COLUMNS, opts.textCol, TEXT_COLUMNS) === 1 && findColumn(UCI_COLUMNS, opts.idCol, ID_COLUMNS) === -1) {
    yield* uciTextBatches(path, skip, report);
    return;
  }
  let cols: readonly string[] | null = null;
  let textAt = -1;
  let idAt = -1;

  for await (const batch of readRecords(path, format)) {
    const rows: TextToScore[] = [];
    try {
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
        let row: TextToScore;
        if (passthrough) {
          const others: Record<string, string> = {};
          for (let c = 0; c < cols.length; c++) if (c !== textAt) others[cols[c]] = rec.values[c];
          row = { text, line: rec.line, passthrough: others } as TextRow;
        } else {
          row = { text, line: rec.line };
        }
        if (idAt !== -1) row.id = rec.values[idAt];
        rows.push(row);
      }
    } catch (err) {
      if (rows.length > 0) yield rows;
      throw err;
    }
    if (rows.length > 0) yield rows;
  }
}

/**
 * `textBatches` for the common UCI file (label<TAB>text, text column found, no id column),
 * straight from the lines: the same rows and the same errors and skips, in the same order,
 * without a record (an object, a values array and the label string) per line on the way.
 */
async function* uciTextBatches(path: string, skip: boolean, report: SkipReport | undefined): AsyncGenerator<TextToScore[]> {
  for await (const batch of readLineBatches(path)) {
    const rows: TextToScore[] = [];
    try {
      for (const l of batch) {
        const tab = l.text.indexOf('\t');
        if (tab === -1 || l.invalidUtf8) {
          // what uciRecords makes of the line, judged by checkRecord as any record is
          if (isBlank(l.text)) continue;
          const rec = uciRecord(l);
          if (!checkRecord(path, rec, skip, report)) continue;
        }
        const text = l.text.slice(tab + 1);
        if (isBlank(text)) {
          if (tab !== -1 && isBlank(l.text)) continue; // a blank line is no record at all
          if (skip) {
            countSkip(report, 'empty-text');
            continue;
          }
          throw wardenError('EMPTY_TEXT', `${path}:${l.line}: the text is empty`);
        }
        rows.push({ text, line: l.line });
      }
    } catch (err) {
      if (rows.length > 0) yield rows;
      throw err;
    }
    if (rows.length > 0) yield rows;
  }
}
