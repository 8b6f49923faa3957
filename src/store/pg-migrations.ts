/**
 * The PostgreSQL store's schema, as numbered migrations: each runs once, in order, in one transaction, and is
 * recorded in `schema_migrations`. `dealgraph db migrate` (and every open) applies those a database lacks.
 * Version 1 is the SQLite store's schema 7 (sqlite.ts), with what many writers need: `articles.state` (accepted
 * by `ingest --queue`, done once a worker stored its facts) and the unique keys the upserts rely on.
 * Text that is sorted or range-scanned uses the "C" collation, so order and prefix search match SQLite's.
 */
export interface Migration { version: number; name: string; sql: string }

export const PG_MIGRATIONS: Migration[] = [
  {
    version: 1,
    name: 'graph (SQLite schema 7), article states, market tables',
    sql: `
CREATE TABLE meta (key text PRIMARY KEY, value text NOT NULL);
CREATE TABLE articles (
  id bigserial PRIMARY KEY, ext_id text NOT NULL, source text NOT NULL, url text, title text, dateline text, published text COLLATE "C",
  text text NOT NULL, text_hash text NOT NULL UNIQUE, signature text NOT NULL, near_dup_of bigint REFERENCES articles(id),
  extraction text, state text NOT NULL DEFAULT 'done', error text, ingested_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX articles_published ON articles (published DESC, id DESC);
CREATE INDEX articles_accepted ON articles (id) WHERE state <> 'done';
CREATE TABLE sim_bands (band bigint NOT NULL, article_id bigint NOT NULL REFERENCES articles(id));
CREATE INDEX sim_bands_band ON sim_bands (band);
CREATE TABLE entities (id bigserial PRIMARY KEY, type text NOT NULL, name text NOT NULL, merged_into bigint REFERENCES entities(id), articles integer NOT NULL DEFAULT 0);
CREATE TABLE name_words (word text COLLATE "C" NOT NULL, entity_id bigint NOT NULL, PRIMARY KEY (word, entity_id));
CREATE TABLE aliases (
  entity_id bigint NOT NULL REFERENCES entities(id), alias text COLLATE "C" NOT NULL, norm text COLLATE "C" NOT NULL, type text NOT NULL,
  strong integer NOT NULL, PRIMARY KEY (entity_id, alias)
);
CREATE INDEX aliases_norm ON aliases (type, norm);
CREATE INDEX aliases_norm_any ON aliases (norm);
CREATE TABLE merges (id bigserial PRIMARY KEY, entity_id bigint NOT NULL, article_id bigint, alias text NOT NULL, reason text NOT NULL);
CREATE INDEX merges_entity ON merges (entity_id);
CREATE TABLE corrections (id bigserial PRIMARY KEY, type text NOT NULL, norm text COLLATE "C" NOT NULL, entity_id bigint NOT NULL, kind text NOT NULL);
CREATE INDEX corrections_norm ON corrections (type, norm);
CREATE TABLE mentions (article_id bigint NOT NULL REFERENCES articles(id), entity_id bigint NOT NULL REFERENCES entities(id), PRIMARY KEY (entity_id, article_id));
CREATE TABLE deals (id bigserial PRIMARY KEY, key text NOT NULL UNIQUE, type text NOT NULL, grp text);
CREATE INDEX deals_grp ON deals (grp);
CREATE TABLE deal_links (deal_id bigint NOT NULL REFERENCES deals(id), other_id bigint NOT NULL REFERENCES deals(id), kind text NOT NULL, PRIMARY KEY (deal_id, other_id, kind));
CREATE TABLE deal_parties (deal_id bigint NOT NULL REFERENCES deals(id), entity_id bigint NOT NULL REFERENCES entities(id), role text NOT NULL, PRIMARY KEY (deal_id, entity_id, role));
CREATE INDEX deal_parties_entity ON deal_parties (entity_id);
CREATE TABLE facts (
  id bigserial PRIMARY KEY, article_id bigint NOT NULL REFERENCES articles(id), type text NOT NULL, args text NOT NULL,
  status text, negated boolean NOT NULL, modality text NOT NULL, date text COLLATE "C", date_source text, time_text text, evidence text NOT NULL,
  confidence double precision NOT NULL, rule text NOT NULL, deal_id bigint REFERENCES deals(id), near_dup boolean NOT NULL
);
CREATE INDEX facts_deal ON facts (deal_id);
CREATE INDEX facts_article ON facts (article_id);
CREATE TABLE fact_entities (fact_id bigint NOT NULL REFERENCES facts(id), entity_id bigint NOT NULL, role text NOT NULL, PRIMARY KEY (entity_id, fact_id, role));
CREATE TABLE events (
  id bigserial PRIMARY KEY, article_id bigint NOT NULL REFERENCES articles(id), type text NOT NULL, subtype text, trigger text NOT NULL,
  args text NOT NULL, negated boolean NOT NULL, modality text NOT NULL, confidence double precision NOT NULL, date text COLLATE "C", near_dup boolean NOT NULL
);
CREATE INDEX events_type ON events (type, date);
CREATE TABLE event_entities (event_id bigint NOT NULL REFERENCES events(id), entity_id bigint NOT NULL, PRIMARY KEY (entity_id, event_id));
CREATE TABLE prices (symbol text COLLATE "C" NOT NULL, date text COLLATE "C" NOT NULL, close double precision NOT NULL, PRIMARY KEY (symbol, date));
CREATE TABLE index_prices (symbol text COLLATE "C" NOT NULL, date text COLLATE "C" NOT NULL, close double precision NOT NULL, PRIMARY KEY (symbol, date));
CREATE TABLE symbol_links (
  entity_id bigint NOT NULL REFERENCES entities(id), symbol text COLLATE "C" NOT NULL, how text NOT NULL, reason text NOT NULL,
  article_id bigint NOT NULL DEFAULT 0, PRIMARY KEY (entity_id, symbol, how, article_id)
);
CREATE INDEX symbol_links_symbol ON symbol_links (symbol);
INSERT INTO meta (key, value) VALUES ('schema', '7');
`,
  },
];
