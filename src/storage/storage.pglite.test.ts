import { openDatabase } from './database.js';
import { runStorageSuite } from './conformance/run-storage-suite.js';

// PGlite in memory: always available, so this suite always runs.
runStorageSuite('pglite (in-memory)', () => openDatabase({ kind: 'pglite', dataDir: null }));
