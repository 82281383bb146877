/**
 * The checks every reader applies to a raw record before looking at its columns: encoding and
 * syntax. Skipping is explicit and counted; otherwise the error names the file and line.
 */
import { wardenError } from '../errors.js';
import type { SourceRecord } from './record-source.js';
import { countSkip, type SkipReport } from './skip-report.js';

/** Checks a record's syntax and encoding; false means skipped (counted), otherwise throws. */
export function checkRecord(path: string, rec: SourceRecord, skip: boolean, report: SkipReport | undefined): boolean {
  if (rec.invalidUtf8Line !== 0) {
    if (skip) {
      countSkip(report, 'invalid-utf8');
      return false;
    }
    throw wardenError('INVALID_UTF8', `${path}:${rec.invalidUtf8Line}: the line is not valid UTF-8`);
  }
  if (rec.problem) {
    if (skip) {
      countSkip(report, rec.problem.reason);
      return false;
    }
    throw wardenError('BAD_DATA', `${path}:${rec.line}: ${rec.problem.message}`);
  }
  return true;
}
