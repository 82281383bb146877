import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRng } from '../../data/index.js';
import { buildHarness, multipartBody } from '../upload/route-harness.js';

// Seeded fuzz of the invariant "no upload makes /v1/batch or /v1/jobs answer 500": random
// bytes, delimiters, quotes, braces and broken UTF-8, under names of every known extension.
test('300 seeded random uploads never give a 5xx; every answer is 200/202 or a catalogued 4xx', async () => {
  const h = await buildHarness({ maxUploadBytes: 4096 });
  const noModel = await buildHarness({ withModel: false });
  try {
    const rng = createRng(20240601);
    const alphabet = ['text', 'id', ',', '\t', '"', '\n', '\r\n', '{', '}', ':', '"text"', 'a', 'é', ' ', '=', '\u0000'];
    const names = ['f.csv', 'f.tsv', 'f.jsonl', 'f.txt', 'f', 'f.xlsx'];
    const codes = new Set<number>();
    for (let i = 0; i < 300; i++) {
      const parts: Buffer[] = [];
      const n = Math.floor(rng() * 60);
      for (let k = 0; k < n; k++) {
        parts.push(rng() < 0.05 ? Buffer.from([Math.floor(rng() * 256)]) : Buffer.from(alphabet[Math.floor(rng() * alphabet.length)]));
      }
      const body = multipartBody(Buffer.concat(parts), names[i % names.length]);
      const url = i % 3 === 0 ? '/v1/jobs' : '/v1/batch';
      const res = await h.app.inject({ method: 'POST', url, ...body });
      codes.add(res.statusCode);
      assert.ok([200, 202, 400, 413, 415].includes(res.statusCode), `case ${i}: ${res.statusCode} ${res.body.slice(0, 200)}`);
      if (res.statusCode >= 400) assert.match(res.json().error.code, /^[A-Z][A-Z0-9_]+$/);
    }
    assert.ok(codes.has(200) && codes.has(400), `a mix of outcomes: ${[...codes].join(',')}`);
    const res = await noModel.app.inject({ method: 'POST', url: '/v1/batch', ...multipartBody('text\nhi\n') });
    assert.equal(res.statusCode, 503);
    assert.equal(res.json().error.code, 'NO_MODEL');
  } finally {
    await h.close();
    await noModel.close();
  }
});
