/**
 * Property-based fuzzing of the HTTP API (fast-check): random methods, paths,
 * query strings, headers and bodies against a real server over a real SQLite
 * file. Every answer must come, in bounded time, with a status below 500 and
 * a JSON body under /api/; the server must still serve afterwards. Bounded in
 * cases and in time; the number of cases run is printed.
 */
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import { SqliteStore } from '../store/sqlite.js';
import { ingestPaths } from '../pipeline.js';
import { REPO_ROOT } from '../ingest/corpora.js';
import { createApi } from './api.js';
import { ExtractPool } from '../extract/pool.js';
import { PAGE } from './page.js';
import { call } from './testing.js';

const RUNS = Number(process.env.DEALGRAPH_FUZZ_RUNS ?? 1000);
const SECONDS = Number(process.env.DEALGRAPH_FUZZ_SECONDS ?? 40);
const DEADLINE_MS = 1000;
/** An answer may take the extraction deadline plus the time to start a fresh worker after one is stopped. */
const ANSWER_WITHIN_MS = DEADLINE_MS + 8000;

const dir = mkdtempSync(join(tmpdir(), 'dealgraph-fuzz-'));
let store: SqliteStore, server: Server, pool: ExtractPool, port = 0;
before(async () => {
  store = new SqliteStore(join(dir, 'fuzz.db'));
  await ingestPaths(store, [join(REPO_ROOT, 'test', 'fixtures', 'deal', 'gm-psa.sgm')]);
  pool = new ExtractPool({ size: 1, deadlineMs: DEADLINE_MS });
  server = createApi(store, { page: PAGE, pool, maxBody: 200_000 });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  port = (server.address() as AddressInfo).port;
});
after(async () => { server.close(); await pool.close(); await store.close(); });

const printable = fc.stringMatching(/^[ -~]{0,24}$/);
const words = fc.constantFrom('General Motors Corp', 'PSA', 'GM', 'Varin', 'acquire', 'agreed to buy', 'Inc', '<b>', '&amp;', '"', '\u00e9', '\ud83d\ude00', '\u0000', ' ', '.', '1987-03-09', '757 mln dlrs');
const prose = fc.array(fc.oneof(words, fc.string({ maxLength: 12 })), { maxLength: 40 }).map((a) => a.join(' '));
const date = fc.oneof(fc.constantFrom('1987-03-09', '2012-02-29', '1987-13-99', '2020-02-31', '0000-00-00', 'yesterday', ''), printable);
const value = fc.oneof(date, printable, fc.integer({ min: -5, max: 100_000 }).map(String), words);
const queryKeys = fc.constantFrom('q', 'limit', 'cursor', 'entity', 'type', 'status', 'since', 'as_of', 'speaker', 'a', 'b', 'depth', 'max', 'offset', 'party', 'from', 'to', 'bogus');
const query = fc.array(fc.tuple(fc.oneof(queryKeys, printable), value), { maxLength: 5 }).map((kv) => {
  const s = new URLSearchParams(kv).toString();
  return s ? '?' + s : '';
});
const path = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom('/', '/index.html', '/assets/cytoscape.min.js', '/api/entities', '/api/deals', '/api/quotes', '/api/path', '/api/extract', '/api/articles', '/api/openapi.json', '/api/stats') },
  { weight: 2, arbitrary: fc.tuple(fc.constantFrom('/api/entities/', '/api/deals/', '/api/articles/'), fc.oneof(fc.nat(50).map(String), printable.map(encodeURIComponent)), fc.constantFrom('', '/graph', '/articles')).map((p) => p.join('')) },
  { weight: 1, arbitrary: fc.webPath().map((p) => '/' + p.replace(/^\//, '')) },
);
const record = fc.record({ id: fc.option(printable, { nil: undefined }), title: fc.option(prose, { nil: undefined }), published: fc.option(date, { nil: undefined }), text: fc.option(prose, { nil: undefined }), html: fc.option(prose.map((p) => `<html><body><p>${p}</p></body></html>`), { nil: undefined }) }, { requiredKeys: [] });
const body = fc.oneof(
  record.map((r) => JSON.stringify(r)),
  fc.array(record, { maxLength: 4 }).map((r) => JSON.stringify(r)),
  fc.json(),
  prose,
  fc.uint8Array({ maxLength: 200 }).map((b) => Buffer.from(b)),
  fc.constant('\ufeff{"text":"IBM said it agreed to acquire Rolm Corp."}'),
);
// Mostly what a real client sends, so requests get past the guards and reach the handlers; sometimes anything.
const weighted = <T>(usual: fc.Arbitrary<T>, odd: fc.Arbitrary<T>) => fc.oneof({ arbitrary: usual, weight: 4 }, { arbitrary: odd, weight: 1 });
const headers = fc.record({
  'content-type': weighted(fc.constantFrom('application/json', 'application/json; charset=utf-8', 'APPLICATION/JSON'), fc.constantFrom('text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/json; charset=latin1', '')),
  origin: weighted(fc.constant('own'), fc.oneof(fc.constant('null'), fc.webUrl().map((u) => new URL(u).origin), printable)),
  host: weighted(fc.constantFrom('own', 'localhost:own'), printable),
  authorization: printable.map((t) => 'Bearer ' + t),
  accept: printable,
}, { requiredKeys: ['host'] });
const method = fc.constantFrom('GET', 'GET', 'GET', 'POST', 'POST', 'PUT', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS');

test(`the HTTP API under random requests: no 5xx, no crash, every answer within ${ANSWER_WITHIN_MS / 1000} s`, { timeout: (SECONDS + 60) * 1000 }, async () => {
  let cases = 0;
  const statuses = new Map<number, number>();
  await fc.assert(fc.asyncProperty(method, path, query, headers, body, async (m, p, q, h, b) => {
    const hs: Record<string, string> = {};
    // 'own' stands for this server: the origin and Host a page served from it would send.
    const own = new Map([['own', `127.0.0.1:${port}`], ['localhost:own', `localhost:${port}`]]);
    for (const [k, v] of Object.entries(h)) if (v !== undefined) hs[k] = own.get(v) ?? v;
    if (h.origin === 'own') hs.origin = 'http://' + hs.host;
    // Node's client frames a body only for these methods (a DELETE body would be sent unframed, i.e. malformed HTTP).
    const r = await call(port, m, p + q, hs, m === 'POST' || m === 'PUT' || m === 'PATCH' ? b : undefined);
    cases++;
    statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
    assert.ok(r.status < 500, `${m} ${p}${q} → ${r.status} ${r.body.slice(0, 300)}`);
    assert.ok(r.ms < ANSWER_WITHIN_MS, `${m} ${p}${q} took ${r.ms.toFixed(0)} ms`);
    if (p.startsWith('/api/') && m !== 'HEAD') assert.doesNotThrow(() => JSON.parse(r.body), `${m} ${p}${q}: ${r.body.slice(0, 200)}`);
    assert.equal(r.headers['x-content-type-options'], 'nosniff');
  }), { numRuns: RUNS, interruptAfterTimeLimit: SECONDS * 1000, includeErrorInReport: true });
  console.log(`# HTTP API fuzz: ${cases} random requests; statuses ${[...statuses].sort((a, b) => a[0] - b[0]).map(([s, n]) => `${s}×${n}`).join(' ')}`);
  assert.ok(cases >= Math.min(RUNS, 50), `only ${cases} cases ran`);
  assert.equal((await call(port, 'GET', '/api/entities?q=gm')).status, 200, 'still serving');
});
