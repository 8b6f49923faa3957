/**
 * The HTTP API over one store: JSON in and out, inputs validated with zod
 * (400 with the reason), bodies over the limit refused (413), an optional
 * bearer token, cursors for paging. The OpenAPI document is generated from the
 * same zod schemas (openapi.ts). A request can never crash the process: every
 * handler runs inside one try/catch that answers 500.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { z } from 'zod';
import { DealgraphError } from '../errors.js';
import type { Store } from '../store/types.js';
import { extract } from '../extract/index.js';
import { parseHtml, parseJsonRecords } from '../ingest/formats.js';
import { ingestBatch, type IngestSummary } from '../pipeline.js';
import { dealTimeline, entityProfile, eventsOf, findEntityByName, shortestPaths, toItem } from '../graph/query.js';
import { EVENT_TYPES } from '../extract/events/types.js';
import { normName } from '../graph/keys.js';

export interface ServeOptions {
  token?: string;
  /** largest request body accepted, in bytes */
  maxBody?: number;
  /** the web page, served at / */
  page?: string;
}

class HttpError extends Error {
  constructor(readonly status: number, message: string) { super(message); }
}

const Date10 = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD');
const Limit = z.coerce.number().int().min(1).max(200).default(20);
const Cursor = z.string().regex(/^\d+$/, 'expected a cursor from a previous page').optional();

export const Queries = {
  entities: z.object({ q: z.string().min(1, 'expected a name to search for'), limit: Limit, cursor: Cursor }).strict(),
  entity: z.object({ as_of: Date10.optional() }).strict(),
  deals: z.object({ entity: z.string().optional(), type: z.enum(['partnership', 'merger', 'acquisition', 'asset_sale', 'asset_purchase']).optional(), status: z.enum(['rumored', 'in_talks', 'agreed', 'completed', 'active', 'failed', 'ended']).optional(), since: Date10.optional(), as_of: Date10.optional(), limit: Limit, cursor: Cursor }).strict(),
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

function readBody(req: IncomingMessage, max: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > max) { reject(new HttpError(413, `dealgraph: expected a request body of at most ${max} bytes, found ${declared}`)); req.resume(); return; }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > max) { reject(new HttpError(413, `dealgraph: expected a request body of at most ${max} bytes, found more`)); req.destroy(); return; }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function json(res: ServerResponse, status: number, body: unknown): void {
  const s = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(s), 'cache-control': 'no-store' });
  res.end(s);
}

function entityId(store: Store, raw: string): number {
  const e = /^\d+$/.test(raw) ? store.entity(Number(raw)) : null;
  if (e) return e.id;
  try { return findEntityByName(store, raw).id; } catch (err) { throw new HttpError(404, (err as Error).message); }
}

export function createApi(store: Store, opts: ServeOptions = {}): Server {
  const max = opts.maxBody ?? 1_000_000;
  return createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const path = url.pathname;
      if (req.method === 'GET' && (path === '/' || path === '/index.html')) {
        const html = opts.page ?? '<!doctype html><title>dealgraph</title><p>dealgraph API: see <a href="/api/openapi.json">/api/openapi.json</a>';
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-length': Buffer.byteLength(html) });
        res.end(html);
        return;
      }
      if (req.method === 'GET' && path === '/assets/cytoscape.min.js') {
        const js = cytoscapeSource();
        res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8', 'content-length': Buffer.byteLength(js), 'cache-control': 'public, max-age=86400' });
        res.end(js);
        return;
      }
      if (!path.startsWith('/api/')) throw new HttpError(404, `dealgraph: expected a path under /api/, found ${path}`);
      if (opts.token && req.headers.authorization !== `Bearer ${opts.token}`) {
        res.setHeader('www-authenticate', 'Bearer');
        throw new HttpError(401, 'dealgraph: expected an Authorization: Bearer <token> header, found none or another token');
      }
      const q = Object.fromEntries(url.searchParams);
      const g = /^\/api\/entities\/(\d+)\/graph$/.exec(path);
      if (g && req.method === 'GET') {
        const p = parse(Queries.graph, q, 'query');
        if (!store.entity(Number(g[1]))) throw new HttpError(404, `dealgraph: expected an existing entity, found no entity ${g[1]}`);
        json(res, 200, neighbourhood(store, Number(g[1]), p.depth, p.max));
        return;
      }
      const route = `${req.method} ${path.replace(/\/\d+$/, '/:id')}`;
      const id = Number(/\/(\d+)$/.exec(path)?.[1]);
      switch (route) {
        case 'GET /api/openapi.json': { const { openApiDocument } = await import('./openapi.js'); json(res, 200, openApiDocument()); return; }
        case 'GET /api/entities': {
          const p = parse(Queries.entities, q, 'query');
          const all = store.searchEntities(normName(p.q) || p.q, (p.cursor ? Number(p.cursor) : 0) + p.limit + 1);
          json(res, 200, page(all, p.limit, p.cursor));
          return;
        }
        case 'GET /api/entities/:id': {
          const p = parse(Queries.entity, q, 'query');
          if (!store.entity(id)) throw new HttpError(404, `dealgraph: expected an existing entity, found no entity ${id}`);
          json(res, 200, entityProfile(store, id, { asOf: p.as_of }));
          return;
        }
        case 'GET /api/deals': {
          const p = parse(Queries.deals, q, 'query');
          const deals = store.deals({ entity: p.entity !== undefined ? entityId(store, p.entity) : undefined, type: p.type, status: p.status, since: p.since, asOf: p.as_of, limit: 1000 });
          json(res, 200, page(deals, p.limit, p.cursor));
          return;
        }
        case 'GET /api/deals/:id': {
          const p = parse(Queries.deal, q, 'query');
          let t;
          try { t = dealTimeline(store, id, p.as_of); } catch (e) { throw new HttpError(404, (e as Error).message); }
          // Each step quotes its sentence: the evidence with some context from the article.
          const steps = t.steps.map((s) => {
            const a = store.article(s.sources[0].article);
            const ev = s.evidence[0];
            return { ...s, quote: a && ev ? { before: a.text.slice(Math.max(0, ev.start - 120), ev.start), text: a.text.slice(ev.start, ev.end), after: a.text.slice(ev.end, ev.end + 120) } : null };
          });
          json(res, 200, { deal: t.deal, steps });
          return;
        }
        case 'GET /api/articles/:id': {
          const a = store.article(id);
          if (!a) throw new HttpError(404, `dealgraph: expected an existing article, found no article ${id}`);
          json(res, 200, a);
          return;
        }
        case 'GET /api/quotes': {
          const p = parse(Queries.quotes, q, 'query');
          const sid = entityId(store, p.speaker);
          const items = store.factsAbout(sid, { types: ['quote'] }).filter((f) => f.args.speaker === sid && !f.nearDup).map((f) => toItem(store, f));
          json(res, 200, page(items, p.limit, p.cursor));
          return;
        }
        case 'GET /api/events': {
          const p = parse(Queries.events, q, 'query');
          const entity = p.entity !== undefined ? entityId(store, p.entity) : undefined;
          const items = eventsOf(store, { entity, type: p.type, asOf: p.as_of, limit: (p.cursor ? Number(p.cursor) : 0) + p.limit + 1 });
          json(res, 200, page(items, p.limit, p.cursor));
          return;
        }
        case 'GET /api/path': {
          const p = parse(Queries.path, q, 'query');
          json(res, 200, { paths: shortestPaths(store, entityId(store, p.a), entityId(store, p.b)) });
          return;
        }
        case 'POST /api/extract': {
          const body = parse(Bodies.extract, parseJsonBody(await readBody(req, max)), 'body');
          let text = body.text, title = body.title ?? null, published = body.published ?? null;
          if (body.html) {
            const [item] = parseHtml(body.html, 'request');
            if (!item.ok) throw new HttpError(422, item.reason);
            text = item.article.text; title ??= item.article.title; published ??= item.article.published;
          }
          json(res, 200, extract({ id: 'request', source: 'request', text: text!, title, published }).extraction);
          return;
        }
        case 'POST /api/articles': {
          const raw = await readBody(req, max);
          parseJsonBody(raw);
          const items = parseJsonRecords(raw, 'request', false);
          const s: IngestSummary = { articles: items.length, added: 0, duplicates: 0, nearDuplicates: 0, failed: 0, entities: 0, facts: 0, seconds: 0, errors: [] };
          for (const it of items) if (!it.ok) { s.failed++; s.errors.push({ source: it.source, reason: it.reason }); }
          const t0 = performance.now();
          ingestBatch(store, items.filter((i) => i.ok).map((i) => (i as { ok: true; article: import('../ingest/articles.js').Article }).article), s);
          s.seconds = (performance.now() - t0) / 1000;
          json(res, s.failed && s.added + s.duplicates + s.nearDuplicates === 0 ? 400 : 200, s);
          return;
        }
        default:
          if (['GET /api/entities', 'GET /api/deals', 'GET /api/quotes', 'GET /api/events', 'GET /api/path', 'POST /api/extract', 'POST /api/articles'].some((r) => r.split(' ')[1] === path)) throw new HttpError(405, `dealgraph: expected another method for ${path}, found ${req.method}`);
          throw new HttpError(404, `dealgraph: expected a known API path, found ${req.method} ${path}`);
      }
    } catch (e) {
      if (e instanceof HttpError) json(res, e.status, { error: e.message });
      else if (e instanceof DealgraphError) json(res, 400, { error: e.message });
      else json(res, 500, { error: `dealgraph: internal error: ${(e as Error)?.message ?? String(e)}` });
    }
  });
}

/** An entity's neighbourhood: companies linked by deals, stakes and subsidiaries, up to `depth` steps and `max` nodes. */
export function neighbourhood(store: Store, id: number, depth: number, max: number) {
  const root = store.entity(id)!;
  const nodes = new Map<number, { id: number; name: string; type: string; depth: number }>([[root.id, { id: root.id, name: root.name, type: root.type, depth: 0 }]]);
  const edges = new Map<string, { source: number; target: number; type: string; fact: number }>();
  let frontier = [root.id];
  for (let d = 1; d <= depth && frontier.length; d++) {
    const next: number[] = [];
    for (const n of frontier) {
      for (const e of store.neighbors(n)) {
        if (!nodes.has(e.entity)) {
          if (nodes.size >= max) continue;
          const ent = store.entity(e.entity);
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

function parseJsonBody(raw: string): unknown {
  if (!raw.trim()) throw new HttpError(400, 'dealgraph: expected a JSON body, found an empty one');
  try { return JSON.parse(raw); } catch (e) { throw new HttpError(400, `dealgraph: expected a JSON body, found malformed JSON (${(e as Error).message})`); }
}
