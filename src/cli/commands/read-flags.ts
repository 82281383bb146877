import type { DataFormat, ReadOptions } from '../../data/index.js';
import { UsageError } from '../command.js';

export const READ_FLAGS = `
Data options:
  --format F           uci | csv | tsv | jsonl (default: detected)
  --text-col NAME      the text column (default: found by name: text, message, sms, body, …)
  --label-col NAME     the label column (default: label, class, category, …)
  --skip-invalid       skip (and count) rows with empty text or unknown labels instead of failing
`;

export function readOptionsFrom(values: { format?: string; 'text-col'?: string; 'label-col'?: string; 'skip-invalid'?: boolean; 'id-col'?: string }): ReadOptions {
  const format = values.format;
  if (format && !['uci', 'csv', 'tsv', 'jsonl'].includes(format)) throw new UsageError(`--format must be uci, csv, tsv or jsonl, got '${format}'`);
  return {
    format: (format as DataFormat | undefined) ?? 'auto',
    textCol: values['text-col'],
    labelCol: values['label-col'],
    idCol: values['id-col'],
    skipInvalid: values['skip-invalid'] ?? false,
  };
}
