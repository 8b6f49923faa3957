/**
 * Event studies over the graph: a symbol's returns against its index (read
 * from the store once, then kept), one study per dated fact of a linked
 * company, and group tests over a kind of fact (`market study`). Several
 * facts of one company on one event day are one event; events of one company
 * whose windows overlap are reported and left out of the group test, never
 * counted twice.
 */
import { DealgraphError } from '../errors.js';
import type { FactRow, Store } from '../store/types.js';
import { align, groupTest, lowerBound, studyEvent, type EventStudy, type GroupTest, type Returns, type StudyOptions, type StudyResult, type Window } from './study.js';
import { symbolOf } from './link.js';

export const DEFAULT_INDEX = 'SPX';

export class Market {
  private readonly returnsCache = new Map<string, Returns>();
  private indexSeries: { dates: string[]; close: Float64Array } | null = null;
  private linkCache: ReturnType<typeof symbolOf> | null = null;
  private pricedCache: Set<string> | null = null;

  constructor(readonly store: Store, readonly index = DEFAULT_INDEX) {}

  priced(): Set<string> {
    return (this.pricedCache ??= new Set(this.store.market.symbols('stock').map((s) => s.symbol)));
  }

  /** Each linked entity's symbol (among symbols with prices). */
  links(): ReturnType<typeof symbolOf> {
    return (this.linkCache ??= symbolOf(this.store, this.priced()));
  }

  private readonly symbolMemo = new Map<number, string | null>();
  /** The entity's symbol (after merges), remembered: a graph's facts name the same companies again and again. */
  symbolOfEntity(entity: number): string | null {
    let s = this.symbolMemo.get(entity);
    if (s === undefined) {
      s = this.links().get(this.store.entity(entity)?.id ?? entity)?.symbol ?? null;
      this.symbolMemo.set(entity, s);
    }
    return s;
  }

  returns(symbol: string): Returns {
    let r = this.returnsCache.get(symbol);
    if (r) return r;
    this.indexSeries ??= this.store.market.series('index', this.index);
    if (this.indexSeries.dates.length === 0) throw new DealgraphError(`expected closes of the index ${this.index}, found none; import them with dealgraph market import FILE.csv --index`);
    const s = this.store.market.series('stock', symbol);
    if (s.dates.length === 0) throw new DealgraphError(`expected closes of ${symbol}, found none; import them with dealgraph market import FILE.csv`);
    r = align(s, this.indexSeries);
    this.returnsCache.set(symbol, r);
    return r;
  }

  event(symbol: string, date: string, opts: Partial<StudyOptions> = {}): StudyResult {
    return studyEvent(this.returns(symbol), date, opts);
  }
}

export interface FactFilter { type?: string; role?: string; status?: string; includeNegated?: boolean }

/** One company's side of one fact, studied at its article's date. */
export interface FactStudy {
  fact: number; article: number; date: string | null; type: string; status: string | null; role: string;
  entity: number; name: string; symbol: string; result: StudyResult;
  /** why it is left out of the group test: another fact of the company on the same event day, or an overlapping window */
  excluded?: string;
}

export interface GroupStudy {
  index: string; model: string; window: Window;
  /** facts of the kind asked for (near-duplicates left out) */
  facts: number;
  /** facts with at least one company that has prices */
  factsLinked: number;
  /** company sides of those facts whose company has prices */
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

export function selectFacts(store: Store, f: FactFilter): FactRow[] {
  return store.allFacts().filter((x) => !x.nearDup && (f.includeNegated || !x.negated) && (!f.type || x.type === f.type) && (!f.status || x.status === f.status));
}

/** Studies of the facts' linked companies (one window), and the group tests over the events that stand. */
export function studyFacts(market: Market, facts: readonly FactRow[], f: FactFilter, opts: Partial<StudyOptions> & { window: Window }): GroupStudy {
  const o = { ...opts, windows: [opts.window] };
  const studies: FactStudy[] = [];
  for (const fact of facts) {
    for (const [role, id] of factParties(fact, f.role)) {
      const symbol = market.symbolOfEntity(id);
      if (!symbol) continue;
      const date = fact.article?.published ?? null;
      const result: StudyResult = date ? market.event(symbol, date, o) : { ok: false, date: '', reason: 'the article has no date' };
      const e = market.store.entity(id)!;
      studies.push({ fact: fact.id, article: fact.articleId, date, type: fact.type, status: fact.status, role, entity: e.id, name: e.name, symbol, result });
    }
  }
  markOverlaps(market, studies, opts.window);
  const used = studies.filter((s) => s.result.ok && !s.excluded).map((s) => s.result as EventStudy);
  return {
    index: market.index, model: o.model ?? 'market', window: opts.window, facts: facts.length, factsLinked: new Set(studies.map((s) => s.fact)).size, linked: studies.length, studies,
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
      if (kept && ev === (kept.result as EventStudy).eventDate) s.excluded = `same company and event day (${ev}) as fact ${kept.fact}`;
      else if (kept && day - keptDay <= w[1] - w[0]) s.excluded = `window overlaps that of fact ${kept.fact} (${symbol}, event day ${(kept.result as EventStudy).eventDate})`;
      else { kept = s; keptDay = day; }
    }
  }
}
