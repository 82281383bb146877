import type { Migration, MigrationProvider } from 'kysely';
import * as m0001 from './0001-predictions.js';
import * as m0002 from './0002-feedback.js';
import * as m0003 from './0003-jobs.js';
import * as m0004 from './0004-audit-log.js';
import * as m0005 from './0005-model-registry.js';
import * as m0006 from './0006-cheaper-prediction-indexes.js';
import * as m0007 from './0007-prediction-segments.js';

/**
 * Every migration, in order. A static list rather than a folder glob, so a bundled or
 * compiled build can never miss one. Append new migrations here.
 */
export const MIGRATIONS: Readonly<Record<string, Migration>> = Object.freeze({
  '0001-predictions': m0001,
  '0002-feedback': m0002,
  '0003-jobs': m0003,
  '0004-audit-log': m0004,
  '0005-model-registry': m0005,
  '0006-cheaper-prediction-indexes': m0006,
  '0007-prediction-segments': m0007,
});

/** Kysely `MigrationProvider` over {@link MIGRATIONS}. */
export const staticMigrationProvider: MigrationProvider = {
  async getMigrations() {
    return { ...MIGRATIONS };
  },
};
