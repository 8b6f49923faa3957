import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn, spawnSync } from 'node:child_process';
import Database from 'better-sqlite3';
import { SqliteStore } from './store/sqlite.js';
import { ingestPaths } from './pipeline.js';
import { REPO_ROOT } from './ingest/corpora.js';
import { main } from './cli/main.js';

const dir = mkdtempSync(join(tmpdir(), 'dealgraph-ingest-'));
const fresh = (name: string) => new SqliteStore(join(dir, name));
const DEAL = join(REPO_ROOT, 'test', 'fixtures', 'deal', 'gm-psa.sgm');
const BIN = join(REPO_ROOT, 'bin', 'dealgraph.js');

async function run(args: string[]) {
  let out = '', err = '';
  const code = await main(args, { out: (s) => { out += s; }, err: (s) => { err += s; } });
  return { code, out, err };
}
/** `ingest` answers asynchronously: its articles are extracted in a worker thread. */
async function runIngest(args: string[]) {
  let out = '', err = '';
  const code = await main(['ingest', ...args], { out: (s) => { out += s; }, err: (s) => { err += s; } });
  return { code, out, err };
}

test('a deal across three articles becomes one deal with a status timeline; --as-of answers what was known then', async () => {
  const s = fresh('deal.db');
  try {
    const sum = await ingestPaths(s, [DEAL]);
    assert.equal(sum.added, 3);
    const gm = (await s.searchEntities('General Motors', 1))[0];
    assert.equal(gm.name, 'General Motors Corp');
    assert.ok(gm.aliases.includes('GM'), `aliases: ${gm.aliases}`);
    const deals = await s.deals({ entity: gm.id, type: 'partnership' });
    assert.equal(deals.length, 1, JSON.stringify(deals));
    assert.deepEqual((await s.dealFacts(deals[0].id)).map((f) => [f.date, f.status]), [['2012-02-22', 'in_talks'], ['2012-02-29', 'agreed'], ['2013-12-12', 'ended']]);
    assert.equal(deals[0].status, 'ended');
    assert.equal((await s.deals({ entity: gm.id, type: 'partnership', asOf: '2012-02-25' }))[0].status, 'in_talks');
    assert.equal((await s.deals({ entity: gm.id, type: 'partnership', asOf: '2012-03-31' }))[0].status, 'agreed');
  } finally { await s.close(); }
  const db = join(dir, 'deal.db');
  for (const name of ['General Motors Corp', 'General Motors', 'GM', 'general motors corp.', 'the General Motors Corp']) {
    const r = await run(['query', 'entity', name, '--db', db, '--format', 'json']);
    assert.equal(r.code, 0, `${name}: ${r.err}`);
    assert.equal(JSON.parse(r.out).entity.name, 'General Motors Corp', name);
  }
  const unknown = await run(['query', 'entity', 'Nonexistent Widgets', '--db', db]);
  assert.equal(unknown.code, 1);
  assert.match(unknown.err, /expected a known company or person, found no entity named "Nonexistent Widgets"/);
  const prof = await run(['query', 'entity', 'PSA', '--db', db]);
  assert.equal(prof.code, 0, prof.err);
  assert.match(prof.out, /PSA Peugeot Citroen/);
  assert.match(prof.out, /role .*Philippe Varin: CEO/);
  const asJson = JSON.parse((await run(['query', 'deals', '--entity', 'GM', '--db', db, '--format', 'json', '--as-of', '2012-03-01'])).out);
  assert.equal(asJson.find((d: { type: string }) => d.type === 'partnership').status, 'agreed');
  const csvOut = (await run(['query', 'deals', '--db', db, '--format', 'csv'])).out;
  assert.match(csvOut.split('\n')[0], /^id,type,parties,status,first,last,facts$/);
  const path = await run(['query', 'path', 'General Motors', 'PSA', '--db', db]);
  assert.match(path.out, /General Motors Corp -\[partnership #\d+\]- PSA Peugeot Citroen/);
  // The event model's events, by entity and type, as a table and as JSON.
  const evs = await run(['query', 'events', '--entity', 'PSA', '--db', db, '--format', 'json']);
  assert.equal(evs.code, 0, evs.err);
  const items = JSON.parse(evs.out) as { type: string; sources: { article: number }[] }[];
  assert.ok(items.length > 0, 'PSA has events');
  const t = items[0].type;
  const typed = JSON.parse((await run(['query', 'events', '--entity', 'PSA', '--type', t, '--db', db, '--format', 'json'])).out) as { type: string }[];
  assert.ok(typed.length > 0 && typed.every((e) => e.type === t));
  assert.match((await run(['query', 'events', '--db', db, '--limit', '3'])).out, /^date +type +what/m);
});

test('idempotent: the same articles ingested twice add nothing; a re-sent story with a correction is a near-duplicate', async () => {
  const d = join(dir, 'idem');
  mkdirSync(d);
  const story = 'Chrysler Corp said it agreed to acquire American Motors Corp for 757 mln dlrs in cash and stock. ' +
    'The acquisition, which was approved by both boards, is expected to close in the third quarter. ' +
    'Chrysler chairman Lee Iacocca said the deal would strengthen the company. American Motors shares rose 12 pct. ';
  writeFileSync(join(d, 'a.txt'), story + 'Renault holds 46 pct of American Motors.');
  writeFileSync(join(d, 'b.txt'), story.toUpperCase().replace(/\s+/g, '  ') + 'Renault holds 46 pct of American Motors.'); // same normalized text
  writeFileSync(join(d, 'c.txt'), story + 'Renault holds 46.1 pct of American Motors, a correction said.'); // near-duplicate
  const s = fresh('idem.db');
  try {
    const first = await ingestPaths(s, [d]);
    assert.deepEqual([first.added, first.duplicates, first.nearDuplicates], [1, 1, 1]);
    const facts = (await s.counts()).facts;
    const again = await ingestPaths(s, [d]);
    assert.deepEqual([again.added, again.duplicates, again.nearDuplicates], [0, 3, 0]);
    assert.equal((await s.counts()).facts, facts);
    // Near-duplicate facts are kept but not counted twice as evidence.
    const amc = (await s.searchEntities('American Motors', 1))[0];
    const deal = (await s.deals({ entity: amc.id, type: 'acquisition' }))[0];
    assert.equal(deal.facts, 1);
  } finally { await s.close(); }
});

test('bad input is reported per item and loses nothing already stored', async () => {
  const d = join(dir, 'bad');
  mkdirSync(d);
  writeFileSync(join(d, 'good.txt'), 'Ford Motor Co said it would close its plant in Dagenham.');
  writeFileSync(join(d, 'empty.txt'), '');
  writeFileSync(join(d, 'junk.bin'), Buffer.from([0, 1, 2, 3, 255, 0]));
  writeFileSync(join(d, 'trunc.sgm'), '<REUTERS NEWID="1"><DATE>1-MAR-1987</DATE><TEXT><BODY>IBM Corp said it bought Rolm Corp.</BODY></TEXT></REUTERS>\n<REUTERS NEWID="2"><TEXT><BODY>Truncated in the mid');
  const db = join(dir, 'bad.db');
  const r = await runIngest(['--db', db, d, join(d, 'missing.txt')]);
  assert.equal(r.code, 1);
  assert.match(r.err, /empty\.txt: expected text, found an empty input/);
  assert.match(r.err, /junk\.bin: expected text, found binary data/);
  assert.match(r.err, /trunc\.sgm: article 2: .*expected <\/REUTERS>/);
  assert.match(r.err, /missing\.txt: expected a readable file or directory, found ENOENT/);
  assert.match(r.out, /2 new, 0 duplicate, 0 near-duplicate, 4 failed/);
  const s = new SqliteStore(db);
  try { assert.equal((await s.counts()).articles, 2); } finally { await s.close(); }
});

test('ingest extracts each article under a deadline and a size limit: one over them fails with the reason, the rest are stored', async () => {
  const d = join(dir, 'budget');
  mkdirSync(d);
  writeFileSync(join(d, 'a.txt'), 'Chrysler Corp said it agreed to acquire American Motors Corp for 757 mln dlrs.');
  writeFileSync(join(d, 'b.txt'), 'Acme Corp agreed to acquire Beta Inc. '.repeat(30_000)); // 1.14 million characters
  const db = join(dir, 'budget.db');
  const r = await runIngest(['--db', db, '--deadline', '5', d]);
  assert.equal(r.code, 1, r.err);
  assert.match(r.err, /b\.txt.*1,?140,?000|b\.txt.*expected/);
  assert.match(r.out, /1 new, 0 duplicate, 0 near-duplicate, 1 failed/);
  const bad = await runIngest(['--db', db, '--deadline', 'soon', d]);
  assert.equal(bad.code, 1);
  assert.match(bad.err, /--deadline: expected seconds between 0 and 3600, found "soon"/);
});

test('crash-safe: kill -9 in the middle of an ingest, rerun, and every article is stored exactly once', async () => {
  const d = join(dir, 'many');
  mkdirSync(d);
  const N = 1500;
  const companies = ['Alpha', 'Beta', 'Gamma', 'Delta', 'Omega', 'Sigma', 'Kappa', 'Lambda'];
  for (let i = 0; i < N; i++) {
    const a = companies[i % 8], b = companies[(i * 3 + 1) % 8];
    writeFileSync(join(d, `n${String(i).padStart(5, '0')}.txt`), `${a} Industries Inc said it agreed to acquire ${b} Holdings Corp unit number ${i} for ${i + 5} mln dlrs. ` +
      `The ${i}th deal of ${a} Industries was approved by its board on day ${i}. Analysts said ${a} shares rose ${i % 9 + 1} pct.`);
  }
  const db = join(dir, 'crash.db');
  const child = spawn(process.execPath, [BIN, 'ingest', '--db', db, '--batch-size', '50', d], { stdio: 'ignore' });
  const exited = new Promise((r) => child.on('exit', r));
  // Kill as soon as the first batches are committed: mid-ingest, whatever the machine's speed.
  const deadline = Date.now() + 60_000;
  for (;;) {
    await new Promise((r) => setTimeout(r, 20));
    let n = 0;
    try { const ro = new Database(db, { readonly: true, fileMustExist: true }); n = (ro.prepare('SELECT count(*) n FROM articles').get() as { n: number }).n; ro.close(); } catch { /* not created yet */ }
    if (n >= 100 || Date.now() > deadline) break;
  }
  child.kill('SIGKILL');
  await exited;
  const mid = new SqliteStore(db);
  const stored = (await mid.counts()).articles;
  await mid.close();
  assert.ok(stored < N, `the kill came too late to test anything (${stored} of ${N} stored)`);
  const rerun = spawnSync(process.execPath, [BIN, 'ingest', '--db', db, d], { encoding: 'utf8' });
  assert.equal(rerun.status, 0, rerun.stderr);
  const s = new SqliteStore(db);
  try {
    assert.equal((await s.counts()).articles, N);
    assert.match(rerun.stdout, new RegExp(`${N - stored} new, ${stored} duplicate`));
  } finally { await s.close(); }
});

test('ingest reads each input format: HTML, JSON, JSONL, RSS, Atom, Reuters SGML, plain text, standard input', async () => {
  const fx = (n: string) => join(REPO_ROOT, 'test', 'fixtures', 'ingest', n);
  const db = join(dir, 'formats.db');
  const cases: [string, number, number][] = [
    // file, articles stored, items failed
    ['article.html', 1, 0], ['broken.html', 1, 0], ['nav-only.html', 0, 1], ['records.json', 3, 1], ['records.jsonl', 3, 3],
    ['feed.rss', 2, 1], ['feed.atom', 3, 0],
  ];
  for (const [file, added, failed] of cases) {
    const r = await runIngest(['--db', db, fx(file)]);
    assert.match(r.out, new RegExp(`${added} new, 0 duplicate, 0 near-duplicate, ${failed} failed`), `${file}: ${r.out}${r.err}`);
    assert.equal(r.code, failed ? 1 : 0);
  }
  const sgm = await runIngest(['--db', db, DEAL]);
  assert.match(sgm.out, /3 new/);
  const stdin = spawnSync(process.execPath, [BIN, 'ingest', '--db', db, '--date', '2020-01-02', '-'], { input: 'Acme Widgets Inc said it agreed to buy Zenith Gadgets Corp for 12 mln dlrs.', encoding: 'utf8' });
  assert.equal(stdin.status, 0, stdin.stderr);
  assert.match(stdin.stdout, /1 new/);
  const s = new SqliteStore(db);
  try {
    const acme = (await s.searchEntities('Acme Widgets', 1))[0];
    assert.equal((await s.deals({ entity: acme.id }))[0].firstSeen, '2020-01-02');
  } finally { await s.close(); }
});

