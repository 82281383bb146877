import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../../src/config/package-info.js';

const BIN = join(PACKAGE_ROOT, 'bin', 'warden.js');
const dir = await mkdtemp(join(tmpdir(), 'warden-cli-err-'));

function warden(args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, WARDEN_DATA_DIR: join(dir, 'var') } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

async function file(name: string, content: string | Buffer): Promise<string> {
  const p = join(dir, name);
  await writeFile(p, content);
  return p;
}

test('--help works on every verb (exit 0); no verb is a usage error (exit 2)', () => {
  for (const verb of ['train', 'eval', 'score', 'compare', 'models', 'tag', 'triage', 'serve', 'keys']) {
    const r = warden([verb, '--help']);
    assert.equal(r.code, 0, verb);
    assert.match(r.stdout, new RegExp(`Usage: warden ${verb}`));
  }
  assert.equal(warden([]).code, 2);
  assert.equal(warden(['--help']).code, 0);
  const unknown = warden(['frobnicate']);
  assert.equal(unknown.code, 2);
  assert.match(unknown.stderr, /unknown command 'frobnicate'/);
});

test('usage errors exit 2 with a one-line message', () => {
  const cases: [string[], RegExp][] = [
    [['train', '--bogus'], /Unknown option '--bogus'/],
    [['train', '--folds', 'x'], /--folds must be a number/],
    [['train', '--policy', 'precision>=2'], /./],
    [['eval'], /--data FILE is required/],
    [['score', '--in', 'x.csv'], /--out FILE is required/],
    [['tag'], /give a text/],
  ];
  for (const [args, re] of cases) {
    const r = warden(args);
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, re);
    assert.equal(r.stderr.trim().split('\n').length, 1, 'one line');
  }
});

test('every bad-data error names the file and line, exit 1', async () => {
  const cases: [string, string | Buffer, RegExp][] = [
    ['missing-col.csv', 'message_body,kind\nhello,ham\n', /missing-col\.csv.*(text|column)/i],
    ['labels.csv', 'text,label\nhello,ham\nhi,maybe\nyo,perhaps\nbuy now,spam\n', /labels\.csv.*maybe.*perhaps|labels\.csv.*perhaps.*maybe/s],
    ['empty.csv', 'text,label\nhello,ham\n"",spam\n', /empty\.csv:3/],
    ['utf8.tsv', Buffer.concat([Buffer.from('ham\thello\nspam\tbad '), Buffer.from([0xff, 0xfe]), Buffer.from('\n')]), /utf8\.tsv:2.*UTF-8/i],
    ['oneclass.csv', 'text,label\nhello,ham\nhi there,ham\n', /two classes|one class/i],
    ['bad.jsonl', '{"text":"hi","label":"ham"}\n{"text": oops}\n', /bad\.jsonl:2/],
  ];
  for (const [name, content, re] of cases) {
    const p = await file(name, content);
    const r = warden(['train', '--data', p, '--json']);
    assert.equal(r.code, 1, `${name}: ${r.stderr}`);
    assert.match(r.stderr, re, name);
  }
});

test('--skip-invalid skips and counts rows instead of failing', async () => {
  const rows = ['text,label'];
  // Distinct letters (not digits: digit runs fold together in the group key).
  const word = (i: number) => String.fromCharCode(97 + (i % 26)) + String.fromCharCode(97 + Math.floor(i / 26));
  for (let i = 0; i < 60; i++) rows.push(`hello friend ${word(i)} see you soon,ham`, `WIN a FREE prize ${word(i)} call 09061701000,spam`);
  rows.push('"",ham', 'whatever,unknownlabel');
  const p = await file('skippy.csv', rows.join('\n'));
  const r = warden(['train', '--data', p, '--json', '--folds', '2', '--rules', 'off', '--no-register']);
  assert.equal(r.code, 1, 'without the flag it fails');
  const ok = warden(['train', '--data', p, '--json', '--folds', '2', '--rules', 'off', '--no-register', '--skip-invalid']);
  assert.equal(ok.code, 0, ok.stderr);
  assert.equal(JSON.parse(ok.stdout).rows, 120);
});

test('a missing model is a clear failure', () => {
  const r = warden(['triage', 'hello']);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /MODEL_NOT_FOUND/);
});
