import { after, test } from 'node:test';
import { openDatabase } from '../storage/index.js';
import { runRunnerSuite } from './conformance/runner-cases.js';
import { dropSchemas, freshSchema, POSTGRES_URL, postgresProblem } from './conformance/postgres-target.js';

const problem = await postgresProblem();
if (problem === null) {
  const schemas: string[] = [];
  runRunnerSuite({
    name: 'postgres',
    async open() {
      const schema = await freshSchema();
      schemas.push(schema);
      const connect = () => openDatabase({ kind: 'postgres', url: POSTGRES_URL, schema, poolSize: 4 });
      return { database: await connect(), replica: connect };
    },
  });
  after(() => dropSchemas(schemas));
} else if (process.env.CI) {
  test('job runner on postgres', () => {
    throw new Error(`PostgreSQL unreachable at ${POSTGRES_URL} and CI is set: ${problem.message}`);
  });
} else {
  test('job runner on postgres', { skip: `PostgreSQL unreachable at ${POSTGRES_URL} (${problem.message}); set WARDEN_TEST_DATABASE_URL` }, () => {});
}
