/**
 * Workers against the real servers (DEALGRAPH_TEST_PG, DEALGRAPH_TEST_REDIS), each test on its own PostgreSQL
 * schema and Redis key prefix, with real processes: every fault ends with every article stored exactly once and
 * the graph equal to a one-process SQLite ingest of the same file (articles, entities, facts, deals counted,
 * entity names and deals compared).
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { Redis } from 'ioredis';
import { Queue } from 'bullmq';
import { REPO_ROOT, corpusPath } from '../ingest/corpora.js';
import { PgStore } from '../store/postgres.js';
import { SqliteStore } from '../store/sqlite.js';
import { ingestPaths } from '../pipeline.js';
import { PG_SKIP, TEST_PG, dropPgSchemas, freshPgUrl } from '../store/pg-testing.js';
import { QUEUE, connection, parseQueueUrl } from './queue.js';
import type { Store } from '../store/types.js';

const TEST_REDIS = process.env.DEALGRAPH_TEST_REDIS || undefined;
const SKIP = PG_SKIP ?? (TEST_REDIS ? undefined : 'DEALGRAPH_TEST_REDIS is not set (e.g. redis://127.0.0.1:6379)');
if (SKIP) console.log(`# worker tests skipped: ${SKIP}`);
const BIN = join(REPO_ROOT, 'bin', 'dealgraph.js');
const dir = mkdtempSync(join(tmpdir(), 'dealgraph-workers-'));
const N = 60;
const POISON = 'XYZZYPOISONWORD';
const prefixes: string[] = [];
let FILE = '', POISONED = '', BASE: Shape;

type Shape = Awaited<ReturnType<typeof shape>>;
/**
 * What two graphs are compared by. Names are compared without case: the first article to name an entity gives
 * its name, and workers finish articles in another order than one process (a re-delivered article comes last),
 * so "AM INTERNATIONAL INC" from a headline may be "AM International Inc" from a body.
 */
async function shape(s: Store) {
  const c = await s.counts();
  const names = (await s.allEntities()).map((e) => `${e.type} ${e.name.toLowerCase()}`).sort();
  const deals = (await s.deals({})).map((d) => `${d.type} ${d.parties.map((p) => `${p.name.toLowerCase()}/${p.role}`).sort().join(',')} ${d.status} ${d.facts}`).sort();
  return { articles: c.articles, nearDuplicates: c.nearDuplicates, entities: c.entities, facts: c.facts, deals: c.deals, events: c.events, names, dealRows: deals };
}

/** The first N Reuters-21578 articles (or the repo's fixture when the corpora are absent), and the same with a poison article. */
before(async () => {
  if (SKIP) return;
  const reuters = corpusPath('reuters21578', 'reut2-000.sgm');
  const text = existsSync(reuters) ? readFileSync(reuters, 'latin1') : readFileSync(join(REPO_ROOT, 'test', 'fixtures', 'deal', 'gm-psa.sgm'), 'latin1');
  const blocks = text.match(/<REUTERS[\s\S]*?<\/REUTERS>/g)!.slice(0, N);
  FILE = join(dir, 'articles.sgm');
  writeFileSync(FILE, blocks.join('\n') + '\n', 'latin1');
  POISONED = join(dir, 'poisoned.sgm');
  const poison = `<REUTERS NEWID="999999"><DATE>26-FEB-1987 15:01:01.79</DATE><TEXT><TITLE>ACME BUYS WIDGETS</TITLE><BODY>Acme Corp said it agreed to buy Widget Inc. ${POISON}.</BODY></TEXT></REUTERS>`;
  writeFileSync(POISONED, [...blocks.slice(0, N / 2), poison, ...blocks.slice(N / 2)].join('\n') + '\n', 'latin1');
  const lite = new SqliteStore(join(dir, 'one-process.db'));
  try { await ingestPaths(lite, [FILE]); BASE = await shape(lite); } finally { await lite.close(); }
});

after(async () => {
  await dropPgSchemas();
  if (!TEST_REDIS) return;
  const r = new Redis(TEST_REDIS);
  for (const p of prefixes) { const keys = await r.keys(`${p}:*`); if (keys.length) await r.del(...keys); }
  r.disconnect();
});

/** A test's own database and queue. */
function place() {
  const prefix = `dgtest${randomBytes(5).toString('hex')}`;
  prefixes.push(prefix);
  const app = `dgw_${prefix}`;
  const u = new URL(freshPgUrl());
  u.searchParams.set('application_name', app);
  const q = new URL(TEST_REDIS!);
  q.searchParams.set('prefix', prefix);
  return { db: u.toString(), queue: q.toString(), prefix, app };
}

/** A test's own database and queue, with FILE's articles accepted and enqueued. */
async function placeIngested(): Promise<ReturnType<typeof place>> {
  const p = place();
  const r = await run(['ingest', '--db', p.db, '--queue', p.queue, FILE]);
  assert.equal(r.code, 0, r.err);
  return p;
}

function run(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, ...env } });
    let out = '', err = '';
    p.stdout.on('data', (d) => { out += d; });
    p.stderr.on('data', (d) => { err += d; });
    p.on('exit', (code) => resolve({ code, out, err }));
  });
}

function worker(p: { db: string; queue: string }, env: Record<string, string> = {}): ChildProcess {
  const c = spawn(process.execPath, [BIN, 'worker', '--db', p.db, '--queue', p.queue, '--concurrency', '2'], { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
  c.stderr!.on('data', () => { /* retries are logged there */ });
  return c;
}
const stop = (c: ChildProcess, signal: NodeJS.Signals = 'SIGTERM') => new Promise<void>((resolve) => { if (c.exitCode !== null) resolve(); else { c.once('exit', () => resolve()); c.kill(signal); } });

async function states(db: string): Promise<Record<string, number>> {
  const s = await PgStore.open(db);
  try { return await s.stateCounts(); } finally { await s.close(); }
}
async function until(db: string, done: (st: Record<string, number>) => boolean, ms = 120_000): Promise<Record<string, number>> {
  const t0 = Date.now();
  for (;;) {
    const st = await states(db);
    if (done(st)) return st;
    if (Date.now() - t0 > ms) throw new Error(`timed out waiting: ${JSON.stringify(st)}`);
    await new Promise((r) => setTimeout(r, 300));
  }
}
const settled = (st: Record<string, number>) => st.accepted === 0;

async function sameAsOneProcess(db: string, base = BASE): Promise<void> {
  const s = await PgStore.open(db);
  try {
    const got = await shape(s);
    assert.deepEqual({ ...got, names: got.names.length, dealRows: got.dealRows.length }, { ...base, names: base.names.length, dealRows: base.dealRows.length });
    assert.deepEqual(got.names, base.names);
    assert.deepEqual(got.dealRows, base.dealRows);
  } finally { await s.close(); }
}

const T = { skip: SKIP, timeout: 300_000 };

test('workers: ingest --queue then two worker processes store every article once, the graph of a one-process SQLite ingest', T, async () => {
  const p = place();
  const r = await run(['ingest', '--db', p.db, '--queue', p.queue, FILE]);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /accepted \d+ articles .*: \d+ new/);
  const st = await run(['queue', 'status', '--queue', p.queue, '--db', p.db, '--format', 'json']);
  assert.ok(JSON.parse(st.out).waiting > 0, st.out);
  const ws = [worker(p), worker(p)];
  await until(p.db, settled);
  await Promise.all(ws.map((w) => stop(w)));
  await sameAsOneProcess(p.db);
});

test('workers: kill -9 of a worker mid-batch, then a restart: every article once, the same graph', T, async () => {
  const p = await placeIngested();
  const w = worker(p);
  const mid = await until(p.db, (s) => s.done >= 10);
  await stop(w, 'SIGKILL');
  assert.ok(mid.accepted > 0, 'the kill came before the end');
  const again = worker(p);
  await until(p.db, settled);
  await stop(again);
  await sameAsOneProcess(p.db);
});

test('workers: Redis flushed while articles wait: a worker start enqueues them again from PostgreSQL', T, async () => {
  const p = await placeIngested();
  const r = new Redis(TEST_REDIS!);
  const keys = await r.keys(`${p.prefix}:*`);
  assert.ok(keys.length > 0);
  await r.del(...keys);
  r.disconnect();
  const st = JSON.parse((await run(['queue', 'status', '--queue', p.queue, '--db', p.db, '--format', 'json'])).out);
  assert.equal(st.waiting, 0, 'the queue lost them');
  assert.ok(st.accepted > 0, 'PostgreSQL has them');
  const w = worker(p);
  await until(p.db, settled);
  await stop(w);
  await sameAsOneProcess(p.db);
});

test('workers: the PostgreSQL connection dropped mid-transaction (pg_terminate_backend): retried, every article once', T, async () => {
  const p = await placeIngested();
  const w = worker(p);
  const admin = new pg.Client({ connectionString: TEST_PG });
  await admin.connect();
  try {
    let killed = 0;
    for (let i = 0; i < 300 && killed < 2; i++) {
      await new Promise((r) => setTimeout(r, killed ? 1_000 : 50));
      // Only a backend inside a transaction: the drop lands mid-transaction.
      const r = await admin.query("SELECT count(pg_terminate_backend(pid)) n FROM pg_stat_activity WHERE application_name = $1 AND state = 'idle in transaction' OR (application_name = $1 AND state = 'active' AND xact_start IS NOT NULL AND pid <> pg_backend_pid())", [p.app]);
      killed += Number(r.rows[0].n);
    }
    assert.ok(killed > 0, 'a connection was dropped mid-transaction');
  } finally { await admin.end(); }
  const st = await until(p.db, settled);
  await stop(w);
  assert.equal(st.dead ?? 0, 0, 'nothing dead: each drop was retried');
  await sameAsOneProcess(p.db);
});

test('workers: the same file ingested twice at once from two processes, and every article delivered twice: each stored once', T, async () => {
  const p = place();
  const rs = await Promise.all([run(['ingest', '--db', p.db, '--queue', p.queue, FILE]), run(['ingest', '--db', p.db, '--queue', p.queue, FILE])]);
  for (const r of rs) assert.equal(r.code, 0, r.err);
  const s = await PgStore.open(p.db);
  const ids = await s.acceptedIds();
  await s.close();
  // A second delivery of each article under another job id (what a lost acknowledgement looks like).
  const q = parseQueueUrl(p.queue);
  const work = new Queue(QUEUE, { connection: connection(q), prefix: q.prefix });
  await work.addBulk(ids.map((id) => ({ name: 'extract', data: { article: id }, opts: { jobId: `again-${id}`, removeOnComplete: true } })));
  await work.close();
  const ws = [worker(p), worker(p)];
  await until(p.db, settled);
  await new Promise((r) => setTimeout(r, 1500)); // the second deliveries finish too
  await Promise.all(ws.map((w) => stop(w)));
  await sameAsOneProcess(p.db);
});

test('workers: a poison article (extraction throws) is retried, then ends in the dead letters with its reason; the rest go on', T, async () => {
  const p = place();
  assert.equal((await run(['ingest', '--db', p.db, '--queue', p.queue, POISONED])).code, 0);
  const w = worker(p, { DEALGRAPH_TEST_POISON: POISON });
  await until(p.db, (s) => s.accepted === 0 && s.dead === 1);
  await stop(w);
  const st = JSON.parse((await run(['queue', 'status', '--queue', p.queue, '--db', p.db, '--format', 'json'])).out);
  assert.equal(st.dead, 1);
  const admin = new pg.Client({ connectionString: TEST_PG, options: `-c search_path=${new URL(p.db).searchParams.get('schema')}` });
  await admin.connect();
  try {
    const dead = await admin.query("SELECT error FROM articles WHERE state = 'dead'");
    assert.match(dead.rows[0].error, /test poison/);
  } finally { await admin.end(); }
  await sameAsOneProcess(p.db);
});
