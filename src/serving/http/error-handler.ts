import type { FastifyError, FastifyInstance } from 'fastify';
import { coerceError, ERROR_CODES, isWardenError, type ErrorCode } from '../../errors.js';

export interface ErrorBody {
  error: { code: ErrorCode; message: string; details?: Record<string, unknown> };
}

/** Maps Fastify's own error codes onto the catalogue. */
const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'INVALID_JSON',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'INVALID_JSON',
  FST_ERR_CTP_BODY_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_FORMAT',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'INVALID_INPUT',
  FST_ERR_VALIDATION: 'INVALID_INPUT',
  FST_REQ_FILE_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  FST_PARTS_LIMIT: 'PAYLOAD_TOO_LARGE',
  FST_FILES_LIMIT: 'PAYLOAD_TOO_LARGE',
  FST_FIELDS_LIMIT: 'PAYLOAD_TOO_LARGE',
  FST_INVALID_MULTIPART_CONTENT_TYPE: 'UNSUPPORTED_FORMAT',
  FST_ERR_RATE_LIMIT: 'RATE_LIMITED',
};

/** Turns anything thrown into the stable `{ error: { code, message } }` shape; never a stack trace. */
export function toErrorBody(err: unknown): { status: number; body: ErrorBody } {
  if (isWardenError(err)) {
    const body: ErrorBody = { error: { code: err.code, message: err.message } };
    if (err.details) body.error.details = err.details;
    return { status: err.status, body };
  }
  const e = coerceError(err) as FastifyError & { statusCode?: number };
  const mapped = e.code ? FASTIFY_CODES[e.code] : undefined;
  if (mapped) {
    let message = e.message;
    if (mapped === 'INVALID_JSON') message = 'the body is not valid JSON';
    if (e.code === 'FST_ERR_VALIDATION') message = `invalid request: ${e.message}`;
    return { status: ERROR_CODES[mapped].status, body: { error: { code: mapped, message } } };
  }
  if (e.statusCode === 429) return { status: 429, body: { error: { code: 'RATE_LIMITED', message: e.message } } };
  if (e.statusCode && e.statusCode >= 400 && e.statusCode < 500) {
    const code: ErrorCode = e.statusCode === 413 ? 'PAYLOAD_TOO_LARGE' : e.statusCode === 415 ? 'UNSUPPORTED_FORMAT' : e.statusCode === 404 ? 'NOT_FOUND' : 'INVALID_INPUT';
    return { status: e.statusCode, body: { error: { code, message: e.message } } };
  }
  return { status: 500, body: { error: { code: 'INTERNAL', message: 'an unexpected error occurred; it has been logged' } } };
}

export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((err, req, reply) => {
    const { status, body } = toErrorBody(err);
    const retryAfter = (err as { details?: { retryAfterSeconds?: unknown } }).details?.retryAfterSeconds;
    if (typeof retryAfter === 'number') void reply.header('retry-after', String(retryAfter));
    if (status >= 500 && body.error.code !== 'STORAGE_BUSY') req.log.error({ err }, 'request failed');
    else req.log.info({ code: body.error.code }, body.error.message);
    void reply.status(status).send(body);
  });
  app.setNotFoundHandler((req, reply) => {
    void reply.status(404).send({ error: { code: 'NOT_FOUND', message: `no route ${req.method} ${req.url.split('?')[0]}` } });
  });
}
