/**
 * The PostgreSQL store (`pg`): the same Store as sqlite.ts, for several writers on several machines.
 *
 * Connections: a pool; `transaction` takes one client for its whole run and every store call made inside it
 * (its async context, tracked by AsyncLocalStorage) uses that client, so a batch is one transaction.
 *
 * Bulk writes: an article's bands, mentions, facts, fact entities, events and event entities are each one
 * statement (`unnest` of arrays), so storing an article costs a few round trips per entity name, not one per row.
 *
 * Concurrency (several workers, ingests and servers at once):
 * - Every write transaction first takes one transaction-scoped advisory lock (`pg_advisory_xact_lock(WRITE_LOCK)`),
 *   held to its COMMIT or ROLLBACK: graph writes are serialized, as SQLite's BEGIN IMMEDIATE serializes them.
 *   So two workers that meet the same new company cannot both miss it: the second one's lookup runs after the
 *   first one's commit and finds the alias it added (one canonical entity); a deal seen by two workers is found
 *   by its key by the second (one deal, both steps); corrections (merge/split rules) are read inside the lock.
 *   Per-name locks (a lock keyed by the hash of each normalized name) were not chosen: two batches that share
 *   names in a different order would deadlock, and every batch shares names ("U.S.", "Reuters"). Extraction,
 *   the costly part, runs outside any transaction, in parallel on every worker.
 * - Unique keys hold the rest even without the lock: `articles.text_hash` (an article is stored once: INSERT …
 *   ON CONFLICT DO NOTHING), `deals.key` (INSERT … ON CONFLICT DO NOTHING, then read the winner's row), and the
 *   primary keys of mentions, aliases, links and parties (ON CONFLICT DO NOTHING / DO UPDATE).
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import pg from 'pg';
import { DealgraphError } from '../errors.js';
import { readExtraction } from '../extract/schema.js';
import type { Article } from '../ingest/articles.js';
import { PG_MIGRATIONS } from './pg-migrations.js';
import { headlineStatus } from './status.js';
import type {
  ArticleFilter, ArticleRow, DealFilter, DealRow, EntityRow, EventFilter, EventRow, FactRow, MarketStore, MergeRecord, NewArticle, NewDealRef,
  NewEvent, NewFact, PriceKind, PriceRow, Store, StoreCounts, SymbolLink,
} from './types.js';

type Row = Record<string, unknown>;
type Client = pg.PoolClient | pg.Pool;

/** The advisory lock every write transaction holds (an arbitrary constant: "dg" in ASCII, then 11). */
const WRITE_LOCK = 0x6467_0011;
/** The lock `migrate` holds, so two processes opening a new database create its tables once. */
const MIGRATE_LOCK = 0x6467_0001;
const CONNECT_TIMEOUT_MS = 5_000;

export const isPostgresUrl = (s: string | undefined): s is string => !!s && /^postgres(?:ql)?:/i.test(s);

/** The URL as shown in messages: no password. */
export function shownUrl(url: string): string {
  try { const u = new URL(url); if (u.password) u.password = '***'; return u.toString(); } catch { return url; }
}

/**
 * A `postgres://user@host:port/database[?schema=NAME]` URL checked and split: `schema` (a dealgraph option, not a
 * libpq one) puts the store's tables in that schema, created if absent.
 */
export function parsePgUrl(url: string): { connectionString: string; schema: string | null } {
  let u: URL;
  try { u = new URL(url); } catch { throw new DealgraphError(`--db: expected a URL postgres://USER@HOST:PORT/DATABASE, found ${JSON.stringify(shownUrl(url))}`); }
  if (!/^postgres(?:ql)?:$/i.test(u.protocol) || !u.hostname || u.pathname.length < 2) {
    throw new DealgraphError(`--db: expected a URL postgres://USER@HOST:PORT/DATABASE, found ${JSON.stringify(shownUrl(url))}`);
  }
  const schema = u.searchParams.get('schema');
  if (schema !== null && !/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) throw new DealgraphError(`--db: schema: expected a lower-case name of letters, digits and _, found ${JSON.stringify(schema)}`);
  u.searchParams.delete('schema');
  return { connectionString: u.toString(), schema };
}

/** int8 (ids, counts) as numbers: ids stay far below 2^53. */
const types = { getTypeParser: (oid: number, format?: string) => (oid === 20 ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format as 'text')) };

export class PgStore implements Store {
  readonly kind = 'postgres';
  readonly market: MarketStore;
  private readonly tx = new AsyncLocalStorage<pg.PoolClient>();
  private savepoints = 0;

  private constructor(readonly url: string, private readonly pool: pg.Pool) {
    this.market = new PgMarket(this);
  }

  /** Connects (within 5 s), creates the schema if asked for one, and applies the migrations the database lacks. */
  static async open(url: string, opts: { migrate?: boolean } = {}): Promise<PgStore> {
    const { connectionString, schema } = parsePgUrl(url);
    const pool = new pg.Pool({
      connectionString, types, connectionTimeoutMillis: CONNECT_TIMEOUT_MS, max: 8, idleTimeoutMillis: 10_000,
      ...(schema ? { options: `-c search_path=${schema}` } : {}),
    });
    // An idle client that loses its server (a restart, pg_terminate_backend) must not crash the process.
    pool.on('error', () => { /* the next query reports it */ });
    const store = new PgStore(url, pool);
    try {
      // Two processes creating one schema at once: the loser's duplicate is no error.
      if (schema) await pool.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`).catch((e: { code?: string }) => { if (e.code !== '23505' && e.code !== '42P06') throw e; });
      if (opts.migrate !== false) await store.migrate();
    } catch (e) {
      await pool.end().catch(() => undefined);
      throw store.error(e);
    }
    return store;
  }

  /** Applies the migrations not yet recorded, each in its own transaction, under a lock; returns the versions applied. */
  async migrate(): Promise<number[]> {
    const c = await this.pool.connect();
    const applied: number[] = [];
    try {
      await c.query('BEGIN');
      await c.query('SELECT pg_advisory_xact_lock($1)', [MIGRATE_LOCK]);
      await c.query('CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())');
      const done = new Set((await c.query('SELECT version FROM schema_migrations')).rows.map((r: Row) => r.version as number));
      for (const m of PG_MIGRATIONS) {
        if (done.has(m.version)) continue;
        await c.query(m.sql);
        await c.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
        applied.push(m.version);
      }
      await c.query('COMMIT');
    } catch (e) {
      await c.query('ROLLBACK').catch(() => undefined);
      throw this.error(e);
    } finally { c.release(); }
    return applied;
  }

  /** The migration versions the database has. */
  async schemaVersions(): Promise<number[]> {
    return (await this.q('SELECT version FROM schema_migrations ORDER BY version')).map((r) => r.version as number);
  }

  async close(): Promise<void> { await this.pool.end(); }

  /** A PostgreSQL or network error as a dealgraph: message naming the database; DealgraphErrors pass through. */
  error(e: unknown): unknown {
    if (e instanceof DealgraphError || !(e instanceof Error)) return e;
    const code = (e as { code?: string }).code ?? '';
    const where = shownUrl(this.url);
    if (/ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|EHOSTUNREACH/.test(code) || /timeout|terminated|Connection/i.test(e.message)) {
      return new DealgraphError(`expected a reachable PostgreSQL server (within ${CONNECT_TIMEOUT_MS / 1000} s), found ${e.message || code}`, where);
    }
    if (code === '3D000' || code === '28P01' || code === '28000') return new DealgraphError(`expected an existing database this user may open, found ${e.message}`, where);
    if (code.startsWith('57P') || code === '08006' || code === '08003') return new DealgraphError(`expected the PostgreSQL connection to stay open, found ${e.message} (${code}); nothing of the transaction was stored`, where);
    return new DealgraphError(`expected PostgreSQL to accept the operation, found ${e.message}${code ? ` (${code})` : ''}`, where);
  }

  /** One statement, on the transaction's client when inside one. */
  async q(sql: string, params: unknown[] = []): Promise<Row[]> {
    try { return (await (this.tx.getStore() ?? this.pool as Client).query(sql, params)).rows as Row[]; } catch (e) { throw this.error(e); }
  }
  /** A named (prepared once per connection) statement. */
  async qn(name: string, text: string, values: unknown[] = []): Promise<Row[]> {
    try { return (await (this.tx.getStore() ?? this.pool as Client).query({ name, text, values })).rows as Row[]; } catch (e) { throw this.error(e); }
  }
  private async one(sql: string, params: unknown[] = []): Promise<Row | undefined> { return (await this.q(sql, params))[0]; }

  async transaction<T>(fn: () => Promise<T>): Promise<T> {
    const inner = this.tx.getStore();
    if (inner) return this.savepoint(inner, fn);
    let c: pg.PoolClient;
    try { c = await this.pool.connect(); } catch (e) { throw this.error(e); }
    let broken: unknown = undefined;
    // A checked-out client whose server goes away (pg_terminate_backend, a restart) emits 'error': without a
    // listener that would end the process; the failing query reports it and the transaction is rolled back.
    const onError = (e: Error) => { broken = e; };
    c.on('error', onError);
    try {
      await c.query('BEGIN');
      await c.query('SELECT pg_advisory_xact_lock($1)', [WRITE_LOCK]);
      const r = await this.tx.run(c, fn);
      await c.query('COMMIT');
      return r;
    } catch (e) {
      try { await c.query('ROLLBACK'); } catch (r) { broken = r; }
      throw this.error(e);
    } finally {
      // A client whose connection broke is thrown away, not returned to the pool.
      c.off('error', onError);
      c.release(broken instanceof Error ? broken : undefined);
    }
  }

  private async savepoint<T>(c: pg.PoolClient, fn: () => Promise<T>): Promise<T> {
    const sp = `dg_sp_${++this.savepoints}`;
    await c.query(`SAVEPOINT ${sp}`);
    try {
      const r = await fn();
      await c.query(`RELEASE SAVEPOINT ${sp}`);
      return r;
    } catch (e) {
      await c.query(`ROLLBACK TO SAVEPOINT ${sp}`).catch(() => undefined);
      throw e;
    }
  }

  /** A write outside a transaction is a transaction of its own (so it takes the write lock). */
  private write<T>(fn: () => Promise<T>): Promise<T> { return this.tx.getStore() ? fn() : this.transaction(fn); }

  // Articles accepted for the workers (`ingest --queue`): PostgreSQL is the source of truth, the queue only carries ids.

  /**
   * Records articles as accepted (text and state; no extraction yet), idempotent by text hash: a text already
   * stored (accepted, done or dead) keeps its row. Returns each input's article id and state, in order.
   */
  async acceptArticles(items: { article: Article; textHash: string }[]): Promise<{ id: number; state: string; added: boolean }[]> {
    if (items.length === 0) return [];
    const col = <T>(fn: (x: { article: Article; textHash: string }) => T) => items.map(fn);
    const added = await this.q(`INSERT INTO articles (ext_id, source, title, dateline, published, text, text_hash, signature, state)
      SELECT a, b, c, d, e, f, g, '[]', 'accepted' FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[]) AS t(a, b, c, d, e, f, g)
      ON CONFLICT (text_hash) DO NOTHING RETURNING text_hash`,
    [col((x) => x.article.id), col((x) => x.article.source), col((x) => x.article.title), col((x) => x.article.dateline), col((x) => x.article.published), col((x) => x.article.text), col((x) => x.textHash)]);
    const fresh = new Set(added.map((r) => r.text_hash as string));
    const rows = new Map((await this.q('SELECT id, state, text_hash FROM articles WHERE text_hash = ANY($1::text[])', [col((x) => x.textHash)])).map((r) => [r.text_hash as string, r]));
    return items.map((x) => { const r = rows.get(x.textHash)!; return { id: r.id as number, state: r.state as string, added: fresh.has(x.textHash) }; });
  }

  /** Ids of articles accepted and not yet done (nor dead), oldest first. */
  async acceptedIds(): Promise<number[]> {
    return (await this.q("SELECT id FROM articles WHERE state = 'accepted' ORDER BY id")).map((r) => r.id as number);
  }

  /** An article as read for extraction, with its state; null when no such id. */
  async queuedArticle(id: number): Promise<{ article: Article; state: string } | null> {
    const r = await this.one('SELECT ext_id, source, title, dateline, published, text, state FROM articles WHERE id = $1', [id]);
    if (!r) return null;
    return { state: r.state as string, article: { id: r.ext_id as string, source: r.source as string, title: r.title as string | null, dateline: r.dateline as string | null, published: r.published as string | null, text: r.text as string } };
  }

  /** An accepted article that kept failing: dead, with its reason (a done one stays done). */
  async markDead(id: number, reason: string): Promise<void> {
    await this.q("UPDATE articles SET state = 'dead', error = $2 WHERE id = $1 AND state <> 'done'", [id, reason]);
  }

  /** Articles by state (accepted, done, dead). */
  async stateCounts(): Promise<Record<string, number>> {
    const out: Record<string, number> = { accepted: 0, done: 0, dead: 0 };
    for (const r of await this.q('SELECT state, count(*) n FROM articles GROUP BY state')) out[r.state as string] = r.n as number;
    return out;
  }

  // Articles.

  async articleByHash(h: string): Promise<number | null> {
    return ((await this.one("SELECT id FROM articles WHERE text_hash = $1 AND state = 'done'", [h]))?.id as number | undefined) ?? null;
  }

  async nearDupCandidates(bands: number[]): Promise<{ id: number; signature: number[] }[]> {
    if (bands.length === 0) return [];
    const rows = await this.q(`SELECT DISTINCT a.id, a.signature FROM unnest($1::bigint[]) b(band)
      CROSS JOIN LATERAL (SELECT article_id FROM sim_bands s WHERE s.band = b.band LIMIT 64) s JOIN articles a ON a.id = s.article_id`, [bands]);
    return rows.map((r) => ({ id: r.id as number, signature: JSON.parse(r.signature as string) }));
  }

  /**
   * Stores an article with its extraction (state done). An article already accepted with the same text
   * (`ingest --queue`) is completed in place; one already done is a conflict the caller checked for.
   */
  insertArticle(a: NewArticle): Promise<number> {
    return this.write(async () => {
      const r = await this.one(`INSERT INTO articles (ext_id, source, url, title, dateline, published, text, text_hash, signature, near_dup_of, extraction, state)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 'done')
        ON CONFLICT (text_hash) DO UPDATE SET signature = excluded.signature, near_dup_of = excluded.near_dup_of, extraction = excluded.extraction,
          state = 'done', error = NULL, published = excluded.published, title = excluded.title, dateline = excluded.dateline
        WHERE articles.state <> 'done' RETURNING id`,
      [a.extId, a.source, a.url, a.title, a.dateline, a.published, a.text, a.textHash, JSON.stringify(a.signature), a.nearDupOf, JSON.stringify(a.extraction)]);
      if (!r) throw new DealgraphError(`expected a new article, found its text already stored (text hash ${a.textHash})`, a.source);
      const id = r.id as number;
      if (a.bands.length) await this.q('INSERT INTO sim_bands (band, article_id) SELECT unnest($1::bigint[]), $2', [a.bands, id]);
      return id;
    });
  }

  async article(id: number): Promise<(ArticleRow & { text: string; extraction: import('../extract/schema.js').Extraction }) | null> {
    const r = await this.one("SELECT * FROM articles WHERE id = $1 AND state = 'done'", [id]);
    if (!r) return null;
    return { ...articleRow(r, (r.text as string).length), text: r.text as string, extraction: readExtraction(JSON.parse(r.extraction as string)) };
  }

  async listArticles(f: ArticleFilter): Promise<{ total: number; items: ArticleRow[] }> {
    const limit = Math.max(1, Math.min(f.limit ?? 50, 10_000)), offset = Math.max(0, f.offset ?? 0);
    const cols = 'a.id, a.ext_id, a.source, a.url, a.title, a.published, a.near_dup_of, length(a.text) chars';
    const order = 'ORDER BY a.published IS NULL, a.published DESC, a.id DESC';
    if (f.entity !== undefined) {
      const entity = await this.rootOf(f.entity);
      const rows = await this.q(`SELECT ${cols} FROM mentions m JOIN articles a ON a.id = m.article_id WHERE m.entity_id = $1 ${order} LIMIT $2 OFFSET $3`, [entity, limit, offset]);
      const total = (await this.one('SELECT count(*) n FROM mentions WHERE entity_id = $1', [entity]))!.n as number;
      return { total, items: rows.map((r) => articleRow(r, r.chars as number)) };
    }
    const rows = await this.q(`SELECT ${cols} FROM articles a WHERE a.state = 'done' ${order} LIMIT $1 OFFSET $2`, [limit, offset]);
    const total = (await this.one("SELECT count(*) n FROM articles WHERE state = 'done'"))!.n as number;
    return { total, items: rows.map((r) => articleRow(r, r.chars as number)) };
  }

  async articleText(id: number): Promise<string | null> {
    return ((await this.one("SELECT text FROM articles WHERE id = $1 AND state = 'done'", [id]))?.text as string | undefined) ?? null;
  }

  async counts(): Promise<StoreCounts> {
    const r = (await this.one(`SELECT (SELECT count(*) FROM articles WHERE state = 'done') articles, (SELECT count(near_dup_of) FROM articles WHERE state = 'done') near,
      (SELECT count(*) FROM entities WHERE merged_into IS NULL) entities, (SELECT count(*) FROM facts) facts, (SELECT count(*) FROM deals) deals,
      (SELECT count(*) FROM events) events`))!;
    return { articles: r.articles as number, nearDuplicates: r.near as number, entities: r.entities as number, facts: r.facts as number, deals: r.deals as number, events: r.events as number };
  }

  // Entities.

  /** The canonical entity an id stands for after manual merges (merged_into followed to its end). */
  async rootOf(id: number): Promise<number> {
    return (await this.roots([id])).get(id) ?? id;
  }

  /** Roots of many ids in one statement. */
  async roots(ids: number[]): Promise<Map<number, number>> {
    const out = new Map<number, number>();
    if (ids.length === 0) return out;
    const rows = await this.q(`WITH RECURSIVE r(start, id, next, depth) AS (
        SELECT e.id, e.id, e.merged_into, 0 FROM entities e WHERE e.id = ANY($1::bigint[])
        UNION ALL SELECT r.start, e.id, e.merged_into, r.depth + 1 FROM r JOIN entities e ON e.id = r.next WHERE r.depth < 64)
      SELECT start, id FROM r WHERE next IS NULL`, [[...new Set(ids)]]);
    for (const r of rows) out.set(r.start as number, r.id as number);
    return out;
  }

  /**
   * One prepared statement: a correction first (the norms' order, newest); else, norm by norm, an entity that
   * other articles named so in full (most such aliases, then lowest id), else (weak) by any alias; its root.
   */
  async findEntity(type: string, norms: string[], opts: { weak?: boolean } = {}): Promise<number | null> {
    if (norms.length === 0) return null;
    const r = await this.qn('dg_find_entity', `WITH RECURSIVE pick(id) AS (
        SELECT coalesce(
          (SELECT entity_id FROM corrections WHERE type = $1 AND norm = ANY($2::text[]) ORDER BY array_position($2::text[], norm), id DESC LIMIT 1),
          (SELECT id FROM (
             SELECT a.entity_id id, array_position($2::text[], a.norm) pos, 0 tier, count(*) c FROM aliases a JOIN entities e ON e.id = a.entity_id
               WHERE a.type = $1 AND a.norm = ANY($2::text[]) AND a.strong >= 1 AND e.merged_into IS NULL GROUP BY a.entity_id, a.norm
             UNION ALL
             SELECT a.entity_id, array_position($2::text[], a.norm), 1, count(*) FROM aliases a JOIN entities e ON e.id = a.entity_id
               WHERE $3 AND a.type = $1 AND a.norm = ANY($2::text[]) AND e.merged_into IS NULL GROUP BY a.entity_id, a.norm) x
           ORDER BY pos, tier, c DESC, id LIMIT 1))),
      rw(id, next, depth) AS (SELECT e.id, e.merged_into, 0 FROM entities e WHERE e.id = (SELECT id FROM pick)
        UNION ALL SELECT e.id, e.merged_into, rw.depth + 1 FROM rw JOIN entities e ON e.id = rw.next WHERE rw.depth < 64)
      SELECT (SELECT id FROM pick) picked, (SELECT id FROM rw WHERE next IS NULL LIMIT 1) root`, [type, norms, !!opts.weak]);
    const row = r[0];
    if (!row || row.picked === null) return null;
    return (row.root as number | null) ?? (row.picked as number);
  }

  createEntity(type: string, name: string): Promise<number> {
    return this.write(async () => (await this.one('INSERT INTO entities (type, name) VALUES ($1, $2) RETURNING id', [type, name]))!.id as number);
  }

  addAlias(entityId: number, alias: string, norm: string, rec: MergeRecord | null, strong = true): Promise<void> {
    return this.write(async () => {
      const e = (await this.one('SELECT type, name FROM entities WHERE id = $1', [entityId]))!;
      // xmax = 0: the row was inserted now, not updated: the alias is new to the entity.
      const r = await this.one(`INSERT INTO aliases (entity_id, alias, norm, type, strong) VALUES ($1, $2, $3, $4, $5)
        ON CONFLICT (entity_id, alias) DO UPDATE SET strong = GREATEST(aliases.strong, excluded.strong) RETURNING (xmax = 0) inserted`, [entityId, alias, norm, e.type, strong ? 1 : 0]);
      if (r!.inserted) {
        const words = norm.split(' ').filter((w) => w.length > 1);
        if (words.length) await this.q('INSERT INTO name_words (word, entity_id) SELECT unnest($1::text[]), $2 ON CONFLICT DO NOTHING', [words, entityId]);
        if (rec) await this.q('INSERT INTO merges (entity_id, article_id, alias, reason) VALUES ($1, $2, $3, $4)', [entityId, rec.articleId, rec.alias, rec.reason]);
      }
      // The name gains a legal suffix when one is seen ("General Motors" → "General Motors Corp"), nothing more.
      const name = e.name as string;
      if (strong && alias.length > name.length && alias.toLowerCase().startsWith(name.toLowerCase()) && LEGAL_SUFFIX.test(alias.slice(name.length))) {
        await this.q('UPDATE entities SET name = $1 WHERE id = $2', [alias, entityId]);
      }
    });
  }

  addMentions(articleId: number, entityIds: number[]): Promise<void> {
    if (entityIds.length === 0) return Promise.resolve();
    return this.write(async () => {
      await this.q(`WITH added AS (INSERT INTO mentions (article_id, entity_id) SELECT $1, unnest($2::bigint[]) ON CONFLICT DO NOTHING RETURNING entity_id)
        UPDATE entities SET articles = articles + 1 WHERE id IN (SELECT entity_id FROM added)`, [articleId, [...new Set(entityIds)]]);
    });
  }

  /** Entities by id (each id's root after manual merges), with their aliases, in one prepared statement. */
  async entities(ids: number[]): Promise<Map<number, EntityRow>> {
    const out = new Map<number, EntityRow>();
    // Only integers can be ids (a fact's numeric arguments include percents: 19.6 names no entity, as in SQLite).
    const want = [...new Set(ids)].filter((id) => Number.isSafeInteger(id));
    if (want.length === 0) return out;
    for (const r of await this.qn('dg_entities', `WITH RECURSIVE w(start, id, next, depth) AS (
        SELECT e.id, e.id, e.merged_into, 0 FROM entities e WHERE e.id = ANY($1::bigint[])
        UNION ALL SELECT w.start, e.id, e.merged_into, w.depth + 1 FROM w JOIN entities e ON e.id = w.next WHERE w.depth < 64)
      SELECT w.start, ${ENTITY_COLS} FROM w JOIN entities e ON e.id = w.id WHERE w.next IS NULL`, [want])) out.set(r.start as number, entityRow(r));
    return out;
  }

  async entity(id: number): Promise<EntityRow | null> {
    return (await this.entities([id])).get(id) ?? null;
  }

  /** Candidates, their roots, ranking and rows with aliases: one prepared statement (the same order as SQLite's). */
  async searchEntities(q: string, limit: number): Promise<EntityRow[]> {
    const norm = q.toLowerCase().replace(/[^\p{L}\p{N}&]+/gu, ' ').trim();
    if (!norm) return [];
    const last = norm.split(' ').pop()!;
    const rows = await this.qn('dg_search', `WITH RECURSIVE hits(id, r) AS (
        SELECT DISTINCT entity_id, 0 FROM aliases WHERE norm = $1
        UNION ALL (SELECT DISTINCT entity_id, 1 FROM aliases WHERE norm >= $1 AND norm < $2 LIMIT 400)
        UNION ALL (SELECT DISTINCT entity_id, 2 FROM name_words WHERE $5 AND word >= $3 AND word < $4 LIMIT 400)),
      w(start, id, next, depth) AS (
        SELECT e.id, e.id, e.merged_into, 0 FROM entities e WHERE e.id IN (SELECT id FROM hits)
        UNION ALL SELECT w.start, e.id, e.merged_into, w.depth + 1 FROM w JOIN entities e ON e.id = w.next WHERE w.depth < 64),
      ranked AS (SELECT w.id, min(h.r) r FROM hits h JOIN w ON w.start = h.id AND w.next IS NULL GROUP BY w.id)
      SELECT ${ENTITY_COLS} FROM ranked k JOIN entities e ON e.id = k.id ORDER BY k.r, e.articles DESC, e.id LIMIT $6`,
    [norm, norm + '\uffff', last, last + '\uffff', !norm.includes(' '), Math.max(0, limit)]);
    return rows.map(entityRow);
  }

  async mergeLog(entityId: number): Promise<MergeRecord[]> {
    return (await this.qn('dg_merge_log', 'SELECT entity_id, article_id, alias, reason FROM merges WHERE entity_id = $1 ORDER BY id', [entityId]))
      .map((r) => ({ entityId: r.entity_id as number, articleId: r.article_id as number | null, alias: r.alias as string, reason: r.reason as string }));
  }

  mergeEntities(a0: number, b0: number): Promise<void> {
    return this.write(async () => {
      const a = await this.rootOf(a0), b = await this.rootOf(b0);
      if (a === b) return;
      const ea = await this.one('SELECT type, name FROM entities WHERE id = $1', [a]), eb = await this.one('SELECT type, name FROM entities WHERE id = $1', [b]);
      if (!ea || !eb) throw new DealgraphError(`expected two existing entities, found ${!ea ? a : b} missing`);
      const types = eb.type !== ea.type ? [ea.type, eb.type] : [ea.type];
      for (const t of types) await this.q("INSERT INTO corrections (type, norm, entity_id, kind) SELECT $1, norm, $2, 'merge' FROM aliases WHERE entity_id = $3", [t, a, b]);
      await this.q('UPDATE aliases SET entity_id = $1 WHERE entity_id = $2 AND alias NOT IN (SELECT alias FROM aliases WHERE entity_id = $1)', [a, b]);
      await this.q('DELETE FROM aliases WHERE entity_id = $1', [b]);
      await this.q('INSERT INTO mentions (article_id, entity_id) SELECT article_id, $1 FROM mentions WHERE entity_id = $2 ON CONFLICT DO NOTHING', [a, b]);
      await this.q('INSERT INTO name_words (word, entity_id) SELECT word, $1 FROM name_words WHERE entity_id = $2 ON CONFLICT DO NOTHING', [a, b]);
      await this.q('UPDATE entities SET articles = (SELECT count(*) FROM mentions WHERE entity_id = $1) WHERE id = $1', [a]);
      await this.q('INSERT INTO fact_entities (fact_id, entity_id, role) SELECT fact_id, $1, role FROM fact_entities WHERE entity_id = $2 ON CONFLICT DO NOTHING', [a, b]);
      await this.q('INSERT INTO event_entities (event_id, entity_id) SELECT event_id, $1 FROM event_entities WHERE entity_id = $2 ON CONFLICT DO NOTHING', [a, b]);
      await this.q('INSERT INTO deal_parties (deal_id, entity_id, role) SELECT deal_id, $1, role FROM deal_parties WHERE entity_id = $2 ON CONFLICT DO NOTHING', [a, b]);
      await this.q('UPDATE entities SET merged_into = $1 WHERE id = $2', [a, b]);
      await this.q('INSERT INTO merges (entity_id, article_id, alias, reason) VALUES ($1, NULL, $2, $3)', [a, eb.name, `manual merge of entity ${b} (${eb.name})`]);
    });
  }

  splitEntity(id0: number, alias: string): Promise<number> {
    return this.write(async () => {
      const id = await this.rootOf(id0);
      const e = await this.one('SELECT type, name FROM entities WHERE id = $1', [id]);
      if (!e) throw new DealgraphError(`expected an existing entity, found no entity ${id}`);
      const norm = alias.toLowerCase().replace(/[^\p{L}\p{N}&]+/gu, ' ').trim();
      const rows = await this.q('SELECT alias, norm FROM aliases WHERE entity_id = $1 AND (alias = $2 OR norm = $3)', [id, alias, norm]);
      if (rows.length === 0) throw new DealgraphError(`expected an alias of ${e.name}, found ${JSON.stringify(alias)} is not one`);
      const n = (await this.one('INSERT INTO entities (type, name) VALUES ($1, $2) RETURNING id', [e.type, rows[0].alias]))!.id as number;
      for (const r of rows) {
        await this.q('DELETE FROM aliases WHERE entity_id = $1 AND alias = $2', [id, r.alias]);
        await this.q('INSERT INTO aliases (entity_id, alias, norm, type, strong) VALUES ($1, $2, $3, $4, 1) ON CONFLICT (entity_id, alias) DO UPDATE SET strong = 1', [n, r.alias, r.norm, e.type]);
        const words = (r.norm as string).split(' ').filter((w) => w.length > 1);
        if (words.length) await this.q('INSERT INTO name_words (word, entity_id) SELECT unnest($1::text[]), $2 ON CONFLICT DO NOTHING', [words, n]);
        await this.q("INSERT INTO corrections (type, norm, entity_id, kind) VALUES ($1, $2, $3, 'split')", [e.type, r.norm, n]);
      }
      await this.q('INSERT INTO merges (entity_id, article_id, alias, reason) VALUES ($1, NULL, $2, $3)', [n, alias, `manual split from entity ${id} (${e.name})`]);
      return n;
    });
  }

  // Facts and deals.

  /** Each fact's deal is found (or made) in order, then the facts and their entities are two statements. */
  insertFacts(facts: NewFact[]): Promise<number[]> {
    if (facts.length === 0) return Promise.resolve([]);
    return this.write(async () => {
      const dealIds: (number | null)[] = [];
      for (const f of facts) dealIds.push(f.deal ? await this.dealFor(f.deal) : null);
      const col = <T>(fn: (f: NewFact, i: number) => T) => facts.map(fn);
      // ORDER BY the ordinal: ids are drawn in input order (and the write lock keeps other writers out), so sorted ids match the input.
      const ids = (await this.q(`INSERT INTO facts (article_id, type, args, status, negated, modality, date, date_source, time_text, evidence, confidence, rule, deal_id, near_dup)
        SELECT a, b, c, d, e, f, g, h, i, j, k, l, m, n FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::boolean[], $6::text[], $7::text[],
          $8::text[], $9::text[], $10::text[], $11::float8[], $12::text[], $13::bigint[], $14::boolean[])
          WITH ORDINALITY AS t(a, b, c, d, e, f, g, h, i, j, k, l, m, n, ord) ORDER BY ord
        RETURNING id`, [
        col((f) => f.articleId), col((f) => f.type), col((f) => JSON.stringify(f.args)), col((f) => f.status), col((f) => f.negated), col((f) => f.modality),
        col((f) => f.date), col((f) => f.dateSource ?? null), col((f) => f.timeText), col((f) => JSON.stringify(f.evidence)), col((f) => f.confidence), col((f) => f.rule),
        dealIds, col((f) => f.nearDup),
      ])).map((r) => r.id as number).sort((a, b) => a - b);
      const fe: [number, number, string][] = [];
      facts.forEach((f, i) => {
        for (const [role, v] of Object.entries(f.args)) {
          if (typeof v === 'number' && ENTITY_ROLES.has(role)) fe.push([ids[i], v, role]);
          else if (Array.isArray(v)) for (const x of v) if (typeof x === 'number') fe.push([ids[i], x, role]);
        }
      });
      if (fe.length) {
        await this.q('INSERT INTO fact_entities (fact_id, entity_id, role) SELECT * FROM unnest($1::bigint[], $2::bigint[], $3::text[]) ON CONFLICT DO NOTHING',
          [fe.map((x) => x[0]), fe.map((x) => x[1]), fe.map((x) => x[2])]);
      }
      return ids;
    });
  }

  /**
   * The deal a fact joins (as in sqlite.ts): its key's deal, or a new one; a bid naming no buyer joins the only
   * named bid of its rival group; a new named bid is linked both ways to the other named bids for its target.
   * The key is unique: a deal made by another writer meanwhile is found, not made twice.
   */
  private async dealFor(deal: NewDealRef): Promise<number> {
    let d = await this.one('SELECT id FROM deals WHERE key = $1', [deal.key]);
    if (!d && deal.group && deal.key.endsWith(':?')) {
      const named = await this.q("SELECT id FROM deals WHERE grp = $1 AND key NOT LIKE '%:?' ORDER BY id", [deal.group]);
      if (named.length === 1) d = named[0];
    }
    let id: number;
    if (d) id = d.id as number;
    else {
      const made = await this.one('INSERT INTO deals (key, type, grp) VALUES ($1, $2, $3) ON CONFLICT (key) DO NOTHING RETURNING id', [deal.key, deal.type, deal.group ?? null]);
      id = (made ?? (await this.one('SELECT id FROM deals WHERE key = $1', [deal.key]))!).id as number;
      if (made && deal.group && !deal.key.endsWith(':?')) {
        await this.q(`INSERT INTO deal_links (deal_id, other_id, kind)
          SELECT $1, id, 'rival' FROM deals WHERE grp = $2 AND key NOT LIKE '%:?' AND id <> $1
          UNION ALL SELECT id, $1, 'rival' FROM deals WHERE grp = $2 AND key NOT LIKE '%:?' AND id <> $1 ON CONFLICT DO NOTHING`, [id, deal.group]);
      }
    }
    if (deal.parties.length) {
      await this.q('INSERT INTO deal_parties (deal_id, entity_id, role) SELECT $1, * FROM unnest($2::bigint[], $3::text[]) ON CONFLICT DO NOTHING',
        [id, deal.parties.map((p) => p.entity), deal.parties.map((p) => p.role)]);
    }
    return id;
  }

  async dealRivals(dealId: number): Promise<number[]> {
    return (await this.q("SELECT other_id FROM deal_links WHERE deal_id = $1 AND kind = 'rival' ORDER BY other_id", [dealId])).map((r) => r.other_id as number);
  }

  async factsAbout(entityId: number, opts: { types?: string[]; asOf?: string } = {}): Promise<FactRow[]> {
    const rows = await this.qn('dg_facts_about', `WITH RECURSIVE ${rootCte(1)} ${FACT_SELECT} WHERE f.id IN (SELECT fact_id FROM fact_entities WHERE entity_id = (SELECT id FROM root)) ${FACT_ORDER}`, [entityId]);
    return rows.map(factRow).filter((f) => (!opts.types || opts.types.includes(f.type)) && (!opts.asOf || !f.article?.published || f.article.published <= opts.asOf));
  }

  /** The facts of many deals in one statement, by deal id. */
  async dealFactsMany(dealIds: number[], asOf?: string): Promise<Map<number, FactRow[]>> {
    const out = new Map<number, FactRow[]>(dealIds.map((id) => [id, []]));
    if (dealIds.length === 0) return out;
    for (const r of await this.qn('dg_deal_facts_many', `${FACT_SELECT} WHERE f.deal_id = ANY($1::bigint[]) ${FACT_ORDER}`, [[...new Set(dealIds)]])) {
      const f = factRow(r);
      if (!asOf || !f.article?.published || f.article.published <= asOf) out.get(f.dealId!)!.push(f);
    }
    return out;
  }

  async dealFacts(dealId: number, asOf?: string): Promise<FactRow[]> {
    return (await this.q(`${FACT_SELECT} WHERE f.deal_id = $1 ${FACT_ORDER}`, [dealId])).map(factRow).filter((f) => !asOf || !f.article?.published || f.article.published <= asOf);
  }

  /** Every deal's facts, parties and rivals in three statements (not three per deal). */
  async deals(filter: DealFilter): Promise<DealRow[]> {
    const ids = filter.entity !== undefined
      ? (await this.qn('dg_deals_of', `WITH RECURSIVE ${rootCte(1)} SELECT DISTINCT deal_id id FROM deal_parties WHERE entity_id = (SELECT id FROM root) ORDER BY deal_id`, [filter.entity])).map((r) => r.id as number)
      : null;
    const where = ids ? 'WHERE d.id = ANY($1::bigint[])' : '';
    const deals = await this.q(`SELECT d.id, d.key, d.type FROM deals d ${where} ORDER BY d.id`, ids ? [ids] : []);
    const facts = new Map<number, FactRow[]>();
    for (const r of await this.q(`${FACT_SELECT} WHERE f.deal_id ${ids ? '= ANY($1::bigint[])' : 'IS NOT NULL'} ${FACT_ORDER}`, ids ? [ids] : [])) {
      const f = factRow(r);
      if (f.nearDup || (filter.asOf && f.article?.published && f.article.published > filter.asOf)) continue;
      facts.set(f.dealId!, [...(facts.get(f.dealId!) ?? []), f]);
    }
    const parties = new Map<number, Row[]>();
    for (const p of await this.q(`SELECT dp.deal_id, dp.entity_id, dp.role FROM deal_parties dp ${ids ? 'WHERE dp.deal_id = ANY($1::bigint[])' : ''}`, ids ? [ids] : [])) parties.set(p.deal_id as number, [...(parties.get(p.deal_id as number) ?? []), p]);
    const rivals = new Map<number, number[]>();
    for (const l of await this.q(`SELECT deal_id, other_id FROM deal_links WHERE kind = 'rival' ${ids ? 'AND deal_id = ANY($1::bigint[])' : ''} ORDER BY other_id`, ids ? [ids] : [])) rivals.set(l.deal_id as number, [...(rivals.get(l.deal_id as number) ?? []), l.other_id as number]);
    const partyRows = await this.entities([...parties.values()].flat().map((p) => p.entity_id as number));
    const roots = new Map([...partyRows].map(([id, e]) => [id, e.id]));
    const names = new Map([...partyRows.values()].map((e) => [e.id, e.name]));
    const out: DealRow[] = [];
    for (const d of deals) {
      const id = d.id as number;
      if (filter.type && d.type !== filter.type) continue;
      const fs = facts.get(id) ?? [];
      if (fs.length === 0) continue;
      const dated = fs.map((f) => f.date).filter((x): x is string => !!x).sort();
      const row: DealRow = {
        id, type: d.type as string, key: d.key as string,
        parties: (parties.get(id) ?? []).map((p) => { const e = roots.get(p.entity_id as number) ?? (p.entity_id as number); return { entity: e, name: names.get(e) ?? '?', role: p.role as string }; }),
        firstSeen: dated[0] ?? null, lastSeen: dated[dated.length - 1] ?? null, status: headlineStatus(fs), facts: fs.length, rivals: rivals.get(id) ?? [],
      };
      if (filter.status && row.status !== filter.status) continue;
      if (filter.since && (!row.lastSeen || row.lastSeen < filter.since)) continue;
      out.push(row);
      if (filter.limit && out.length >= filter.limit) break;
    }
    return out.sort((a, b) => (b.lastSeen ?? '').localeCompare(a.lastSeen ?? '') || a.id - b.id);
  }

  async neighbors(entityId: number): Promise<{ entity: number; via: string; factId: number }[]> {
    const rows = await this.q(`SELECT fe2.entity_id other, f.type, f.id FROM fact_entities fe1 JOIN facts f ON f.id = fe1.fact_id
      JOIN fact_entities fe2 ON fe2.fact_id = f.id AND fe2.entity_id <> fe1.entity_id
      WHERE fe1.entity_id = $1 AND f.type IN ('partnership','merger','acquisition','stake','subsidiary','asset_sale','asset_purchase') AND NOT f.negated`, [await this.rootOf(entityId)]);
    const roots = await this.roots(rows.map((r) => r.other as number));
    return rows.map((r) => ({ entity: roots.get(r.other as number) ?? (r.other as number), via: r.type as string, factId: r.id as number }));
  }

  async allEntities(): Promise<EntityRow[]> {
    const aliases = new Map<number, string[]>();
    for (const a of await this.q('SELECT a.entity_id, a.alias FROM aliases a JOIN entities e ON e.id = a.entity_id WHERE e.merged_into IS NULL ORDER BY a.entity_id, a.alias')) {
      aliases.set(a.entity_id as number, [...(aliases.get(a.entity_id as number) ?? []), a.alias as string]);
    }
    return (await this.q('SELECT id, type, name, articles FROM entities WHERE merged_into IS NULL ORDER BY id')).map((r) => ({
      id: r.id as number, type: r.type as string, name: r.name as string, aliases: (aliases.get(r.id as number) ?? []).filter((a) => a !== r.name), articles: r.articles as number,
    }));
  }

  async allFacts(): Promise<FactRow[]> {
    return (await this.q(`${FACT_SELECT} ORDER BY f.id`)).map(factRow);
  }

  // Events.

  insertEvents(events: NewEvent[]): Promise<number[]> {
    if (events.length === 0) return Promise.resolve([]);
    return this.write(async () => {
      const col = <T>(fn: (e: NewEvent) => T) => events.map(fn);
      const ids = (await this.q(`INSERT INTO events (article_id, type, subtype, trigger, args, negated, modality, confidence, date, near_dup)
        SELECT a, b, c, d, e, f, g, h, i, j FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[], $6::boolean[], $7::text[], $8::float8[], $9::text[], $10::boolean[])
          WITH ORDINALITY AS t(a, b, c, d, e, f, g, h, i, j, ord) ORDER BY ord RETURNING id`, [
        col((e) => e.articleId), col((e) => e.type), col((e) => e.subtype), col((e) => JSON.stringify(e.trigger)), col((e) => JSON.stringify(e.args)),
        col((e) => e.negated), col((e) => e.modality), col((e) => e.confidence), col((e) => e.date), col((e) => e.nearDup),
      ])).map((r) => r.id as number).sort((a, b) => a - b);
      const ve: [number, number][] = [];
      events.forEach((e, i) => { for (const a of e.args) if (a.entity !== null) ve.push([ids[i], a.entity]); });
      if (ve.length) await this.q('INSERT INTO event_entities (event_id, entity_id) SELECT * FROM unnest($1::bigint[], $2::bigint[]) ON CONFLICT DO NOTHING', [ve.map((x) => x[0]), ve.map((x) => x[1])]);
      return ids;
    });
  }

  async events(f: EventFilter): Promise<EventRow[]> {
    const limit = Math.max(1, Math.min(f.limit ?? 100, 10_000));
    const sel = 'SELECT v.*, a.title a_title, a.published a_published, a.source a_source FROM events v JOIN articles a ON a.id = v.article_id';
    const cond = '($1::text IS NULL OR v.type = $1) AND ($2::text IS NULL OR v.date IS NULL OR v.date <= $2)';
    const order = 'ORDER BY v.date DESC NULLS LAST, v.id DESC LIMIT $3';
    const rows = f.id !== undefined ? await this.q(`${sel} WHERE v.id = $1`, [f.id])
      : f.entity !== undefined ? await this.qn('dg_events_of', `WITH RECURSIVE ${rootCte(4)} ${sel} WHERE v.id IN (SELECT event_id FROM event_entities WHERE entity_id = (SELECT id FROM root)) AND ${cond} ${order}`, [f.type ?? null, f.asOf ?? null, limit, f.entity])
        : await this.q(`${sel} WHERE ${cond} ${order}`, [f.type ?? null, f.asOf ?? null, limit]);
    return rows.map((r) => ({
      id: r.id as number, articleId: r.article_id as number, type: r.type as string, subtype: r.subtype as string | null,
      trigger: JSON.parse(r.trigger as string), args: JSON.parse(r.args as string), negated: r.negated as boolean, modality: r.modality as string,
      confidence: r.confidence as number, date: r.date as string | null, nearDup: r.near_dup as boolean,
      article: { id: r.article_id as number, title: r.a_title as string | null, published: r.a_published as string | null, source: r.a_source as string },
    }));
  }
}

const LEGAL_SUFFIX = /^[\s.,]*(?:Inc|Corp|Co|Ltd|PLC|Plc|AG|SA|NV|Corporation|Company|Incorporated|Limited)\.?$/;
const ENTITY_ROLES = new Set([
  'parties', 'acquirer', 'target', 'seller', 'buyer', 'holder', 'company', 'parent', 'child', 'person', 'org', 'speaker',
  'by', 'financer', 'defendant', 'complainant', 'location',
]);
/** `root(id)`: the canonical entity of the id in parameter $n (itself when it has no row), for WITH RECURSIVE. */
const rootCte = (n: number) => `rw(id, next, depth) AS (SELECT e.id, e.merged_into, 0 FROM entities e WHERE e.id = $${n}::bigint
    UNION ALL SELECT e.id, e.merged_into, rw.depth + 1 FROM rw JOIN entities e ON e.id = rw.next WHERE rw.depth < 64),
  root AS (SELECT coalesce((SELECT id FROM rw WHERE next IS NULL LIMIT 1), $${n}::bigint) id)`;
const FACT_SELECT = 'SELECT f.*, a.title a_title, a.published a_published, a.source a_source FROM facts f JOIN articles a ON a.id = f.article_id';
/** SQLite sorts NULL first: so does this. */
const FACT_ORDER = 'ORDER BY coalesce(f.date, a.published) NULLS FIRST, f.id';

/** An entity row with its aliases (the name itself left out, as in SQLite). */
const ENTITY_COLS = "e.id, e.type, e.name, e.articles, coalesce((SELECT array_agg(a.alias ORDER BY a.alias) FROM aliases a WHERE a.entity_id = e.id), '{}') aliases";
function entityRow(r: Row): EntityRow {
  return { id: r.id as number, type: r.type as string, name: r.name as string, aliases: (r.aliases as string[]).filter((a) => a !== r.name), articles: r.articles as number };
}

function articleRow(r: Row, chars: number): ArticleRow {
  return {
    id: r.id as number, extId: r.ext_id as string, source: r.source as string, url: r.url as string | null, title: r.title as string | null,
    published: r.published as string | null, nearDupOf: r.near_dup_of as number | null, chars,
  };
}

function factRow(r: Row): FactRow {
  return {
    id: r.id as number, articleId: r.article_id as number, type: r.type as string, args: JSON.parse(r.args as string),
    status: r.status as string | null, negated: r.negated as boolean, modality: r.modality as string, date: (r.date as string | null) ?? (r.a_published as string | null),
    dateSource: (r.date_source as FactRow['dateSource'] | null) ?? (r.date ? (r.time_text ? 'text' : 'article') : r.a_published ? 'article' : null),
    timeText: r.time_text as string | null, evidence: JSON.parse(r.evidence as string), confidence: r.confidence as number, rule: r.rule as string,
    dealId: r.deal_id as number | null, nearDup: r.near_dup as boolean,
    article: { id: r.article_id as number, title: r.a_title as string | null, published: r.a_published as string | null, source: r.a_source as string },
  };
}

/** Prices and symbol links in PostgreSQL (the same tables as market.ts). */
class PgMarket implements MarketStore {
  constructor(private readonly s: PgStore) {}
  private table(kind: PriceKind) { return kind === 'index' ? 'index_prices' : 'prices'; }

  async upsertPrices(kind: PriceKind, rows: readonly PriceRow[]) {
    const t = this.table(kind);
    let added = 0, changed = 0, unchanged = 0;
    for (let i = 0; i < rows.length; i += 5_000) {
      const part = rows.slice(i, i + 5_000);
      const old = new Map((await this.s.q(`SELECT p.symbol, p.date, p.close FROM ${t} p JOIN unnest($1::text[], $2::text[]) AS x(symbol, date) ON p.symbol = x.symbol AND p.date = x.date`,
        [part.map((r) => r.symbol), part.map((r) => r.date)])).map((r) => [`${r.symbol} ${r.date}`, r.close as number]));
      const put = part.filter((r) => old.get(`${r.symbol} ${r.date}`) !== r.close);
      for (const r of part) { const o = old.get(`${r.symbol} ${r.date}`); if (o === r.close) unchanged++; else if (o === undefined) added++; else changed++; }
      if (put.length) {
        await this.s.q(`INSERT INTO ${t} (symbol, date, close) SELECT * FROM unnest($1::text[], $2::text[], $3::float8[]) ON CONFLICT (symbol, date) DO UPDATE SET close = excluded.close`,
          [put.map((r) => r.symbol), put.map((r) => r.date), put.map((r) => r.close)]);
      }
    }
    return { added, changed, unchanged };
  }

  async series(kind: PriceKind, symbol: string) {
    const rows = await this.s.q(`SELECT date, close FROM ${this.table(kind)} WHERE symbol = $1 ORDER BY date`, [symbol]);
    const close = new Float64Array(rows.length);
    const dates = rows.map((r, i) => { close[i] = r.close as number; return r.date as string; });
    return { dates, close };
  }

  async symbols(kind: PriceKind) {
    return (await this.s.q(`SELECT symbol, count(*) days, min(date) first, max(date) last FROM ${this.table(kind)} GROUP BY symbol ORDER BY symbol`))
      .map((r) => ({ symbol: r.symbol as string, days: r.days as number, from: r.first as string, to: r.last as string }));
  }

  async addLink(l: SymbolLink) {
    return (await this.s.q('INSERT INTO symbol_links (entity_id, symbol, how, reason, article_id) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING RETURNING 1 x',
      [l.entity, l.symbol, l.how, l.reason, l.article ?? 0])).length > 0;
  }

  async links() {
    return (await this.s.q('SELECT entity_id, symbol, how, reason, article_id FROM symbol_links ORDER BY symbol, entity_id, article_id')).map((r) => ({
      entity: r.entity_id as number, symbol: r.symbol as string, how: r.how as SymbolLink['how'], reason: r.reason as string, article: (r.article_id as number) || null,
    }));
  }

  async tickerArticles() {
    return (await this.s.q(`SELECT id FROM articles WHERE state = 'done' AND near_dup_of IS NULL
      AND (text ~ '<[A-Z][^>]*>' OR strpos(text, 'NYSE') > 0 OR strpos(text, 'Nasdaq') > 0 OR strpos(text, 'NASDAQ') > 0 OR strpos(text, 'AMEX') > 0) ORDER BY id`)).map((r) => r.id as number);
  }
}
