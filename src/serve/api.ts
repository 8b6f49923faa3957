/**
 * The HTTP API over one store: JSON in and out, inputs validated with zod
 * (400 with the reason), bodies over the limit refused (413), an optional
 * bearer token, cursors for paging. The OpenAPI document is generated from the
 * same zod schemas (openapi.ts). A request can never crash the process: every
 * handler runs inside one try/catch that answers 500. Extraction runs in
 * worker threads with a deadline (extract/pool.ts), so one costly article
 * never stalls the other requests; guard.ts decides who may call.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { z } from 'zod';
import { DealgraphError } from '../errors.js';
import type { DealRow, Store } from '../store/types.js';
import type { Extraction } from '../extract/index.js';
import { ExtractPool, PoolError } from '../extract/pool.js';
import type { Article } from '../ingest/articles.js';
import { ingestBatch, type IngestSummary } from '../pipeline.js';
import { HttpError, checkBearer, checkHost, checkOrigin, checkToken, checkWrite, contentSecurityPolicy, securityHeaders } from './guard.js';
import { articleLinks, dealTimeline, dealValue, dealsBetween, entityProfile, eventsOf, findEntityByName, namesOf, shortestPaths, toItem } from '../graph/query.js';
import type { Reply, Responses } from './schemas.js';
import { EVENT_TYPES } from '../extract/events/types.js';
import { Status } from '../extract/schema.js';
import { normName } from '../graph/keys.js';
import { marketRoute, uplotAsset } from './market-api.js';

export interface ServeOptions {
  token?: string;
  /** largest request body accepted, in bytes */
  maxBody?: number;
  /** the web page, served at / */
  page?: string;
  /** extraction workers; by default the server starts its own and stops them when it closes */
  pool?: ExtractPool;
  /** more names the Host header may use (besides loopback names and the bound address) */
  hosts?: string[];
}

/** A body over the limit is read to its end (and dropped) before the 413, so the client sees the answer, not a reset; past this it is cut. */
const DRAIN_LIMIT = 64 * 1024 * 1024;

/** A real calendar day: 1987-13-99 and 2020-02-31 are refused, not rolled over. */
export const isCalendarDate = (d: string): boolean => {
  const t = Date.parse(d + 'T00:00:00Z');
  return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === d;
};
const Date10 = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD').refine(isCalendarDate, 'expected a date as YYYY-MM-DD, found a day that does not exist');
const Limit = z.coerce.number().int().min(1).max(200).default(20);
const Cursor = z.string().regex(/^\d+$/, 'expected a cursor from a previous page').optional();
const Offset = z.coerce.number().int().min(0).max(10_000_000).optional();
const DealType = z.enum(['partnership', 'merger', 'acquisition', 'asset_sale', 'asset_purchase']);

export const Queries = {
  entities: z.object({ q: z.string().min(1, 'expected a name to search for'), limit: Limit, cursor: Cursor }).strict(),
  entity: z.object({ as_of: Date10.optional() }).strict(),
  deals: z.object({
    entity: z.string().optional().describe('a party, by name or id (same as party)'), party: z.string().optional().describe('a party, by name or id'),
    type: DealType.optional(), status: z.union([Status, z.literal('denied')]).optional(), since: Date10.optional().describe('last seen on or after'),
    from: Date10.optional().describe('seen within from…to: last seen on or after from'), to: Date10.optional().describe('first seen on or before to'),
    as_of: Date10.optional(), limit: Limit, offset: Offset, cursor: Cursor,
  }).strict(),
  articles: z.object({ limit: Limit, offset: Offset }).strict(),
  deal: z.object({ as_of: Date10.optional() }).strict(),
  quotes: z.object({ speaker: z.string().min(1), limit: Limit, cursor: Cursor }).strict(),
  events: z.object({ entity: z.string().optional(), type: z.enum(EVENT_TYPES).optional(), as_of: Date10.optional(), limit: Limit, cursor: Cursor }).strict(),
  path: z.object({ a: z.string().min(1), b: z.string().min(1) }).strict(),
  graph: z.object({ depth: z.coerce.number().int().min(1).max(2).default(1), max: z.coerce.number().int().min(2).max(200).default(60) }).strict(),
};
export const Bodies = {
  extract: z.object({ text: z.string().min(1).optional(), html: z.string().min(1).optional(), published: Date10.optional(), title: z.string().optional() }).strict()
    .refine((b) => !!b.text !== !!b.html, 'expected exactly one of "text" or "html"'),
};

/** A page at an offset (or a cursor, which is one), with the total. */
function paged<T>(items: T[], limit: number, start: number): { items: T[]; total: number; offset: number; next: string | null } {
  return { items: items.slice(start, start + limit), total: items.length, offset: start, next: start + limit < items.length ? String(start + limit) : null };
}

/** A page of articles (all, or naming an entity), newest first, with the total. */
async function articlesPage(store: Store, entity: number | undefined, limit: number, offset: number) {
  const r = await store.listArticles({ entity, limit, offset });
  return { ...r, offset, next: offset + limit < r.total ? String(offset + limit) : null };
}

function page<T>(items: T[], limit: number, cursor?: string): { items: T[]; next: string | null } {
  const start = cursor ? Number(cursor) : 0;
  const slice = items.slice(start, start + limit);
  return { items: slice, next: start + limit < items.length ? String(start + limit) : null };
}

function parse<T extends z.ZodTypeAny>(schema: T, value: unknown, what: string): z.infer<T> {
  const r = schema.safeParse(value);
  if (!r.success) {
    const i = r.error.issues[0];
    throw new HttpError(400, `dealgraph: ${what}: ${i.path.length ? i.path.join('.') + ': ' : ''}${i.message}`);
  }
  return r.data;
}

/** The body as UTF-8 text (a leading byte-order mark dropped); over `max` bytes it is drained and refused with 413. */
function readBody(req: IncomingMessage, max: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    const tooBig = (found: string) => new HttpError(413, `dealgraph: expected a request body of at most ${max} bytes, found ${found}`, { connection: 'close' });
    if (declared > DRAIN_LIMIT) { reject(tooBig(String(declared))); return; }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > DRAIN_LIMIT) { req.destroy(); return; }
      if (size <= max) chunks.push(c);
    });
    req.on('end', () => {
      if (size > max) { reject(tooBig(declared ? String(declared) : 'more')); return; }
      try { resolve(new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks))); }
      catch { reject(new HttpError(400, 'dealgraph: body: expected UTF-8 text, found invalid UTF-8 bytes')); }
    });
    req.on('error', reject);
  });
}

/** A 200 answer, type-checked against its zod schema in schemas.ts (the OpenAPI document's source). */
function send<K extends keyof Responses>(res: ServerResponse, _route: K, body: Reply<K>): void {
  json(res, 200, body);
}

function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const s = JSON.stringify(body);
  res.writeHead(status, { ...headers, 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(s), 'cache-control': 'no-store' });
  res.end(s);
}

/** Pool failures as HTTP: too long 413, too costly or unreadable 422, all workers busy 503. */
function poolStatus(e: PoolError): number {
  return e.failure === 'too-large' ? 413 : e.failure === 'busy' ? 503 : 422;
}

async function entityId(store: Store, raw: string): Promise<number> {
  const e = /^\d+$/.test(raw) ? await store.entity(Number(raw)) : null;
  if (e) return e.id;
  try { return (await findEntityByName(store, raw)).id; } catch (err) { throw new HttpError(404, (err as Error).message); }
}

export function createApi(store: Store, opts: ServeOptions = {}): Server {
  const max = opts.maxBody ?? 1_000_000;
  const token = checkToken(opts.token, 'token');
  const pool = opts.pool ?? new ExtractPool();
  const page = opts.page ?? '<!doctype html><title>dealgraph</title><p>dealgraph API: see <a href="/api/openapi.json">/api/openapi.json</a>';
  const headers = securityHeaders(contentSecurityPolicy(page));
  const deals = dealsCache(store);
  const server = createServer(async (req, res) => {
    for (const [k, v] of Object.entries(headers)) res.setHeader(k, v);
    try {
      const bound = (server.address() as AddressInfo | null)?.address ?? '';
      checkHost(req, bound, opts.hosts ?? []);
      checkOrigin(req);
      const url = requestUrl(req.url ?? '/');
      const path = url.pathname;
      if (req.method === 'GET' && (path === '/' || path === '/index.html')) {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-length': Buffer.byteLength(page) });
        res.end(page);
        return;
      }
      if (req.method === 'GET' && path === '/assets/cytoscape.min.js') {
        const js = cytoscapeSource();
        res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8', 'content-length': Buffer.byteLength(js), 'cache-control': 'public, max-age=86400' });
        res.end(js);
        return;
      }
      const asset = req.method === 'GET' ? uplotAsset(path) : null;
      if (asset) {
        res.writeHead(200, { 'content-type': asset.type, 'content-length': Buffer.byteLength(asset.body), 'cache-control': 'public, max-age=86400' });
        res.end(asset.body);
        return;
      }
      if (!path.startsWith('/api/')) throw new HttpError(404, `dealgraph: expected a path under /api/, found ${path}`);
      checkBearer(req, token);
      if (req.method !== 'GET' && req.method !== 'HEAD') checkWrite(req, bound, token);
      await route(req, res, url, { store, pool, max, deals });
    } catch (e) {
      // Refused before its body was read: the client must not reuse this connection (the unread rest would be taken for its next request).
      if (!req.complete) { res.setHeader('connection', 'close'); req.resume(); }
      if (e instanceof HttpError) json(res, e.status, { error: e.message }, e.headers);
      else if (e instanceof PoolError) json(res, poolStatus(e), { error: e.message }, e.failure === 'busy' ? { 'retry-after': '1' } : {});
      else if (e instanceof DealgraphError) json(res, 400, { error: e.message });
      else json(res, 500, { error: `dealgraph: internal error: ${(e as Error)?.message ?? String(e)}` });
    }
  });
  // A client that trickles its headers or body holds a socket: bounded well below Node's 5-minute default.
  server.headersTimeout = 20_000;
  server.requestTimeout = 60_000;
  if (!opts.pool) server.on('close', () => { void pool.close(); });
  return server;
}

interface Ctx { store: Store; pool: ExtractPool; max: number; deals: ReturnType<typeof dealsCache> }

async function route(req: IncomingMessage, res: ServerResponse, url: URL, { store, pool, max, deals }: Ctx): Promise<void> {
  const path = url.pathname;
  const q = Object.fromEntries(url.searchParams);
  const g = /^\/api\/entities\/(\d+)\/graph$/.exec(path);
  if (g && req.method === 'GET') {
    const p = parse(Queries.graph, q, 'query');
    if (!await store.entity(Number(g[1]))) throw new HttpError(404, `dealgraph: expected an existing entity, found no entity ${g[1]}`);
    send(res, 'GET /api/entities/{id}/graph', await neighbourhood(store, Number(g[1]), p.depth, p.max));
    return;
  }
  const ea = /^\/api\/entities\/(\d+)\/articles$/.exec(path);
  if (ea && req.method === 'GET') {
    const p = parse(Queries.articles, q, 'query');
    if (!await store.entity(Number(ea[1]))) throw new HttpError(404, `dealgraph: expected an existing entity, found no entity ${ea[1]}`);
    send(res, 'GET /api/entities/{id}/articles', await articlesPage(store, Number(ea[1]), p.limit, p.offset ?? 0));
    return;
  }
  const market = await marketRoute(store, req.method ?? '', path, q);
  if (market !== undefined) { json(res, 200, market); return; }
  const route = `${req.method} ${path.replace(/\/\d+$/, '/:id')}`;
  const id = Number(/\/(\d+)$/.exec(path)?.[1]);
  switch (route) {
    case 'GET /api/openapi.json': { const { openApiDocument } = await import('./openapi.js'); json(res, 200, openApiDocument()); return; }
    case 'GET /api/stats': {
      parse(z.object({}).strict(), q, 'query');
      const all = await deals.get({});
      const tally = (key: (d: DealRow) => string) => { const t: Record<string, number> = {}; for (const d of all) t[key(d)] = (t[key(d)] ?? 0) + 1; return t; };
      const { events: _events, ...counts } = await store.counts();
      send(res, 'GET /api/stats', { counts, dealsByStatus: tally((d) => d.status ?? 'none'), dealsByType: tally((d) => d.type) });
      return;
    }
    case 'GET /api/articles': {
      const p = parse(Queries.articles, q, 'query');
      send(res, 'GET /api/articles', await articlesPage(store, undefined, p.limit, p.offset ?? 0));
      return;
    }
    case 'GET /api/entities': {
      const p = parse(Queries.entities, q, 'query');
      const all = await store.searchEntities(normName(p.q) || p.q, (p.cursor ? Number(p.cursor) : 0) + p.limit + 1);
      send(res, 'GET /api/entities', page(all, p.limit, p.cursor));
      return;
    }
    case 'GET /api/entities/:id': {
      const p = parse(Queries.entity, q, 'query');
      if (!await store.entity(id)) throw new HttpError(404, `dealgraph: expected an existing entity, found no entity ${id}`);
      send(res, 'GET /api/entities/{id}', await entityProfile(store, id, { asOf: p.as_of }));
      return;
    }
    case 'GET /api/deals': {
      const p = parse(Queries.deals, q, 'query');
      if (p.entity !== undefined && p.party !== undefined && p.entity !== p.party) throw new HttpError(400, 'dealgraph: query: expected one party (entity or party), found both');
      const party = p.party ?? p.entity;
      const list = dealsBetween(await deals.get({ entity: party !== undefined ? await entityId(store, party) : undefined, type: p.type, status: p.status, since: p.since, asOf: p.as_of }), p.from, p.to);
      send(res, 'GET /api/deals', paged(list, p.limit, p.offset ?? (p.cursor ? Number(p.cursor) : 0)));
      return;
    }
    case 'GET /api/deals/:id': {
      const p = parse(Queries.deal, q, 'query');
      let t;
      try { t = await dealTimeline(store, id, p.as_of); } catch (e) { throw new HttpError(404, (e as Error).message); }
      // Each step quotes its sentence: the evidence with some context from the article.
      const steps = [];
      for (const s of t.steps) {
        const text = await store.articleText(s.sources[0].article);
        const ev = s.evidence[0];
        steps.push({ ...s, quote: text !== null && ev ? { before: text.slice(Math.max(0, ev.start - 120), ev.start), text: text.slice(ev.start, ev.end), after: text.slice(ev.end, ev.end + 120) } : null });
      }
      send(res, 'GET /api/deals/{id}', { deal: t.deal, value: dealValue((await store.dealFacts(id, p.as_of)).filter((f) => !f.nearDup)), steps, rivals: t.rivals });
      return;
    }
    case 'GET /api/articles/:id': {
      const a = await store.article(id);
      if (!a) throw new HttpError(404, `dealgraph: expected an existing article, found no article ${id}`);
      send(res, 'GET /api/articles/{id}', { ...a, links: await articleLinks(store, a.extraction.entities) });
      return;
    }
    case 'GET /api/quotes': {
      const p = parse(Queries.quotes, q, 'query');
      const sid = await entityId(store, p.speaker);
      const quotes = (await store.factsAbout(sid, { types: ['quote'] })).filter((f) => f.args.speaker === sid && !f.nearDup);
      const names = await namesOf(store, quotes);
      const items = quotes.map((f) => toItem(names, f));
      send(res, 'GET /api/quotes', page(items, p.limit, p.cursor));
      return;
    }
    case 'GET /api/events': {
      const p = parse(Queries.events, q, 'query');
      const entity = p.entity !== undefined ? await entityId(store, p.entity) : undefined;
      const items = await eventsOf(store, { entity, type: p.type, asOf: p.as_of, limit: (p.cursor ? Number(p.cursor) : 0) + p.limit + 1 });
      send(res, 'GET /api/events', page(items, p.limit, p.cursor));
      return;
    }
    case 'GET /api/path': {
      const p = parse(Queries.path, q, 'query');
      send(res, 'GET /api/path', { paths: await shortestPaths(store, await entityId(store, p.a), await entityId(store, p.b)) });
      return;
    }
    case 'POST /api/extract': {
      const body = parse(Bodies.extract, parseJsonBody(await readBody(req, max)), 'body');
      const meta = { title: body.title ?? null, published: body.published ?? null };
      const x = body.html ? (await pool.extractHtml(body.html, 'request', meta)).result
        : await pool.extract({ id: 'request', source: 'request', text: body.text!, ...meta });
      send(res, 'POST /api/extract', x.extraction);
      return;
    }
    case 'POST /api/articles': {
      json(res, ...(await ingestRequest(store, pool, await readBody(req, max))));
      deals.clear();
      return;
    }
    default:
      if (['GET /api/stats', 'GET /api/entities', 'GET /api/deals', 'GET /api/articles', 'GET /api/quotes', 'GET /api/events', 'GET /api/path', 'POST /api/extract', 'POST /api/articles'].some((r) => r.split(' ')[1] === path)) throw new HttpError(405, `dealgraph: expected another method for ${path}, found ${req.method}`);
      throw new HttpError(404, `dealgraph: expected a known API path, found ${req.method} ${path}`);
  }
}

/** POST /api/articles: records parsed and extracted in the workers, then stored on this thread in one transaction. */
async function ingestRequest(store: Store, pool: ExtractPool, raw: string): Promise<[number, IngestSummary]> {
  parseJsonBody(raw);
  const items = await pool.records(raw, 'request');
  const s: IngestSummary = { articles: items.length, added: 0, duplicates: 0, nearDuplicates: 0, failed: 0, entities: 0, facts: 0, seconds: 0, errors: [] };
  const articles: Article[] = [];
  for (const it of items) if (it.ok) articles.push(it.article); else { s.failed++; s.errors.push({ source: it.source, reason: it.reason }); }
  const t0 = performance.now();
  const done = new Map<Article, Extraction | Error>();
  for (const a of articles) {
    try { done.set(a, (await pool.extract(a)).extraction); } catch (e) { done.set(a, e as Error); }
  }
  await ingestBatch(store, articles, s, (a) => { const x = done.get(a)!; if (x instanceof Error) throw x; return x; });
  s.seconds = (performance.now() - t0) / 1000;
  return [s.failed && s.added + s.duplicates + s.nearDuplicates === 0 ? 400 : 200, s];
}

/**
 * Deal lists, whole (so a cursor can page past any count), kept until the
 * store changes: computing every deal's status takes a while on a large
 * database, and a page should not pay it again. Another process writing to
 * the same file shows in its counts; this server's own writes clear it.
 */
function dealsCache(store: Store) {
  const cache = new Map<string, DealRow[]>();
  let version = '';
  // A SQLite file (and its write-ahead log) changes size or time on every commit, from any process: a stat is
  // far cheaper than counting rows (30-50 ms on the Reuters database).
  const file = (store as { path?: unknown }).path;
  const stamp = (f: string) => { try { const st = statSync(f); return `${st.size}:${st.mtimeMs}`; } catch { return '-'; } };
  // A server store (PostgreSQL) has no file to stat: its lists are kept for at most a second.
  const current = () => typeof file === 'string' && existsSync(file) ? `${stamp(file)}/${stamp(file + '-wal')}` : String(Math.floor(Date.now() / 1000));
  return {
    async get(f: { entity?: number; type?: string; status?: string; since?: string; asOf?: string }): Promise<DealRow[]> {
      const v = current();
      if (v !== version) { cache.clear(); version = v; }
      const key = JSON.stringify(f);
      let list = cache.get(key);
      if (!list) {
        list = await store.deals(f);
        if (cache.size >= 256) cache.delete(cache.keys().next().value!);
        cache.set(key, list);
      }
      return list;
    },
    clear(): void { cache.clear(); },
  };
}

/** An entity's neighbourhood: companies linked by deals, stakes and subsidiaries, up to `depth` steps and `max` nodes. */
export async function neighbourhood(store: Store, id: number, depth: number, max: number) {
  const root = (await store.entity(id))!;
  const nodes = new Map<number, { id: number; name: string; type: string; depth: number }>([[root.id, { id: root.id, name: root.name, type: root.type, depth: 0 }]]);
  const edges = new Map<string, { source: number; target: number; type: string; fact: number }>();
  let frontier = [root.id];
  for (let d = 1; d <= depth && frontier.length; d++) {
    const next: number[] = [];
    for (const n of frontier) {
      for (const e of await store.neighbors(n)) {
        if (!nodes.has(e.entity)) {
          if (nodes.size >= max) continue;
          const ent = await store.entity(e.entity);
          if (!ent) continue;
          nodes.set(ent.id, { id: ent.id, name: ent.name, type: ent.type, depth: d });
          next.push(ent.id);
        }
        const key = [Math.min(n, e.entity), Math.max(n, e.entity), e.via].join(':');
        if (!edges.has(key)) edges.set(key, { source: n, target: e.entity, type: e.via, fact: e.factId });
      }
    }
    frontier = next;
  }
  return { nodes: [...nodes.values()], edges: [...edges.values()] };
}

let cytoscapeJs: string | null = null;
/** cytoscape.js, the graph view's library, served from the installed package. */
function cytoscapeSource(): string {
  if (cytoscapeJs === null) {
    try { cytoscapeJs = readFileSync(createRequire(import.meta.url).resolve('cytoscape/dist/cytoscape.min.js'), 'utf8'); }
    catch { cytoscapeJs = 'window.cytoscape = null;'; }
  }
  return cytoscapeJs;
}

/** The request target as a URL; only a path is served ('//x' is a path here, not another host). */
function requestUrl(raw: string): URL {
  const bad = () => new HttpError(400, `dealgraph: request target: expected a path starting with /, found ${JSON.stringify(raw.slice(0, 200))}`);
  if (!raw.startsWith('/')) throw bad();
  try { return new URL('http://localhost' + raw); } catch { throw bad(); }
}

function parseJsonBody(raw: string): unknown {
  if (!raw.trim()) throw new HttpError(400, 'dealgraph: expected a JSON body, found an empty one');
  try { return JSON.parse(raw); } catch (e) { throw new HttpError(400, `dealgraph: expected a JSON body, found malformed JSON (${(e as Error).message})`); }
}
