/**
 * The rows of an uploaded file, for scoring. Unlike `readTexts`, a row that cannot be scored
 * (empty text, a malformed line) does not end the file: it comes out with an `error`, so the
 * caller can report it in place. A missing text column is found before the first row is read,
 * so a route can answer 400 before streaming anything.
 */
import { DelimitedParser, type DataFormat } from '../../data/index.js';
import { describeMissing, findColumn, ID_COLUMNS, TEXT_COLUMNS } from '../../data/columns.js';
import { peekFirstLine } from '../../data/format.js';
import { readRecords, UCI_COLUMNS, type SourceRecord } from '../../data/record-source.js';
import { isWardenError, wardenError } from '../../errors.js';

export interface UploadRow {
  text: string;
  /** The id column's value, when the file has an id column. */
  id?: string;
  /** Why the row could not be read (its text is then ''). */
  error?: string;
}

export interface UploadRows {
  /** The id column's name as the file spells it, or null. */
  idName: string | null;
  rows: AsyncGenerator<UploadRow>;
}

export interface ColumnChoice {
  textCol?: string;
  idCol?: string;
}

/**
 * Opens `path` (already checked to be UTF-8). Throws MISSING_COLUMN when the header (or the
 * first JSONL object) has no text column, BAD_DATA when the file has no header at all.
 */
export async function openUploadRows(path: string, filename: string, format: DataFormat, cols: ColumnChoice): Promise<UploadRows> {
  const records = readRecords(path, format);
  let first: SourceRecord[] = [];
  let columns: readonly string[];
  if (format === 'csv' || format === 'tsv') {
    columns = await headerOf(path, filename, format);
  } else {
    const next = await records.next().catch((err: unknown) => rethrowNamed(err, path, filename));
    first = next.done ? [] : next.value;
    columns = format === 'uci' ? UCI_COLUMNS : (first.find((r) => !r.problem)?.columns ?? []);
  }
  if ((format !== 'jsonl' || first.length > 0) && findColumn(columns, cols.textCol, TEXT_COLUMNS) === -1) {
    throw wardenError('MISSING_COLUMN', `${filename}: ${describeMissing('text', cols.textCol, TEXT_COLUMNS, columns)}`);
  }
  const idAt = findColumn(columns, cols.idCol, ID_COLUMNS);
  const idName = idAt === -1 || idAt === findColumn(columns, cols.textCol, TEXT_COLUMNS) ? null : columns[idAt];
  return { idName, rows: rowsOf(records, first, path, filename, cols, idName) };
}

async function headerOf(path: string, filename: string, format: 'csv' | 'tsv'): Promise<string[]> {
  const line = await peekFirstLine(path);
  if (line.trim().length === 0) throw wardenError('BAD_DATA', `${filename}:1: the file is empty (a ${format.toUpperCase()} file needs a header line)`);
  const fields = new DelimitedParser(format === 'csv' ? ',' : '\t', format === 'csv').pushLine(line);
  if (fields === null) throw wardenError('BAD_DATA', `${filename}:1: unterminated quoted field in the header line`);
  return fields.map((f) => f.trim());
}

function rethrowNamed(err: unknown, path: string, filename: string): never {
  if (isWardenError(err)) throw wardenError(err.code, err.message.split(path).join(filename), { cause: err });
  throw err;
}

async function* rowsOf(
  records: AsyncGenerator<SourceRecord[]>,
  first: SourceRecord[],
  path: string,
  filename: string,
  cols: ColumnChoice,
  idName: string | null,
): AsyncGenerator<UploadRow> {
  let columns: readonly string[] | null = null;
  let textAt = -1;
  let idAt = -1;
  let batch: SourceRecord[] | null = first;
  try {
    while (batch !== null) {
      for (const rec of batch) {
        if (rec.problem) {
          yield { text: '', error: `line ${rec.line}: ${rec.problem.message}` };
          continue;
        }
        if (rec.invalidUtf8Line !== 0) {
          yield { text: '', error: `line ${rec.invalidUtf8Line}: not valid UTF-8` };
          continue;
        }
        if (rec.columns !== columns) {
          columns = rec.columns;
          textAt = findColumn(columns, cols.textCol, TEXT_COLUMNS);
          idAt = idName === null ? -1 : columns.indexOf(idName);
        }
        if (textAt === -1) {
          yield { text: '', error: `line ${rec.line}: no text field` };
          continue;
        }
        const row: UploadRow = { text: rec.values[textAt] };
        if (idName !== null) row.id = idAt === -1 ? '' : rec.values[idAt];
        yield row;
      }
      const next = await records.next();
      batch = next.done ? null : next.value;
    }
  } catch (err) {
    // A file-level failure mid-way (e.g. a line over the length limit): report it as a last
    // error row rather than cutting a response that has already started.
    const message = isWardenError(err) ? err.message.split(path).join(filename) : 'the rest of the file cannot be read';
    yield { text: '', error: message };
  } finally {
    await records.return(undefined);
  }
}
