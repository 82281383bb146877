import type { Kysely, Selectable } from 'kysely';
import { sql } from 'kysely';
import { checkPageLimit, type Page, type PageRequest } from './page.js';
import { decodeCursor, encodeCursor } from './page-cursor.js';
import type { AuditLogTable, Schema } from './schema.js';
import { timeOrderedId } from './time-ordered-id.js';

/** One audit entry. */
export interface AuditEntry {
  id: string;
  at: Date;
  actor: string;
  action: string;
  subject: string | null;
  details: Record<string, unknown>;
}

/** What to append; `at` defaults to now. */
export interface NewAuditEntry {
  actor: string;
  action: string;
  subject?: string | null;
  details?: Record<string, unknown>;
  at?: Date;
}

/** Filters for {@link AuditRepository.list}. */
export interface AuditFilter {
  actor?: string;
  action?: string;
  subject?: string;
}

/** Append-only audit log, listed newest first with the same opaque cursors as predictions. */
export class AuditRepository {
  readonly #db: Kysely<Schema>;

  constructor(db: Kysely<Schema>) {
    this.#db = db;
  }

  /** Appends an entry and returns it as stored. */
  async append(entry: NewAuditEntry): Promise<AuditEntry> {
    const at = entry.at ?? new Date();
    const row = await this.#db
      .insertInto('audit_log')
      .values({
        id: timeOrderedId(at.getTime()),
        at,
        actor: entry.actor,
        action: entry.action,
        subject: entry.subject ?? null,
        details: JSON.stringify(entry.details ?? {}),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return fromAuditRow(row);
  }

  /** Entries newest first, filtered, one page at a time. */
  async list(filter: AuditFilter, page: PageRequest): Promise<Page<AuditEntry>> {
    const limit = checkPageLimit(page.limit);
    let q = this.#db.selectFrom('audit_log').selectAll();
    if (filter.actor !== undefined) q = q.where('actor', '=', filter.actor);
    if (filter.action !== undefined) q = q.where('action', '=', filter.action);
    if (filter.subject !== undefined) q = q.where('subject', '=', filter.subject);
    if (page.cursor) {
      const after = decodeCursor(page.cursor);
      q = q.where(sql<boolean>`(at, id) < (${after.at}, ${after.id})`);
    }
    const rows = await q.orderBy('at', 'desc').orderBy('id', 'desc').limit(limit + 1).execute();
    const items = rows.slice(0, limit).map(fromAuditRow);
    const last = items[items.length - 1];
    return { items, nextCursor: rows.length > limit && last ? encodeCursor({ at: last.at, id: last.id }) : null };
  }
}

function fromAuditRow(row: Selectable<AuditLogTable>): AuditEntry {
  return { id: row.id, at: row.at, actor: row.actor, action: row.action, subject: row.subject, details: row.details };
}
