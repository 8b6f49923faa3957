/**
 * The embedded SQLite store (better-sqlite3, WAL). Every statement is
 * prepared once, at open. Manual corrections (entity merge/split) are kept as
 * rules in `corrections`, consulted before any automatic match, so they hold
 * across later ingests.
 */
import Database from 'better-sqlite3';
import { DealgraphError } from '../errors.js';
import { readExtraction, type Extraction } from '../extract/schema.js';
import { AsyncLocalStorage } from 'node:async_hooks';
import type { ArticleFilter, ArticleRow, DealFilter, DealRow, EntityRow, EventFilter, EventRow, FactRow, MarketStore, MergeRecord, NewArticle, NewDealRef, NewEvent, NewFact, Store, StoreCounts } from './types.js';
import { MARKET_SCHEMA, SqliteMarket } from './market.js';
import { headlineStatus } from './status.js';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS articles (
  id INTEGER PRIMARY KEY, ext_id TEXT NOT NULL, source TEXT NOT NULL, url TEXT, title TEXT, dateline TEXT, published TEXT,
  text TEXT NOT NULL, text_hash TEXT NOT NULL UNIQUE, signature TEXT NOT NULL,
  near_dup_of INTEGER REFERENCES articles(id), extraction TEXT NOT NULL, ingested_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS sim_bands (band INTEGER NOT NULL, article_id INTEGER NOT NULL REFERENCES articles(id));
CREATE INDEX IF NOT EXISTS sim_bands_band ON sim_bands(band);
CREATE TABLE IF NOT EXISTS entities (id INTEGER PRIMARY KEY, type TEXT NOT NULL, name TEXT NOT NULL, merged_into INTEGER REFERENCES entities(id), articles INTEGER NOT NULL DEFAULT 0);
CREATE TABLE IF NOT EXISTS name_words (word TEXT NOT NULL, entity_id INTEGER NOT NULL, PRIMARY KEY (word, entity_id)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS aliases (entity_id INTEGER NOT NULL REFERENCES entities(id), alias TEXT NOT NULL, norm TEXT NOT NULL, type TEXT NOT NULL, strong INTEGER NOT NULL, PRIMARY KEY (entity_id, alias));
CREATE INDEX IF NOT EXISTS aliases_norm ON aliases(type, norm);
CREATE INDEX IF NOT EXISTS aliases_norm_any ON aliases(norm);
CREATE TABLE IF NOT EXISTS merges (id INTEGER PRIMARY KEY, entity_id INTEGER NOT NULL, article_id INTEGER, alias TEXT NOT NULL, reason TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS merges_entity ON merges(entity_id);
CREATE TABLE IF NOT EXISTS corrections (id INTEGER PRIMARY KEY, type TEXT NOT NULL, norm TEXT NOT NULL, entity_id INTEGER NOT NULL, kind TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS corrections_norm ON corrections(type, norm);
CREATE TABLE IF NOT EXISTS mentions (article_id INTEGER NOT NULL REFERENCES articles(id), entity_id INTEGER NOT NULL REFERENCES entities(id), PRIMARY KEY (entity_id, article_id)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS deals (id INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE, type TEXT NOT NULL, grp TEXT);
CREATE TABLE IF NOT EXISTS deal_links (deal_id INTEGER NOT NULL REFERENCES deals(id), other_id INTEGER NOT NULL REFERENCES deals(id), kind TEXT NOT NULL, PRIMARY KEY (deal_id, other_id, kind)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS deal_parties (deal_id INTEGER NOT NULL REFERENCES deals(id), entity_id INTEGER NOT NULL REFERENCES entities(id), role TEXT NOT NULL, PRIMARY KEY (deal_id, entity_id, role)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS deal_parties_entity ON deal_parties(entity_id);
CREATE TABLE IF NOT EXISTS facts (
  id INTEGER PRIMARY KEY, article_id INTEGER NOT NULL REFERENCES articles(id), type TEXT NOT NULL, args TEXT NOT NULL,
  status TEXT, negated INTEGER NOT NULL, modality TEXT NOT NULL, date TEXT, date_source TEXT, time_text TEXT, evidence TEXT NOT NULL,
  confidence REAL NOT NULL, rule TEXT NOT NULL, deal_id INTEGER REFERENCES deals(id), near_dup INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS facts_deal ON facts(deal_id);
CREATE INDEX IF NOT EXISTS facts_article ON facts(article_id);
CREATE TABLE IF NOT EXISTS fact_entities (fact_id INTEGER NOT NULL REFERENCES facts(id), entity_id INTEGER NOT NULL, role TEXT NOT NULL, PRIMARY KEY (entity_id, fact_id, role)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS events (
  id INTEGER PRIMARY KEY, article_id INTEGER NOT NULL REFERENCES articles(id), type TEXT NOT NULL, subtype TEXT, trigger TEXT NOT NULL,
  args TEXT NOT NULL, negated INTEGER NOT NULL, modality TEXT NOT NULL, confidence REAL NOT NULL, date TEXT, near_dup INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS events_type ON events(type, date);
CREATE TABLE IF NOT EXISTS event_entities (event_id INTEGER NOT NULL REFERENCES events(id), entity_id INTEGER NOT NULL, PRIMARY KEY (entity_id, event_id)) WITHOUT ROWID;
${MARKET_SCHEMA}`;
/**
 * 5 added events and event_entities; a version-4 database gets them (empty) when opened.
 * 6 added prices, index_prices and symbol_links (market.ts).
 * 7 added deals.grp (the rival group of competing bids), deal_links (rival deals) and facts.date_source (where a
 * step's date came from). A version-4, -5 or -6 database gains what it lacks when opened (the tables, then UPGRADE_7),
 * its facts' date sources read from whether the fact stated a time. Its deals keep their old keys (an acquisition by
 * target alone): ingest again into a new file to key them by buyer and target.
 */
const SCHEMA_VERSION = '7';
const UPGRADABLE = new Set(['4', '5', '6']);
/** Columns and indexes version 7 adds to tables that already exist (CREATE TABLE IF NOT EXISTS leaves them as they are). */
const UPGRADE_7: { table: string; column: string; sql: string[] }[] = [
  { table: 'deals', column: 'grp', sql: ['ALTER TABLE deals ADD COLUMN grp TEXT'] },
  { table: 'facts', column: 'date_source', sql: ['ALTER TABLE facts ADD COLUMN date_source TEXT',
    "UPDATE facts SET date_source = CASE WHEN time_text IS NOT NULL THEN 'text' WHEN date IS NOT NULL THEN 'article' END"] },
];
const INDEXES_7 = 'CREATE INDEX IF NOT EXISTS deals_grp ON deals(grp);';
/** How long a write waits for another process's write to finish. */
const BUSY_TIMEOUT_MS = 30_000;

type Row = Record<string, unknown>;

/** The synchronous store over one better-sqlite3 connection; `SqliteStore` (below) is its asynchronous face. */
class SqliteSync {
  readonly db: Database.Database;
  private readonly q: Record<string, Database.Statement>;
  readonly market: MarketStore;

  /** `check`: run `PRAGMA quick_check` at open (writers do, so damage is reported before anything is added to it). */
  constructor(readonly path: string, opts: { check?: boolean } = {}) {
    try {
      // A busy database is waited for: other ingests and a server may be writing to it.
      this.db = new Database(path, { timeout: BUSY_TIMEOUT_MS });
    } catch (e) {
      throw new DealgraphError(`expected a writable SQLite database file, found ${(e as Error).message}`, path);
    }
    try {
      this.openSchema();
      const damage = opts.check ? this.quickCheck() : null;
      if (damage) throw new DealgraphError(`expected an intact dealgraph SQLite database, found a damaged one: ${damage}`, path);
    } catch (e) {
      this.db.close();
      throw e instanceof DealgraphError ? e : new DealgraphError(`expected a dealgraph SQLite database, found ${(e as Error).message}`, path);
    }
    const p = (sql: string) => this.db.prepare(sql);
    this.market = new SqliteMarket(this.db, (e) => this.storeError(e));
    this.q = {
      articleByHash: p('SELECT id FROM articles WHERE text_hash = ?'),
      bandCands: p('SELECT a.id, a.signature FROM sim_bands b JOIN articles a ON a.id = b.article_id WHERE b.band = ? LIMIT 64'),
      insertArticle: p(`INSERT INTO articles (ext_id, source, url, title, dateline, published, text, text_hash, signature, near_dup_of, extraction, ingested_at)
        VALUES (@extId, @source, @url, @title, @dateline, @published, @text, @textHash, @signature, @nearDupOf, @extraction, @at)`),
      insertBand: p('INSERT INTO sim_bands (band, article_id) VALUES (?, ?)'),
      article: p('SELECT * FROM articles WHERE id = ?'),
      articleText: p('SELECT text FROM articles WHERE id = ?'),
      // Newest first; the page's ids are picked before any text is read.
      listArticles: p(`WITH page AS (SELECT id FROM articles ORDER BY published IS NULL, published DESC, id DESC LIMIT @limit OFFSET @offset)
        SELECT a.id, a.ext_id, a.source, a.url, a.title, a.published, a.near_dup_of, length(a.text) chars FROM page JOIN articles a ON a.id = page.id
        ORDER BY a.published IS NULL, a.published DESC, a.id DESC`),
      listArticlesOf: p(`WITH page AS (SELECT a.id FROM mentions m JOIN articles a ON a.id = m.article_id WHERE m.entity_id = @entity
          ORDER BY a.published IS NULL, a.published DESC, a.id DESC LIMIT @limit OFFSET @offset)
        SELECT a.id, a.ext_id, a.source, a.url, a.title, a.published, a.near_dup_of, length(a.text) chars FROM page JOIN articles a ON a.id = page.id
        ORDER BY a.published IS NULL, a.published DESC, a.id DESC`),
      countMentions: p('SELECT count(*) n FROM mentions WHERE entity_id = ?'),
      countArticles: p('SELECT count(*) n, sum(near_dup_of IS NOT NULL) d FROM articles'),
      countEntities: p('SELECT count(*) n FROM entities WHERE merged_into IS NULL'),
      countFacts: p('SELECT count(*) n FROM facts'),
      countDeals: p('SELECT count(*) n FROM deals'),
      countEvents: p('SELECT count(*) n FROM events'),
      correction: p('SELECT entity_id, kind FROM corrections WHERE type = ? AND norm = ? ORDER BY id DESC LIMIT 1'),
      aliasMatch: p(`SELECT a.entity_id id, count(*) c FROM aliases a JOIN entities e ON e.id = a.entity_id
        WHERE a.type = ? AND a.norm = ? AND a.strong >= ? AND e.merged_into IS NULL GROUP BY a.entity_id ORDER BY c DESC, a.entity_id LIMIT 1`),
      root: p('SELECT merged_into FROM entities WHERE id = ?'),
      createEntity: p('INSERT INTO entities (type, name) VALUES (?, ?)'),
      addAlias: p('INSERT INTO aliases (entity_id, alias, norm, type, strong) VALUES (?, ?, ?, ?, ?) ON CONFLICT (entity_id, alias) DO UPDATE SET strong = max(strong, excluded.strong)'),
      addMerge: p('INSERT INTO merges (entity_id, article_id, alias, reason) VALUES (?, ?, ?, ?)'),
      entity: p('SELECT id, type, name FROM entities WHERE id = ?'),
      aliasesOf: p('SELECT alias FROM aliases WHERE entity_id = ? ORDER BY alias'),
      articlesOf: p('SELECT articles n FROM entities WHERE id = ?'),
      // Search by index range scans only: exact normalized name, name prefix, word prefix.
      searchExact: p(`SELECT DISTINCT a.entity_id id FROM aliases a WHERE a.norm = ?`),
      searchPrefix: p(`SELECT DISTINCT a.entity_id id FROM aliases a WHERE a.norm >= ? AND a.norm < ? LIMIT 400`),
      searchWord: p(`SELECT DISTINCT entity_id id FROM name_words WHERE word >= ? AND word < ? LIMIT 400`),
      entityRank: p('SELECT id, articles, merged_into FROM entities WHERE id = ?'),
      addWord: p('INSERT OR IGNORE INTO name_words (word, entity_id) VALUES (?, ?)'),
      bumpArticles: p('UPDATE entities SET articles = articles + 1 WHERE id = ?'),
      mergeLog: p('SELECT entity_id, article_id, alias, reason FROM merges WHERE entity_id = ? ORDER BY id'),
      setMerged: p('UPDATE entities SET merged_into = ? WHERE id = ?'),
      moveAliases: p('UPDATE OR IGNORE aliases SET entity_id = ? WHERE entity_id = ?'),
      dropAliases: p('DELETE FROM aliases WHERE entity_id = ?'),
      moveWords: p('INSERT OR IGNORE INTO name_words (word, entity_id) SELECT word, ? FROM name_words WHERE entity_id = ?'),
      recount: p('UPDATE entities SET articles = (SELECT count(*) FROM mentions WHERE entity_id = ?) WHERE id = ?'),
      moveMentions: p('INSERT OR IGNORE INTO mentions (article_id, entity_id) SELECT article_id, ? FROM mentions WHERE entity_id = ?'),
      moveFactEntities: p('INSERT OR IGNORE INTO fact_entities (fact_id, entity_id, role) SELECT fact_id, ?, role FROM fact_entities WHERE entity_id = ?'),
      moveEventEntities: p('INSERT OR IGNORE INTO event_entities (event_id, entity_id) SELECT event_id, ? FROM event_entities WHERE entity_id = ?'),
      moveDealParties: p('INSERT OR IGNORE INTO deal_parties (deal_id, entity_id, role) SELECT deal_id, ?, role FROM deal_parties WHERE entity_id = ?'),
      addCorrection: p('INSERT INTO corrections (type, norm, entity_id, kind) VALUES (?, ?, ?, ?)'),
      normsOf: p('SELECT norm FROM aliases WHERE entity_id = ?'),
      aliasRow: p('SELECT alias, norm, type FROM aliases WHERE entity_id = ? AND (alias = ? OR norm = ?)'),
      deleteAlias: p('DELETE FROM aliases WHERE entity_id = ? AND alias = ?'),
      renameEntity: p('UPDATE entities SET name = ? WHERE id = ?'),
      addMention: p('INSERT OR IGNORE INTO mentions (article_id, entity_id) VALUES (?, ?)'),
      dealByKey: p('SELECT id FROM deals WHERE key = ?'),
      createDeal: p('INSERT INTO deals (key, type, grp) VALUES (?, ?, ?)'),
      // The named bids in a rival group (keys not ending in ":?"), and the links between rivals.
      groupBids: p("SELECT id FROM deals WHERE grp = ? AND key NOT LIKE '%:?' ORDER BY id"),
      addLink: p('INSERT OR IGNORE INTO deal_links (deal_id, other_id, kind) VALUES (?, ?, ?)'),
      dealLinks: p('SELECT other_id, kind FROM deal_links WHERE deal_id = ? ORDER BY other_id'),
      addDealParty: p('INSERT OR IGNORE INTO deal_parties (deal_id, entity_id, role) VALUES (?, ?, ?)'),
      insertFact: p(`INSERT INTO facts (article_id, type, args, status, negated, modality, date, date_source, time_text, evidence, confidence, rule, deal_id, near_dup)
        VALUES (@articleId, @type, @args, @status, @negated, @modality, @date, @dateSource, @timeText, @evidence, @confidence, @rule, @dealId, @nearDup)`),
      addFactEntity: p('INSERT OR IGNORE INTO fact_entities (fact_id, entity_id, role) VALUES (?, ?, ?)'),
      factsAbout: p(`SELECT f.*, a.title a_title, a.published a_published, a.source a_source FROM fact_entities fe
        JOIN facts f ON f.id = fe.fact_id JOIN articles a ON a.id = f.article_id WHERE fe.entity_id = ? GROUP BY f.id ORDER BY coalesce(f.date, a.published), f.id`),
      dealFacts: p(`SELECT f.*, a.title a_title, a.published a_published, a.source a_source FROM facts f JOIN articles a ON a.id = f.article_id
        WHERE f.deal_id = ? ORDER BY coalesce(f.date, a.published), f.id`),
      deal: p('SELECT id, key, type FROM deals WHERE id = ?'),
      dealParties: p('SELECT dp.entity_id, dp.role, e.name FROM deal_parties dp JOIN entities e ON e.id = dp.entity_id WHERE dp.deal_id = ?'),
      dealsOfEntity: p('SELECT DISTINCT deal_id FROM deal_parties WHERE entity_id = ?'),
      allDealIds: p('SELECT id FROM deals ORDER BY id'),
      neighbors: p(`SELECT fe2.entity_id other, f.type, f.id FROM fact_entities fe1 JOIN facts f ON f.id = fe1.fact_id
        JOIN fact_entities fe2 ON fe2.fact_id = f.id AND fe2.entity_id != fe1.entity_id
        WHERE fe1.entity_id = ? AND f.type IN ('partnership','merger','acquisition','stake','subsidiary','asset_sale','asset_purchase') AND f.negated = 0`),
      allEntities: p('SELECT id FROM entities WHERE merged_into IS NULL ORDER BY id'),
      allFacts: p('SELECT f.*, a.title a_title, a.published a_published, a.source a_source FROM facts f JOIN articles a ON a.id = f.article_id ORDER BY f.id'),
      insertEvent: p(`INSERT INTO events (article_id, type, subtype, trigger, args, negated, modality, confidence, date, near_dup)
        VALUES (@articleId, @type, @subtype, @trigger, @args, @negated, @modality, @confidence, @date, @nearDup)`),
      addEventEntity: p('INSERT OR IGNORE INTO event_entities (event_id, entity_id) VALUES (?, ?)'),
      // Newest first, by index: an entity's events through event_entities, a type's through events_type.
      eventsOfEntity: p(`SELECT v.*, a.title a_title, a.published a_published, a.source a_source FROM event_entities ve
        JOIN events v ON v.id = ve.event_id JOIN articles a ON a.id = v.article_id
        WHERE ve.entity_id = ? AND (@type IS NULL OR v.type = @type) AND (@asOf IS NULL OR v.date IS NULL OR v.date <= @asOf)
        ORDER BY v.date DESC, v.id DESC LIMIT @limit`),
      eventById: p(`SELECT v.*, a.title a_title, a.published a_published, a.source a_source FROM events v JOIN articles a ON a.id = v.article_id WHERE v.id = @id`),
      eventsAll: p(`SELECT v.*, a.title a_title, a.published a_published, a.source a_source FROM events v JOIN articles a ON a.id = v.article_id
        WHERE (@type IS NULL OR v.type = @type) AND (@asOf IS NULL OR v.date IS NULL OR v.date <= @asOf) ORDER BY v.date DESC, v.id DESC LIMIT @limit`),
    };
    // Every method reports SQLite's errors (busy, damaged, full) as dealgraph: messages.
    const self = this as unknown as Record<string, unknown>;
    for (const name of Object.getOwnPropertyNames(SqliteSync.prototype)) {
      const f = self[name];
      if (name === 'constructor' || name === 'storeError' || name === 'quickCheck' || typeof f !== 'function') continue;
      self[name] = (...args: unknown[]) => {
        try { return (f as (...a: unknown[]) => unknown).apply(this, args); } catch (e) { throw this.storeError(e); }
      };
    }
  }

  /**
   * Checks what the file holds before writing anything: another program's
   * database is refused and left byte for byte as it was (no WAL switch, no
   * tables), and a damaged one is reported with `PRAGMA quick_check`'s finding.
   * Only an empty database gets dealgraph's tables, in one write transaction,
   * so two processes opening a new file at once create them once.
   */
  private openSchema(): void {
    const version = this.schemaVersion();
    if (version !== null && version !== SCHEMA_VERSION && !UPGRADABLE.has(version)) throw new DealgraphError(`expected database schema ${SCHEMA_VERSION}, found ${version}`, this.path);
    if (this.db.pragma('journal_mode', { simple: true }) !== 'wal') this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('foreign_keys = ON');
    if (version !== null && UPGRADABLE.has(version)) {
      // The tables a later version added (CREATE … IF NOT EXISTS), and the new version, in one write transaction.
      this.db.transaction(() => {
        if (this.schemaVersion() === SCHEMA_VERSION) return; // another process upgraded it first
        this.db.exec(SCHEMA);
        for (const u of UPGRADE_7) {
          const cols = (this.db.prepare(`PRAGMA table_info(${u.table})`).all() as Row[]).map((c) => c.name);
          if (!cols.includes(u.column)) for (const sql of u.sql) this.db.exec(sql);
        }
        this.db.exec(INDEXES_7);
        this.db.prepare('UPDATE meta SET value = ? WHERE key = ?').run(SCHEMA_VERSION, 'schema');
      }).immediate();
      return;
    }
    if (version !== null) return;
    this.db.transaction(() => {
      if (this.schemaVersion() !== null) return; // another process created them first
      this.db.exec(SCHEMA);
      this.db.exec(INDEXES_7);
      this.db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)').run('schema', SCHEMA_VERSION);
    }).immediate();
  }

  /** The dealgraph schema version in the file, null for an empty database; anything else is refused. */
  private schemaVersion(): string | null {
    let tables: string[];
    try {
      tables = (this.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as Row[]).map((r) => r.name as string);
    } catch (e) {
      throw this.storeError(e);
    }
    if (tables.length === 0) return null;
    const ver = tables.includes('meta') && tables.includes('articles')
      ? (this.db.prepare('SELECT value FROM meta WHERE key = ?').get('schema') as { value: string } | undefined)?.value : undefined;
    if (ver === undefined) {
      const shown = tables.slice(0, 8).join(', ') + (tables.length > 8 ? ', …' : '');
      throw new DealgraphError(`expected a dealgraph database or an empty file, found a SQLite database of another program (tables ${shown}); it was left unchanged`, this.path);
    }
    return ver;
  }

  /**
   * A SQLite error as a dealgraph: message: a database busy for longer than the
   * timeout, a damaged one (with what `PRAGMA quick_check` finds), a full or
   * read-only one. Other errors pass through unchanged.
   */
  private storeError(e: unknown): unknown {
    if (!(e instanceof Database.SqliteError)) return e;
    const code = e.code;
    if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
      return new DealgraphError(`expected the database to be free within ${BUSY_TIMEOUT_MS / 1000} s, found it still locked by another writer (${e.message})`, this.path);
    }
    if (code === 'SQLITE_NOTADB') return new DealgraphError(`expected a dealgraph SQLite database, found ${e.message}`, this.path);
    if (code.startsWith('SQLITE_CORRUPT')) {
      return new DealgraphError(`expected an intact dealgraph SQLite database, found a damaged one: ${this.quickCheck() ?? e.message}`, this.path);
    }
    if (code.startsWith('SQLITE_READONLY') || code === 'SQLITE_FULL' || code.startsWith('SQLITE_IOERR') || code.startsWith('SQLITE_CANTOPEN')) {
      return new DealgraphError(`expected a writable database file, found ${e.message} (${code})`, this.path);
    }
    return new DealgraphError(`expected the database to accept the operation, found ${e.message} (${code})`, this.path);
  }

  /** The first problems `PRAGMA quick_check` reports, or null when it finds none (or cannot run). */
  private quickCheck(): string | null {
    try {
      const rows = (this.db.prepare('PRAGMA quick_check(5)').all() as Row[]).map((r) => String(Object.values(r)[0]).replace(/\s*\n\s*/g, ' '));
      return rows.length === 1 && rows[0] === 'ok' ? null : `quick_check: ${rows.join('; ')}`;
    } catch (e) {
      return `quick_check: ${(e as Error).message}`;
    }
  }

  close(): void { this.db.close(); }

  /** Writes take the write lock first (BEGIN IMMEDIATE), so reads inside see the latest commit and never need an upgrade that fails. */
  transaction<T>(fn: () => T): T { return this.db.transaction(fn).immediate(); }

  /** One statement of the asynchronous transaction (BEGIN IMMEDIATE, COMMIT, ROLLBACK, SAVEPOINT …). */
  exec(sql: string): void { this.db.exec(sql); }

  articleByHash(h: string): number | null {
    return ((this.q.articleByHash.get(h) as Row | undefined)?.id as number | undefined) ?? null;
  }

  nearDupCandidates(bands: number[]): { id: number; signature: number[] }[] {
    const seen = new Map<number, number[]>();
    for (const b of bands) for (const r of this.q.bandCands.all(b) as Row[]) if (!seen.has(r.id as number)) seen.set(r.id as number, JSON.parse(r.signature as string));
    return [...seen].map(([id, signature]) => ({ id, signature }));
  }

  insertArticle(a: NewArticle): number {
    const r = this.q.insertArticle.run({
      extId: a.extId, source: a.source, url: a.url, title: a.title, dateline: a.dateline, published: a.published, text: a.text,
      textHash: a.textHash, signature: JSON.stringify(a.signature), nearDupOf: a.nearDupOf, extraction: JSON.stringify(a.extraction), at: new Date().toISOString(),
    });
    const id = Number(r.lastInsertRowid);
    for (const band of a.bands) this.q.insertBand.run(band, id);
    return id;
  }

  article(id: number): (ArticleRow & { text: string; extraction: Extraction }) | null {
    const r = this.q.article.get(id) as Row | undefined;
    if (!r) return null;
    return {
      id: r.id as number, extId: r.ext_id as string, source: r.source as string, url: r.url as string | null, title: r.title as string | null,
      published: r.published as string | null, nearDupOf: r.near_dup_of as number | null, chars: (r.text as string).length,
      text: r.text as string, extraction: readExtraction(JSON.parse(r.extraction as string)),
    };
  }

  listArticles(f: ArticleFilter): { total: number; items: ArticleRow[] } {
    const params = { limit: Math.max(1, Math.min(f.limit ?? 50, 10_000)), offset: Math.max(0, f.offset ?? 0) };
    const entity = f.entity !== undefined ? this.rootOf(f.entity) : undefined;
    const rows = (entity !== undefined ? this.q.listArticlesOf.all({ ...params, entity }) : this.q.listArticles.all(params)) as Row[];
    const total = entity !== undefined ? (this.q.countMentions.get(entity) as Row).n as number : (this.q.countArticles.get() as Row).n as number;
    return {
      total,
      items: rows.map((r) => ({
        id: r.id as number, extId: r.ext_id as string, source: r.source as string, url: r.url as string | null, title: r.title as string | null,
        published: r.published as string | null, nearDupOf: r.near_dup_of as number | null, chars: r.chars as number,
      })),
    };
  }

  articleText(id: number): string | null {
    return ((this.q.articleText.get(id) as Row | undefined)?.text as string | undefined) ?? null;
  }

  counts(): StoreCounts {
    const a = this.q.countArticles.get() as Row;
    return {
      events: (this.q.countEvents.get() as Row).n as number,
      articles: a.n as number, nearDuplicates: (a.d as number) ?? 0,
      entities: (this.q.countEntities.get() as Row).n as number,
      facts: (this.q.countFacts.get() as Row).n as number,
      deals: (this.q.countDeals.get() as Row).n as number,
    };
  }

  private rootOf(id: number): number {
    for (let i = 0; i < 64; i++) {
      const r = this.q.root.get(id) as Row | undefined;
      if (!r || r.merged_into === null) return id;
      id = r.merged_into as number;
    }
    return id;
  }

  findEntity(type: string, norms: string[], opts: { weak?: boolean } = {}): number | null {
    for (const n of norms) {
      const c = this.q.correction.get(type, n) as Row | undefined;
      if (c) return this.rootOf(c.entity_id as number);
    }
    // A full name matches only names other articles used in full; a short form may also match a known short form.
    for (const n of norms) {
      const r = (this.q.aliasMatch.get(type, n, 1) ?? (opts.weak ? this.q.aliasMatch.get(type, n, 0) : undefined)) as Row | undefined;
      if (r) return this.rootOf(r.id as number);
    }
    return null;
  }

  createEntity(type: string, name: string): number {
    return Number(this.q.createEntity.run(type, name).lastInsertRowid);
  }

  addAlias(entityId: number, alias: string, norm: string, rec: MergeRecord | null, strong = true): void {
    const e = this.q.entity.get(entityId) as Row;
    const existed = this.q.aliasRow.all(entityId, alias, '\u0000').length > 0;
    this.q.addAlias.run(entityId, alias, norm, e.type, strong ? 1 : 0);
    if (!existed) for (const w of norm.split(' ')) if (w.length > 1) this.q.addWord.run(w, entityId);
    if (!existed && rec) this.q.addMerge.run(entityId, rec.articleId, rec.alias, rec.reason);
    // The name gains a legal suffix when one is seen ("General Motors" → "General Motors Corp"), nothing more.
    const name = e.name as string;
    if (strong && alias.length > name.length && alias.toLowerCase().startsWith(name.toLowerCase()) && /^[\s.,]*(?:Inc|Corp|Co|Ltd|PLC|Plc|AG|SA|NV|Corporation|Company|Incorporated|Limited)\.?$/.test(alias.slice(name.length))) this.q.renameEntity.run(alias, entityId);
  }

  addMentions(articleId: number, entityIds: number[]): void {
    for (const id of entityIds) this.addMention(articleId, id);
  }

  private addMention(articleId: number, entityId: number): void {
    if (this.q.addMention.run(articleId, entityId).changes) this.q.bumpArticles.run(entityId);
  }

  entity(id: number): EntityRow | null {
    const root = this.rootOf(id);
    const r = this.q.entity.get(root) as Row | undefined;
    if (!r) return null;
    return {
      id: root, type: r.type as string, name: r.name as string,
      aliases: (this.q.aliasesOf.all(root) as Row[]).map((a) => a.alias as string).filter((a) => a !== r.name),
      articles: (this.q.articlesOf.get(root) as Row).n as number,
    };
  }

  searchEntities(q: string, limit: number): EntityRow[] {
    const norm = q.toLowerCase().replace(/[^\p{L}\p{N}&]+/gu, ' ').trim();
    if (!norm) return [];
    const rank = new Map<number, number>();
    const add = (rows: Row[], r: number) => { for (const x of rows) { const id = this.rootOf(x.id as number); if (!rank.has(id) || rank.get(id)! > r) rank.set(id, r); } };
    add(this.q.searchExact.all(norm) as Row[], 0);
    add(this.q.searchPrefix.all(norm, norm + '\uffff') as Row[], 1);
    const last = norm.split(' ').pop()!;
    if (!norm.includes(' ')) add(this.q.searchWord.all(last, last + '\uffff') as Row[], 2);
    const rows = [...rank].map(([id, r]) => ({ id, r, n: ((this.q.entityRank.get(id) as Row | undefined)?.articles as number) ?? 0 }));
    rows.sort((a, b) => a.r - b.r || b.n - a.n || a.id - b.id);
    return rows.slice(0, limit).map((x) => this.entity(x.id)!).filter(Boolean);
  }

  mergeLog(entityId: number): MergeRecord[] {
    return (this.q.mergeLog.all(entityId) as Row[]).map((r) => ({ entityId: r.entity_id as number, articleId: r.article_id as number | null, alias: r.alias as string, reason: r.reason as string }));
  }

  mergeEntities(a: number, b: number): void {
    a = this.rootOf(a); b = this.rootOf(b);
    if (a === b) return;
    const ea = this.q.entity.get(a) as Row, eb = this.q.entity.get(b) as Row;
    if (!ea || !eb) throw new DealgraphError(`expected two existing entities, found ${!ea ? a : b} missing`);
    this.transaction(() => {
      for (const r of this.q.normsOf.all(b) as Row[]) this.q.addCorrection.run(ea.type, r.norm, a, 'merge');
      if (eb.type !== ea.type) for (const r of this.q.normsOf.all(b) as Row[]) this.q.addCorrection.run(eb.type, r.norm, a, 'merge');
      this.q.moveAliases.run(a, b);
      this.q.dropAliases.run(b);
      this.q.moveMentions.run(a, b);
      this.q.moveWords.run(a, b);
      this.q.recount.run(a, a);
      this.q.moveFactEntities.run(a, b);
      this.q.moveEventEntities.run(a, b);
      this.q.moveDealParties.run(a, b);
      this.q.setMerged.run(a, b);
      this.q.addMerge.run(a, null, eb.name, `manual merge of entity ${b} (${eb.name})`);
    });
  }

  splitEntity(id: number, alias: string): number {
    id = this.rootOf(id);
    const e = this.q.entity.get(id) as Row | undefined;
    if (!e) throw new DealgraphError(`expected an existing entity, found no entity ${id}`);
    const norm = alias.toLowerCase().replace(/[^\p{L}\p{N}&]+/gu, ' ').trim();
    const rows = this.q.aliasRow.all(id, alias, norm) as Row[];
    if (rows.length === 0) throw new DealgraphError(`expected an alias of ${e.name}, found ${JSON.stringify(alias)} is not one`);
    return this.transaction(() => {
      const n = this.createEntity(e.type as string, rows[0].alias as string);
      for (const r of rows) {
        this.q.deleteAlias.run(id, r.alias);
        this.q.addAlias.run(n, r.alias, r.norm, e.type, 1);
        for (const w of (r.norm as string).split(' ')) if (w.length > 1) this.q.addWord.run(w, n);
        this.q.addCorrection.run(e.type, r.norm, n, 'split');
      }
      this.q.addMerge.run(n, null, alias, `manual split from entity ${id} (${e.name})`);
      return n;
    });
  }

  insertFacts(facts: NewFact[]): number[] {
    return facts.map((f) => this.insertFact(f));
  }

  private insertFact(f: NewFact): number {
    const dealId = f.deal ? this.dealFor(f.deal) : null;
    const id = Number(this.q.insertFact.run({
      articleId: f.articleId, type: f.type, args: JSON.stringify(f.args), status: f.status, negated: f.negated ? 1 : 0, modality: f.modality,
      date: f.date, dateSource: f.dateSource ?? null, timeText: f.timeText, evidence: JSON.stringify(f.evidence), confidence: f.confidence, rule: f.rule, dealId, nearDup: f.nearDup ? 1 : 0,
    }).lastInsertRowid);
    for (const [role, v] of Object.entries(f.args)) {
      if (typeof v === 'number' && ENTITY_ROLES.has(role)) this.q.addFactEntity.run(id, v, role);
      else if (Array.isArray(v)) for (const x of v) if (typeof x === 'number') this.q.addFactEntity.run(id, x, role);
    }
    return id;
  }

  /**
   * The deal a fact joins: its key's deal, or a new one. A bid that does not name its buyer (key ending ":?") joins
   * the only named bid of its rival group when there is exactly one. A new named bid is linked, both ways, to every
   * other named bid for the same target: competing bids are rivals.
   */
  private dealFor(deal: NewDealRef): number {
    let d = this.q.dealByKey.get(deal.key) as Row | undefined;
    if (!d && deal.group && deal.key.endsWith(':?')) {
      const named = this.q.groupBids.all(deal.group) as Row[];
      if (named.length === 1) d = named[0];
    }
    let id: number;
    if (d) id = d.id as number;
    else {
      id = Number(this.q.createDeal.run(deal.key, deal.type, deal.group ?? null).lastInsertRowid);
      if (deal.group && !deal.key.endsWith(':?')) {
        for (const o of this.q.groupBids.all(deal.group) as Row[]) {
          if (o.id === id) continue;
          this.q.addLink.run(id, o.id, 'rival');
          this.q.addLink.run(o.id, id, 'rival');
        }
      }
    }
    for (const p of deal.parties) this.q.addDealParty.run(id, p.entity, p.role);
    return id;
  }

  dealRivals(dealId: number): number[] {
    return (this.q.dealLinks.all(dealId) as Row[]).filter((r) => r.kind === 'rival').map((r) => r.other_id as number);
  }

  private factRow(r: Row): FactRow {
    return {
      id: r.id as number, articleId: r.article_id as number, type: r.type as string, args: JSON.parse(r.args as string),
      status: r.status as string | null, negated: !!r.negated, modality: r.modality as string, date: (r.date as string | null) ?? (r.a_published as string | null),
      dateSource: (r.date_source as FactRow['dateSource'] | undefined) ?? (r.date ? (r.time_text ? 'text' : 'article') : r.a_published ? 'article' : null),
      timeText: r.time_text as string | null, evidence: JSON.parse(r.evidence as string), confidence: r.confidence as number, rule: r.rule as string,
      dealId: r.deal_id as number | null, nearDup: !!r.near_dup,
      article: r.a_source !== undefined ? { id: r.article_id as number, title: r.a_title as string | null, published: r.a_published as string | null, source: r.a_source as string } : undefined,
    };
  }

  insertEvents(events: NewEvent[]): number[] {
    return events.map((e) => this.insertEvent(e));
  }

  private insertEvent(e: NewEvent): number {
    const id = Number(this.q.insertEvent.run({
      articleId: e.articleId, type: e.type, subtype: e.subtype, trigger: JSON.stringify(e.trigger), args: JSON.stringify(e.args),
      negated: e.negated ? 1 : 0, modality: e.modality, confidence: e.confidence, date: e.date, nearDup: e.nearDup ? 1 : 0,
    }).lastInsertRowid);
    for (const a of e.args) if (a.entity !== null) this.q.addEventEntity.run(id, a.entity);
    return id;
  }

  events(f: EventFilter): EventRow[] {
    const params = { type: f.type ?? null, asOf: f.asOf ?? null, limit: Math.max(1, Math.min(f.limit ?? 100, 10_000)) };
    const rows = (f.id !== undefined ? this.q.eventById.all({ id: f.id }) : f.entity !== undefined ? this.q.eventsOfEntity.all(this.rootOf(f.entity), params) : this.q.eventsAll.all(params)) as Row[];
    return rows.map((r) => ({
      id: r.id as number, articleId: r.article_id as number, type: r.type as string, subtype: r.subtype as string | null,
      trigger: JSON.parse(r.trigger as string), args: JSON.parse(r.args as string), negated: !!r.negated, modality: r.modality as string,
      confidence: r.confidence as number, date: r.date as string | null, nearDup: !!r.near_dup,
      article: { id: r.article_id as number, title: r.a_title as string | null, published: r.a_published as string | null, source: r.a_source as string },
    }));
  }

  factsAbout(entityId: number, opts: { types?: string[]; asOf?: string } = {}): FactRow[] {
    const rows = (this.q.factsAbout.all(this.rootOf(entityId)) as Row[]).map((r) => this.factRow(r));
    return rows.filter((f) => (!opts.types || opts.types.includes(f.type)) && (!opts.asOf || !f.article?.published || f.article.published <= opts.asOf));
  }

  dealFacts(dealId: number, asOf?: string): FactRow[] {
    return (this.q.dealFacts.all(dealId) as Row[]).map((r) => this.factRow(r)).filter((f) => !asOf || !f.article?.published || f.article.published <= asOf);
  }

  deals(filter: DealFilter): DealRow[] {
    const ids = filter.entity !== undefined ? (this.q.dealsOfEntity.all(this.rootOf(filter.entity)) as Row[]).map((r) => r.deal_id as number) : (this.q.allDealIds.all() as Row[]).map((r) => r.id as number);
    const out: DealRow[] = [];
    for (const id of ids) {
      const d = this.q.deal.get(id) as Row;
      if (filter.type && d.type !== filter.type) continue;
      const facts = this.dealFacts(id, filter.asOf).filter((f) => !f.nearDup);
      if (facts.length === 0) continue;
      const dated = facts.map((f) => f.date).filter((x): x is string => !!x).sort();
      const row: DealRow = {
        id, type: d.type as string, key: d.key as string,
        parties: (this.q.dealParties.all(id) as Row[]).map((p) => ({ entity: this.rootOf(p.entity_id as number), name: this.entity(p.entity_id as number)!.name, role: p.role as string })),
        firstSeen: dated[0] ?? null, lastSeen: dated[dated.length - 1] ?? null, status: headlineStatus(facts), facts: facts.length,
        rivals: this.dealRivals(id),
      };
      if (filter.status && row.status !== filter.status) continue;
      if (filter.since && (!row.lastSeen || row.lastSeen < filter.since)) continue;
      out.push(row);
      if (filter.limit && out.length >= filter.limit) break;
    }
    return out.sort((a, b) => (b.lastSeen ?? '').localeCompare(a.lastSeen ?? '') || a.id - b.id);
  }

  neighbors(entityId: number): { entity: number; via: string; factId: number }[] {
    return (this.q.neighbors.all(this.rootOf(entityId)) as Row[]).map((r) => ({ entity: this.rootOf(r.other as number), via: r.type as string, factId: r.id as number }));
  }

  allEntities(): EntityRow[] {
    return (this.q.allEntities.all() as Row[]).map((r) => this.entity(r.id as number)!);
  }

  allFacts(): FactRow[] {
    return (this.q.allFacts.all() as Row[]).map((r) => this.factRow(r));
  }
}

const ENTITY_ROLES = new Set([
  'parties', 'acquirer', 'target', 'seller', 'buyer', 'holder', 'company', 'parent', 'child', 'person', 'org', 'speaker',
  'by', 'financer', 'defendant', 'complainant', 'location',
]);

type Sync = SqliteSync;
const nextSavepoint = (() => { let n = 0; return () => `dg_sp_${++n}`; })();

/**
 * The embedded store as the asynchronous Store: every call runs synchronously on the one connection, and
 * `transaction` is BEGIN IMMEDIATE … COMMIT around an async function. Transactions of one store object take
 * turns (a promise chain): the connection has one transaction at a time, and calls made inside `fn` (its async
 * context, tracked by AsyncLocalStorage) belong to it; a nested `transaction` is a savepoint.
 */
export class SqliteStore implements Store {
  readonly kind = 'sqlite';
  readonly market: MarketStore;
  private readonly s: Sync;
  private readonly inTx = new AsyncLocalStorage<boolean>();
  private turn: Promise<void> = Promise.resolve();

  constructor(readonly path: string, opts: { check?: boolean } = {}) {
    this.s = new SqliteSync(path, opts);
    this.market = this.s.market;
  }

  async close(): Promise<void> { await this.turn; this.s.close(); }

  async transaction<T>(fn: () => Promise<T>): Promise<T> {
    if (this.inTx.getStore()) return this.savepoint(fn);
    const prev = this.turn;
    let release!: () => void;
    this.turn = new Promise((r) => { release = r; });
    await prev;
    try {
      this.s.exec('BEGIN IMMEDIATE');
      try {
        const r = await this.inTx.run(true, fn);
        this.s.exec('COMMIT');
        return r;
      } catch (e) {
        if (this.s.db.inTransaction) this.s.exec('ROLLBACK');
        throw e;
      }
    } finally { release(); }
  }

  private async savepoint<T>(fn: () => Promise<T>): Promise<T> {
    const sp = nextSavepoint();
    this.s.exec(`SAVEPOINT ${sp}`);
    try {
      const r = await fn();
      this.s.exec(`RELEASE ${sp}`);
      return r;
    } catch (e) {
      this.s.exec(`ROLLBACK TO ${sp}`);
      this.s.exec(`RELEASE ${sp}`);
      throw e;
    }
  }

  /** A write outside any transaction waits for the running one and is its own transaction. */
  private write<T>(fn: () => T): Promise<T> { return this.inTx.getStore() ? Promise.resolve().then(fn) : this.transaction(async () => fn()); }

  async articleByHash(h: string) { return this.s.articleByHash(h); }
  async nearDupCandidates(bands: number[]) { return this.s.nearDupCandidates(bands); }
  insertArticle(a: NewArticle) { return this.write(() => this.s.insertArticle(a)); }
  async article(id: number) { return this.s.article(id); }
  async listArticles(f: ArticleFilter) { return this.s.listArticles(f); }
  async articleText(id: number) { return this.s.articleText(id); }
  async counts() { return this.s.counts(); }
  async findEntity(type: string, norms: string[], opts?: { weak?: boolean }) { return this.s.findEntity(type, norms, opts); }
  createEntity(type: string, name: string) { return this.write(() => this.s.createEntity(type, name)); }
  addMentions(articleId: number, ids: number[]) { return this.write(() => this.s.addMentions(articleId, ids)); }
  addAlias(entityId: number, alias: string, norm: string, rec: MergeRecord | null, strong?: boolean) { return this.write(() => this.s.addAlias(entityId, alias, norm, rec, strong)); }
  async entity(id: number) { return this.s.entity(id); }
  async entities(ids: number[]) {
    const out = new Map<number, EntityRow>();
    for (const id of ids) { const e = this.s.entity(id); if (e) out.set(id, e); }
    return out;
  }
  async searchEntities(q: string, limit: number) { return this.s.searchEntities(q, limit); }
  async mergeLog(id: number) { return this.s.mergeLog(id); }
  mergeEntities(a: number, b: number) { return this.write(() => this.s.mergeEntities(a, b)); }
  splitEntity(id: number, alias: string) { return this.write(() => this.s.splitEntity(id, alias)); }
  insertFacts(facts: NewFact[]) { return this.write(() => this.s.insertFacts(facts)); }
  async dealRivals(id: number) { return this.s.dealRivals(id); }
  async factsAbout(id: number, opts?: { types?: string[]; asOf?: string }) { return this.s.factsAbout(id, opts); }
  async dealFacts(id: number, asOf?: string) { return this.s.dealFacts(id, asOf); }
  async dealFactsMany(ids: number[], asOf?: string) { return new Map<number, FactRow[]>(ids.map((id) => [id, this.s.dealFacts(id, asOf)])); }
  async deals(f: DealFilter) { return this.s.deals(f); }
  async neighbors(id: number) { return this.s.neighbors(id); }
  async allEntities() { return this.s.allEntities(); }
  async allFacts() { return this.s.allFacts(); }
  insertEvents(events: NewEvent[]) { return this.write(() => this.s.insertEvents(events)); }
  async events(f: EventFilter) { return this.s.events(f); }
}
