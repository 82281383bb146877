import { after } from 'node:test';
import { openDatabase } from './database.js';
import { runStorageSuite } from './conformance/run-storage-suite.js';
import { dropSchemas, POSTGRES_URL, postgresProblem, postgresUnreachable, schemaName } from '../../test/support/postgres.js';

// The real PostgreSQL, isolated in a fresh schema dropped afterwards.
const schema = schemaName();
const problem = await postgresProblem();
if (problem === null) {
  runStorageSuite(`postgres (${schema})`, () => openDatabase({ kind: 'postgres', url: POSTGRES_URL, schema, poolSize: 4 }));
  after(() => dropSchemas([schema]));
} else {
  postgresUnreachable('postgres storage suite', problem);
}
