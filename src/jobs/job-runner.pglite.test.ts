import { openDatabase } from '../storage/index.js';
import { runRunnerSuite } from './conformance/runner-cases.js';

// PGlite in memory, a fresh database per test; always runs.
runRunnerSuite({
  name: 'pglite (in-memory)',
  open: async () => ({ database: await openDatabase({ kind: 'pglite', dataDir: null }), replica: null }),
});
