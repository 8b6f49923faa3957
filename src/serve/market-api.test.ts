import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import type { Server } from 'node:http';
import type { Store } from '../store/types.js';
import { INJECTED } from '../market/fixture.js';
import { startMarketServer } from './testing.js';

let store: Store, server: Server, base = '';
before(async () => { ({ store, server, base } = await startMarketServer()); });
after(async () => { server.close(); await store.close(); });
const get = async (path: string) => { const r = await fetch(base + path); return { status: r.status, type: r.headers.get('content-type'), text: await r.text() }; };
const getJson = async (path: string) => { const r = await get(path); return { status: r.status, body: JSON.parse(r.text) }; };
const entityId = async (q: string) => (await getJson('/api/entities?q=' + encodeURIComponent(q))).body.items[0].id as number;

test('GET /api/entities/:id/prices: closes against the index on common days, the entity\'s dated facts with their abnormal returns', async () => {
  const ford = await entityId('Ford Motor');
  const r = await getJson(`/api/entities/${ford}/prices`);
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.equal(r.body.symbol, 'F');
  assert.equal(r.body.index, 'SPX');
  assert.equal(r.body.series.dates.length, 420);
  assert.equal(r.body.series.close.length, 420);
  assert.equal(r.body.series.index.length, 420);
  assert.match(r.body.links[0].reason, /FORD MOTOR CO <F>/);
  const march14 = r.body.events.find((e: { date: string }) => e.date === '2016-03-14');
  assert.ok(march14.items.some((i: { kind: string; type: string }) => i.kind === 'fact' && i.type === 'acquisition'));
  assert.ok(Math.abs(march14.ar - INJECTED.F['2016-03-14']) < 0.01, `AR ${march14.ar}`);
  const march15 = r.body.events.find((e: { date: string }) => e.date === '2016-03-15');
  assert.ok(Math.abs(march15.ar - INJECTED.F['2016-03-15']) < 0.01, `AR ${march15.ar}`);
  // An entity with no symbol: an answer with the reason.
  const acme = await getJson(`/api/entities/${await entityId('Acme Widgets')}/prices`);
  assert.equal(acme.status, 200);
  assert.equal(acme.body.series, null);
  assert.match(acme.body.reason, /no symbol is linked/);
  const cases: [string, number, RegExp][] = [
    [`/api/entities/${ford}/prices?window=1,-1`, 400, /expected a <= b/],
    [`/api/entities/${ford}/prices?window=x`, 400, /two trading-day offsets/],
    [`/api/entities/${ford}/prices?bogus=1`, 400, /bogus/],
    ['/api/entities/999999/prices', 404, /no entity 999999/],
  ];
  for (const [path, status, re] of cases) { const x = await getJson(path); assert.equal(x.status, status, path); assert.match(x.body.error, re, path); }
  assert.equal((await fetch(base + `/api/entities/${ford}/prices`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).status, 405);
});

test('GET /api/deals/:id/study and /api/events/:id/study: CAR of each step for each party with prices', async () => {
  const ford = await entityId('Ford Motor');
  const deals = await getJson(`/api/deals?entity=${ford}`);
  const deal = deals.body.items.find((d: { type: string }) => d.type === 'acquisition');
  const s = await getJson(`/api/deals/${deal.id}/study?window=-1,1`);
  assert.equal(s.status, 200, JSON.stringify(s.body));
  assert.ok(s.body.steps.length >= 2);
  const acquirer = s.body.steps[0].parties.find((p: { role: string }) => p.role === 'acquirer');
  assert.equal(acquirer.symbol, 'F');
  assert.equal(typeof acquirer.study.car, 'number');
  assert.equal(typeof acquirer.study.t, 'number');
  const target = s.body.steps[0].parties.find((p: { role: string }) => p.role === 'target');
  assert.equal(target.study, null);
  assert.match(target.reason, /no linked symbol/);
  const mm = await getJson(`/api/deals/${deal.id}/study?model=mean-adjusted`);
  assert.equal(mm.body.model, 'mean-adjusted');
  assert.equal((await getJson(`/api/deals/${deal.id}/study?model=capm`)).status, 400);
  assert.equal((await getJson('/api/deals/999999/study')).status, 404);
  // A stored event naming Ford, if the event model found one; else the 404 for a missing event.
  const evs = await getJson(`/api/events?entity=${ford}&limit=50`);
  const ev = evs.body.items[0];
  if (ev) {
    const e = await getJson(`/api/events/${ev.event}/study`);
    assert.equal(e.status, 200);
    assert.equal(e.body.event.event, ev.event);
    assert.ok(Array.isArray(e.body.parties));
  }
  assert.equal((await getJson('/api/events/999999/study')).status, 404);
});

test('the page loads its market script and uPlot from this server, and the OpenAPI document lists the market paths', async () => {
  const page = await get('/');
  assert.match(page.text, /<script src="\/assets\/market.js" defer><\/script>/);
  const js = await get('/assets/market.js');
  assert.equal(js.status, 200);
  assert.match(js.type!, /javascript/);
  assert.match(js.text, /window\.dealgraphMarket = \{ entity, deal \}/);
  const up = await get('/assets/uplot.min.js');
  assert.equal(up.status, 200);
  assert.match(up.text, /uPlot/);
  assert.ok(up.text.length > 20_000, 'the real uPlot bundle');
  assert.equal((await get('/assets/uplot.min.css')).status, 200);
  const doc = await getJson('/api/openapi.json');
  for (const p of ['/api/entities/{id}/prices', '/api/deals/{id}/study', '/api/events/{id}/study']) assert.ok(doc.body.paths[p], p);
});
