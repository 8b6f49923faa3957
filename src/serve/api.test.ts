import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { SqliteStore } from '../store/sqlite.js';
import { ingestPaths } from '../pipeline.js';
import { REPO_ROOT } from '../ingest/corpora.js';
import { createApi } from './api.js';
import { PAGE } from './page.js';

const dir = mkdtempSync(join(tmpdir(), 'dealgraph-api-'));
let store: SqliteStore, server: Server, base = '', secured: Server, sbase = '';

before(async () => {
  store = new SqliteStore(join(dir, 'api.db'));
  await ingestPaths(store, [join(REPO_ROOT, 'test', 'fixtures', 'deal', 'gm-psa.sgm')]);
  server = createApi(store, { page: PAGE, maxBody: 20_000 });
  secured = createApi(store, { token: 's3cret' });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  await new Promise<void>((r) => secured.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  sbase = `http://127.0.0.1:${(secured.address() as AddressInfo).port}`;
});
after(async () => { server.close(); secured.close(); await store.close(); });

const get = async (path: string, init?: RequestInit) => { const r = await fetch(base + path, init); return { status: r.status, body: await r.json() as any }; };
/** A write as the page sends it: a JSON body. */
const post = (body: string): RequestInit => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body });

test('search, profile, deals, a deal timeline with quoted sentences, an article, quotes, path', async () => {
  const s = await get('/api/entities?q=gen');
  assert.equal(s.status, 200);
  const gm = s.body.items.find((e: { name: string }) => e.name === 'General Motors Corp');
  assert.ok(gm, JSON.stringify(s.body));
  assert.equal((await get('/api/entities?q=GM')).body.items[0].name, 'General Motors Corp', 'alias match');
  const prof = await get(`/api/entities/${gm.id}`);
  assert.equal(prof.body.entity.name, 'General Motors Corp');
  assert.ok(prof.body.deals.some((d: { type: string }) => d.type === 'partnership'));
  const deals = await get(`/api/deals?entity=${gm.id}&type=partnership`);
  const deal = deals.body.items[0];
  assert.equal(deal.status, 'ended');
  assert.equal((await get(`/api/deals?entity=GM&type=partnership&as_of=2012-03-01`)).body.items[0].status, 'agreed');
  const t = await get(`/api/deals/${deal.id}`);
  assert.deepEqual(t.body.steps.map((x: { status: string }) => x.status), ['in_talks', 'agreed', 'ended']);
  assert.match(t.body.steps[0].quote.text, /in talks with General Motors Corp/);
  const art = await get(`/api/articles/${t.body.steps[0].sources[0].article}`);
  assert.equal(art.body.extraction.schema, 'dealgraph/extraction@2');
  const psa = (await get('/api/entities?q=PSA')).body.items[0];
  const path = await get(`/api/path?a=${gm.id}&b=${psa.id}`);
  assert.equal(path.body.paths[0].length, 2);
  const q = await get('/api/quotes?speaker=Varin');
  assert.equal(q.status, 200);
  assert.ok(Array.isArray(q.body.items));
  assert.equal((await get('/api/quotes?speaker=Nobody%20Atall')).status, 404, 'an unknown speaker is a clear 404');
});

test('events: listed by entity and type, in the entity profile, bad filters refused', async () => {
  const all = await get('/api/events?limit=200');
  assert.equal(all.status, 200);
  assert.ok(all.body.items.length > 0, 'the fixture articles give events');
  const e = all.body.items[0];
  assert.ok(e.type && e.trigger.text && e.sources[0].article, JSON.stringify(e));
  const byType = await get(`/api/events?type=${encodeURIComponent(e.type)}`);
  assert.ok(byType.body.items.every((x: { type: string }) => x.type === e.type));
  const gm = (await get('/api/entities?q=GM')).body.items[0];
  const prof = await get(`/api/entities/${gm.id}`);
  const mine = await get(`/api/events?entity=${gm.id}`);
  assert.deepEqual(prof.body.events.map((x: { event: number }) => x.event).slice(0, 5), mine.body.items.map((x: { event: number }) => x.event).slice(0, 5));
  assert.equal((await get('/api/events?type=Weather')).status, 400);
  assert.equal((await get('/api/events?entity=Nobody%20Atall')).status, 404);
});

test('deals filtered by type, status, party and dates, paged with the total; stats; an entity\'s articles; article links; a deal\'s value', async () => {
  const amc = [{ id: 'amc', title: 'Chrysler to buy AMC', published: '1987-03-09', text: 'Chrysler Corp said it agreed to acquire American Motors Corp for 757 mln dlrs.' }];
  assert.equal((await get('/api/articles', post(JSON.stringify(amc)))).status, 200);
  const all = await get('/api/deals?limit=200');
  assert.equal(all.body.total, all.body.items.length);
  assert.ok(all.body.total >= 2, JSON.stringify(all.body));
  const p1 = await get('/api/deals?limit=1');
  const p2 = await get('/api/deals?limit=1&offset=1');
  assert.equal(p1.body.total, all.body.total);
  assert.equal(p1.body.next, '1');
  assert.deepEqual([p1.body.items[0].id, p2.body.items[0].id], all.body.items.slice(0, 2).map((d: { id: number }) => d.id));
  const part = await get('/api/deals?type=partnership&status=ended&party=General%20Motors');
  assert.deepEqual(part.body.items.map((d: { type: string; status: string }) => `${d.type} ${d.status}`), ['partnership ended']);
  const deal = part.body.items[0];
  assert.equal((await get(`/api/deals?type=partnership&from=${deal.lastSeen}`)).body.total, 1);
  assert.equal((await get(`/api/deals?type=partnership&to=${deal.firstSeen}`)).body.total, 1);
  assert.equal((await get('/api/deals?type=partnership&to=1999-12-31')).body.total, 0, 'a deal first seen after the range is left out');
  assert.equal((await get('/api/deals?type=partnership&from=2031-01-01')).body.total, 0);
  assert.equal((await get('/api/deals?entity=GM&party=PSA')).status, 400);
  const stats = await get('/api/stats');
  assert.equal(stats.body.counts.deals, (await store.counts()).deals);
  assert.equal(Object.values(stats.body.dealsByStatus as Record<string, number>).reduce((a, b) => a + b, 0), all.body.total);
  assert.equal(stats.body.dealsByType.partnership >= 1, true);
  const gm = (await get('/api/entities?q=General%20Motors')).body.items[0];
  const arts = await get(`/api/entities/${gm.id}/articles?limit=2`);
  assert.equal(arts.body.total, gm.articles);
  assert.ok(arts.body.items.every((a: { title: string | null; published: string }) => a.title && /^\d{4}-\d{2}-\d{2}$/.test(a.published)), JSON.stringify(arts.body.items));
  assert.deepEqual(arts.body.items.map((a: { published: string }) => a.published), [...arts.body.items.map((a: { published: string }) => a.published)].sort().reverse(), 'newest first');
  assert.equal((await get('/api/entities/999999/articles')).status, 404);
  const latest = await get('/api/articles?limit=3');
  assert.equal(latest.body.total, (await store.counts()).articles);
  const art = await get(`/api/articles/${arts.body.items[0].id}`);
  const local = art.body.extraction.entities.find((e: { name: string }) => e.name === 'General Motors Corp' || e.name === 'General Motors');
  assert.equal(art.body.links[local.id], gm.id, 'the article\'s GM links to the canonical GM');
  const t = await get(`/api/deals/${deal.id}`);
  assert.equal(t.body.value, null, 'the partnership states no value');
  const acq = (await get('/api/deals?type=acquisition&party=American%20Motors')).body.items[0];
  assert.equal((await get(`/api/deals/${acq.id}`)).body.value.text, '757 mln dlrs');
  assert.ok(t.body.steps.every((s: { sources: { title: string | null }[] }) => s.sources[0].title), 'each step\'s source has its title');
});

test('pagination with cursors', async () => {
  const p1 = await get('/api/entities?q=p&limit=1');
  assert.equal(p1.body.items.length, 1);
  assert.ok(p1.body.next);
  const p2 = await get(`/api/entities?q=p&limit=1&cursor=${p1.body.next}`);
  assert.notEqual(p2.body.items[0]?.id, p1.body.items[0].id);
});

test('POST /api/extract returns the contract without storing; POST /api/articles ingests idempotently', async () => {
  const before = (await store.counts()).articles;
  const x = await get('/api/extract', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: 'Chrysler Corp said it agreed to acquire American Motors Corp for 757 mln dlrs.', published: '1987-03-09' }) });
  assert.equal(x.status, 200);
  assert.equal(x.body.schema, 'dealgraph/extraction@2');
  assert.ok(x.body.facts.some((f: { type: string; status: string }) => f.type === 'acquisition' && f.status === 'agreed'));
  const h = await get('/api/extract', post(JSON.stringify({ html: '<html><body><article><p>' + 'Ford Motor Co said it would close its plant in Dagenham and cut 5,000 jobs. '.repeat(4) + '</p></article></body></html>' })));
  assert.equal(h.status, 200);
  assert.ok(h.body.facts.some((f: { type: string }) => f.type === 'plant_closure'));
  assert.equal((await store.counts()).articles, before);
  const rec = [{ id: 'x1', title: 'IBM buys Rolm', published: '1984-09-26', text: 'International Business Machines Corp said it agreed to acquire Rolm Corp for 1.25 billion dlrs.' }];
  const a1 = await get('/api/articles', post(JSON.stringify(rec)));
  assert.equal(a1.status, 200);
  assert.equal(a1.body.added, 1);
  const a2 = await get('/api/articles', post(JSON.stringify(rec[0])));
  assert.equal(a2.body.added, 0);
  assert.equal(a2.body.duplicates, 1);
});

test('bad requests get clear 4xx errors and never crash the server', async () => {
  const cases: [string, RequestInit | undefined, number, RegExp][] = [
    ['/api/entities', undefined, 400, /q: /],
    ['/api/entities?q=x&limit=0', undefined, 400, /limit/],
    ['/api/entities?q=x&bogus=1', undefined, 400, /bogus|Unrecognized/],
    ['/api/deals?status=sold', undefined, 400, /status/],
    ['/api/deals?as_of=yesterday', undefined, 400, /as_of: expected a date as YYYY-MM-DD/],
    ['/api/entities/999999', undefined, 404, /no entity 999999/],
    ['/api/deals/999999', undefined, 404, /no deal 999999/],
    ['/api/articles/999999', undefined, 404, /no article 999999/],
    ['/api/nothing', undefined, 404, /expected a known API path/],
    ['/api/extract', { method: 'GET' }, 405, /expected another method/],
    ['/api/extract', post('{not json'), 400, /malformed JSON/],
    ['/api/extract', post(''), 400, /empty/],
    ['/api/extract', post(JSON.stringify({ text: 'a', html: '<p>b</p>' })), 400, /exactly one of "text" or "html"/],
    ['/api/extract', post(JSON.stringify({ text: 'x'.repeat(30_000) })), 413, /at most 20000 bytes/],
    ['/api/articles', post(JSON.stringify([{ title: 'no text' }])), 400, /text/],
  ];
  for (const [path, init, status, re] of cases) {
    const r = await get(path, init);
    assert.equal(r.status, status, `${path}: ${JSON.stringify(r.body)}`);
    assert.match(r.body.error ?? JSON.stringify(r.body), re, path);
  }
  assert.equal((await get('/api/entities?q=gm')).status, 200, 'still serving');
});

test('a token makes every API call require it; the page and OpenAPI document are served', async () => {
  assert.equal((await fetch(sbase + '/api/entities?q=gm')).status, 401);
  assert.equal((await fetch(sbase + '/api/entities?q=gm', { headers: { authorization: 'Bearer wrong' } })).status, 401);
  assert.equal((await fetch(sbase + '/api/entities?q=gm', { headers: { authorization: 'Bearer s3cret' } })).status, 200);
  const page = await fetch(base + '/');
  assert.equal(page.status, 200);
  assert.match(await page.text(), /<input id="q" type="search"/);
  const doc = (await get('/api/openapi.json')).body;
  assert.equal(doc.openapi, '3.1.0');
  for (const p of ['/api/entities', '/api/entities/{id}', '/api/deals', '/api/deals/{id}', '/api/articles/{id}', '/api/quotes', '/api/path', '/api/extract', '/api/articles']) assert.ok(doc.paths[p], p);
  assert.ok(doc.paths['/api/deals'].get.parameters.some((x: { name: string }) => x.name === 'as_of'));
});
