import { Readable } from 'node:stream';
import { csvLine, type CsvValue } from '../../data/index.js';

const CHUNK_CHARS = 64 * 1024;

/**
 * A readable CSV body from rows produced lazily: lines are joined into ~64 KiB chunks (one
 * write per line would cost more than the scoring), and the producer is only pulled as fast as
 * the client reads. `done` runs once however the stream ends (finished, failed, client gone).
 */
export function csvStream(rows: AsyncIterable<readonly CsvValue[]>, done?: () => void | Promise<void>): Readable {
  let finished: Promise<void> | null = null;
  const finish = () => (finished ??= Promise.resolve(done?.()).catch(() => {}));
  async function* chunks(): AsyncGenerator<string> {
    let chunk = '';
    try {
      for await (const row of rows) {
        chunk += csvLine(row);
        if (chunk.length >= CHUNK_CHARS) {
          yield chunk;
          chunk = '';
        }
      }
      if (chunk !== '') yield chunk;
    } finally {
      await finish();
    }
  }
  const stream = Readable.from(chunks(), { objectMode: false });
  // A stream destroyed before its first read never enters the generator, so its finally never runs.
  stream.once('close', () => void finish());
  return stream;
}
