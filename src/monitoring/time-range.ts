import { wardenError } from '../errors.js';

/** Width of a monitoring window. */
export type WindowUnit = 'hour' | 'day';

/** Which predictions a monitoring query covers: [from, to), optionally one model version. */
export interface MonitoringRange {
  window: WindowUnit;
  from: Date;
  to: Date;
  modelVersion: string | null;
}

const DAY_MS = 86_400_000;

/**
 * Fills in a range: `to` defaults to now, `from` to 30 days (day windows) or 48 hours (hour
 * windows) before `to`. Throws INVALID_INPUT for an unknown unit, a bad date or from ≥ to.
 */
export function resolveRange(input: { window?: string; from?: Date | string; to?: Date | string; modelVersion?: string | null; now?: Date }): MonitoringRange {
  const window = input.window ?? 'day';
  if (window !== 'hour' && window !== 'day') throw wardenError('INVALID_INPUT', `window must be hour or day, got '${window}'`);
  const to = toDate('to', input.to) ?? input.now ?? new Date();
  const from = toDate('from', input.from) ?? new Date(to.getTime() - (window === 'day' ? 30 * DAY_MS : 2 * DAY_MS));
  if (from.getTime() >= to.getTime()) throw wardenError('INVALID_INPUT', 'from must be before to');
  return { window, from, to, modelVersion: input.modelVersion ?? null };
}

/** Start of the UTC window holding `at`. */
export function windowStart(at: Date, unit: WindowUnit): Date {
  const step = unit === 'day' ? DAY_MS : 3_600_000;
  return new Date(Math.floor(at.getTime() / step) * step);
}

function toDate(name: string, v: Date | string | undefined): Date | undefined {
  if (v === undefined) return undefined;
  const d = v instanceof Date ? v : new Date(v);
  if (Number.isNaN(d.getTime())) throw wardenError('INVALID_INPUT', `${name} must be an ISO 8601 date-time`);
  return d;
}
