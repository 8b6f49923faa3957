/**
 * The whole flow in one place: ingest (read inputs into articles) → nlp
 * (tokens, names, values) → extract (entities and facts of one article) →
 * graph (merge into canonical entities and deals) → market (tickers in the
 * text link symbols to entities) → store (SQLite) → serve.
 *
 * `ingestPaths` runs it for files, directories and standard input, in batches
 * that each commit in one transaction, so a crash loses at most the batch in
 * flight and a rerun stores every article exactly once.
 */
import { createHash } from 'node:crypto';
import { readArticles, type Article } from './ingest/articles.js';
import { DealgraphError } from './errors.js';
import { extract, type Extraction } from './extract/index.js';
import type { ExtractPool } from './extract/pool.js';
import { bands, mergeExtraction, minhash, NEAR_DUP_SIMILARITY, normalizeText, similarity } from './graph/index.js';
import type { Store } from './store/types.js';
import { linksInArticle } from './market/link.js';

export interface IngestSummary {
  articles: number;
  added: number;
  duplicates: number;
  nearDuplicates: number;
  failed: number;
  /** items with nothing to store (reasons in `notes`): not failures */
  skipped?: number;
  entities: number;
  facts: number;
  seconds: number;
  errors: { source: string; reason: string }[];
  notes?: { source: string; reason: string }[];
}

export interface IngestOptions {
  published?: string;
  batchSize?: number;
  /** after each batch: articles read so far, the summary, and the source of the last article read */
  onProgress?: (done: number, s: IngestSummary, lastSource?: string) => void;
}

const MIN_NEAR_DUP_CHARS = 250;

export function textHash(text: string): string {
  return createHash('sha1').update(normalizeText(text)).digest('hex');
}

const newSummary = (): IngestSummary => ({ articles: 0, added: 0, duplicates: 0, nearDuplicates: 0, failed: 0, skipped: 0, entities: 0, facts: 0, seconds: 0, errors: [], notes: [] });

/** The inputs' articles in batches; unreadable and skipped items are counted in `s` as they pass. */
function* batchesOf(paths: readonly string[], opts: IngestOptions, s: IngestSummary, last: { source?: string }): Generator<Article[]> {
  const batchSize = opts.batchSize ?? 200;
  let batch: Article[] = [];
  for (const item of readArticles(paths, { published: opts.published })) {
    s.articles++;
    last.source = item.ok ? item.article.source : item.source;
    if (!item.ok && item.skipped) { s.skipped = (s.skipped ?? 0) + 1; (s.notes ??= []).push({ source: item.source, reason: item.reason }); continue; }
    if (!item.ok) { s.failed++; s.errors.push({ source: item.source, reason: item.reason }); continue; }
    batch.push(item.article);
    if (batch.length >= batchSize) { yield batch; batch = []; }
  }
  if (batch.length) yield batch;
}

export async function ingestPaths(store: Store, paths: readonly string[], opts: IngestOptions = {}): Promise<IngestSummary> {
  const t0 = performance.now(), s = newSummary(), last: { source?: string } = {};
  for (const batch of batchesOf(paths, opts, s, last)) {
    await ingestBatch(store, batch, s);
    opts.onProgress?.(s.articles, s, last.source);
  }
  s.seconds = (performance.now() - t0) / 1000;
  return s;
}

/** Articles handed to the pool at once: enough to keep its workers busy, under its queue limit. */
const POOL_WINDOW = 16;

/**
 * `ingestPaths` with each article extracted in the worker pool, under its
 * deadline and size limit: an article over either fails with the reason and
 * the rest go on. The batch is still stored in one transaction.
 */
export async function ingestPathsPooled(store: Store, paths: readonly string[], pool: ExtractPool, opts: IngestOptions = {}): Promise<IngestSummary> {
  const t0 = performance.now(), s = newSummary(), last: { source?: string } = {};
  for (const batch of batchesOf(paths, opts, s, last)) {
    const done = new Map<Article, Extraction | Error>();
    for (let i = 0; i < batch.length; i += POOL_WINDOW) {
      const part = batch.slice(i, i + POOL_WINDOW);
      const rs = await Promise.allSettled(part.map((a) => pool.extract({ id: a.id, source: a.source, text: a.text, title: a.title, dateline: a.dateline, published: a.published })));
      rs.forEach((r, k) => done.set(part[k], r.status === 'fulfilled' ? r.value.extraction : (r.reason as Error)));
    }
    await ingestBatch(store, batch, s, (a) => { const x = done.get(a)!; if (x instanceof Error) throw x; return x; });
    opts.onProgress?.(s.articles, s, last.source);
  }
  s.seconds = (performance.now() - t0) / 1000;
  return s;
}

const extractArticle = (a: Article): Extraction => extract({ id: a.id, source: a.source, text: a.text, title: a.title, dateline: a.dateline, published: a.published }).extraction;

/**
 * Extracts a batch outside the transaction (known texts are skipped), then stores it in one.
 * `extractOne` lets the server hand in extractions it ran in worker threads (extract/pool.ts).
 */
export async function ingestBatch(store: Store, articles: Article[], s: IngestSummary, extractOne: (a: Article) => Extraction = extractArticle): Promise<void> {
  const prepared: { a: Article; hash: string; sig: number[]; x: ReturnType<typeof extract>['extraction'] }[] = [];
  const inBatch = new Set<string>();
  for (const a of articles) {
    const hash = textHash(a.text);
    if (inBatch.has(hash) || (await store.articleByHash(hash)) !== null) { s.duplicates++; continue; }
    inBatch.add(hash);
    try {
      const extraction = extractOne(a);
      prepared.push({ a, hash, sig: minhash(a.text), x: extraction });
    } catch (e) {
      s.failed++;
      // A deadline or size refusal from the worker pool already names the article and says why.
      s.errors.push({ source: a.source, reason: e instanceof DealgraphError ? e.message : `dealgraph: ${a.source}: extraction failed: ${e instanceof Error ? e.message : String(e)}` });
    }
  }
  // The write transaction takes the lock first and checks again: another process may have stored the same text since.
  const added = await store.transaction(async () => {
    const d = { added: 0, duplicates: 0, nearDuplicates: 0, entities: 0, facts: 0 };
    for (const p of prepared) {
      if ((await store.articleByHash(p.hash)) !== null) { d.duplicates++; continue; }
      // Very short texts (a headline and one line) share too many shingles by chance: they are only exact-duplicate checked.
      const bs = bands(p.sig);
      const near = p.a.text.length < MIN_NEAR_DUP_CHARS ? undefined
        : (await store.nearDupCandidates(bs)).filter((c) => similarity(c.signature, p.sig) >= NEAR_DUP_SIMILARITY).sort((a, b) => a.id - b.id)[0];
      const id = await store.insertArticle({
        extId: p.a.id, source: p.a.source, url: null, title: p.a.title, dateline: p.a.dateline, published: p.a.published, text: p.a.text,
        textHash: p.hash, signature: p.sig, bands: bs, nearDupOf: near ? near.id : null, extraction: p.x,
      });
      if (near) d.nearDuplicates++; else d.added++;
      const r = await mergeExtraction(store, id, p.x, !!near);
      // Tickers next to company names ("FORD MOTOR CO <F>", "(NYSE: F)") link symbols to entities as articles arrive.
      if (!near) for (const l of await linksInArticle(store, { id, title: p.a.title, text: p.a.text, extraction: p.x })) await store.market.addLink(l);
      d.entities += r.entities;
      d.facts += r.facts;
    }
    return d;
  });
  // Counted once committed: a transaction that fails adds nothing to the summary either.
  s.added += added.added;
  s.duplicates += added.duplicates;
  s.nearDuplicates += added.nearDuplicates;
  s.entities += added.entities;
  s.facts += added.facts;
}
