import type { FastifyInstance } from 'fastify';
import type { CsvValue } from '../../data/index.js';
import { scoreRowFields, SCORE_COLUMNS } from '../../detector/score-row.js';
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
      async function* lines(): AsyncGenerator<CsvValue[]> {
        yield idName === null ? ['text', ...SCORE_COLUMNS] : ['text', idName, ...SCORE_COLUMNS];
        for await (const row of rows) {
          const fields: CsvValue[] = row.error ? ['', '', '', detector.version, row.error] : scoreRowFields(detector, row.text);
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
