import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { main } from './main.js';
import { REPO_ROOT } from '../ingest/corpora.js';

async function run(args: string[]) {
  let out = '', err = '';
  const code = await main(args, { out: (s) => { out += s; }, err: (s) => { err += s; } });
  return { code, out, err };
}
const dir = mkdtempSync(join(tmpdir(), 'dealgraph-cli-'));
const file = (name: string, data: string | Buffer) => { const p = join(dir, name); writeFileSync(p, data); return p; };

test('entities prints { type, text, start, end, value? } with offsets into the text', async () => {
  const text = "PSA's automotive business lost E92 million ($122 million) in 2011, PSA CEO Philippe Varin said in Paris.";
  const r = await run(['entities', '--date', '2012-02-29', file('a.txt', text)]);
  assert.equal(r.code, 0, r.err);
  const spans = JSON.parse(r.out) as { type: string; text: string; start: number; end: number; value?: unknown }[];
  for (const s of spans) assert.equal(text.slice(s.start, s.end), s.text);
  const find = (type: string, t: string) => spans.find((s) => s.type === type && s.text === t);
  assert.ok(find('ORG', 'PSA'));
  assert.ok(find('PER', 'Philippe Varin'));
  assert.ok(find('LOC', 'Paris'));
  assert.deepEqual(find('MONEY', 'E92 million')?.value, { value: 92_000_000, currency: 'EUR' });
  assert.deepEqual(find('MONEY', '$122 million')?.value, { value: 122_000_000, currency: 'USD' });
  assert.deepEqual(find('DATE', '2011')?.value, { value: '2011' });
});

test('bad input gets a clear error naming the input, and a non-zero exit', async () => {
  const cases: [string[], RegExp][] = [
    [['entities', file('empty.txt', '')], /empty\.txt: expected text, found an empty input/],
    [['entities', file('blank.txt', ' \n\t\n')], /blank\.txt: expected text, found only white space/],
    [['entities', file('junk.bin', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 1, 2, 3]))], /junk\.bin: expected text, found binary data/],
    [['entities', join(dir, 'missing.txt')], /missing\.txt: expected a readable file, found ENOENT/],
    [['entities', dir], /expected a file, found a directory/],
    [['entities'], /expected one FILE/],
    [['entities', '--date', '2012-02-30', file('b.txt', 'GM')], /--date: expected a date as YYYY-MM-DD, found "2012-02-30"/],
    [['entities', '--bogus', file('c.txt', 'GM')], /Unknown option '--bogus'/],
    [['frobnicate'], /expected a command \(entities, extract, schema, ingest, query, entity, export, market, db, worker, queue, serve\), found "frobnicate"/],
  ];
  for (const [args, re] of cases) {
    const r = await run(args);
    assert.notEqual(r.code, 0, args.join(' '));
    assert.match(r.err, re);
    assert.equal(r.out, '');
  }
});

test('a 20 MB single line is processed without crashing; a 30 MB one is refused', async () => {
  const line = 'Chrysler Corp agreed to buy American Motors Corp for 757 mln dlrs and '.repeat(Math.ceil(20e6 / 71)).slice(0, 20e6);
  const r = await run(['entities', file('long.txt', line)]);
  assert.equal(r.code, 0, r.err);
  assert.ok(r.out.length > 1000);
  const big = await run(['entities', file('big.txt', Buffer.alloc(30 * 1024 * 1024, 'a'))]);
  assert.equal(big.code, 1);
  assert.match(big.err, /big\.txt: expected an article of at most 25 MB, found 30\.0 MB/);
});

test('Latin-1 bytes that are not UTF-8 are read as Latin-1', async () => {
  const r = await run(['entities', file('latin1.txt', Buffer.from('Nestl\xe9 SA bought a stake in M\xfcnchen Re.', 'latin1'))]);
  assert.equal(r.code, 0, r.err);
  assert.ok(JSON.parse(r.out).some((s: { text: string }) => s.text.startsWith('Nestlé')));
});

test('the installed command reads standard input', async () => {
  const p = spawnSync(process.execPath, [join(REPO_ROOT, 'bin', 'dealgraph.js'), 'entities', '-'], { input: 'Ford Motor Co said so.', encoding: 'utf8' });
  assert.equal(p.status, 0, p.stderr);
  assert.deepEqual(JSON.parse(p.stdout)[0], { type: 'ORG', text: 'Ford Motor Co', start: 0, end: 13 });
});

test('extract: one article prints one object, several print JSONL; failures print error records; --explain goes to standard error', async () => {
  const a = file('deal.txt', 'Chrysler Corp said it agreed to acquire American Motors Corp for 757 mln dlrs.');
  const one = await run(['extract', '--date', '1987-03-09', a]);
  assert.equal(one.code, 0, one.err);
  const x = JSON.parse(one.out);
  assert.equal(x.schema, 'dealgraph/extraction@2');
  assert.equal(x.article.published, '1987-03-09');
  assert.ok(x.facts.some((f: { type: string; status: string }) => f.type === 'acquisition' && f.status === 'agreed'));
  assert.ok(one.out.includes('\n  "schema"'), 'a single article is pretty-printed');
  const two = await run(['extract', a, join(dir, 'missing.txt'), a]);
  assert.equal(two.code, 1);
  const lines = two.out.trim().split('\n').map((l) => JSON.parse(l));
  assert.equal(lines.length, 3);
  assert.match(lines[1].error.reason, /missing\.txt: expected a readable file or directory, found ENOENT/);
  assert.equal(lines[2].schema, 'dealgraph/extraction@2');
  const jsonl = await run(['extract', '--format', 'jsonl', a]);
  assert.equal(jsonl.out.trim().split('\n').length, 1);
  const ex = await run(['extract', '--explain', a]);
  assert.match(ex.err, /rule acq\.\S+, trigger "acquire"/);
  assert.match(ex.err, /cue: status "agreed to acquire" → agreed/);
  const bad = await run(['extract', '--format', 'xml', a]);
  assert.equal(bad.code, 1);
  assert.match(bad.err, /--format: expected json or jsonl, found "xml"/);
});

test('extract: an article over its deadline or the size limit fails with the reason; the others are still extracted', async () => {
  const small = file('small.txt', 'Chrysler Corp said it agreed to acquire American Motors Corp for 757 mln dlrs.');
  const slow = file('slow.txt', 'Acme Corp agreed to acquire Beta Inc. '.repeat(26_000));
  const huge = file('huge.txt', 'word '.repeat(240_000));
  const t0 = performance.now();
  const r = await run(['extract', '--deadline', '0.5', slow, huge, small]);
  const secs = (performance.now() - t0) / 1000;
  assert.equal(r.code, 1);
  const lines = r.out.trim().split('\n').map((l) => JSON.parse(l));
  assert.equal(lines.length, 3);
  assert.match(lines[0].error.reason, /slow\.txt: expected extraction to finish within 0\.5 s, found it still running; stopped/);
  assert.match(lines[1].error.reason, /huge\.txt: expected an article of at most 1,000,000 characters, found 1,200,000/);
  assert.ok(lines[2].facts.some((f: { type: string }) => f.type === 'acquisition'));
  assert.ok(secs < 20, `${secs.toFixed(1)} s`);
  const bad = await run(['extract', '--deadline', 'soon', small]);
  assert.equal(bad.code, 1);
  assert.match(bad.err, /--deadline: expected seconds between 0 and 3600, found "soon"/);
});
