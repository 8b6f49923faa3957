import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { createHash } from 'node:crypto';
import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { REPO_ROOT } from '../ingest/corpora.js';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SqliteStore } from './sqlite.js';
import { storeSuite } from './store.suite.js';

const dir = mkdtempSync(join(tmpdir(), 'dealgraph-store-'));
const BIN = join(REPO_ROOT, 'bin', 'dealgraph.js');
let file = '';
storeSuite('sqlite', async () => {
  file = join(dir, `t${Math.random().toString(36).slice(2)}.db`);
  return new SqliteStore(file);
}, async () => new SqliteStore(file));

test('sqlite: a file that is not a database is refused with a clear error', async () => {
  const bad = join(dir, 'not-a-db.db');
  writeFileSync(bad, 'this is not sqlite '.repeat(100));
  assert.throws(() => new SqliteStore(bad), /not-a-db\.db: expected a dealgraph SQLite database/);
  rmSync(bad);
});

const sha = (path: string): string => createHash('sha256').update(readFileSync(path)).digest('hex');
const sideFiles = (path: string): string[] => ['-wal', '-shm', '-journal'].filter((x) => existsSync(path + x));

test('sqlite: another program\'s database is refused before anything is written, and left byte for byte unchanged', async () => {
  // Real foreign databases: an address book in rollback-journal mode, and a WAL one with an index and a view.
  const cases: [string, string[], RegExp][] = [
    ['contacts.db', ['CREATE TABLE people (id INTEGER PRIMARY KEY, name TEXT, email TEXT)', "INSERT INTO people (name, email) VALUES ('Ada Lovelace', 'ada@example.org')"], /tables people\)/],
    ['shop.db', ['PRAGMA journal_mode = WAL', 'CREATE TABLE orders (id INTEGER PRIMARY KEY, total REAL)', 'CREATE TABLE meta (key TEXT, value TEXT)', 'CREATE INDEX orders_total ON orders(total)',
      'CREATE VIEW big AS SELECT * FROM orders WHERE total > 100', 'INSERT INTO orders (total) VALUES (12.5), (250)'], /tables meta, orders\)/],
  ];
  for (const [name, sql, tables] of cases) {
    const path = join(dir, name);
    const db = new Database(path);
    for (const q of sql) db.exec(q);
    db.close();
    const before = sha(path), sides = sideFiles(path);
    assert.throws(() => new SqliteStore(path), (e: Error) => {
      assert.match(e.message, new RegExp(`^dealgraph: ${path.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}: expected a dealgraph database or an empty file, found a SQLite database of another program`));
      assert.match(e.message, tables);
      return true;
    }, name);
    assert.equal(sha(path), before, `${name} was modified`);
    assert.deepEqual(sideFiles(path), sides, `${name}: side files appeared`);
    const check = new Database(path, { readonly: true });
    assert.equal(check.pragma('journal_mode', { simple: true }), sql[0].includes('WAL') ? 'wal' : 'delete', `${name}: journal mode changed`);
    assert.deepEqual((check.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map((r) => r.name), name === 'shop.db' ? ['meta', 'orders'] : ['people']);
    check.close();
  }
});

test('sqlite: a new path, an empty file and an existing dealgraph database open normally', async () => {
  const fresh = join(dir, 'sub-new.db');
  const empty = join(dir, 'empty.db');
  writeFileSync(empty, '');
  for (const path of [fresh, empty]) {
    const s = new SqliteStore(path, { check: true });
    assert.equal((await s.counts()).articles, 0);
    await s.close();
    const again = new SqliteStore(path, { check: true });
    assert.equal((await again.counts()).articles, 0);
    await again.close();
    const db = new Database(path, { readonly: true });
    assert.equal(db.pragma('journal_mode', { simple: true }), 'wal');
    assert.equal((db.prepare("SELECT value FROM meta WHERE key = 'schema'").get() as { value: string }).value, '7');
    db.close();
  }
});

/** A dealgraph database with one page of its `facts` table overwritten by garbage. */
async function damaged(name: string): Promise<string> {
  const path = join(dir, name);
  const s = new SqliteStore(path);
  await s.transaction(async () => {
    for (let i = 0; i < 40; i++) {
      const id = await s.insertArticle({ extId: `a${i}`, source: `a${i}.txt`, url: null, title: null, dateline: null, published: '2020-01-01', text: `Acme Corp said it agreed to buy Widget ${i} Inc.`,
        textHash: `h${i}`, signature: [1, 2, 3], bands: [i], nearDupOf: null, extraction: { schema: 'dealgraph/extraction@2', article: { id: `a${i}`, source: `a${i}.txt`, title: null, dateline: null, published: null, chars: 10 }, entities: [], facts: [], events: [] } });
      await s.insertFacts([{ articleId: id, type: 'acquisition', args: { acquirer: 1, target: 2 }, status: 'agreed', negated: false, modality: 'asserted', date: '2020-01-01', timeText: null, evidence: [{ start: 0, end: 9 }], confidence: 0.9, rule: 'test', nearDup: false,
        deal: { key: `acq|${i}`, type: 'acquisition', parties: [] } }]);
    }
  });
  await s.close();
  const db = new Database(path);
  db.pragma('wal_checkpoint(TRUNCATE)');
  const page = (db.prepare("SELECT rootpage FROM sqlite_master WHERE name = 'facts'").get() as { rootpage: number }).rootpage;
  const size = db.pragma('page_size', { simple: true }) as number;
  db.close();
  const fd = openSync(path, 'r+');
  writeSync(fd, Buffer.alloc(size, 0x5a), 0, size, (page - 1) * size);
  closeSync(fd);
  return path;
}

test('sqlite: a database with a damaged page is reported with quick_check\'s finding, at open for writers and at the first read for readers', async () => {
  const path = await damaged('damaged.db');
  assert.throws(() => new SqliteStore(path, { check: true }), /dealgraph: \S*damaged\.db: expected an intact dealgraph SQLite database, found a damaged one: quick_check: /);
  const s = new SqliteStore(path);
  try {
    await assert.rejects(async () => await s.deals({}), /dealgraph: \S*damaged\.db: expected an intact dealgraph SQLite database, found a damaged one: quick_check: .*(page|btree|Tree)/i);
  } finally { await s.close(); }
});

test('sqlite: on the command line a foreign or damaged database is a one-line dealgraph: message, never a stack trace', async () => {
  const foreign = join(dir, 'cli-foreign.db');
  const db = new Database(foreign);
  db.exec('CREATE TABLE songs (id INTEGER PRIMARY KEY, title TEXT)');
  db.close();
  const before = sha(foreign);
  const bad = await damaged('cli-damaged.db');
  const article = join(dir, 'cli-article.txt');
  writeFileSync(article, 'Chrysler Corp said it agreed to acquire American Motors Corp for 757 mln dlrs.');
  const cases: [string[], RegExp][] = [
    [['ingest', '--db', foreign, article], /expected a dealgraph database or an empty file, found a SQLite database of another program \(tables songs\)/],
    [['query', 'deals', '--db', foreign], /expected a dealgraph database or an empty file/],
    [['ingest', '--db', bad, article], /expected an intact dealgraph SQLite database, found a damaged one: quick_check: /],
    [['query', 'deals', '--db', bad], /expected an intact dealgraph SQLite database, found a damaged one: quick_check: /],
    [['serve', '--db', bad, '--port', '0'], /expected an intact dealgraph SQLite database, found a damaged one: quick_check: /],
  ];
  for (const [args, message] of cases) {
    const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 30_000 });
    assert.equal(r.status, 1, `${args.join(' ')}: ${r.stdout}${r.stderr}`);
    assert.match(r.stderr, /^dealgraph: /, args.join(' '));
    assert.match(r.stderr, message, args.join(' '));
    assert.doesNotMatch(r.stderr, /\n\s+at |SqliteError/, `${args.join(' ')}: a stack trace`);
    assert.equal(r.stderr.trim().split('\n').length, 1, `${args.join(' ')}: ${r.stderr}`);
  }
  assert.equal(sha(foreign), before);
});

test('sqlite: a version-4 database (before events) gets the events tables and version 7 when opened', async () => {
  const path = join(dir, 'v4.db');
  new SqliteStore(path).close();
  const raw = new Database(path);
  raw.exec("DROP TABLE event_entities; DROP TABLE events; UPDATE meta SET value = '4' WHERE key = 'schema'");
  raw.close();
  const s = new SqliteStore(path, { check: true });
  assert.equal((await s.counts()).articles, 0);
  await s.close();
  const db = new Database(path, { readonly: true });
  assert.equal((db.prepare("SELECT value FROM meta WHERE key = 'schema'").get() as { value: string }).value, '7');
  assert.deepEqual((db.prepare("SELECT name FROM sqlite_master WHERE name IN ('events', 'event_entities') ORDER BY name").all() as { name: string }[]).map((r) => r.name), ['event_entities', 'events']);
  db.close();
});

test('sqlite: a version-5 database (before prices) gets the price and symbol-link tables and version 7 when opened, its rows kept', async () => {
  const path = join(dir, 'v5.db');
  const s0 = new SqliteStore(path);
  const e = await s0.createEntity('ORG', 'Ford Motor Co');
  await s0.close();
  const raw = new Database(path);
  raw.exec("DROP TABLE prices; DROP TABLE index_prices; DROP TABLE symbol_links; UPDATE meta SET value = '5' WHERE key = 'schema'");
  raw.close();
  const s = new SqliteStore(path, { check: true });
  assert.equal((await s.entity(e))?.name, 'Ford Motor Co');
  await s.transaction(async () => await s.market.upsertPrices('stock', [{ date: '1987-03-02', symbol: 'F', close: 1.5 }]));
  assert.deepEqual(await s.market.symbols('stock'), [{ symbol: 'F', days: 1, from: '1987-03-02', to: '1987-03-02' }]);
  await s.close();
  const db = new Database(path, { readonly: true });
  assert.equal((db.prepare("SELECT value FROM meta WHERE key = 'schema'").get() as { value: string }).value, '7');
  assert.deepEqual((db.prepare("SELECT name FROM sqlite_master WHERE name IN ('prices', 'index_prices', 'symbol_links') ORDER BY name").all() as { name: string }[]).map((r) => r.name), ['index_prices', 'prices', 'symbol_links']);
  db.close();
});

test('sqlite: a version-5 database gets rival links, deal groups and date sources (version 7) when opened, its facts kept', async () => {
  const path = join(dir, 'v5-deals.db');
  const raw = new Database(path);
  // The version-5 layout of the tables version 7 changes, with one stored deal and its two facts.
  raw.exec(`CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    CREATE TABLE articles (id INTEGER PRIMARY KEY, ext_id TEXT NOT NULL, source TEXT NOT NULL, url TEXT, title TEXT, dateline TEXT, published TEXT,
      text TEXT NOT NULL, text_hash TEXT NOT NULL UNIQUE, signature TEXT NOT NULL, near_dup_of INTEGER REFERENCES articles(id), extraction TEXT NOT NULL, ingested_at TEXT NOT NULL);
    CREATE TABLE deals (id INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE, type TEXT NOT NULL);
    CREATE TABLE facts (id INTEGER PRIMARY KEY, article_id INTEGER NOT NULL REFERENCES articles(id), type TEXT NOT NULL, args TEXT NOT NULL,
      status TEXT, negated INTEGER NOT NULL, modality TEXT NOT NULL, date TEXT, time_text TEXT, evidence TEXT NOT NULL,
      confidence REAL NOT NULL, rule TEXT NOT NULL, deal_id INTEGER REFERENCES deals(id), near_dup INTEGER NOT NULL);
    INSERT INTO meta VALUES ('schema', '5');
    INSERT INTO articles VALUES (1, 'a1', 'a1.txt', NULL, NULL, NULL, '1987-03-04', 'text', 'h1', '[]', NULL, '{}', '2026-01-01');
    INSERT INTO deals VALUES (1, 'acquisition:2', 'acquisition');
    INSERT INTO facts VALUES (1, 1, 'acquisition', '{}', 'in_talks', 0, 'asserted', '1987-03-04', NULL, '[]', 0.8, 't', 1, 0);
    INSERT INTO facts VALUES (2, 1, 'acquisition', '{}', 'agreed', 0, 'asserted', '1987-03-02', 'Monday', '[]', 0.8, 't', 1, 0);`);
  raw.close();
  const s = new SqliteStore(path, { check: true });
  assert.deepEqual((await s.dealFacts(1)).map((f) => [f.id, f.dateSource]), [[2, 'text'], [1, 'article']]);
  assert.deepEqual(await s.dealRivals(1), []);
  await s.close();
  const db = new Database(path, { readonly: true });
  assert.equal((db.prepare("SELECT value FROM meta WHERE key = 'schema'").get() as { value: string }).value, '7');
  assert.ok((db.prepare('PRAGMA table_info(deals)').all() as { name: string }[]).some((c) => c.name === 'grp'));
  assert.equal((db.prepare("SELECT count(*) n FROM sqlite_master WHERE name = 'deal_links'").get() as { n: number }).n, 1);
  db.close();
});
