/**
 * Soak: `dealgraph serve` under reads and writes together for SOAK_SECONDS
 * (60 by default, as issue 14 asks): ingest processes one after another on the same database,
 * two clients POSTing articles and four reading entities, deals and articles.
 * It ends with SQLite's integrity check and the counts verified (every article
 * the ingests and the POSTs stored is there, once), and prints the requests,
 * errors and p99 latency.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { runBin } from './cli/testing.js';

const SECONDS = Number(process.env.SOAK_SECONDS ?? 60);
const dir = mkdtempSync(join(tmpdir(), 'dealgraph-soak-'));
const BUYERS = ['Chrysler Corp', 'Hanson Trust Plc', 'Texas Air Corp', 'Dart Group Corp', 'Gencorp Inc', 'Cyclops Corp', 'Allegheny International Inc', 'Borg-Warner Corp'];
const SECTORS = ['steel', 'airline', 'grocery', 'chemicals', 'tyre', 'broadcasting', 'insurance', 'brewing', 'textiles', 'shipping', 'software', 'mining'];

/** A wire story unique to (`tag`, `i`): its own target company, sector and figures. */
function story(tag: string, i: number): string {
  const a = BUYERS[i % BUYERS.length], sector = SECTORS[(i * 7) % SECTORS.length];
  const target = `${tag.charAt(0).toUpperCase()}${tag.slice(1)} ${sector.charAt(0).toUpperCase()}${sector.slice(1)} Holdings ${i} Inc`;
  return `${a} said it agreed to acquire ${target}, a ${sector} company based in Ohio, for ${i * 3 + 11} mln dlrs in cash. ` +
    `${target} reported ${tag} sales of ${i + 40} mln dlrs last year and employs ${i * 17 + 200} people in ${i % 5 + 2} plants. ` +
    `The boards of both companies approved the transaction, numbered ${tag}-${i}, which is expected to close within ${i % 4 + 2} months.`;
}

const storedBy = (out: string): number => { const m = /(\d+) new, \d+ duplicate, (\d+) near-duplicate/.exec(out); return m ? Number(m[1]) + Number(m[2]) : NaN; };

const pct = (xs: number[], p: number): number => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN; };

test(`soak: serve with ingests, POSTs and reads together for ${SECONDS} s loses nothing and passes the integrity check`, { timeout: (SECONDS + 120) * 1000 }, async () => {
  const db = join(dir, 'soak.db');
  const server = runBin(['serve', '--db', db, '--port', '0']);
  const base = await new Promise<string>((resolve, reject) => {
    let buf = '';
    server.child.stdout!.on('data', (x) => { buf += x; const m = /at (http:\/\/[^/]+)\//.exec(buf); if (m) resolve(m[1]); });
    void server.done.then((r) => reject(new Error(`serve exited: ${r.err}`)));
  });
  const until = Date.now() + SECONDS * 1000;
  const lat: Record<string, number[]> = { read: [], post: [] };
  const errors: string[] = [];
  let posted = 0, ingested = 0, ingests = 0;
  const request = async (kind: 'read' | 'post', path: string, init?: RequestInit): Promise<unknown> => {
    const t0 = performance.now();
    try {
      const res = await fetch(base + path, init);
      const body = await res.json();
      lat[kind].push(performance.now() - t0);
      if (res.status !== 200) errors.push(`${init?.method ?? 'GET'} ${path}: ${res.status} ${JSON.stringify(body).slice(0, 200)}`);
      return res.status === 200 ? body : null;
    } catch (e) {
      errors.push(`${path}: ${(e as Error).message}`);
      return null;
    }
  };
  const ingestLoop = async () => {
    for (let k = 0; Date.now() < until; k++) {
      const d = join(dir, `batch${k}`);
      mkdirSync(d);
      for (let i = 0; i < 40; i++) writeFileSync(join(d, `s${i}.txt`), story(`ingest${k}`, i));
      const r = await runBin(['ingest', '--db', db, '--batch-size', '10', d]).done;
      ingests++;
      if (r.code !== 0 || /\n\s+at /.test(r.err)) errors.push(`ingest ${k}: exit ${r.code}: ${r.err.slice(0, 300)}`);
      ingested += storedBy(r.out);
    }
  };
  const postLoop = async (c: number) => {
    for (let i = 0; Date.now() < until; i++) {
      const body = await request('post', '/api/articles', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ id: `p${c}-${i}`, text: story(`post${c}`, i), published: '2020-03-01' }) }) as { added: number; nearDuplicates: number } | null;
      if (body) posted += body.added + body.nearDuplicates;
    }
  };
  const readLoop = async (c: number) => {
    for (let i = 0; Date.now() < until; i++) {
      const q = ['chr', 'hanson', 'texas air', 'gencorp', 'holdings', 'ingest', 'post'][(i + c) % 7];
      const kind = i % 4;
      if (kind === 0) await request('read', `/api/entities?q=${encodeURIComponent(q)}`);
      else if (kind === 1) await request('read', '/api/deals?limit=20');
      else if (kind === 2 && posted > 0) await request('read', `/api/articles/${1 + ((i * 7919) % posted)}`);
      else {
        const found = await request('read', `/api/entities?q=${encodeURIComponent(q)}&limit=1`) as { items?: { id: number }[] } | { id: number }[] | null;
        const id = Array.isArray(found) ? found[0]?.id : found?.items?.[0]?.id;
        if (id !== undefined) await request('read', `/api/entities/${id}`);
      }
    }
  };
  await Promise.all([ingestLoop(), postLoop(0), postLoop(1), readLoop(0), readLoop(1), readLoop(2), readLoop(3)]);
  server.child.kill('SIGTERM');
  await server.done;

  const all = [...lat.read, ...lat.post];
  console.log(`soak ${SECONDS} s: ${all.length} requests (${lat.read.length} reads, ${lat.post.length} POSTs), ${errors.length} errors; ` +
    `p50 ${pct(all, 50).toFixed(1)} ms, p99 ${pct(all, 99).toFixed(1)} ms (reads p99 ${pct(lat.read, 99).toFixed(1)} ms, POSTs p99 ${pct(lat.post, 99).toFixed(1)} ms); ` +
    `${ingests} ingest runs stored ${ingested} articles, POSTs stored ${posted}`);
  assert.deepEqual(errors.slice(0, 5), []);
  const check = new Database(db, { readonly: true });
  try {
    assert.equal(check.pragma('integrity_check', { simple: true }), 'ok');
    const c = check.prepare('SELECT count(*) n, count(DISTINCT text_hash) d FROM articles').get() as { n: number; d: number };
    assert.deepEqual(c, { n: ingested + posted, d: ingested + posted });
    assert.ok(ingests >= 2 && posted >= 10 && lat.read.length >= 50, `too little happened: ${ingests} ingests, ${posted} POSTed, ${lat.read.length} reads`);
  } finally { check.close(); }
});
