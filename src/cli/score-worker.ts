/**
 * A `warden score` worker thread: loads the model named in workerData, then turns each batch
 * of texts it is sent into CSV lines (`writeScoredRows`) and sends the bytes back.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { CsvBuffer } from '../data/csv-writer.js';
import { loadModelAt, type ModelLocation } from './model-location.js';
import { writeScoredRows } from './score-rows.js';
import type { ScoreBatchReply, ScoreBatchRequest } from './score-pool.js';

const port = parentPort;
if (!port) throw new Error('score-worker runs as a worker thread');
const detector = await loadModelAt(workerData as ModelLocation);
const csv = new CsvBuffer(256 << 10);
port.on('message', (req: ScoreBatchRequest) => {
  const counts = writeScoredRows(detector, req.texts, req.ids, csv);
  const bytes = csv.take();
  const reply: ScoreBatchReply = { seq: req.seq, bytes, ...counts };
  port.postMessage(reply, [bytes.buffer as ArrayBuffer]);
});
port.postMessage({ ready: true });
