/**
 * A worker process: takes article ids from the queue, extracts each in a worker thread (under its deadline),
 * and stores it with `ingestBatch`, whose one transaction completes the accepted row in place (state done) with
 * its facts: an article is done exactly when its facts are stored. Delivered twice (a retry after a crash, two
 * workers), it is found done and skipped; stored by another writer first, the text hash makes it a duplicate.
 */
import { Worker, type Job } from 'bullmq';
import { ingestBatch, textHash, type IngestSummary } from '../pipeline.js';
import { ExtractPool } from '../extract/pool.js';
import type { PgStore } from '../store/postgres.js';
import type { Article } from '../ingest/articles.js';
import type { Extraction } from '../extract/schema.js';
import { ATTEMPTS, DEAD, QUEUE, articleOf, connection, requeueAccepted, type QueueUrl } from './queue.js';
import { Queue } from 'bullmq';

export interface WorkerOptions { concurrency: number; deadlineMs: number; log: (s: string) => void }

/** Test hook: an article whose text contains DEALGRAPH_TEST_POISON makes extraction throw (a poison article). */
const POISON = process.env.DEALGRAPH_TEST_POISON || null;
/** How long a job's lock lasts without renewal (a live worker renews it every half). */
const LOCK_MS = 10_000;

const summary = (): IngestSummary => ({ articles: 1, added: 0, duplicates: 0, nearDuplicates: 0, failed: 0, entities: 0, facts: 0, seconds: 0, errors: [] });

/** One job: the article extracted and stored, or an error that makes BullMQ retry it. */
async function processJob(store: PgStore, pool: ExtractPool, job: Job): Promise<string> {
  const id = Number((job.data as { article: number }).article);
  const row = await store.queuedArticle(id);
  if (!row) return 'gone';
  if (row.state === 'done') return 'already done';
  if (row.state === 'dead') return 'dead';
  const a: Article = row.article;
  if (POISON && a.text.includes(POISON)) throw new Error(`test poison: the text contains ${JSON.stringify(POISON)}`);
  const x: Extraction = (await pool.extract(a)).extraction;
  const s = summary();
  await ingestBatch(store, [a], s, () => x);
  if (s.failed) throw new Error(s.errors[0]?.reason ?? 'store failed');
  return s.added || s.nearDuplicates ? 'stored' : `duplicate of a stored text (${textHash(a.text).slice(0, 8)})`;
}

/** Runs until `stop()`: re-enqueues what PostgreSQL accepted and is not done, then works the queue. */
export async function runWorker(store: PgStore, q: QueueUrl, opts: WorkerOptions): Promise<{ stop: () => Promise<void>; requeued: number }> {
  const pool = new ExtractPool({ size: opts.concurrency, deadlineMs: opts.deadlineMs });
  const work = new Queue(QUEUE, { connection: connection(q), prefix: q.prefix });
  const dead = new Queue(DEAD, { connection: connection(q), prefix: q.prefix });
  const requeued = await requeueAccepted(store, work);
  const worker = new Worker(QUEUE, (job) => processJob(store, pool, job), {
    connection: connection(q), prefix: q.prefix, concurrency: opts.concurrency,
    // A worker killed mid-job holds its jobs' locks until they expire; then they are delivered again.
    lockDuration: LOCK_MS, stalledInterval: LOCK_MS / 2,
  });
  worker.on('failed', (job, err) => {
    if (!job) return;
    const last = job.attemptsMade >= (job.opts.attempts ?? ATTEMPTS);
    opts.log(`dealgraph: worker: article ${articleOf(job.id)}: attempt ${job.attemptsMade} of ${job.opts.attempts ?? ATTEMPTS} failed: ${err.message}${last ? '; moved to the dead letters' : '; will retry'}\n`);
    if (!last) return;
    const id = articleOf(job.id);
    // The dead-letter entry and the article's state: both say why, and neither is lost if the other fails.
    void Promise.allSettled([dead.add('dead', { article: id, reason: err.message }, { jobId: job.id, removeOnComplete: false }), store.markDead(id, err.message)]);
  });
  worker.on('error', (e) => opts.log(`dealgraph: worker: ${e.message}\n`));
  return {
    requeued,
    stop: async () => { await worker.close(); await work.close(); await dead.close(); await pool.close(); },
  };
}
