/**
 * Questions over the graph: an entity's profile, a deal's timeline, quotes by
 * a speaker, and how two entities are connected (shortest paths through
 * deals, stakes and subsidiaries). Every item carries its source articles.
 */
import { DealgraphError } from '../errors.js';
import { normName } from './keys.js';
import type { DealRow, EntityRow, EventRow, FactRow, Store } from '../store/types.js';

export interface SourceRef { article: number; title: string | null; published: string | null; source: string }
export interface Item { fact: number; date: string | null; dateSource?: 'text' | 'article' | null; text: string; status?: string | null; negated?: boolean; modality?: string; sources: SourceRef[] }

export interface EntityProfile {
  entity: EntityRow;
  roles: Item[];
  deals: (DealRow & { sources: SourceRef[] })[];
  stakes: Item[];
  financials: Item[];
  stockMoves: Item[];
  quotes: Item[];
  subsidiaries: Item[];
  /** the learnt model's events naming the entity, newest first */
  events: EventItem[];
  merges: { alias: string; reason: string; article: number | null }[];
}

/** An event as queries show it: type, a one-line description, and its source. */
export interface EventItem {
  event: number; date: string | null; type: string; subtype: string | null; text: string; negated: boolean; modality: string;
  confidence: number; trigger: { start: number; end: number; text: string }; sources: SourceRef[];
}

/** "Rating/Upgrade: upgraded — Analyst Goldman Sachs; Security_Rating Netflix" */
export function toEventItem(e: EventRow): EventItem {
  const args = e.args.map((a) => `${a.role} ${a.text}`).join('; ');
  return {
    event: e.id, date: e.date, type: e.type, subtype: e.subtype, text: `${e.trigger.text}${args ? ' — ' + args : ''}`, negated: e.negated,
    modality: e.modality, confidence: e.confidence, trigger: e.trigger,
    sources: [{ article: e.articleId, title: e.article?.title ?? null, published: e.article?.published ?? null, source: e.article?.source ?? '' }],
  };
}

/** Events about an entity (or all), of a type, newest first; near-duplicate copies left out. */
export async function eventsOf(store: Store, opts: { entity?: number; type?: string; asOf?: string; limit?: number }): Promise<EventItem[]> {
  return (await store.events({ ...opts, limit: (opts.limit ?? 50) * 2 })).filter((e) => !e.nearDup).slice(0, opts.limit ?? 50).map(toEventItem);
}

/** The entity a user means by NAME: an exact normalized alias first, then a prefix match, most mentioned first. */
export async function findEntityByName(store: Store, name: string): Promise<EntityRow> {
  const byId = /^#?(\d+)$/.exec(name.trim());
  if (byId) {
    const e = await store.entity(Number(byId[1]));
    if (e) return e;
  }
  // Aliases are stored under their normalized names (no legal suffix, no "the"): search the same way.
  const hits = await store.searchEntities(normName(name) || name, 1);
  if (hits.length === 0) throw new DealgraphError(`expected a known company or person, found no entity named ${JSON.stringify(name)} (try a shorter name)`);
  return hits[0];
}

function src(f: FactRow): SourceRef {
  return { article: f.articleId, title: f.article?.title ?? null, published: f.article?.published ?? null, source: f.article?.source ?? '' };
}

/** Entity names by id, read once for the facts a query describes. */
export type Names = Map<number, string>;

/** The names of every entity the facts' arguments name. */
export async function namesOf(store: Store, facts: FactRow[]): Promise<Names> {
  const ids = new Set<number>();
  for (const f of facts) for (const v of Object.values(f.args)) for (const x of Array.isArray(v) ? v : [v]) if (typeof x === 'number') ids.add(x);
  const out: Names = new Map();
  for (const [id, e] of await store.entities([...ids])) out.set(id, e.name);
  return out;
}

function describe(names: Names, f: FactRow): string {
  const n = (id: unknown) => (typeof id === 'number' ? names.get(id) ?? `#${id}` : '?');
  const a = f.args;
  const money = (m: unknown) => (m && typeof m === 'object' ? (m as { text: string }).text : '');
  switch (f.type) {
    case 'role': return `${n(a.person)}: ${a.title}${a.org !== undefined && a.org !== null ? ' of ' + n(a.org) : ''}`;
    case 'stake': {
      const bound = ({ lt: 'less than ', le: 'up to ', gt: 'more than ', ge: 'at least ' } as Record<string, string>)[String(a.bound)] ?? '';
      const size = typeof a.percent === 'number' ? `${bound}${a.percent}% of` : 'a stake in';
      return `${n(a.holder)} holds ${size} ${n(a.company)}${a.kind ? ` (${a.kind})` : ''}${a.value ? `, ${money(a.value)} invested` : ''}`;
    }
    case 'financial_result': return `${n(a.company)} ${a.metric} ${money(a.amount)}${a.alt_amount ? ` (${money(a.alt_amount)})` : ''}${a.period ? ' in ' + a.period : ''}${a.segment ? ', ' + a.segment : ''}`;
    case 'stock_move': return `${n(a.company)} shares ${a.direction} ${Math.abs(a.percent as number)}%`;
    case 'quote': return `${n(a.speaker)}: "${a.text}"`;
    case 'subsidiary': return `${n(a.child)} is a unit of ${n(a.parent)}`;
    case 'acquisition': return `${a.acquirer !== null && a.acquirer !== undefined ? n(a.acquirer) : 'someone'} acquires ${n(a.target)}${a.seller !== undefined ? ' from ' + n(a.seller) : ''}${a.value ? ' for ' + money(a.value) : ''}${a.percent !== undefined ? ` (${a.percent}%)` : ''}`;
    case 'merger': case 'partnership': return `${f.type}: ${(a.parties as unknown[]).map(n).join(' + ')}`;
    case 'asset_purchase': return `${n(a.buyer)} buys ${a.asset}${a.seller !== undefined ? ' from ' + n(a.seller) : ''}`;
    case 'asset_sale': return `${n(a.seller)} sells ${a.asset}${a.buyer !== undefined ? ' to ' + n(a.buyer) : ''}`;
    case 'layoff': return `${n(a.company)}: ${a.text}`;
    case 'plant_closure': return `${n(a.company)} closes ${a.plant}`;
    case 'dividend': return `${n(a.company)} dividend${a.change ? ' (' + a.change + ')' : ''}${a.amount ? ' ' + money(a.amount) : ''}`;
    case 'rating': return `${a.by !== undefined ? n(a.by) + ' rates ' : 'rating of '}${n(a.company)}: ${a.text}${a.action ? ' (' + a.action + ')' : ''}`;
    case 'financing': return `${n(a.company)} raises${a.amount ? ' ' + money(a.amount) : ''}${a.financer !== undefined ? ' from ' + n(a.financer) : ''}: ${a.text}`;
    case 'legal_action': return `${a.complainant !== undefined ? n(a.complainant) + ' vs ' : ''}${n(a.defendant)}: ${a.text}`;
    case 'product_launch': return `${n(a.company)} launches ${a.product}`;
    case 'facility_opening': return `${n(a.company)} opens ${a.facility}${a.location !== undefined ? ' in ' + n(a.location) : ''}`;
    default: return f.type;
  }
}

/** A fact as queries show it; `names` from namesOf. */
export function toItem(names: Names, f: FactRow): Item {
  return { fact: f.id, date: f.date, dateSource: f.dateSource, text: describe(names, f), status: f.status, negated: f.negated, modality: f.modality, sources: [src(f)] };
}

export async function entityProfile(store: Store, id: number, opts: { asOf?: string; limit?: number } = {}): Promise<EntityProfile> {
  const entity = await store.entity(id);
  if (!entity) throw new DealgraphError(`expected an existing entity, found no entity ${id}`);
  const facts = (await store.factsAbout(entity.id, { asOf: opts.asOf })).filter((f) => !f.nearDup);
  const limit = opts.limit ?? 20;
  const pick = (type: string) => facts.filter((f) => f.type === type).reverse().slice(0, limit);
  const names = await namesOf(store, ['role', 'stake', 'financial_result', 'stock_move', 'quote', 'subsidiary'].flatMap(pick));
  const latest = (type: string) => pick(type).map((f) => toItem(names, f));
  const dealRows = (await store.deals({ entity: entity.id, asOf: opts.asOf, limit: 200 })).slice(0, limit);
  const dealFacts = await store.dealFactsMany(dealRows.map((d) => d.id), opts.asOf);
  const deals = dealRows.map((d) => ({ ...d, sources: (dealFacts.get(d.id) ?? []).filter((f) => !f.nearDup).map(src) }));
  return {
    entity,
    roles: latest('role'),
    deals,
    stakes: latest('stake'),
    financials: latest('financial_result'),
    stockMoves: latest('stock_move'),
    quotes: latest('quote'),
    subsidiaries: latest('subsidiary'),
    events: await eventsOf(store, { entity: entity.id, asOf: opts.asOf, limit }),
    merges: (await store.mergeLog(entity.id)).slice(0, 50).map((m) => ({ alias: m.alias, reason: m.reason, article: m.articleId })),
  };
}

/** A competing bid for the same target, as a deal's timeline lists it. */
export interface RivalRef { id: number; parties: DealRow['parties']; status: string | null; lastSeen: string | null }

/** A deal's status steps over time, each with its article, evidence and date source; and its rival bids. */
export async function dealTimeline(store: Store, dealId: number, asOf?: string): Promise<{ deal: DealRow; steps: (Item & { evidence: { start: number; end: number }[] })[]; rivals: RivalRef[] }> {
  const all = await store.deals({ asOf });
  const deal = all.find((d) => d.id === dealId);
  if (!deal) throw new DealgraphError(`expected an existing deal, found no deal ${dealId}${asOf ? ` known on ${asOf}` : ''}`);
  const facts = await store.dealFacts(dealId, asOf), names = await namesOf(store, facts);
  const steps = facts.map((f) => ({ ...toItem(names, f), evidence: f.evidence, nearDup: f.nearDup }));
  const rivals = deal.rivals.map((id) => all.find((d) => d.id === id)).filter((d): d is DealRow => !!d)
    .map((d) => ({ id: d.id, parties: d.parties, status: d.status, lastSeen: d.lastSeen }));
  return { deal, steps, rivals };
}

/** Shortest connections from A to B through deals, stakes and subsidiaries (breadth-first, up to `max` paths). */
export async function shortestPaths(store: Store, a: number, b: number, max = 5, maxDepth = 4): Promise<{ entity: number; name: string; via: string | null; fact: number | null }[][]> {
  const start = (await store.entity(a))!.id, goal = (await store.entity(b))!.id;
  if (start === goal) return [[{ entity: start, name: (await store.entity(start))!.name, via: null, fact: null }]];
  type Node = { id: number; prev: Node | null; via: string | null; fact: number | null; depth: number };
  const paths: Node[] = [];
  let frontier: Node[] = [{ id: start, prev: null, via: null, fact: null, depth: 0 }];
  const visitedAt = new Map<number, number>([[start, 0]]);
  while (frontier.length && paths.length < max) {
    const next: Node[] = [];
    for (const n of frontier) {
      if (n.depth >= maxDepth) continue;
      for (const e of await store.neighbors(n.id)) {
        const seenDepth = visitedAt.get(e.entity);
        if (seenDepth !== undefined && seenDepth < n.depth + 1) continue;
        const node: Node = { id: e.entity, prev: n, via: e.via, fact: e.factId, depth: n.depth + 1 };
        if (e.entity === goal) { if (!paths.some((p) => p.prev?.id === n.id && p.via === e.via)) paths.push(node); continue; }
        if (seenDepth === undefined) { visitedAt.set(e.entity, n.depth + 1); next.push(node); }
      }
    }
    if (paths.length) break; // shortest first: stop at the first depth that reaches B
    frontier = next;
  }
  const out: { entity: number; name: string; via: string | null; fact: number | null }[][] = [];
  for (const p of paths.slice(0, max)) {
    const path: (typeof out)[number] = [];
    for (let n: Node | null = p; n; n = n.prev) path.unshift({ entity: n.id, name: (await store.entity(n.id))!.name, via: n.via, fact: n.fact });
    out.push(path);
  }
  return out;
}

/** What a user's NAME was taken to mean: the entity chosen, whether it is the one entity named exactly so, and the other candidates. */
export interface NameMatch { entity: EntityRow; exact: boolean; alternatives: EntityRow[] }

/**
 * Like findEntityByName, but says how sure it is: `exact` when the chosen
 * entity's name or an alias is NAME (normalized) and no other candidate's is;
 * otherwise the caller should say what it chose and offer `alternatives`.
 */
export async function matchEntityByName(store: Store, name: string, max = 5): Promise<NameMatch> {
  const byId = /^#?(\d+)$/.exec(name.trim());
  const e = byId ? await store.entity(Number(byId[1])) : null;
  if (e) return { entity: e, exact: true, alternatives: [] };
  const hits = await store.searchEntities(normName(name) || name, max + 1);
  if (hits.length === 0) throw new DealgraphError(`expected a known company or person, found no entity named ${JSON.stringify(name)} (try a shorter name)`);
  const want = normName(name) || name.toLowerCase().trim();
  const named = (x: EntityRow) => [x.name, ...x.aliases].some((a) => (normName(a) || a.toLowerCase()) === want);
  return { entity: hits[0], exact: named(hits[0]) && !hits.slice(1).some(named), alternatives: hits.slice(1) };
}

/** Each entity of an article's extraction (local id) to its canonical entity, found as the merge found it (same type, same normalized name). */
export async function articleLinks(store: Store, entities: { id: string; type: string; name: string }[]): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const e of entities) {
    const n = normName(e.name);
    const id = n ? await store.findEntity(e.type, [n], { weak: true }) : null;
    if (id !== null) out[e.id] = id;
  }
  return out;
}

/** Deals seen within a date range: first seen by `to` and last seen from `from` (either end open). */
export function dealsBetween(deals: DealRow[], from?: string, to?: string): DealRow[] {
  if (!from && !to) return deals;
  return deals.filter((d) => (!from || (d.lastSeen ?? d.firstSeen ?? '') >= from) && (!to || (d.firstSeen !== null && d.firstSeen <= to)));
}

/** A deal's value: the latest stated one among its (non-negated) facts, or null. */
export function dealValue(facts: FactRow[]): { value: number | null; currency: string | null; text: string } | null {
  for (let i = facts.length - 1; i >= 0; i--) {
    const v = facts[i].args.value as { value?: number | null; currency?: string | null; text?: string } | undefined;
    if (!facts[i].negated && v && typeof v === 'object' && typeof v.text === 'string') return { value: v.value ?? null, currency: v.currency ?? null, text: v.text };
  }
  return null;
}
