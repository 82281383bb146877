import { after, before, beforeEach, describe } from 'node:test';
import { sql } from 'kysely';
import type { Database } from '../database.js';
import { auditCases } from './audit-cases.js';
import { feedbackCases } from './feedback-cases.js';
import { jobCases } from './job-cases.js';
import { migrationCases } from './migration-cases.js';
import { predictionCases } from './prediction-cases.js';
import { writerCases } from './writer-cases.js';

/** What each group of cases gets: the open database, and a way to open another one. */
export interface SuiteContext {
  store(): Database;
  open(): Promise<Database>;
}

/**
 * The storage conformance suite: the same cases against every backend (PGlite in memory,
 * PostgreSQL in an isolated schema). Tables are emptied before each case, so cases do not
 * depend on each other's rows.
 */
export function runStorageSuite(name: string, open: () => Promise<Database>): void {
  describe(`storage conformance: ${name}`, () => {
    let store: Database | null = null;
    const ctx: SuiteContext = {
      store: () => {
        if (!store) throw new Error('suite database not open');
        return store;
      },
      open,
    };

    before(async () => {
      store = await open();
    });
    after(async () => {
      await store?.close();
    });
    beforeEach(async () => {
      await sql`truncate prediction_segments, feedback, jobs, job_rows, job_results, audit_log`.execute(ctx.store().db);
    });

    migrationCases(ctx);
    predictionCases(ctx);
    feedbackCases(ctx);
    jobCases(ctx);
    auditCases(ctx);
    writerCases(ctx);
  });
}
