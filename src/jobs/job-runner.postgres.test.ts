import { after } from 'node:test';
import { openDatabase } from '../storage/index.js';
import { runRunnerSuite } from './conformance/runner-cases.js';
import { dropSchemas, freshSchema, POSTGRES_URL, postgresProblem, postgresUnreachable } from '../../test/support/postgres.js';

const problem = await postgresProblem();
if (problem === null) {
  const schemas: string[] = [];
  runRunnerSuite({
    name: 'postgres',
    async open() {
      const schema = await freshSchema('warden_jobs_test');
      schemas.push(schema);
      const connect = () => openDatabase({ kind: 'postgres', url: POSTGRES_URL, schema, poolSize: 4 });
      return { database: await connect(), replica: connect };
    },
  });
  after(() => dropSchemas(schemas));
} else {
  postgresUnreachable('job runner on postgres', problem);
}
