/**
 * The one error catalogue. Every error a user can see has a stable code, an HTTP status
 * and a plain message; docs/errors.md documents each code. Throw with `wardenError(code, message, { cause })`.
 */
export const ERROR_CODES = {
  // input and data
  INVALID_INPUT: { status: 400, summary: 'The request or input is malformed.' },
  INVALID_JSON: { status: 400, summary: 'The body is not valid JSON.' },
  INVALID_UTF8: { status: 400, summary: 'The input is not valid UTF-8.' },
  EMPTY_TEXT: { status: 400, summary: 'A text is empty.' },
  MISSING_COLUMN: { status: 400, summary: 'A required column is missing from a CSV/TSV/JSONL input.' },
  UNKNOWN_LABEL: { status: 400, summary: 'A label is not one of the known label names.' },
  ONE_CLASS: { status: 400, summary: 'Training data has only one class.' },
  BAD_DATA: { status: 400, summary: 'A data file cannot be read.' },
  UNSUPPORTED_FORMAT: { status: 415, summary: 'The file or content type is not supported.' },
  PAYLOAD_TOO_LARGE: { status: 413, summary: 'The body or a text is too large.' },
  UNPROCESSABLE: { status: 422, summary: 'The input is well-formed but cannot be processed.' },
  // auth
  UNAUTHENTICATED: { status: 401, summary: 'No valid API key was given.' },
  FORBIDDEN: { status: 403, summary: 'The API key lacks the role for this action.' },
  RATE_LIMITED: { status: 429, summary: 'Too many requests for this key.' },
  // not found
  NOT_FOUND: { status: 404, summary: 'No such route.' },
  MODEL_NOT_FOUND: { status: 404, summary: 'No such model version or alias.' },
  PREDICTION_NOT_FOUND: { status: 404, summary: 'No such prediction.' },
  JOB_NOT_FOUND: { status: 404, summary: 'No such job.' },
  JOB_NOT_READY: { status: 409, summary: 'The job has not finished.' },
  CONFLICT: { status: 409, summary: 'The request conflicts with the current state.' },
  // models and artifacts
  MODEL_CORRUPT: { status: 500, summary: 'A model artifact failed its integrity check.' },
  MODEL_FORMAT_UNSUPPORTED: { status: 500, summary: 'A model artifact has an unknown format version.' },
  NO_MODEL: { status: 503, summary: 'No model is loaded yet.' },
  // infrastructure
  STORAGE_UNAVAILABLE: { status: 503, summary: 'The database cannot be reached.' },
  STORAGE_BUSY: { status: 503, summary: 'The prediction log is too far behind; retry shortly.' },
  METRICS_UNAVAILABLE: { status: 503, summary: "The cluster's metrics could not be gathered (its primary process did not answer)." },
  CONFIG_INVALID: { status: 500, summary: 'The configuration is invalid.' },
  USAGE: { status: 400, summary: 'The command line is invalid.' },
  INTERNAL: { status: 500, summary: 'An unexpected error.' },
} as const satisfies Record<string, { status: number; summary: string }>;

export type ErrorCode = keyof typeof ERROR_CODES;

export class WardenError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly details?: Record<string, unknown>;

  constructor(code: ErrorCode, message: string, options: { cause?: unknown; details?: Record<string, unknown> } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'WardenError';
    this.code = code;
    this.status = ERROR_CODES[code].status;
    if (options.details) this.details = options.details;
  }
}

export function wardenError(
  code: ErrorCode,
  message: string,
  options: { cause?: unknown; details?: Record<string, unknown> } = {},
): WardenError {
  return new WardenError(code, message, options);
}

/** Turns anything thrown into an Error once (graphile-worker's coerceError). */
export function coerceError(err: unknown): Error {
  if (err instanceof Error) return err;
  return new Error(typeof err === 'string' ? err : `Non-error thrown: ${JSON.stringify(err)}`);
}

export function isWardenError(err: unknown): err is WardenError {
  return err instanceof WardenError;
}
