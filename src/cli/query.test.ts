import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { REPO_ROOT } from '../ingest/corpora.js';
import { main } from './main.js';
import { table, wrap } from './graph-commands.js';

const dir = mkdtempSync(join(tmpdir(), 'dealgraph-query-cli-'));
const db = join(dir, 'q.db');
async function run(args: string[]) {
  let out = '', err = '';
  const code = await main(args, { out: (s) => { out += s; }, err: (s) => { err += s; } });
  return { code, out, err };
}
const NEWS = [
  'Halvorsen Shipping ASA said it agreed to acquire Fjord Tankers AS for 40 mln crowns.',
  'Halvorsen Shipping ASA said it agreed to acquire Bergen Lines AS.',
  'Halvorsen Shipping ASA said it would buy Nordic Barges AS for 12 mln crowns.',
  'Statoil AS said it agreed to acquire Polar Gas AS. Analyst Jon Halvorsen said the price was fair.',
];
before(async () => {
  const files = NEWS.map((t, i) => { const p = join(dir, `n${i}.txt`); writeFileSync(p, t); return p; });
  const r = await run(['ingest', '--db', db, '--date', '1987-04-02', ...files]);
  assert.equal(r.code, 0, r.err);
});

test('tables wrap long cells between words and break paths after a slash, never mid-word, within the width', () => {
  assert.deepEqual(wrap('General Motors Corp and PSA Peugeot Citroen', 16), ['General Motors', 'Corp and PSA', 'Peugeot Citroen']);
  assert.deepEqual(wrap('/work/shared/corpora/reuters21578/reut2-000.sgm#5', 20), ['/work/shared/', 'corpora/', 'reuters21578/reut2-', '000.sgm#5']);
  const what = 'partnership: General Motors Corp + PSA Peugeot Citroen, who agreed to form a strategic alliance covering purchasing and vehicle platforms';
  const t = table([{ date: '2012-02-29', what, sources: '#2 2012-02-29' }], ['date', 'what', 'sources'], 60);
  const lines = t.trimEnd().split('\n');
  assert.ok(lines.every((l) => l.length <= 60), t);
  assert.ok(lines.length > 3, 'the long cell wraps onto more lines');
  const [dateW, whatW] = lines[1].split('  ').map((d) => d.length);
  const cellWords = lines.slice(2).map((l) => l.slice(dateW + 2, dateW + 2 + whatW).trim()).join(' ').split(/\s+/);
  assert.deepEqual(cellWords, what.split(' '), 'every word is whole, in order');
  assert.equal(table([{ a: 'x', b: 'y' }], ['a', 'b'], 60), 'a  b\n-  -\nx  y\n');
});

test('lists say how much they show and how to see more; --limit and --all are in --help', async () => {
  const help = await run(['--help']);
  assert.match(help.out, /--limit N/);
  assert.match(help.out, /--all/);
  const two = await run(['query', 'deals', '--db', db, '--limit', '2']);
  assert.equal(two.code, 0, two.err);
  assert.match(two.out, /\n2 of 4 deals \(use --limit N \/ --all\)\n$/);
  const all = await run(['query', 'deals', '--db', db, '--all']);
  assert.doesNotMatch(all.out, / of \d+ deals/);
  assert.equal(all.out.split('\n').filter((l) => /acquisition/.test(l)).length, 4);
  const json = await run(['query', 'deals', '--db', db, '--limit', '1', '--format', 'json']);
  assert.equal(JSON.parse(json.out).length, 1, 'json stays clean');
  assert.match(json.err, /dealgraph: 1 of 4 deals \(use --limit N \/ --all\)/);
  for (const [args, re] of [[['--limit', '0'], /--limit: expected a number of rows from 1 to 999999, found "0"/], [['--limit', '5', '--all'], /expected either --limit or --all/]] as const) {
    const r = await run(['query', 'deals', '--db', db, ...args]);
    assert.equal(r.code, 1);
    assert.match(r.err, re);
  }
});

test('a name that matches weakly says what it chose and offers the alternatives', async () => {
  const weak = await run(['query', 'entity', 'Halvorsen', '--db', db]);
  assert.equal(weak.code, 0, weak.err);
  assert.match(weak.err, /^dealgraph: "Halvorsen": took Halvorsen Shipping ASA \(#\d+, ORG, 3 articles\), a partial match; did you mean Jon Halvorsen \(#\d+, PER, 1 article\)\? Give the full name or #ID\.\n$/);
  const full = await run(['query', 'entity', 'Halvorsen Shipping', '--db', db]);
  assert.equal(full.err, '', 'a full name is not questioned');
  assert.match(full.out, /^Halvorsen Shipping ASA \(#\d+, ORG\)/);
  const part = await run(['query', 'deals', '--entity', 'Statoi', '--db', db]);
  assert.match(part.err, /"Statoi": took Statoil AS \(#\d+, ORG, 1 article\), a partial match/);
});

test("the README's commands run as written: npx dealgraph is the installed command", () => {
  const r = spawnSync('npx', ['--no-install', 'dealgraph', 'query', 'deals', '--db', db, '--limit', '1'], { cwd: REPO_ROOT, encoding: 'utf8', timeout: 60_000 });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /1 of 4 deals/);
});
