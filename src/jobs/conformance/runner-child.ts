/**
 * A job runner in its own process, for the crash test: it works every job with the length
 * scorer and prints "saved <done rows>" after each chunk, until its parent kills it.
 * Usage: node runner-child.js '{"db":<DatabaseConfig>,"chunkSize":10,"delayMs":5}'
 */
import { JobRepository, openDatabase, type DatabaseConfig } from '../../storage/index.js';
import { createJobRunner } from '../job-runner.js';
import { lengthScorer } from './length-scorer.js';

const args = JSON.parse(process.argv[2] ?? '{}') as { db: DatabaseConfig; chunkSize: number; delayMs: number };
const database = await openDatabase(args.db);
const jobs = new JobRepository(database.db);
const runner = createJobRunner({
  jobs,
  database,
  score: lengthScorer(args.delayMs).score,
  chunkSize: args.chunkSize,
  pollMs: 50,
  onRows: (_n, job) => process.stdout.write(`saved ${job.doneRows}\n`),
  onError: (err) => process.stderr.write(`runner error: ${err.message}\n`),
});
runner.start();
process.stdout.write('started\n');
