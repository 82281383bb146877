import type { FastifyInstance } from 'fastify';
import type { CsvValue } from '../../data/index.js';
import type { Detector } from '../../detector/detector.js';
import { scoreRowFields, unscorableReason, SCORE_COLUMNS } from '../../detector/score-row.js';
import { scoreAndRecord } from '../../detector/recorded-score.js';
import type { AppDeps } from '../app-deps.js';
import { csvStream } from '../upload/csv-stream.js';
import { receiveUpload } from '../upload/receive-upload.js';
import { uploadQuerySchema, type UploadQuery } from '../upload/upload-query.js';
import { openUploadRows, type UploadRows } from '../upload/upload-rows.js';

/**
 * POST /v1/batch: a CSV/TSV/JSONL upload in, a streamed CSV out with the columns of
 * `warden score` (text, any id column, risk_score, is_threat, label, model_version, error).
 * Everything that can fail the whole request (format, size, encoding, columns) is checked before
 * the first byte of the answer; after that a bad row gets the error column, never a cut file.
 * Every scored row is recorded in the prediction history (source `batch`), like /v1/score's.
 */
export function batchRoutes(app: FastifyInstance, deps: AppDeps): void {
  app.post<{ Querystring: UploadQuery }>(
    '/v1/batch',
    {
      config: { role: 'scorer' },
      schema: {
        summary: 'Score an uploaded CSV/TSV/JSONL file; the answer is a streamed CSV',
        tags: ['batch'],
        consumes: ['multipart/form-data'],
        querystring: uploadQuerySchema,
      },
    },
    async (req, reply) => {
      // One model for the whole file, taken before reading it: NO_MODEL fails fast, a swap mid-file changes nothing.
      const detector = deps.models.current.detector;
      const upload = await receiveUpload(req, { maxBytes: deps.config.maxUploadBytes, format: req.query.format });
      let opened: UploadRows;
      try {
        opened = await openUploadRows(upload.path, upload.filename, upload.format, { textCol: req.query.text_col, idCol: req.query.id_col });
      } catch (err) {
        await upload.cleanup();
        throw err;
      }
      const { idName, rows } = opened;
      const metrics = deps.metrics;
      const logged = deps.config.logPredictions ? loggedScorer(deps, detector, req.principal?.keyId ?? null) : null;
      let gaveUpWaiting = false;
      async function* lines(): AsyncGenerator<CsvValue[]> {
        yield idName === null ? ['text', ...SCORE_COLUMNS] : ['text', idName, ...SCORE_COLUMNS];
        for await (const row of rows) {
          let fields: CsvValue[];
          if (row.error) fields = ['', '', '', detector.version, row.error];
          else if (logged === null) fields = scoreRowFields(detector, row.text);
          else {
            // Backpressure as on /v1/score, but a streamed file is never cut: after one wait
            // that times out (a write that hangs) the rest of the file goes on without waiting,
            // and the writer's bound then applies (and counts what it drops).
            if (!gaveUpWaiting && unscorableReason(row.text) === null) {
              for (let room = deps.stores.writer.whenRoom(); room !== null && !gaveUpWaiting; room = deps.stores.writer.whenRoom()) {
                await room.catch(() => (gaveUpWaiting = true));
              }
            }
            fields = logged(row.text);
          }
          if (fields[4] === '') metrics.scores.observe(fields[0] as number);
          yield idName === null ? [row.text, ...fields] : [row.text, row.id ?? '', ...fields];
        }
      }
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="scored.csv"')
        .send(csvStream(lines(), upload.cleanup));
    },
  );
}

/**
 * Scores one text of an uploaded file into the `warden score` cells and records the
 * prediction in the history (source `batch`), as /v1/score does for its messages: the tags
 * are found once and given to the model, so the cells equal scoreRowFields' own.
 */
function loggedScorer(deps: AppDeps, detector: Detector, client: string | null): (text: string) => CsvValue[] {
  const options = { source: 'batch', client, storeText: deps.config.storeText === 'full', now: deps.clock };
  return (text) => {
    const reason = unscorableReason(text);
    if (reason) return ['', '', '', detector.version, reason];
    const { p, tags, record } = scoreAndRecord(detector, text, options);
    deps.stores.writer.enqueue(record);
    deps.metrics.count.predictions(p.label, detector.version);
    for (const t of tags) deps.metrics.count.tag(t.tag);
    return [Math.round(p.riskScore * 1e6) / 1e6, p.isThreat, p.label, detector.version, ''];
  };
}
