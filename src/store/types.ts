/**
 * The Store interface: everything ingest, the graph merge and the queries need
 * from persistence. SQLite (better-sqlite3) is the first implementation; a
 * PostgreSQL one must pass the same suite (store.suite.ts) unchanged.
 */
import type { Extraction } from '../extract/schema.js';

export interface NewArticle {
  extId: string;
  source: string;
  url: string | null;
  title: string | null;
  dateline: string | null;
  published: string | null;
  text: string;
  textHash: string;
  /** MinHash signature of the text (graph/keys.ts) and its LSH bands */
  signature: number[];
  bands: number[];
  nearDupOf: number | null;
  extraction: Extraction;
}

export interface ArticleRow {
  id: number;
  extId: string;
  source: string;
  url: string | null;
  title: string | null;
  published: string | null;
  nearDupOf: number | null;
  chars: number;
}

export interface EntityRow {
  id: number;
  type: string;
  name: string;
  aliases: string[];
  articles: number;
}

export interface FactRow {
  id: number;
  articleId: number;
  type: string;
  /** arguments with canonical entity ids (numbers) in place of article-local ids */
  args: Record<string, unknown>;
  status: string | null;
  negated: boolean;
  modality: string;
  date: string | null;
  /** where `date` came from: a date the fact's clause states ('text') or its article's publication date ('article') */
  dateSource: 'text' | 'article' | null;
  timeText: string | null;
  evidence: { start: number; end: number }[];
  confidence: number;
  rule: string;
  dealId: number | null;
  nearDup: boolean;
  /** filled by queries */
  article?: { id: number; title: string | null; published: string | null; source: string };
  quote?: string;
}

/** A stored event (extraction@2's `events`), arguments with canonical entity ids where they name one. */
export interface EventRow {
  id: number;
  articleId: number;
  type: string;
  subtype: string | null;
  trigger: { start: number; end: number; text: string };
  args: { role: string; start: number; end: number; text: string; entity: number | null }[];
  negated: boolean;
  modality: string;
  confidence: number;
  /** the article's publication date */
  date: string | null;
  nearDup: boolean;
  /** filled by queries */
  article?: { id: number; title: string | null; published: string | null; source: string };
}

export interface EventFilter {
  /** one event by its id (the other filters are then ignored) */
  id?: number;
  entity?: number;
  type?: string;
  asOf?: string;
  limit?: number;
}

export interface DealRow {
  id: number;
  type: string;
  key: string;
  parties: { entity: number; name: string; role: string }[];
  firstSeen: string | null;
  lastSeen: string | null;
  /** the status of the latest dated step among the facts considered ("denied" when that step denies the deal: store/status.ts) */
  status: string | null;
  facts: number;
  /** competing bids for the same target (acquisitions by other buyers), by deal id */
  rivals: number[];
}

/** The deal a new fact belongs to: its key (graph/keys.ts), type, parties, and the rival group of competing bids. */
export interface NewDealRef { key: string; type: string; parties: { entity: number; role: string }[]; group?: string | null }

export interface DealFilter {
  entity?: number;
  type?: string;
  status?: string;
  since?: string;
  asOf?: string;
  limit?: number;
}

/** Articles newest first (by publication date, then id), all or those naming an entity. */
export interface ArticleFilter {
  entity?: number;
  limit?: number;
  offset?: number;
}

export interface MergeRecord {
  entityId: number;
  articleId: number | null;
  alias: string;
  reason: string;
}

export interface Store {
  readonly kind: string;
  /** Prices and symbol links for event studies (src/market). */
  readonly market: MarketStore;
  close(): void;
  /** Runs `fn` in one transaction: all of it is stored, or none. */
  transaction<T>(fn: () => T): T;

  // Articles.
  articleByHash(textHash: string): number | null;
  nearDupCandidates(bands: number[]): { id: number; signature: number[] }[];
  insertArticle(a: NewArticle): number;
  article(id: number): (ArticleRow & { text: string; extraction: Extraction }) | null;
  /** A page of articles (newest first) and how many there are in all; no text or extraction. */
  listArticles(filter: ArticleFilter): { total: number; items: ArticleRow[] };
  /** An article's text alone (for evidence), or null. */
  articleText(id: number): string | null;
  counts(): { articles: number; nearDuplicates: number; entities: number; facts: number; deals: number };

  // Entities.
  /** The canonical entity of this type known by any of these normalized names (corrections first). */
  findEntity(type: string, norms: string[], opts?: { weak?: boolean }): number | null;
  createEntity(type: string, name: string): number;
  addMention(articleId: number, entityId: number): void;
  /** `strong`: a full name an article used for the entity (not a short form or acronym). */
  addAlias(entityId: number, alias: string, norm: string, rec: MergeRecord | null, strong?: boolean): void;
  entity(id: number): EntityRow | null;
  /** Entities whose name or alias starts with `q` (normalized), most mentioned first. */
  searchEntities(q: string, limit: number): EntityRow[];
  mergeLog(entityId: number): MergeRecord[];
  /** Manual correction: `b` becomes part of `a`, now and in later ingests. */
  mergeEntities(a: number, b: number): void;
  /** Manual correction: the alias leaves the entity for a new one, now and in later ingests. */
  splitEntity(id: number, alias: string): number;

  // Facts and deals.
  insertFact(f: Omit<FactRow, 'id' | 'dealId' | 'dateSource'> & { dateSource?: FactRow['dateSource'] }, deal: NewDealRef | null): number;
  /** Deals linked to this one as rivals (competing bids for the same target). */
  dealRivals(dealId: number): number[];
  factsAbout(entityId: number, opts?: { types?: string[]; asOf?: string }): FactRow[];
  dealFacts(dealId: number, asOf?: string): FactRow[];
  deals(filter: DealFilter): DealRow[];
  /** Edges for path finding: deals, stakes and subsidiaries. */
  neighbors(entityId: number): { entity: number; via: string; factId: number }[];
  allEntities(): EntityRow[];
  allFacts(): FactRow[];

  // Events (extraction@2).
  insertEvent(e: Omit<EventRow, 'id' | 'article'>): number;
  /** Events about an entity (any argument), of a type, newest first. */
  events(filter: EventFilter): EventRow[];
}

/** A daily close: of a stock (`symbol`) or of an index. */
export interface PriceRow { date: string; symbol: string; close: number }
export type PriceKind = 'stock' | 'index';

/** Why a symbol was linked to an entity: a ticker next to its name in an article, a `symbol,name` file, or by hand. */
export interface SymbolLink {
  entity: number;
  symbol: string;
  how: 'title' | 'text' | 'names' | 'manual';
  reason: string;
  /** the article the link was read from (null for names files and manual links) */
  article: number | null;
}

/** Prices and symbol links (store schema 6). Writers wrap calls in `Store.transaction`. */
export interface MarketStore {
  /** Adds or updates closes; counts what changed, so a second import of one file reports 0 added and 0 changed. */
  upsertPrices(kind: PriceKind, rows: readonly PriceRow[]): { added: number; changed: number; unchanged: number };
  /** One symbol's closes, ascending by date. */
  series(kind: PriceKind, symbol: string): { dates: string[]; close: Float64Array };
  symbols(kind: PriceKind): { symbol: string; days: number; from: string; to: string }[];
  /** false when the same link (entity, symbol, how, article) was already stored */
  addLink(link: SymbolLink): boolean;
  links(): SymbolLink[];
  /** Ids of stored articles (not near-duplicates) whose text may carry a ticker. */
  tickerArticles(): number[];
}
