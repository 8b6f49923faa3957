/**
 * Many writers on one database, as real processes: two ingests of the same
 * files at once, and a server taking POSTs while an ingest runs. SQLite
 * serialises the writes (BEGIN IMMEDIATE with a busy timeout); the duplicate
 * check runs inside the write transaction, so every article is stored once and
 * nobody crashes.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { runBin } from './cli/testing.js';

const dir = mkdtempSync(join(tmpdir(), 'dealgraph-writers-'));
const BUYERS = ['Chrysler Corp', 'Allegheny International Inc', 'Hanson Trust Plc', 'Texas Air Corp', 'Borg-Warner Corp', 'Dart Group Corp', 'Cyclops Corp', 'Gencorp Inc'];
const TARGETS = ['American Motors Corp', 'Sunbeam Corp', 'Kidde Inc', 'Eastern Airlines Inc', 'York International Corp', 'Supermarkets General Corp', 'Alleghany Corp', 'RKO General Inc'];

/** Distinct wire-style stories: `n` of them, numbered so no two share their text. */
function stories(n: number, tag: string): string[] {
  return Array.from({ length: n }, (_, i) => {
    const a = BUYERS[i % 8], b = TARGETS[(i * 3 + 1) % 8];
    return `${a} said it agreed to acquire the ${tag} unit number ${i} of ${b} for ${i + 7} mln dlrs in cash. ` +
      `The transaction, approved by the boards of both companies on day ${i} of the ${tag} series, is expected to close in the second quarter. ` +
      `${a} shares rose ${(i % 9) + 1} pct in trading on the New York Stock Exchange.`;
  });
}

function writeStories(name: string, texts: string[]): string {
  const d = join(dir, name);
  mkdirSync(d);
  texts.forEach((t, i) => writeFileSync(join(d, `s${String(i).padStart(4, '0')}.txt`), t));
  return d;
}


function dbCounts(path: string): { articles: number; distinct: number; integrity: string } {
  const db = new Database(path, { readonly: true });
  try {
    const a = db.prepare('SELECT count(*) n, count(DISTINCT text_hash) d FROM articles').get() as { n: number; d: number };
    return { articles: a.n, distinct: a.d, integrity: db.pragma('integrity_check', { simple: true }) as string };
  } finally { db.close(); }
}

/** Articles an ingest stored: new ones and near-duplicates (the stories are alike, so some are near-duplicates of others). */
const stored = (out: string): number => { const m = /(\d+) new, \d+ duplicate, (\d+) near-duplicate/.exec(out); return m ? Number(m[1]) + Number(m[2]) : NaN; };

test('two ingests of the same files at once, on a database neither has created yet: both exit 0 and every article is stored once', async () => {
  const N = 120;
  const d = writeStories('same', stories(N, 'same'));
  const db = join(dir, 'two.db');
  const runs = [runBin(['ingest', '--db', db, '--batch-size', '10', d]), runBin(['ingest', '--db', db, '--batch-size', '10', d])];
  const [a, b] = await Promise.all(runs.map((r) => r.done));
  for (const r of [a, b]) {
    assert.equal(r.code, 0, r.err);
    assert.doesNotMatch(r.err, /\n\s+at |SqliteError|UNIQUE constraint|database is locked/);
  }
  assert.equal(stored(a.out) + stored(b.out), N, `${a.out}\n${b.out}`);
  assert.deepEqual(dbCounts(db), { articles: N, distinct: N, integrity: 'ok' });
});

test('serve and ingest side by side: every POST is answered 200 and stored, and so is every ingested file', async () => {
  const N = 100, P = 40;
  const d = writeStories('side', stories(N, 'ingested'));
  const posted = stories(P, 'posted');
  const db = join(dir, 'side.db');
  const server = runBin(['serve', '--db', db, '--port', '0']);
  try {
    const base = await new Promise<string>((resolve, reject) => {
      let buf = '';
      server.child.stdout!.on('data', (x) => { buf += x; const m = /at (http:\/\/[^/]+)\//.exec(buf); if (m) resolve(m[1]); });
      void server.done.then((r) => reject(new Error(`serve exited: ${r.err}`)));
    });
    const ingest = runBin(['ingest', '--db', db, '--batch-size', '5', d]);
    const statuses: number[] = [];
    // Four clients posting one article each at a time, while the ingest commits its batches.
    await Promise.all([0, 1, 2, 3].map(async (c) => {
      for (let i = c; i < P; i += 4) {
        const res = await fetch(`${base}/api/articles`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ id: `p${i}`, text: posted[i], published: '2020-03-01' }) });
        statuses.push(res.status);
        const body = await res.json() as { added: number; nearDuplicates: number; error?: string };
        assert.equal(res.status, 200, JSON.stringify(body));
        assert.equal(body.added + body.nearDuplicates, 1, JSON.stringify(body));
      }
    }));
    const r = await ingest.done;
    assert.equal(r.code, 0, r.err);
    assert.equal(stored(r.out), N, r.out);
    assert.equal(statuses.length, P);
    assert.deepEqual(dbCounts(db), { articles: N + P, distinct: N + P, integrity: 'ok' });
  } finally {
    server.child.kill('SIGTERM');
    await server.done;
  }
});
