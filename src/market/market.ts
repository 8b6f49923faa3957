/**
 * Event studies over the graph: a symbol's returns against its index (read
 * from the store once, then kept), one study per dated fact of a linked
 * company, and group tests over a kind of fact (`market study`). Several
 * facts of one company on one event day are one event; events of one company
 * whose windows overlap are reported and left out of the group test, never
 * counted twice.
 */
import { DealgraphError } from '../errors.js';
import type { EntityRow, FactRow, Store } from '../store/types.js';
import { align, groupTest, lowerBound, studyEvent, type EventStudy, type GroupTest, type Returns, type StudyOptions, type StudyResult, type Window } from './study.js';
import { symbolOf } from './link.js';

export const DEFAULT_INDEX = 'SPX';

/**
 * What the studies need from the store, read once by `Market.open` (the store answers asynchronously; the
 * studies are computed synchronously from what was read): the priced symbols, the links and the index's
 * closes; entities (roots after merges, names) and their symbols' closes are read by `prepare` before a study.
 */
export class Market {
  private readonly returnsCache = new Map<string, Returns>();
  private readonly seriesCache = new Map<string, { dates: string[]; close: Float64Array }>();
  private indexSeries: { dates: string[]; close: Float64Array } = { dates: [], close: new Float64Array() };
  private linkCache: Awaited<ReturnType<typeof symbolOf>> = new Map();
  private pricedCache: Set<string> = new Set();
  private readonly entities = new Map<number, EntityRow | null>();

  private constructor(readonly store: Store, readonly index = DEFAULT_INDEX) {}

  static async open(store: Store, index = DEFAULT_INDEX): Promise<Market> {
    const m = new Market(store, index);
    m.pricedCache = new Set((await store.market.symbols('stock')).map((s) => s.symbol));
    m.linkCache = await symbolOf(store, m.pricedCache);
    m.indexSeries = await store.market.series('index', index);
    return m;
  }

  /** Reads one symbol's closes (a symbol no entity is linked to, for `market event`). */
  async load(symbol: string): Promise<void> {
    if (!this.seriesCache.has(symbol)) this.seriesCache.set(symbol, await this.store.market.series('stock', symbol));
  }

  /** Reads the entities (their roots and names) that studies of these ids will need, and their symbols' closes. */
  async prepare(ids: Iterable<number>): Promise<void> {
    for (const id of ids) {
      if (this.entities.has(id)) continue;
      this.entities.set(id, await this.store.entity(id));
      const symbol = this.symbolOfEntity(id);
      if (symbol) await this.load(symbol);
    }
  }

  /** A prepared entity (its root after merges), or null. */
  entity(id: number): EntityRow | null {
    const e = this.entities.get(id);
    if (e === undefined) throw new Error(`market: entity ${id} was not prepared`);
    return e;
  }

  priced(): Set<string> {
    return this.pricedCache;
  }

  /** Each linked entity's symbol (among symbols with prices). */
  links(): Awaited<ReturnType<typeof symbolOf>> {
    return this.linkCache;
  }

  private readonly symbolMemo = new Map<number, string | null>();
  /** The entity's symbol (after merges), remembered: a graph's facts name the same companies again and again. */
  symbolOfEntity(entity: number): string | null {
    let s = this.symbolMemo.get(entity);
    if (s === undefined) {
      s = this.links().get(this.entity(entity)?.id ?? entity)?.symbol ?? null;
      this.symbolMemo.set(entity, s);
    }
    return s;
  }

  returns(symbol: string): Returns {
    let r = this.returnsCache.get(symbol);
    if (r) return r;
    if (this.indexSeries.dates.length === 0) throw new DealgraphError(`expected closes of the index ${this.index}, found none; import them with dealgraph market import FILE.csv --index`);
    const s = this.seriesCache.get(symbol);
    if (!s || s.dates.length === 0) throw new DealgraphError(`expected closes of ${symbol}, found none; import them with dealgraph market import FILE.csv`);
    r = align(s, this.indexSeries);
    this.returnsCache.set(symbol, r);
    return r;
  }

  event(symbol: string, date: string, opts: Partial<StudyOptions> = {}): StudyResult {
    return studyEvent(this.returns(symbol), date, opts);
  }
}

export interface FactFilter { type?: string; role?: string; status?: string; includeNegated?: boolean }
export interface EventFilter { type?: string; subtype?: string; role?: string; includeNegated?: boolean }

/** What a study is about: a fact or an event of the model, its article's date, and its companies by role. */
export interface Subject { id: number; kind: 'fact' | 'event'; articleId: number; type: string; status: string | null; date: string | null; parties: [string, number][] }

/** One company's side of one fact or event, studied at its article's date. */
export interface FactStudy {
  fact: number; kind: 'fact' | 'event'; article: number; date: string | null; type: string; status: string | null; role: string;
  entity: number; name: string; symbol: string; result: StudyResult;
  /** why it is left out of the group test: another fact of the company on the same event day, or an overlapping window */
  excluded?: string;
}

export interface GroupStudy {
  index: string; model: string; window: Window;
  /** facts (or events) of the kind asked for (near-duplicates left out) */
  facts: number;
  /** those with at least one company that has prices */
  factsLinked: number;
  /** their company sides whose company has prices */
  linked: number;
  studies: FactStudy[];
  /** the events in the test: one per company and event day, windows not overlapping */
  group: GroupTest | null;
}

/** The entity arguments of a fact, as [role, entity id] pairs. */
export function factParties(f: FactRow, role?: string): [string, number][] {
  const out: [string, number][] = [];
  for (const [k, v] of Object.entries(f.args)) {
    if (role && k !== role) continue;
    if (typeof v === 'number' && isPartyRole(k)) out.push([k, v]);
    else if (Array.isArray(v) && isPartyRole(k)) for (const x of v) if (typeof x === 'number') out.push([k, x]);
  }
  return out;
}
const PARTY_ROLES = new Set(['parties', 'acquirer', 'target', 'seller', 'buyer', 'holder', 'company', 'parent', 'child', 'org', 'by', 'financer', 'defendant', 'complainant']);
const isPartyRole = (k: string) => PARTY_ROLES.has(k);

export async function selectFacts(store: Store, f: FactFilter): Promise<FactRow[]> {
  return (await store.allFacts()).filter((x) => !x.nearDup && (f.includeNegated || !x.negated) && (!f.type || x.type === f.type) && (!f.status || x.status === f.status));
}

export const factSubjects = (facts: readonly FactRow[], role?: string): Subject[] => facts.map((f) => ({
  id: f.id, kind: 'fact', articleId: f.articleId, type: f.type, status: f.status, date: f.article?.published ?? null, parties: factParties(f, role),
}));

/**
 * The model's events (not near-duplicates; denials only when asked) that name a company with prices, of a type
 * and subtype, with their arguments of `role` (e.g. Target, Acquirer, Security_SecurityValue) as parties.
 */
export async function eventSubjects(market: Market, f: EventFilter): Promise<Subject[]> {
  const seen = new Map<number, Subject>();
  for (const [entity] of market.links()) {
    for (const v of await market.store.events({ entity, type: f.type, limit: 10_000 })) {
      if (seen.has(v.id) || v.nearDup || (v.negated && !f.includeNegated) || (f.subtype && v.subtype !== f.subtype)) continue;
      const parties: [string, number][] = [];
      for (const a of v.args) if (a.entity !== null && (!f.role || a.role === f.role) && !parties.some(([r, e]) => r === a.role && e === a.entity)) parties.push([a.role, a.entity]);
      seen.set(v.id, { id: v.id, kind: 'event', articleId: v.articleId, type: v.subtype ? `${v.type}/${v.subtype}` : v.type, status: null, date: v.article?.published ?? null, parties });
    }
  }
  return [...seen.values()].sort((a, b) => a.id - b.id);
}

/** Studies of the facts' linked companies (one window), and the group tests over the events that stand. */
export function studyFacts(market: Market, facts: readonly FactRow[], f: FactFilter, opts: Partial<StudyOptions> & { window: Window }): Promise<GroupStudy> {
  return studySubjects(market, factSubjects(facts, f.role), opts);
}

/** Studies of the subjects' linked companies (one window), and the group tests over the events that stand. */
export async function studySubjects(market: Market, subjects: readonly Subject[], opts: Partial<StudyOptions> & { window: Window }): Promise<GroupStudy> {
  const o = { ...opts, windows: [opts.window] };
  await market.prepare(subjects.flatMap((x) => x.parties.map(([, id]) => id)));
  const studies: FactStudy[] = [];
  for (const x of subjects) {
    for (const [role, id] of x.parties) {
      const symbol = market.symbolOfEntity(id);
      if (!symbol) continue;
      const result: StudyResult = x.date ? market.event(symbol, x.date, o) : { ok: false, date: '', reason: 'the article has no date' };
      const e = market.entity(id)!;
      studies.push({ fact: x.id, kind: x.kind, article: x.articleId, date: x.date, type: x.type, status: x.status, role, entity: e.id, name: e.name, symbol, result });
    }
  }
  markOverlaps(market, studies, opts.window);
  const used = studies.filter((s) => s.result.ok && !s.excluded).map((s) => s.result as EventStudy);
  return {
    index: market.index, model: o.model ?? 'market', window: opts.window, facts: subjects.length, factsLinked: new Set(studies.map((s) => s.fact)).size, linked: studies.length, studies,
    group: used.length ? groupTest(used, 0) : null,
  };
}

/** Per symbol, in date order: a later event on the same day, or within the earlier one's window, is excluded with the reason. */
function markOverlaps(market: Market, studies: FactStudy[], w: Window): void {
  const bySymbol = new Map<string, FactStudy[]>();
  for (const s of studies) if (s.result.ok) bySymbol.set(s.symbol, [...(bySymbol.get(s.symbol) ?? []), s]);
  for (const [symbol, list] of bySymbol) {
    const dates = market.returns(symbol).dates;
    list.sort((a, b) => (a.result as EventStudy).eventDate.localeCompare((b.result as EventStudy).eventDate) || a.fact - b.fact);
    let kept: FactStudy | null = null, keptDay = -Infinity;
    for (const s of list) {
      const ev = (s.result as EventStudy).eventDate, day = lowerBound(dates, ev);
      if (kept && ev === (kept.result as EventStudy).eventDate) s.excluded = `same company and event day (${ev}) as ${kept.kind} ${kept.fact}`;
      else if (kept && day - keptDay <= w[1] - w[0]) s.excluded = `window overlaps that of ${kept.kind} ${kept.fact} (${symbol}, event day ${(kept.result as EventStudy).eventDate})`;
      else { kept = s; keptDay = day; }
    }
  }
}
