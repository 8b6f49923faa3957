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

/** A fact to store (graph/merge.ts), with the deal it belongs to, if any. */
export type NewFact = Omit<FactRow, 'id' | 'dealId' | 'dateSource'> & { dateSource?: FactRow['dateSource']; deal: NewDealRef | null };
export type NewEvent = Omit<EventRow, 'id' | 'article'>;

/**
 * Every method answers asynchronously (a network store, PostgreSQL, implements the same interface), and an
 * article's mentions, facts and events are written in bulk (one statement each in PostgreSQL): a batch of
 * articles is one `transaction` of a few statements per article, not one round trip per row.
 */
export interface Store {
  readonly kind: string;
  /** Prices and symbol links for event studies (src/market). */
  readonly market: MarketStore;
  close(): Promise<void>;
  /**
   * Runs `fn` in one transaction: all of it is stored, or none. Every store call made while `fn` runs (in its
   * async context) is part of it; a nested call runs inside the outer transaction (as a savepoint).
   */
  transaction<T>(fn: () => Promise<T>): Promise<T>;

  // Articles.
  articleByHash(textHash: string): Promise<number | null>;
  nearDupCandidates(bands: number[]): Promise<{ id: number; signature: number[] }[]>;
  insertArticle(a: NewArticle): Promise<number>;
  article(id: number): Promise<(ArticleRow & { text: string; extraction: Extraction }) | null>;
  /** A page of articles (newest first) and how many there are in all; no text or extraction. */
  listArticles(filter: ArticleFilter): Promise<{ total: number; items: ArticleRow[] }>;
  /** An article's text alone (for evidence), or null. */
  articleText(id: number): Promise<string | null>;
  counts(): Promise<StoreCounts>;

  // Entities.
  /** The canonical entity of this type known by any of these normalized names (corrections first). */
  findEntity(type: string, norms: string[], opts?: { weak?: boolean }): Promise<number | null>;
  createEntity(type: string, name: string): Promise<number>;
  /** The article names these entities (each counted once per article). */
  addMentions(articleId: number, entityIds: number[]): Promise<void>;
  /** `strong`: a full name an article used for the entity (not a short form or acronym). */
  addAlias(entityId: number, alias: string, norm: string, rec: MergeRecord | null, strong?: boolean): Promise<void>;
  entity(id: number): Promise<EntityRow | null>;
  /** Many entities at once (one statement in PostgreSQL): each id to its canonical entity; unknown ids left out. */
  entities(ids: number[]): Promise<Map<number, EntityRow>>;
  /** Entities whose name or alias starts with `q` (normalized), most mentioned first. */
  searchEntities(q: string, limit: number): Promise<EntityRow[]>;
  mergeLog(entityId: number): Promise<MergeRecord[]>;
  /** Manual correction: `b` becomes part of `a`, now and in later ingests. */
  mergeEntities(a: number, b: number): Promise<void>;
  /** Manual correction: the alias leaves the entity for a new one, now and in later ingests. */
  splitEntity(id: number, alias: string): Promise<number>;

  // Facts and deals.
  /** Stores facts in order (each joining its deal, or making it), returning their ids. */
  insertFacts(facts: NewFact[]): Promise<number[]>;
  /** Deals linked to this one as rivals (competing bids for the same target). */
  dealRivals(dealId: number): Promise<number[]>;
  factsAbout(entityId: number, opts?: { types?: string[]; asOf?: string }): Promise<FactRow[]>;
  dealFacts(dealId: number, asOf?: string): Promise<FactRow[]>;
  /** dealFacts of many deals at once (one statement in PostgreSQL), by deal id. */
  dealFactsMany(dealIds: number[], asOf?: string): Promise<Map<number, FactRow[]>>;
  deals(filter: DealFilter): Promise<DealRow[]>;
  /** Edges for path finding: deals, stakes and subsidiaries. */
  neighbors(entityId: number): Promise<{ entity: number; via: string; factId: number }[]>;
  allEntities(): Promise<EntityRow[]>;
  allFacts(): Promise<FactRow[]>;

  // Events (extraction@2).
  insertEvents(events: NewEvent[]): Promise<number[]>;
  /** Events about an entity (any argument), of a type, newest first. */
  events(filter: EventFilter): Promise<EventRow[]>;
}

export interface StoreCounts { articles: number; nearDuplicates: number; entities: number; facts: number; deals: number; events: number }

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
  upsertPrices(kind: PriceKind, rows: readonly PriceRow[]): Promise<{ added: number; changed: number; unchanged: number }>;
  /** One symbol's closes, ascending by date. */
  series(kind: PriceKind, symbol: string): Promise<{ dates: string[]; close: Float64Array }>;
  symbols(kind: PriceKind): Promise<{ symbol: string; days: number; from: string; to: string }[]>;
  /** false when the same link (entity, symbol, how, article) was already stored */
  addLink(link: SymbolLink): Promise<boolean>;
  links(): Promise<SymbolLink[]>;
  /** Ids of stored articles (not near-duplicates) whose text may carry a ticker. */
  tickerArticles(): Promise<number[]>;
}
