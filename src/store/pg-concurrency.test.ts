/**
 * Several writers on one PostgreSQL store at once, as real processes (DEALGRAPH_TEST_PG): two ingests that meet
 * the same new company create one canonical entity; a deal seen by both is one deal with both steps; a manual
 * merge holds while both ingest; the graph equals a one-process SQLite ingest of the same files.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '../ingest/corpora.js';
import { PgStore } from './postgres.js';
import { SqliteStore } from './sqlite.js';
import { ingestPaths } from '../pipeline.js';
import { PG_SKIP, dropPgSchemas, freshPgUrl } from './pg-testing.js';
import type { Store } from './types.js';
import { normName } from '../graph/keys.js';

if (PG_SKIP) console.log(`# postgres concurrency tests skipped: ${PG_SKIP}`);
after(dropPgSchemas);
const BIN = join(REPO_ROOT, 'bin', 'dealgraph.js');
const dir = mkdtempSync(join(tmpdir(), 'dealgraph-pgc-'));

function ingest(db: string, files: string[]): Promise<{ code: number | null; err: string }> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, [BIN, 'ingest', '--db', db, '--date', '1987-04-09', '--batch-size', '2', ...files]);
    let err = '';
    p.stderr.on('data', (d) => { err += d; });
    p.on('exit', (code) => resolve({ code, err }));
  });
}

/** Two folders of articles that name the same new companies and the same deal. */
function articles(): [string, string] {
  const a = join(dir, 'a'), b = join(dir, 'b');
  mkdirSync(a, { recursive: true }); mkdirSync(b, { recursive: true });
  for (let i = 0; i < 4; i++) {
    writeFileSync(join(a, `a${i}.txt`), `Zorblax agrees to buy Quentor ${i}\n\nCLEVELAND, March ${i + 2} - Zorblax Industries Inc said it agreed to acquire Quentor Holdings Corp for ${50 + i} mln dlrs in cash.\nZorblax Industries Inc makes industrial valves in ${['Ohio', 'Texas', 'Iowa', 'Utah'][i]}.\n`);
    writeFileSync(join(b, `b${i}.txt`), `Zorblax completes Quentor purchase ${i}\n\nCLEVELAND, April ${i + 9} - Zorblax Industries Inc said it completed its acquisition of Quentor Holdings Corp, its ${['first', 'second', 'third', 'fourth'][i]} purchase this year.\n`);
  }
  return [a, b];
}

/** What two graphs are compared by: counts, names, deals with their statuses and fact counts. */
async function shape(s: Store) {
  const c = await s.counts();
  const names = (await s.allEntities()).map((e) => `${e.type} ${e.name} ${e.articles}`).sort();
  const deals = (await s.deals({})).map((d) => `${d.type} ${d.key.replace(/\d+/g, '#')} ${d.status} ${d.facts}`).sort();
  return { articles: c.articles, entities: c.entities, facts: c.facts, deals: c.deals, names, dealRows: deals };
}

test('postgres: two ingest processes at once make one entity per company and one deal with both steps, as one SQLite ingest does', { skip: PG_SKIP, timeout: 120_000 }, async () => {
  const [a, b] = articles();
  const url = freshPgUrl();
  const runs = await Promise.all([ingest(url, [a]), ingest(url, [b])]);
  for (const r of runs) assert.equal(r.code, 0, r.err);
  const pg = await PgStore.open(url);
  const lite = new SqliteStore(join(dir, 'one.db'));
  try {
    await ingestPaths(lite, [a, b], { published: '1987-04-09' });
    const zorblax = (await pg.searchEntities('Zorblax Industries', 5)).filter((e) => e.name.startsWith('Zorblax'));
    assert.equal(zorblax.length, 1, 'one canonical Zorblax');
    assert.equal(zorblax[0].articles, 8);
    const deals = await pg.deals({ entity: zorblax[0].id, type: 'acquisition' });
    assert.equal(deals.length, 1, 'one deal');
    assert.equal(deals[0].status, 'completed');
    assert.equal(deals[0].facts, 8, 'with the steps of both writers');
    assert.deepEqual(await shape(pg), await shape(lite));
  } finally { await pg.close(); await lite.close(); }
});

test('postgres: a manual merge holds while two processes ingest names of the merged entity', { skip: PG_SKIP, timeout: 120_000 }, async () => {
  const [a, b] = articles();
  const url = freshPgUrl();
  const first = await ingest(url, [join(a, 'a0.txt')]);
  assert.equal(first.code, 0, first.err);
  let s = await PgStore.open(url);
  const z = (await s.searchEntities('Zorblax Industries', 1))[0], q = (await s.searchEntities('Quentor', 1))[0];
  await s.mergeEntities(z.id, q.id);
  await s.close();
  const runs = await Promise.all([ingest(url, [a]), ingest(url, [b])]);
  for (const r of runs) assert.equal(r.code, 0, r.err);
  s = await PgStore.open(url);
  try {
    assert.equal(await s.findEntity('ORG', [normName('Quentor Holdings Corp')]), z.id, 'the merged name still joins the entity it was merged into');
    assert.equal((await s.searchEntities('Quentor', 5)).filter((e) => e.name.startsWith('Quentor')).length, 0, 'no new Quentor entity');
  } finally { await s.close(); }
});
