import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { CsvValue } from '../../data/index.js';
import { SCORE_COLUMNS } from '../../detector/score-row.js';
import { wardenError } from '../../errors.js';
import { resultFields } from '../../jobs/row-outcome.js';
import type { JobRecord, JobRowInput } from '../../storage/index.js';
import type { AppDeps } from '../app-deps.js';
import { csvStream } from '../upload/csv-stream.js';
import { receiveUpload } from '../upload/receive-upload.js';
import { uploadQuerySchema, type UploadQuery } from '../upload/upload-query.js';
import { openUploadRows, type UploadRow, type UploadRows } from '../upload/upload-rows.js';

/** PostgreSQL text and jsonb cannot hold U+0000, so a job refuses it up front rather than failing with a 500. */
const NUL = '\u0000';

/** Most texts a JSON job may carry (an upload is bounded by the upload size instead). */
export const MAX_JOB_TEXTS = 100_000;

const idParams = {
  type: 'object',
  properties: { id: { type: 'string', minLength: 1, maxLength: 100 } },
  required: ['id'],
} as const;

/** The public view of a job. */
function jobView(job: JobRecord) {
  return {
    job_id: job.id,
    state: job.state,
    progress: { done: job.doneRows, total: job.totalRows },
    errors: job.errorCount,
    created_at: job.createdAt.toISOString(),
    updated_at: job.updatedAt.toISOString(),
    model_version: job.modelVersion,
    ...(job.error ? { error: job.error } : {}),
  };
}

/** The texts of a JSON body `{ "texts": [...] }`, validated. */
function jsonTexts(body: unknown): string[] {
  const texts = body && typeof body === 'object' && !Array.isArray(body) ? (body as { texts?: unknown }).texts : undefined;
  if (!Array.isArray(texts)) throw wardenError('INVALID_INPUT', 'send { "texts": ["…", …] } as JSON, or a CSV/TSV/JSONL file as multipart/form-data');
  if (texts.length === 0) throw wardenError('INVALID_INPUT', '"texts" is empty');
  if (texts.length > MAX_JOB_TEXTS) throw wardenError('PAYLOAD_TOO_LARGE', `a job takes at most ${MAX_JOB_TEXTS} texts; got ${texts.length}`);
  const bad = texts.findIndex((t) => typeof t !== 'string');
  if (bad !== -1) throw wardenError('INVALID_INPUT', `texts[${bad}] is not a string`);
  const nul = texts.findIndex((t) => (t as string).includes(NUL));
  if (nul !== -1) throw wardenError('INVALID_INPUT', `texts[${nul}] contains a NUL character, which cannot be stored`);
  return texts as string[];
}

/**
 * Stores an uploaded file as a job. A malformed line is BAD_DATA here (unlike /v1/batch, which
 * reports it in place): an accepted job should hold exactly the rows the client meant.
 */
async function createFromUpload(req: FastifyRequest<{ Querystring: UploadQuery }>, deps: AppDeps, modelVersion: string | null): Promise<JobRecord> {
  const upload = await receiveUpload(req, { maxBytes: deps.config.maxUploadBytes, format: req.query.format });
  try {
    const opened: UploadRows = await openUploadRows(upload.path, upload.filename, upload.format, { textCol: req.query.text_col, idCol: req.query.id_col });
    const { idName, rows } = opened;
    const first = await rows.next();
    if (first.done) throw wardenError('INVALID_INPUT', `${upload.filename}: the file has no rows to score`);
    let rowCount = 0;
    const toInput = (row: UploadRow): JobRowInput => {
      if (row.error) throw wardenError('BAD_DATA', `${upload.filename}: ${row.error}`);
      if (row.text.includes(NUL) || row.id?.includes(NUL)) throw wardenError('BAD_DATA', `${upload.filename}: row ${rowCount + 1} contains a NUL character, which cannot be stored`);
      rowCount++;
      return { text: row.text, passthrough: idName === null ? null : { [idName]: row.id ?? '' } };
    };
    async function* inputs(): AsyncGenerator<JobRowInput> {
      yield toInput(first.value as UploadRow);
      for await (const row of rows) yield toInput(row);
    }
    const job = await deps.stores.jobs.create(
      { inputFormat: upload.format, options: { source: 'upload', filename: upload.filename, idColumn: idName }, modelVersion },
      inputs(),
    );
    return job;
  } finally {
    await upload.cleanup();
  }
}

/**
 * Durable jobs (role analyst): POST /v1/jobs stores the input rows before answering 202, so an
 * accepted job survives any crash; the job runner (src/jobs) scores them; GET /v1/jobs/:id
 * reports progress; GET /v1/jobs/:id/result streams the scored CSV from the database.
 */
export function jobRoutes(app: FastifyInstance, deps: AppDeps): void {
  app.post<{ Querystring: UploadQuery }>(
    '/v1/jobs',
    {
      config: { role: 'analyst' },
      schema: {
        summary: `Create a scoring job from a CSV/TSV/JSONL upload or JSON { texts } (at most ${MAX_JOB_TEXTS})`,
        tags: ['jobs'],
        consumes: ['multipart/form-data', 'application/json'],
        querystring: uploadQuerySchema,
      },
    },
    async (req, reply) => {
      const modelVersion = deps.models.loaded ? deps.models.current.version : null;
      let job: JobRecord;
      if (req.isMultipart()) {
        job = await createFromUpload(req, deps, modelVersion);
      } else {
        // Fastify also parses text/plain; only JSON or multipart make a job.
        if (!/^application\/([\w.+-]+\+)?json\b/i.test(req.headers['content-type'] ?? '')) {
          throw wardenError('UNSUPPORTED_FORMAT', 'send JSON { "texts": [...] } or a file as multipart/form-data');
        }
        const texts = jsonTexts(req.body);
        job = await deps.stores.jobs.create({ inputFormat: 'json', options: { source: 'json', idColumn: null }, modelVersion }, texts.map((text) => ({ text })));
      }
      deps.jobs?.notify();
      return reply.status(202).header('location', `/v1/jobs/${job.id}`).send({ job_id: job.id, state: job.state, total_rows: job.totalRows });
    },
  );

  app.get<{ Params: { id: string } }>(
    '/v1/jobs/:id',
    { config: { role: 'analyst' }, schema: { summary: 'A job, its state and progress', tags: ['jobs'], params: idParams } },
    async (req) => {
      const job = await deps.stores.jobs.get(req.params.id);
      if (!job) throw wardenError('JOB_NOT_FOUND', `no job ${req.params.id}`);
      return jobView(job);
    },
  );

  app.get<{ Params: { id: string }; Querystring: { partial?: boolean } }>(
    '/v1/jobs/:id/result',
    {
      config: { role: 'analyst' },
      schema: {
        summary: 'The scored CSV of a finished job (or the rows done so far with partial=true), streamed in row order',
        tags: ['jobs'],
        params: idParams,
        querystring: { type: 'object', properties: { partial: { type: 'boolean' } }, additionalProperties: false },
      },
    },
    async (req, reply) => {
      const job = await deps.stores.jobs.get(req.params.id);
      if (!job) throw wardenError('JOB_NOT_FOUND', `no job ${req.params.id}`);
      if (job.state !== 'done' && req.query.partial !== true) {
        const why = job.state === 'failed' ? `job ${job.id} failed (${job.error ?? 'no reason recorded'})` : `job ${job.id} is ${job.state} (${job.doneRows} of ${job.totalRows} rows done)`;
        throw wardenError('JOB_NOT_READY', `${why}; add ?partial=true for the rows done so far`);
      }
      const idName = typeof job.options.idColumn === 'string' ? job.options.idColumn : null;
      const results = deps.stores.jobs.results(job.id);
      async function* lines(): AsyncGenerator<CsvValue[]> {
        yield idName === null ? ['text', ...SCORE_COLUMNS] : ['text', idName, ...SCORE_COLUMNS];
        for await (const r of results) {
          const fields = resultFields(r.output, r.error);
          if (idName === null) yield [r.text, ...fields];
          else yield [r.text, String(r.passthrough?.[idName] ?? ''), ...fields];
        }
      }
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="job-${job.id}.csv"`)
        .header('x-job-state', job.state)
        .send(csvStream(lines(), async () => void (await results.return(undefined))));
    },
  );
}
