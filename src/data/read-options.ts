import type { DataFormat } from './format.js';

/** How to read a data file. Column names are matched case-insensitively. */
export interface ReadOptions {
  /** Default 'auto': by extension, then by the first line. */
  format?: DataFormat | 'auto';
  /** Name of the text column (default: text, message, sms, body, content, email, v2). */
  textCol?: string;
  /** Name of the label column (default: label, class, category, v1). */
  labelCol?: string;
  /** Name of the id column (default: id, message_id, msg_id). */
  idCol?: string;
  /** Skip (and count in the SkipReport) rows with empty text, unknown labels, invalid UTF-8 or bad syntax, instead of failing. */
  skipInvalid?: boolean;
}
