/**
 * A report as the API and `warden monitor --json` show it: snake_case keys (the API's style),
 * non-finite numbers as null. Keys that already are snake_case (tag names) are unchanged.
 */
export function toApiJson(value: unknown): unknown {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (Array.isArray(value)) return value.map(toApiJson);
  if (value instanceof Date) return value.toISOString();
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)] = toApiJson(v);
    return out;
  }
  return value;
}
