import { sql, type Kysely } from 'kysely';
import { predictionsBetween, type Schema } from '../storage/index.js';
import type { ArmStats } from './guard.js';

/**
 * Live figures per model version since `since`, aggregated in SQL (never loading rows): the
 * predictions each version answered, their mean latency, and the confusion counts from the
 * current analyst label of each message (any label but 'benign' is a threat). Live traffic
 * only (sources `api` and `triage`, where the canary gets its share): batch uploads and jobs
 * are always scored by production and would tilt the comparison.
 */
export async function armStatsSince(db: Kysely<Schema>, versions: readonly string[], since: Date): Promise<Map<string, Omit<ArmStats, 'errors'>>> {
  const out = new Map<string, Omit<ArmStats, 'errors'>>();
  for (const v of versions) out.set(v, { version: v, requests: 0, meanLatencyUs: null, tp: 0, fp: 0, tn: 0, fn: 0 });
  if (versions.length === 0) return out;
  const { rows } = await sql<{ version: string; requests: number; mean_latency: number | null; tp: number; fp: number; tn: number; fn: number }>`
    select p.model_version as version,
           count(*)::int as requests,
           avg(p.latency_us)::float8 as mean_latency,
           count(*) filter (where f.label is not null and f.label <> 'benign' and p.is_threat)::int as tp,
           count(*) filter (where f.label = 'benign' and p.is_threat)::int as fp,
           count(*) filter (where f.label = 'benign' and not p.is_threat)::int as tn,
           count(*) filter (where f.label is not null and f.label <> 'benign' and not p.is_threat)::int as fn
    from ${predictionsBetween(since, null)} as p
    left join feedback f on f.text_sha256 = p.text_sha256 and f.is_current
    where p.created_at >= ${since} and p.model_version in (${sql.join(versions)})
      and p.source in ('api', 'triage')
    group by p.model_version`.execute(db);
  for (const r of rows) {
    out.set(r.version, { version: r.version, requests: r.requests, meanLatencyUs: r.mean_latency, tp: r.tp, fp: r.fp, tn: r.tn, fn: r.fn });
  }
  return out;
}
