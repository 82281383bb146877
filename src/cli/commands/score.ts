import { createWriteStream, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { once } from 'node:events';
import { CsvBuffer } from '../../data/csv-writer.js';
import { readTextBatches } from '../../data/read-texts.js';
import type { Detector } from '../../detector/detector.js';
import { parse, UsageError, type Command } from '../command.js';
import { dataDir, registryAt } from '../context.js';
import { loadModelAt, locateModel } from '../model-location.js';
import { ScorePool } from '../score-pool.js';
import { scoreHeader, writeScoredRows, type ScoredCounts } from '../score-rows.js';
import { readOptionsFrom } from './read-flags.js';

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
  --threads N          scoring threads, this one included (default: one per core; inputs
                       under 1 MiB are scored on this thread alone)
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
      threads: { type: 'string' },
    }, false);
    if (!values.in) throw new UsageError('--in FILE is required');
    if (!values.out) throw new UsageError('--out FILE is required');
    const threads = values.threads === undefined ? availableParallelism() : Number(values.threads);
    if (!Number.isInteger(threads) || threads < 1 || threads > 64) throw new UsageError(`--threads must be an integer from 1 to 64, not ${JSON.stringify(values.threads)}`);
    const inPath = resolve(values.in);
    const at = await locateModel(values.model, registryAt(dataDir(io, values['data-dir'])));
    const detector = await loadModelAt(at);
    const out = values.out === '-' ? io.stdout : createWriteStream(resolve(values.out));
    const started = performance.now();
    // Threads only pay off past a few thousand rows: each one loads its own copy of the model.
    const pool = threads > 1 && fileBytes(inPath) >= PARALLEL_MIN_BYTES ? ScorePool.start(threads - 1, at) : null;
    const totals = { rows: 0, threats: 0, errors: 0 };
    const tty = io.stderr.isTTY === true && values.out !== '-';
    let reported = 0;
    const write = async (chunk: Chunk): Promise<void> => {
      totals.rows += chunk.rows;
      totals.threats += chunk.threats;
      totals.errors += chunk.errors;
      if (chunk.bytes.byteLength > 0 && !out.write(chunk.bytes)) await once(out, 'drain');
      if (tty && totals.rows - reported >= 10_000) {
        reported = totals.rows;
        io.stderr.write(`\r\x1b[2Kscored ${totals.rows} rows`);
      }
    };
    try {
      // Batches in input order: scored here, or by a pool thread with room (a pending reply).
      const queue: Pending[] = [];
      let idName: string | null | undefined;
      for await (const batch of readTextBatches(inPath, { ...readOptionsFrom(values), idCol: values['id-col'] })) {
        if (batch.length === 0) continue;
        if (idName === undefined) {
          idName = batch[0].id !== undefined ? (values['id-col'] ?? 'id') : null;
          queue.push(ready(lines([scoreHeader(idName)])));
        }
        const texts = batch.map((r) => r.text);
        const ids = idName ? batch.map((r) => r.id) : null;
        const sent = pool?.trySubmit(texts, ids) ?? null;
        if (sent) queue.push(pending(sent));
        else queue.push(ready(scoreHere(detector, texts, ids)));
        while (queue.length > 0 && (queue[0].chunk !== null || queue.length > MAX_QUEUED)) await write(await queue.shift()!.promise);
      }
      if (idName === undefined) queue.push(ready(lines([scoreHeader(null)])));
      while (queue.length > 0) await write(await queue.shift()!.promise);
    } finally {
      await pool?.close();
    }
    if (out !== io.stdout) {
      (out as NodeJS.WritableStream).end();
      await once(out, 'finish');
    }
    const seconds = (performance.now() - started) / 1000;
    const { rows, threats, errors } = totals;
    if (tty) io.stderr.write('\r\x1b[2K');
    io.stderr.write(
      `scored ${rows} rows in ${seconds.toFixed(2)}s (${Math.round(rows / Math.max(seconds, 1e-9))}/s): ` +
        `${threats} threats, ${rows - threats - errors} benign, ${errors} errors; model ${detector.version}\n`,
    );
    return 0;
  },
};

/** Input size from which `warden score` starts scoring threads (about 10,000 SMS rows). */
const PARALLEL_MIN_BYTES = 1 << 20;
/** Scored batches held back behind one still being scored by a thread. */
const MAX_QUEUED = 16;

/** One batch's CSV bytes and counts. */
interface Chunk extends ScoredCounts {
  bytes: Uint8Array;
}

/** A batch's chunk: there already (`chunk`), or still being scored by a thread. */
interface Pending {
  chunk: Chunk | null;
  promise: Promise<Chunk>;
}

function ready(chunk: Chunk): Pending {
  return { chunk, promise: Promise.resolve(chunk) };
}

function pending(promise: Promise<Chunk>): Pending {
  const p: Pending = { chunk: null, promise };
  promise.then((c) => (p.chunk = c), () => {});
  return p;
}

function scoreHere(detector: Detector, texts: string[], ids: (string | undefined)[] | null): Chunk {
  const csv = new CsvBuffer(256 << 10);
  const counts = writeScoredRows(detector, texts, ids, csv);
  return { bytes: csv.take(), ...counts };
}

function lines(rows: string[][]): Chunk {
  const csv = new CsvBuffer(4096);
  for (const r of rows) csv.line(r);
  return { bytes: csv.take(), rows: 0, threats: 0, errors: 0 };
}

function fileBytes(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0; // the reader reports a missing file with its own error
  }
}
