/**
 * The market part of the API: an entity's closes against its index with its
 * dated facts and events (each with its abnormal return), and event studies
 * of a deal's steps and of one stored event, for each party with prices.
 *   GET /api/entities/:id/prices?index=&window=
 *   GET /api/deals/:id/study?index=&window=&model=
 *   GET /api/events/:id/study?index=&window=&model=
 */
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { FactRow, Store } from '../store/types.js';
import { HttpError } from './guard.js';
import { namesOf, toEventItem, toItem } from '../graph/query.js';
import { MARKET_JS } from './market-page.js';
import { DEFAULT_INDEX, MODELS, Market, factParties, lowerBound, type Model, type StudyResult, type Window } from '../market/index.js';

const WindowParam = z.string().regex(/^-?\d{1,3},-?\d{1,3}$/, 'expected two trading-day offsets as a,b (e.g. -1,1)')
  .transform((s) => s.split(',').map(Number) as Window).refine((w) => w[0] <= w[1], 'expected a <= b').optional();
const Symbol = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9.^_-]{0,19}$/, 'expected an index symbol such as SPX').optional();
export const MarketQueries = {
  prices: z.object({ index: Symbol, window: WindowParam }).strict(),
  study: z.object({ index: Symbol, window: WindowParam, model: z.enum(MODELS as [Model, ...Model[]]).optional() }).strict(),
};

const RE_PRICES = /^\/api\/entities\/(\d+)\/prices$/;
const RE_STUDY = /^\/api\/(deals|events)\/(\d+)\/study$/;

function parse<T extends z.ZodTypeAny>(schema: T, value: unknown): z.infer<T> {
  const r = schema.safeParse(value);
  if (!r.success) { const i = r.error.issues[0]; throw new HttpError(400, `dealgraph: query: ${i.path.length ? i.path.join('.') + ': ' : ''}${i.message}`); }
  return r.data;
}

/** The answer to a market path, or undefined when the path is not one (the caller routes it). */
export async function marketRoute(store: Store, method: string, path: string, q: Record<string, string>): Promise<unknown | undefined> {
  const pm = RE_PRICES.exec(path), sm = RE_STUDY.exec(path);
  if (!pm && !sm) return undefined;
  if (method !== 'GET') throw new HttpError(405, `dealgraph: expected GET for ${path}, found ${method}`);
  if (pm) {
    const p = parse(MarketQueries.prices, q);
    return entityPrices(await Market.open(store, p.index ?? DEFAULT_INDEX), Number(pm[1]), p.window ?? [-1, 1]);
  }
  const p = parse(MarketQueries.study, q);
  const market = await Market.open(store, p.index ?? DEFAULT_INDEX);
  const opts = { windows: [p.window ?? [-1, 1]] as Window[], model: p.model ?? 'market' as Model };
  return sm![1] === 'deals' ? dealStudy(market, Number(sm![2]), opts) : eventStudy(market, Number(sm![2]), opts);
}

/** A study that cannot be run is an answer with its reason, not an error. */
function safeStudy(market: Market, symbol: string, date: string | null, opts: { windows: Window[]; model?: Model }): StudyResult {
  if (!date) return { ok: false, date: '', reason: 'the article has no date' };
  try { return market.event(symbol, date, { ...opts, windows: [[0, 0], ...opts.windows] }); } catch (e) { return { ok: false, date, reason: (e as Error).message }; }
}

export async function entityPrices(market: Market, id: number, window: Window) {
  const store = market.store;
  const e = await store.entity(id);
  if (!e) throw new HttpError(404, `dealgraph: expected an existing entity, found no entity ${id}`);
  await market.prepare([e.id]);
  const symbol = market.symbolOfEntity(e.id);
  const all = await store.market.links();
  await market.prepare(all.map((l) => l.entity));
  const links = all.filter((l) => (market.entity(l.entity)?.id ?? l.entity) === e.id).map((l) => ({ symbol: l.symbol, how: l.how, reason: l.reason, article: l.article }));
  const head = { entity: { id: e.id, name: e.name }, symbol, index: market.index, window, links };
  if (!symbol) return { ...head, series: null, events: [], reason: links.length ? 'none of its symbols has closes in the store' : 'no symbol is linked to it (dealgraph market link)' };
  let index, stock;
  try { index = await store.market.series('index', market.index); stock = await store.market.series('stock', symbol); } catch (err) { throw new HttpError(500, (err as Error).message); }
  // Closes on the days both have one.
  const dates: string[] = [], close: number[] = [], idx: number[] = [];
  for (let i = 0, j = 0; i < stock.dates.length; i++) {
    while (j < index.dates.length && index.dates[j] < stock.dates[i]) j++;
    if (index.dates[j] === stock.dates[i]) { dates.push(stock.dates[i]); close.push(stock.close[i]); idx.push(index.close[j]); }
  }
  if (dates.length === 0) return { ...head, series: null, events: [], reason: `${symbol} and ${market.index} have no day in common` };
  // The entity's dated facts and events, by article date, each date studied once.
  const byDate = new Map<string, { kind: string; id: number; type: string; text: string; article: number }[]>();
  const add = (date: string | null | undefined, item: { kind: string; id: number; type: string; text: string; article: number }) => {
    if (!date || date < dates[0] || date > dates[dates.length - 1]) return;
    byDate.set(date, [...(byDate.get(date) ?? []), item]);
  };
  const facts = (await store.factsAbout(e.id)).filter((f) => !f.nearDup), names = await namesOf(store, facts);
  for (const f of facts) add(f.article?.published, { kind: 'fact', id: f.id, type: f.type, text: toItem(names, f).text, article: f.articleId });
  for (const v of await store.events({ entity: e.id, limit: 2000 })) if (!v.nearDup) { const it = toEventItem(v); add(v.article?.published, { kind: 'event', id: v.id, type: v.type + (v.subtype ? '/' + v.subtype : ''), text: it.text, article: v.articleId }); }
  const events = [...byDate].sort((a, b) => a[0].localeCompare(b[0])).map(([date, items]) => {
    const r = safeStudy(market, symbol, date, { windows: [window] });
    return r.ok
      ? { date, eventDate: r.eventDate, ar: r.windows[0].car, arT: r.windows[0].t, car: r.windows[1].car, carT: r.windows[1].t, carP: r.windows[1].p, items }
      : { date, eventDate: dates[Math.min(lowerBound(dates, date), dates.length - 1)], reason: r.reason, items };
  });
  return { ...head, series: { dates, close, index: idx }, events };
}

function partyStudies(market: Market, f: FactRow, opts: { windows: Window[]; model: Model }) {
  return factParties(f).map(([role, id]) => {
    const e = market.entity(id);
    const symbol = market.symbolOfEntity(id);
    const r = symbol ? safeStudy(market, symbol, f.article?.published ?? null, opts) : null;
    return {
      entity: e?.id ?? id, name: e?.name ?? '?', role, symbol,
      study: r && r.ok ? { eventDate: r.eventDate, alpha: r.alpha, beta: r.beta, ar: r.windows[0].car, car: r.windows[1].car, se: r.windows[1].se, t: r.windows[1].t, p: r.windows[1].p } : null,
      reason: !symbol ? 'no linked symbol with closes' : r && !r.ok ? r.reason : undefined,
    };
  });
}

export async function dealStudy(market: Market, id: number, opts: { windows: Window[]; model: Model }) {
  const facts = (await market.store.dealFacts(id)).filter((f) => !f.nearDup);
  if (facts.length === 0) throw new HttpError(404, `dealgraph: expected an existing deal, found no deal ${id}`);
  const names = await namesOf(market.store, facts);
  await market.prepare(facts.flatMap((f) => factParties(f).map(([, e]) => e)));
  return {
    deal: id, index: market.index, model: opts.model, window: opts.windows[0],
    steps: facts.map((f) => ({ fact: f.id, date: f.article?.published ?? null, status: f.status, negated: f.negated, text: toItem(names, f).text, parties: partyStudies(market, f, opts) })),
  };
}

export async function eventStudy(market: Market, id: number, opts: { windows: Window[]; model: Model }) {
  const [v] = await market.store.events({ id });
  if (!v) throw new HttpError(404, `dealgraph: expected an existing event, found no event ${id}`);
  await market.prepare(v.args.flatMap((a) => (a.entity !== null ? [a.entity] : [])));
  const seen = new Set<number>();
  const parties = v.args.filter((a) => a.entity !== null && !seen.has(a.entity) && seen.add(a.entity)).map((a) => {
    const e = market.entity(a.entity!);
    const symbol = market.symbolOfEntity(a.entity!);
    const r = symbol ? safeStudy(market, symbol, v.article?.published ?? null, opts) : null;
    return { entity: e?.id ?? a.entity, name: e?.name ?? a.text, role: a.role, symbol, study: r ?? null, reason: symbol ? undefined : 'no linked symbol with closes' };
  });
  return { event: toEventItem(v), index: market.index, model: opts.model, window: opts.windows[0], parties };
}

const assets = new Map<string, string>();
/** The page's market script, and uPlot (its chart) served from the installed package; null for other paths. */
export function uplotAsset(path: string): { body: string; type: string } | null {
  if (path === '/assets/market.js') return { body: MARKET_JS, type: 'text/javascript; charset=utf-8' };
  const file = path === '/assets/uplot.min.js' ? 'uplot/dist/uPlot.iife.min.js' : path === '/assets/uplot.min.css' ? 'uplot/dist/uPlot.min.css' : null;
  if (!file) return null;
  if (!assets.has(file)) {
    try { assets.set(file, readFileSync(createRequire(import.meta.url).resolve(file), 'utf8')); } catch { assets.set(file, path.endsWith('.js') ? 'window.uPlot = null;' : ''); }
  }
  return { body: assets.get(file)!, type: path.endsWith('.js') ? 'text/javascript; charset=utf-8' : 'text/css; charset=utf-8' };
}
