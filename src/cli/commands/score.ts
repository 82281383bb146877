import { createWriteStream } from 'node:fs';
import { resolve } from 'node:path';
import { once } from 'node:events';
import { CsvBuffer, type CsvValue } from '../../data/csv-writer.js';
import { readTextBatches } from '../../data/read-texts.js';
import { scoreRowInto, SCORE_COLUMNS } from '../../detector/score-row.js';
import { parse, UsageError, type Command } from '../command.js';
import { dataDir, openModel, registryAt } from '../context.js';
import { readOptionsFrom } from './read-flags.js';

/** Output is written in chunks of about this many bytes (one write per ~10,000 rows, not one per row). */
const FLUSH_BYTES = 1 << 20;

export const scoreCommand: Command = {
  name: 'score',
  summary: 'score a TSV/CSV/JSONL file into CSV (streaming)',
  usage: `
Usage: warden score --in FILE --out FILE [--model DIR|VERSION]

Streams the input and writes CSV with the columns: text, any id column, risk_score,
is_threat, label, model_version, error. Rows that cannot be scored (empty or over-long text)
get an error and no score; they never abort the file. Cells are safe to open in a spreadsheet.

Options:
  --in FILE            input: UCI/TSV, CSV with a header, or JSONL (label column optional)
  --out FILE           output CSV ('-' for standard output)
  --model DIR|VERSION  a model directory, registry version or alias (default: production)
  --format F           uci | csv | tsv | jsonl (default: detected)
  --text-col NAME      the text column
  --id-col NAME        an id column to pass through (default: id, ID, message_id, …)
  --data-dir DIR       where the registry lives
`,
  async run(argv, io) {
    const { values } = parse(argv, {
      model: { type: 'string' },
      in: { type: 'string' },
      out: { type: 'string' },
      format: { type: 'string' },
      'text-col': { type: 'string' },
      'id-col': { type: 'string' },
      'data-dir': { type: 'string' },
    }, false);
    if (!values.in) throw new UsageError('--in FILE is required');
    if (!values.out) throw new UsageError('--out FILE is required');
    const detector = await openModel(values.model, registryAt(dataDir(io, values['data-dir'])));
    const out = values.out === '-' ? io.stdout : createWriteStream(resolve(values.out));
    const started = performance.now();
    let rows = 0;
    let threats = 0;
    let errors = 0;
    let idName: string | null = null;
    let cells: CsvValue[] = [];
    const csv = new CsvBuffer(FLUSH_BYTES + (64 << 10));
    const tty = io.stderr.isTTY === true && values.out !== '-';
    const flush = async (): Promise<void> => {
      if (csv.byteLength === 0) return;
      if (!out.write(csv.take())) await once(out, 'drain');
    };
    for await (const batch of readTextBatches(resolve(values.in), { ...readOptionsFrom(values), idCol: values['id-col'] })) {
      for (const row of batch) {
        if (rows === 0) {
          idName = row.id !== undefined ? (values['id-col'] ?? 'id') : null;
          const header = idName ? ['text', idName, ...SCORE_COLUMNS] : ['text', ...SCORE_COLUMNS];
          csv.line(header);
          cells = new Array<CsvValue>(header.length);
        }
        // One cells array for the whole file: CsvBuffer.line consumes it at once.
        let c = 0;
        cells[c++] = row.text;
        if (idName) cells[c++] = row.id ?? '';
        scoreRowInto(detector, row.text, cells, c);
        if (cells[c + 4] !== '') errors++;
        else if (cells[c + 1] === true) threats++;
        csv.line(cells);
        rows++;
      }
      if (csv.byteLength >= FLUSH_BYTES) {
        await flush();
        if (tty) io.stderr.write(`\r\x1b[2Kscored ${rows} rows`);
      }
    }
    if (rows === 0) csv.line(['text', ...SCORE_COLUMNS]);
    await flush();
    if (out !== io.stdout) {
      (out as NodeJS.WritableStream).end();
      await once(out, 'finish');
    }
    const seconds = (performance.now() - started) / 1000;
    if (tty) io.stderr.write('\r\x1b[2K');
    io.stderr.write(
      `scored ${rows} rows in ${seconds.toFixed(2)}s (${Math.round(rows / Math.max(seconds, 1e-9))}/s): ` +
        `${threats} threats, ${rows - threats - errors} benign, ${errors} errors; model ${detector.version}\n`,
    );
    return 0;
  },
};
