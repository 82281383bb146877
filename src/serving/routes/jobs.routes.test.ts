import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDelimited } from '../../data/index.js';
import { SCORE_COLUMNS } from '../../detector/score-row.js';
import { createJobRunner, detectorScorer, type JobRunner } from '../../jobs/index.js';
import { buildHarness, multipartBody, STUB_VERSION, stubDetector, stubRisk, type Harness } from '../upload/route-harness.js';
import { MAX_JOB_TEXTS } from './jobs.js';

function scored(text: string): string[] {
  const risk = Math.round(stubRisk(text) * 1e6) / 1e6;
  const threat = risk >= 0.5;
  return [String(risk), String(threat), threat ? 'spam' : 'benign', STUB_VERSION, ''];
}

describe('/v1/jobs', () => {
  let h: Harness;
  let runner: JobRunner;
  before(async () => {
    h = await buildHarness({ maxUploadBytes: 64 * 1024 });
    runner = createJobRunner({ jobs: h.jobs, database: h.database, score: detectorScorer(() => stubDetector), chunkSize: 3 });
  });
  after(() => h.close());

  const jobCount = async () => (await h.database.executeSql('select count(*)::int as n from jobs')).rows[0].n as number;

  test('JSON texts: 202 with the rows stored before answering; status, 409 until done, then the CSV in row order', async () => {
    const texts = ['first text', '  ', 'x'.repeat(150), '=SUM(A1)', 'last'];
    const before = h.notified();
    const res = await h.app.inject({ method: 'POST', url: '/v1/jobs', payload: { texts } });
    assert.equal(res.statusCode, 202);
    const body = res.json();
    assert.equal(body.state, 'queued');
    assert.equal(body.total_rows, 5);
    assert.equal(res.headers.location, `/v1/jobs/${body.job_id}`);
    assert.equal(h.notified(), before + 1);
    // Stored before the answer: the rows are in the database now, with no runner involved.
    assert.equal((await h.jobs.nextPendingRows(body.job_id, 100)).length, 5);

    const queued = (await h.app.inject({ url: `/v1/jobs/${body.job_id}` })).json();
    assert.deepEqual({ ...queued, created_at: 0, updated_at: 0 }, {
      job_id: body.job_id, state: 'queued', progress: { done: 0, total: 5 }, errors: 0, created_at: 0, updated_at: 0, model_version: STUB_VERSION,
    });
    assert.ok(!Number.isNaN(Date.parse(queued.created_at)));

    const early = await h.app.inject({ url: `/v1/jobs/${body.job_id}/result` });
    assert.equal(early.statusCode, 409);
    assert.equal(early.json().error.code, 'JOB_NOT_READY');
    const partialNone = await h.app.inject({ url: `/v1/jobs/${body.job_id}/result?partial=true` });
    assert.equal(partialNone.statusCode, 200);
    assert.deepEqual(parseDelimited(partialNone.body), [['text', ...SCORE_COLUMNS]]);

    assert.equal(await runner.runOnce(), 5);
    const done = (await h.app.inject({ url: `/v1/jobs/${body.job_id}` })).json();
    assert.equal(done.state, 'done');
    assert.deepEqual(done.progress, { done: 5, total: 5 });
    assert.equal(done.errors, 1);

    const result = await h.app.inject({ url: `/v1/jobs/${body.job_id}/result` });
    assert.equal(result.statusCode, 200);
    assert.match(String(result.headers['content-type']), /^text\/csv/);
    assert.deepEqual(parseDelimited(result.body), [
      ['text', ...SCORE_COLUMNS],
      ['first text', ...scored('first text')],
      ['  ', '', '', '', STUB_VERSION, 'empty text'],
      ['x'.repeat(150), ...scored('x'.repeat(150))],
      ["'=SUM(A1)", ...scored('=SUM(A1)')],
      ['last', ...scored('last')],
    ]);
  });

  test('CSV upload with an id column: the id comes back beside each row; partial results while running', async () => {
    let csv = 'msg_id,text\n';
    for (let i = 0; i < 10; i++) csv += `m${i},text number ${i}\n`;
    const res = await h.app.inject({ method: 'POST', url: '/v1/jobs', ...multipartBody(csv) });
    assert.equal(res.statusCode, 202);
    const id = res.json().job_id;
    assert.equal(res.json().total_rows, 10);
    // Score the first chunk only, by hand, as a runner mid-job would have.
    const first = await h.jobs.nextPendingRows(id, 3);
    const outcomes = await detectorScorer(() => stubDetector)(first.map((r) => r.text));
    await h.jobs.saveResults(id, first.map((r, i) => ({ rowIndex: r.rowIndex, ...outcomes[i] })));
    const partial = await h.app.inject({ url: `/v1/jobs/${id}/result?partial=true` });
    assert.deepEqual(parseDelimited(partial.body), [
      ['text', 'msg_id', ...SCORE_COLUMNS],
      ['text number 0', 'm0', ...scored('text number 0')],
      ['text number 1', 'm1', ...scored('text number 1')],
      ['text number 2', 'm2', ...scored('text number 2')],
    ]);
    assert.equal(await runner.runOnce(), 7);
    const rows = parseDelimited((await h.app.inject({ url: `/v1/jobs/${id}/result` })).body);
    assert.equal(rows.length, 11);
    for (let i = 0; i < 10; i++) assert.deepEqual(rows[i + 1], [`text number ${i}`, `m${i}`, ...scored(`text number ${i}`)]);
  });

  test('a failed job: status carries the error; its result is 409 unless partial', async () => {
    const res = await h.app.inject({ method: 'POST', url: '/v1/jobs', payload: { texts: ['a', 'b'] } });
    const id = res.json().job_id;
    const failing = createJobRunner({ jobs: h.jobs, database: h.database, score: () => { throw new Error('weights missing'); } });
    await failing.runOnce();
    const status = (await h.app.inject({ url: `/v1/jobs/${id}` })).json();
    assert.equal(status.state, 'failed');
    assert.equal(status.error, 'scoring failed: weights missing');
    const result = await h.app.inject({ url: `/v1/jobs/${id}/result` });
    assert.equal(result.statusCode, 409);
    assert.match(result.json().error.message, /failed \(scoring failed: weights missing\)/);
  });

  test('unknown job → 404 JOB_NOT_FOUND on status and result', async () => {
    for (const url of ['/v1/jobs/nope', '/v1/jobs/nope/result', '/v1/jobs/nope/result?partial=true']) {
      const res = await h.app.inject({ url });
      assert.equal(res.statusCode, 404, url);
      assert.equal(res.json().error.code, 'JOB_NOT_FOUND');
    }
  });

  test('bad JSON bodies → 400 INVALID_INPUT / 413, and no job is created', async () => {
    const n = await jobCount();
    const cases: [unknown, number, string][] = [
      [{}, 400, 'INVALID_INPUT'],
      [{ texts: 'one' }, 400, 'INVALID_INPUT'],
      [{ texts: [] }, 400, 'INVALID_INPUT'],
      [{ texts: ['ok', 5] }, 400, 'INVALID_INPUT'],
      [{ texts: ['ok', 'nul \u0000 inside'] }, 400, 'INVALID_INPUT'],
      [[], 400, 'INVALID_INPUT'],
      [{ texts: new Array(MAX_JOB_TEXTS + 1).fill('t') }, 413, 'PAYLOAD_TOO_LARGE'],
    ];
    for (const [payload, status, code] of cases) {
      const res = await h.app.inject({ method: 'POST', url: '/v1/jobs', payload: payload as object });
      assert.equal(res.statusCode, status, JSON.stringify(payload).slice(0, 40));
      assert.equal(res.json().error.code, code);
    }
    const notJson = await h.app.inject({ method: 'POST', url: '/v1/jobs', payload: '{"texts": [', headers: { 'content-type': 'application/json' } });
    assert.equal(notJson.json().error.code, 'INVALID_JSON');
    const plain = await h.app.inject({ method: 'POST', url: '/v1/jobs', payload: 'hello', headers: { 'content-type': 'text/plain' } });
    assert.equal(plain.statusCode, 415);
    assert.equal(await jobCount(), n);
  });

  test('bad uploads → MISSING_COLUMN, BAD_DATA, INVALID_UTF8, 413, empty file; no job is created', async () => {
    const n = await jobCount();
    const cases: [string | Buffer, string, number, string][] = [
      ['id,subject\n1,hi\n', 'a.csv', 400, 'MISSING_COLUMN'],
      ['text,id\nfine,1\nbad,2,extra,fields\n', 'a.csv', 400, 'BAD_DATA'],
      [Buffer.concat([Buffer.from('text\nok\n'), Buffer.from([0xff, 0xfe]), Buffer.from('\n')]), 'a.csv', 400, 'INVALID_UTF8'],
      ['text\n' + 'a'.repeat(70 * 1024) + '\n', 'a.csv', 413, 'PAYLOAD_TOO_LARGE'],
      ['text\n', 'a.csv', 400, 'INVALID_INPUT'],
      ['{"text":"hi"}\n{oops\n', 'a.jsonl', 400, 'BAD_DATA'],
      ['text,id\nok,1\nnul \u0000 here,2\n', 'a.csv', 400, 'BAD_DATA'],
      ['text,id\nok,1\nfine,\u0000\n', 'a.csv', 400, 'BAD_DATA'],
    ];
    for (const [content, name, status, code] of cases) {
      const res = await h.app.inject({ method: 'POST', url: '/v1/jobs', ...multipartBody(content, name) });
      assert.equal(res.statusCode, status, `${code}: ${res.body}`);
      assert.equal(res.json().error.code, code);
    }
    assert.equal(await jobCount(), n);
  });
});
