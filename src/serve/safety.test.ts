/**
 * The server under hostile input and other web pages: security headers,
 * CSRF and DNS-rebinding checks, tokens, oversized and malformed bodies,
 * impossible dates, deep paging, and responsiveness while an extraction runs.
 * Real servers on ephemeral ports over real SQLite files; no mocks.
 */
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { spawn } from 'node:child_process';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SqliteStore } from '../store/sqlite.js';
import { ingestBatch, ingestPaths, type IngestSummary } from '../pipeline.js';
import { REPO_ROOT } from '../ingest/corpora.js';
import { createApi } from './api.js';
import { PAGE } from './page.js';
import { serveToken } from '../cli/graph-commands.js';
import { ExtractPool } from '../extract/pool.js';
import { call } from './testing.js';

const dir = mkdtempSync(join(tmpdir(), 'dealgraph-safety-'));
let store: SqliteStore;
const servers: Server[] = [];

async function listen(s: Server, host: string): Promise<number> {
  servers.push(s);
  await new Promise<void>((r) => s.listen(0, host, r));
  return (s.address() as AddressInfo).port;
}
let local = 0, wide = 0, wideToken = 0;

before(async () => {
  store = new SqliteStore(join(dir, 'safety.db'));
  await ingestPaths(store, [join(REPO_ROOT, 'test', 'fixtures', 'deal', 'gm-psa.sgm')]);
  local = await listen(createApi(store, { page: PAGE }), '127.0.0.1');
  wide = await listen(createApi(store, {}), '0.0.0.0');
  wideToken = await listen(createApi(store, { token: 't0k3n' }), '0.0.0.0');
});
after(async () => { for (const s of servers) await s.close(); await store.close(); });

const JSON_TYPE = { 'content-type': 'application/json' };
const SENTENCE = JSON.stringify({ text: 'Chrysler Corp said it agreed to acquire American Motors Corp for 757 mln dlrs.' });
const PLANT = JSON.stringify({ id: 'p1', text: 'Planted Holdings Inc said it agreed to acquire Quiet Victim Corp for 10 mln dlrs.' });

test('every response carries CSP, X-Frame-Options, nosniff and Referrer-Policy; the CSP allows exactly the page script', async () => {
  const script = /<script>([\s\S]*?)<\/script>/.exec(PAGE)![1];
  const hash = `'sha256-${createHash('sha256').update(script).digest('base64')}'`;
  const cases: [string, string, Record<string, string>, string | undefined, number][] = [
    ['GET', '/', {}, undefined, 200],
    ['GET', '/api/entities?q=gm', {}, undefined, 200],
    ['GET', '/api/nothing', {}, undefined, 404],
    ['GET', '/api/extract', {}, undefined, 405],
    ['POST', '/api/extract', { 'content-type': 'text/plain' }, SENTENCE, 415],
    ['GET', '/api/entities', { host: 'evil.example' }, undefined, 421],
  ];
  for (const [method, path, headers, body, status] of cases) {
    const r = await call(local, method, path, headers, body);
    assert.equal(r.status, status, `${method} ${path}: ${r.body}`);
    const csp = String(r.headers['content-security-policy']);
    assert.match(csp, /default-src 'none'/, path);
    assert.match(csp, /frame-ancestors 'none'/, path);
    assert.ok(csp.includes(hash), `${path}: the CSP names the page script's hash`);
    assert.equal(r.headers['x-frame-options'], 'DENY', path);
    assert.equal(r.headers['x-content-type-options'], 'nosniff', path);
    assert.equal(r.headers['referrer-policy'], 'no-referrer', path);
  }
});

test('writes only from the page\'s own origin: JSON content type (415), Origin (403), Host (421)', async () => {
  const own = `http://127.0.0.1:${local}`;
  const cases: [string, string, Record<string, string>, string, number, RegExp][] = [
    ['text/plain (a no-cors fetch)', '/api/articles', { 'content-type': 'text/plain;charset=UTF-8' }, PLANT, 415, /Content-Type: expected application\/json/],
    ['a form post', '/api/articles', { 'content-type': 'application/x-www-form-urlencoded' }, 'text=Planted+Holdings+Inc', 415, /Content-Type/],
    ['a multipart post', '/api/articles', { 'content-type': 'multipart/form-data; boundary=x' }, '--x\r\n\r\nPlanted\r\n--x--', 415, /Content-Type/],
    ['no content type', '/api/articles', {}, PLANT, 415, /found "none"/],
    ['JSON in Latin-1', '/api/articles', { 'content-type': 'application/json; charset=latin1' }, PLANT, 415, /UTF-8/],
    ['another origin', '/api/articles', { ...JSON_TYPE, origin: 'http://evil.example' }, PLANT, 403, /Origin: expected http:\/\/127\.0\.0\.1:\d+, found "http:\/\/evil\.example"/],
    ['an opaque origin', '/api/articles', { ...JSON_TYPE, origin: 'null' }, PLANT, 403, /Origin/],
    ['another port', '/api/articles', { ...JSON_TYPE, origin: 'http://127.0.0.1:1' }, PLANT, 403, /Origin/],
    ['a rebound DNS name', '/api/articles', { ...JSON_TYPE, host: `evil.example:${local}` }, PLANT, 421, /Host: expected this server/],
    ['another port in Host', '/api/articles', { ...JSON_TYPE, host: '127.0.0.1:1' }, PLANT, 421, /Host/],
    ['the page itself', '/api/extract', { ...JSON_TYPE, origin: own }, SENTENCE, 200, /acquisition/],
    ['localhost by name', '/api/extract', { ...JSON_TYPE, host: `localhost:${local}`, origin: `http://localhost:${local}` }, SENTENCE, 200, /acquisition/],
    ['a JSON client without Origin', '/api/extract', { 'content-type': 'application/json; charset=utf-8' }, SENTENCE, 200, /acquisition/],
  ];
  for (const [name, path, headers, body, status, re] of cases) {
    const r = await call(local, 'POST', path, headers, body);
    assert.equal(r.status, status, `${name}: ${r.body}`);
    assert.match(r.status === 200 ? r.body : JSON.parse(r.body).error, re, name);
  }
  assert.deepEqual(await store.searchEntities('planted', 5), [], 'nothing was planted');
  assert.equal((await call(local, 'GET', '/', { host: `evil.example:${local}` })).status, 421, 'the page is not served under a rebound name either');
});

test('a server bound beyond loopback refuses writes without a token; an empty token is an error', async () => {
  const cases: [string, number, string, Record<string, string>, number, RegExp][] = [
    ['reads are served', wide, 'GET', {}, 200, /items/],
    ['any Host name passes a wildcard bind', wide, 'GET', { host: 'dealgraph.example:8080' }, 200, /items/],
    ['a write without a token', wide, 'POST', JSON_TYPE, 403, /expected a token for writes on a server bound to 0\.0\.0\.0/],
    ['with a token, a write without it', wideToken, 'POST', JSON_TYPE, 401, /Bearer/],
    ['with a token, a write with it', wideToken, 'POST', { ...JSON_TYPE, authorization: 'Bearer t0k3n' }, 200, /acquisition/],
  ];
  for (const [name, port, method, headers, status, re] of cases) {
    const r = await call(port, method, method === 'GET' ? '/api/entities?q=gm' : '/api/extract', headers, method === 'GET' ? undefined : SENTENCE);
    assert.equal(r.status, status, `${name}: ${r.body}`);
    assert.match(r.body, re, name);
  }
  assert.throws(() => createApi(store, { token: '' }), /dealgraph: token: expected a non-empty token, found an empty one/);
});

test('the serve token comes from --token, --token-file or DEALGRAPH_TOKEN, never empty', async () => {
  const file = (name: string, text: string) => { const p = join(dir, name); writeFileSync(p, text); return p; };
  const good: [Parameters<typeof serveToken>[0], NodeJS.ProcessEnv, string | undefined][] = [
    [{ token: 'abc' }, {}, 'abc'],
    [{ 'token-file': file('tok', 's3cret\n') }, {}, 's3cret'],
    [{}, { DEALGRAPH_TOKEN: 'from-env' }, 'from-env'],
    [{ token: 'flag' }, { DEALGRAPH_TOKEN: 'from-env' }, 'flag'],
    [{}, {}, undefined],
  ];
  for (const [values, env, want] of good) assert.equal(serveToken(values, env), want, JSON.stringify(values));
  const bad: [Parameters<typeof serveToken>[0], NodeJS.ProcessEnv, RegExp][] = [
    [{ token: '' }, {}, /--token: expected a non-empty token, found an empty one/],
    [{ token: '  ' }, {}, /--token: expected a non-empty token/],
    [{ 'token-file': file('empty', '\n') }, {}, /--token-file .*empty: expected a non-empty token/],
    [{ 'token-file': join(dir, 'missing') }, {}, /missing: --token-file: expected a readable file, found ENOENT/],
    [{}, { DEALGRAPH_TOKEN: '' }, /DEALGRAPH_TOKEN: expected a non-empty token/],
    [{ token: 'a', 'token-file': file('tok2', 'b') }, {}, /expected either --token or --token-file, found both/],
  ];
  for (const [values, env, re] of bad) assert.throws(() => serveToken(values, env), re, JSON.stringify(values));
});

/** `dealgraph serve` as a user starts it: its first lines of output, then it is stopped. */
function serve(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number | null; out: string; err: string; port: number }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(REPO_ROOT, 'bin', 'dealgraph.js'), 'serve', '--db', join(dir, 'cli.db'), '--port', '0', ...args], { env: { ...process.env, DEALGRAPH_TOKEN: undefined, ...env } });
    let out = '', err = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d;
      const m = /:(\d+)\/ \(API/.exec(out);
      if (m) resolve({ code: null, out, err, port: Number(m[1]) });
    });
    child.stderr.on('data', (d: Buffer) => { err += d; });
    child.on('exit', (code) => resolve({ code, out, err, port: 0 }));
    after(async () => { child.kill(); });
  });
}

test('dealgraph serve: --token "" is an error, --host 0.0.0.0 without a token warns, --token-file protects the API', async () => {
  const empty = await serve(['--token', '']);
  assert.equal(empty.code, 1);
  assert.match(empty.err, /^dealgraph: --token: expected a non-empty token, found an empty one\n$/);
  const wideOpen = await serve(['--host', '0.0.0.0']);
  assert.equal(wideOpen.code, null, wideOpen.err);
  assert.match(wideOpen.err, /warning: serving on 0\.0\.0\.0 without a token/);
  const tokenFile = join(dir, 'serve-token');
  writeFileSync(tokenFile, 'file-token\n');
  const guarded = await serve(['--token-file', tokenFile]);
  assert.match(guarded.out, /API calls need Authorization: Bearer <token>/);
  assert.equal((await call(guarded.port, 'GET', '/api/entities?q=gm')).status, 401);
  assert.equal((await call(guarded.port, 'GET', '/api/entities?q=gm', { authorization: 'Bearer file-token' })).status, 200);
  const fromEnv = await serve([], { DEALGRAPH_TOKEN: 'env-token' });
  assert.equal((await call(fromEnv.port, 'GET', '/api/entities?q=gm', { authorization: 'Bearer env-token' })).status, 200);
  assert.equal((await call(fromEnv.port, 'GET', '/api/entities?q=gm')).status, 401);
});

test('a 5 MB body gets 413 with its reason, chunked or declared, not a reset', async () => {
  const chunk = Buffer.alloc(64 * 1024, 'a');
  const chunks = Array.from({ length: 80 }, () => chunk);
  const chunked = await call(local, 'POST', '/api/extract', { ...JSON_TYPE, 'transfer-encoding': 'chunked' }, chunks);
  assert.equal(chunked.status, 413, chunked.body);
  assert.match(chunked.body, /expected a request body of at most 1000000 bytes, found more/);
  const declared = await call(local, 'POST', '/api/extract', { ...JSON_TYPE, 'content-length': String(80 * chunk.length) }, chunks);
  assert.equal(declared.status, 413, declared.body);
  assert.match(declared.body, /found 5242880/);
  assert.equal((await call(local, 'GET', '/api/entities?q=gm')).status, 200, 'still serving');
});

test('impossible dates are refused; a body with a byte-order mark is read', async () => {
  const gm = JSON.parse((await call(local, 'GET', '/api/entities?q=gm')).body).items[0].id;
  const cases: [string, number, RegExp][] = [
    ['/api/deals?as_of=1987-13-99', 400, /as_of: expected a date as YYYY-MM-DD, found a day that does not exist/],
    ['/api/deals?since=2020-02-31', 400, /since: expected a date/],
    [`/api/entities/${gm}?as_of=1987-02-29`, 400, /as_of/],
    ['/api/deals?as_of=2012-02-29', 200, /items/],
    ['/api/deals?as_of=2000-02-29', 200, /items/],
  ];
  for (const [path, status, re] of cases) {
    const r = await call(local, 'GET', path);
    assert.equal(r.status, status, `${path}: ${r.body}`);
    assert.match(r.body, re, path);
  }
  const bom = await call(local, 'POST', '/api/extract', JSON_TYPE, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(SENTENCE)]));
  assert.equal(bom.status, 200, bom.body);
  assert.match(bom.body, /acquisition/);
  const badUtf8 = await call(local, 'POST', '/api/extract', JSON_TYPE, Buffer.from([0x7b, 0xff, 0x7d]));
  assert.equal(badUtf8.status, 400);
  assert.match(badUtf8.body, /expected UTF-8 text/);
});

test('/api/deals pages past the 1,000th deal, and pages after the first are fast', async () => {
  const big = new SqliteStore(join(dir, 'many-deals.db'));
  // 1,200 different targets, 100 acquisitions to an article, each a real sentence.
  const first = ['Acme', 'Baxter', 'Corning', 'Dover', 'Emerson', 'Fairchild', 'Gould', 'Harris', 'Ingersoll', 'Johnson', 'Kellogg', 'Lockheed', 'Mattel', 'Norton', 'Olin', 'Pfizer', 'Quaker', 'Raytheon', 'Sperry', 'Textron', 'Unisys', 'Varian', 'Whirlpool', 'Xerox', 'Zenith', 'Allegheny', 'Borden', 'Cabot', 'Dana', 'Eaton'];
  const second = ['Chemical', 'Foods', 'Steel', 'Textile', 'Paper', 'Mining', 'Electric', 'Optical', 'Plastics', 'Glass', 'Rubber', 'Cement', 'Tobacco', 'Shipping', 'Brewing', 'Pharmaceutical', 'Aerospace', 'Insurance', 'Leasing', 'Lumber', 'Marine', 'Cable', 'Software', 'Energy', 'Realty', 'Trucking', 'Airlines', 'Publishing', 'Textiles', 'Tools', 'Motors', 'Instruments', 'Dairy', 'Mills', 'Packaging', 'Robotics', 'Semiconductor', 'Telecom', 'Utilities', 'Water'];
  const targets = first.flatMap((a) => second.map((b) => `${a} ${b} Inc`));
  const articles = Array.from({ length: 12 }, (_, k) => ({
    id: `deals-${k}`, source: `deals-${k}`, title: null, dateline: null, published: `1987-0${1 + (k % 9)}-1${k % 10}`,
    text: targets.slice(k * 100, k * 100 + 100).map((t, i) => `Buyer${k} Holdings Corp said it agreed to acquire ${t} for ${i + 1} mln dlrs.`).join(' '),
  }));
  const s: IngestSummary = { articles: 0, added: 0, duplicates: 0, nearDuplicates: 0, failed: 0, entities: 0, facts: 0, seconds: 0, errors: [] };
  await ingestBatch(big, articles, s);
  const total = (await big.deals({})).length; // the store's own answer, unpaged
  assert.ok(total > 1000, `${total} deals`);
  const port = await listen(createApi(big, {}), '127.0.0.1');
  const ids = new Set<number>();
  let cursor: string | null = '', pages = 0, firstMs = 0, laterMs = 0;
  while (cursor !== null) {
    const r = await call(port, 'GET', `/api/deals?limit=200${cursor ? '&cursor=' + cursor : ''}`);
    assert.equal(r.status, 200, r.body);
    const body = JSON.parse(r.body) as { items: { id: number }[]; next: string | null };
    for (const d of body.items) ids.add(d.id);
    if (pages === 0) firstMs = r.ms; else laterMs = Math.max(laterMs, r.ms);
    cursor = body.next;
    pages++;
  }
  console.log(`# /api/deals: ${ids.size} deals in ${pages} pages of 200; first page ${firstMs.toFixed(0)} ms, later pages at most ${laterMs.toFixed(0)} ms`);
  assert.equal(ids.size, total, 'every deal once, past the 1,000th');
  assert.ok(laterMs < 100, `later pages answered in ${laterMs.toFixed(0)} ms`);
  await big.close();
});

test('a GET answers in under 100 ms while a 1 MB POST /api/extract runs', async () => {
  await call(local, 'POST', '/api/extract', JSON_TYPE, SENTENCE); // the worker is up
  const text = 'Acme Corp agreed to acquire Beta Inc. '.repeat(26_000);
  const heavy = call(local, 'POST', '/api/extract', JSON_TYPE, JSON.stringify({ text }));
  let done = false;
  void heavy.then(() => { done = true; });
  await new Promise((r) => setTimeout(r, 150));
  const times: number[] = [];
  while (!done && times.length < 20) {
    const r = await call(local, 'GET', '/api/entities?q=gm');
    assert.equal(r.status, 200);
    if (!done) times.push(r.ms);
    await new Promise((res) => setTimeout(res, 50));
  }
  const h = await heavy;
  assert.ok(h.status === 200 || h.status === 422, `${h.status} ${h.body.slice(0, 200)}`);
  assert.ok(times.length >= 3, `only ${times.length} GETs ran during the extraction (it answered ${h.status} after ${h.ms.toFixed(0)} ms)`);
  times.sort((a, b) => a - b);
  console.log(`# ${times.length} GETs during a ${(text.length / 1e6).toFixed(2)} MB extraction (${h.status} after ${h.ms.toFixed(0)} ms): median ${times[times.length >> 1].toFixed(1)} ms, max ${times[times.length - 1].toFixed(1)} ms`);
  assert.ok(times[times.length >> 1] < 100, `median ${times[times.length >> 1]} ms`);
  assert.ok(times[times.length - 1] < 250, `max ${times[times.length - 1]} ms`);
});

test('POST /api/articles: an article over the deadline fails with its reason, the others are stored', async () => {
  const pool = new ExtractPool({ size: 1, deadlineMs: 300 });
  const port = await listen(createApi(store, { pool, maxBody: 2_000_000 }), '127.0.0.1');
  try {
    await call(port, 'POST', '/api/extract', JSON_TYPE, SENTENCE); // the worker is up: the deadline measures the article
    const records = [
      { id: 'slow', text: 'Acme Corp agreed to acquire Beta Inc. '.repeat(26_000) },
      { id: 'fine', text: 'Textron Inc said it agreed to acquire Avco Corp for 1.4 billion dlrs.' },
    ];
    const r = await call(port, 'POST', '/api/articles', JSON_TYPE, JSON.stringify(records));
    assert.equal(r.status, 200, r.body);
    const s = JSON.parse(r.body);
    assert.equal(s.added, 1);
    assert.equal(s.failed, 1);
    assert.match(s.errors[0].reason, /^dealgraph: request\[0\]: expected extraction to finish within 0\.3 s, found it still running; stopped$/);
    assert.ok((await store.searchEntities('avco', 5)).length > 0, 'the other article was stored');
  } finally { await pool.close(); }
});
