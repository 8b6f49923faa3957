/**
 * The OpenAPI document validates as OpenAPI 3.1 (@seriousme/openapi-schema-validator),
 * and every answer of a real server, on every documented path, matches the
 * schema the document gives for its path, method and status (ajv, JSON Schema 2020-12).
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { Validator } from '@seriousme/openapi-schema-validator';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { SqliteStore } from '../store/sqlite.js';
import { ingestPaths } from '../pipeline.js';
import { REPO_ROOT } from '../ingest/corpora.js';
import { createApi } from './api.js';
import { openApiDocument } from './openapi.js';

type Doc = { paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, { schema: unknown }> }> }>>; components: unknown };
let store: SqliteStore, server: Server, base = '';
before(async () => {
  store = new SqliteStore(join(mkdtempSync(join(tmpdir(), 'dealgraph-openapi-')), 'o.db'));
  await ingestPaths(store, [join(REPO_ROOT, 'test', 'fixtures', 'deal', 'gm-psa.sgm')]);
  server = createApi(store, { maxBody: 50_000 });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(async () => { server.close(); await store.close(); });

test('the document is valid OpenAPI 3.1', async () => {
  const doc = openApiDocument();
  assert.equal(doc.openapi, '3.1.0');
  const r = await new Validator().validate(doc as Parameters<Validator['validate']>[0]);
  assert.equal(r.valid, true, JSON.stringify(r.errors, null, 1)?.slice(0, 3000));
});

test('every documented response of a real server matches its schema', async () => {
  const doc = (await (await fetch(base + '/api/openapi.json')).json()) as Doc;
  assert.deepEqual(doc, JSON.parse(JSON.stringify(openApiDocument())), 'the served document is the generated one');
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  const validators = new Map<string, ReturnType<Ajv2020['compile']>>();
  const check = (template: string, method: string, status: number, body: unknown) => {
    const key = `${method} ${template} ${status}`;
    const schema = doc.paths[template]?.[method]?.responses[String(status)]?.content?.['application/json']?.schema;
    assert.ok(schema, `${key}: not documented`);
    if (!validators.has(key)) validators.set(key, ajv.compile({ ...(schema as object), components: doc.components }));
    const v = validators.get(key)!;
    assert.ok(v(body), `${key}: ${ajv.errorsText(v.errors)}\n${JSON.stringify(body).slice(0, 600)}`);
  };
  const send = async (template: string, path: string, init?: RequestInit) => {
    const r = await fetch(base + path, init);
    const body = await r.json();
    check(template, (init?.method ?? 'GET').toLowerCase(), r.status, body);
    return { status: r.status, body: body as any };
  };
  const post = (body: unknown): RequestInit => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

  const ingested = await send('/api/articles', '/api/articles', post([{ id: 'amc', title: 'Chrysler to buy AMC', published: '1987-03-09', text: 'Chrysler Corp said it agreed to acquire American Motors Corp for 757 mln dlrs. Chrysler chairman Lee Iacocca said: "It is a good deal."' }]));
  assert.equal(ingested.status, 200);
  const gm = (await send('/api/entities', '/api/entities?q=General%20Motors')).body.items[0];
  const deals = await send('/api/deals', '/api/deals?limit=5');
  const acq = (await send('/api/deals', '/api/deals?type=acquisition&party=Chrysler&from=1987-01-01&to=1987-12-31')).body.items[0];
  const arts = await send('/api/entities/{id}/articles', `/api/entities/${gm.id}/articles?limit=1`);
  const anyEvent = (await send('/api/events', '/api/events?limit=1')).body.items[0];
  const ok: [string, string][] = [
    ['/api/stats', '/api/stats'],
    ['/api/entities/{id}', `/api/entities/${gm.id}`],
    ['/api/entities/{id}/graph', `/api/entities/${gm.id}/graph?depth=2`],
    ['/api/deals/{id}', `/api/deals/${deals.body.items[0].id}`],
    ['/api/deals/{id}', `/api/deals/${acq.id}`],
    ['/api/articles', '/api/articles?limit=2&offset=1'],
    ['/api/articles/{id}', `/api/articles/${arts.body.items[0].id}`],
    ['/api/quotes', '/api/quotes?speaker=Iacocca'],
    ['/api/events', `/api/events?entity=${gm.id}&limit=3`],
    ['/api/path', `/api/path?a=${gm.id}&b=PSA`],
    ['/api/entities/{id}/prices', `/api/entities/${gm.id}/prices?window=-1,1`],
    ['/api/deals/{id}/study', `/api/deals/${acq.id}/study`],
    ['/api/events/{id}/study', `/api/events/${anyEvent.event}/study`],
  ];
  for (const [t, p] of ok) assert.equal((await send(t, p)).status, 200, p);
  assert.equal((await send('/api/extract', '/api/extract', post({ text: 'Ford Motor Co said it would close its plant in Dagenham and cut 5,000 jobs.' }))).status, 200);
  const errors: [string, string, RequestInit | undefined, number][] = [
    ['/api/entities', '/api/entities', undefined, 400],
    ['/api/deals', '/api/deals?status=sold', undefined, 400],
    ['/api/entities/{id}', '/api/entities/999999', undefined, 404],
    ['/api/deals/{id}', '/api/deals/999999', undefined, 404],
    ['/api/articles/{id}', '/api/articles/999999', undefined, 404],
    ['/api/path', '/api/path?a=Nobody%20Atall&b=GM', undefined, 404],
    ['/api/extract', '/api/extract', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'x' }, 415],
    ['/api/extract', '/api/extract', post({ text: 'x'.repeat(60_000) }), 413],
    ['/api/articles', '/api/articles', post([{ title: 'no text' }]), 400],
  ];
  for (const [t, p, init, status] of errors) assert.equal((await send(t, p, init)).status, status, `${init?.method ?? 'GET'} ${p}`);
  const documented = Object.entries(doc.paths).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m} ${p} 200`));
  assert.deepEqual(documented.filter((k) => !validators.has(k)), [], 'every documented operation was answered and checked');
});
