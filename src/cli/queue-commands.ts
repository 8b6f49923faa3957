/**
 * The commands of the worker setup: `ingest --db postgres://… --queue redis://… PATH…` (record and enqueue),
 * `worker` (extract and store), `queue status` (waiting, active, done, failed, dead).
 */
import { parseArgs } from 'node:util';
import { DealgraphError } from '../errors.js';
import { readArticles, type Article } from '../ingest/articles.js';
import { textHash } from '../pipeline.js';
import { PgStore, isPostgresUrl, shownUrl } from '../store/postgres.js';
import { enqueue, openQueues, parseQueueUrl, requeueAccepted } from '../queue/queue.js';
import { runWorker } from '../queue/worker.js';
import { deadlineMs } from '../extract/pool.js';
import type { Io } from './main.js';

function pgUrl(db: string | undefined, cmd: string): string {
  if (!isPostgresUrl(db)) throw new DealgraphError(`${cmd}: --db: expected a PostgreSQL URL postgres://USER@HOST:PORT/DATABASE (the queue's source of truth), found ${db === undefined ? 'none' : JSON.stringify(db)}`);
  return db;
}

/** `ingest --queue`: each article recorded as accepted in PostgreSQL (idempotent by text hash), then its id enqueued. */
export async function ingestQueued(db: string | undefined, queue: string, paths: string[], published: string | undefined, io: Io): Promise<number> {
  const q = parseQueueUrl(queue);
  const store = await PgStore.open(pgUrl(db, 'ingest'));
  try {
    const qs = await openQueues(q);
    try {
      const requeued = await requeueAccepted(store, qs.work);
      let read = 0, added = 0, known = 0, failed = 0, enqueued = 0;
      let batch: { article: Article; textHash: string }[] = [];
      const flush = async () => {
        const rs = await store.acceptArticles(batch);
        batch = [];
        const ids = rs.filter((r) => r.state === 'accepted').map((r) => r.id);
        await enqueue(qs.work, ids);
        added += rs.filter((r) => r.added).length; known += rs.filter((r) => !r.added).length; enqueued += ids.length;
      };
      for (const item of readArticles(paths, { published })) {
        if (!item.ok) { if (!item.skipped) { failed++; io.err(item.reason + '\n'); } continue; }
        read++;
        batch.push({ article: item.article, textHash: textHash(item.article.text) });
        if (batch.length >= 200) await flush();
      }
      if (batch.length) await flush();
      io.out(`accepted ${read} articles into ${shownUrl(store.url)}: ${added} new, ${known} already known; ${enqueued} enqueued on ${q.shown}` +
        `${requeued ? ` (and ${requeued} accepted earlier re-enqueued)` : ''}${failed ? `; ${failed} failed` : ''}\n`);
      return failed ? 1 : 0;
    } finally { await qs.close(); }
  } finally { await store.close(); }
}

export async function workerCmd(args: string[], io: Io): Promise<number> {
  const { values } = parseArgs({ args, strict: true, options: { db: { type: 'string' }, queue: { type: 'string' }, concurrency: { type: 'string' }, deadline: { type: 'string' } } });
  if (!values.queue) throw new DealgraphError('worker: --queue: expected a URL redis://HOST:PORT, found none');
  const q = parseQueueUrl(values.queue);
  const concurrency = values.concurrency === undefined ? 1 : Number(values.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64) throw new DealgraphError(`--concurrency: expected a whole number from 1 to 64, found ${JSON.stringify(values.concurrency)}`);
  const ms = deadlineMs(values.deadline);
  const store = await PgStore.open(pgUrl(values.db, 'worker'));
  try { await (await openQueues(q)).close(); } catch (e) { await store.close(); throw e; }
  const w = await runWorker(store, q, { concurrency, deadlineMs: ms, log: io.err });
  io.out(`dealgraph worker on ${q.shown} storing into ${shownUrl(store.url)} (concurrency ${concurrency}); ${w.requeued} accepted articles re-enqueued\n`);
  await new Promise<void>((resolve) => { process.once('SIGINT', resolve); process.once('SIGTERM', resolve); });
  await w.stop();
  await store.close();
  return 0;
}

export async function queueCmd(args: string[], io: Io): Promise<number> {
  const [what, ...rest] = args;
  if (what !== 'status') throw new DealgraphError(`queue: expected status, found ${JSON.stringify(what ?? '')}`);
  const { values } = parseArgs({ args: rest, strict: true, options: { db: { type: 'string' }, queue: { type: 'string' }, format: { type: 'string' } } });
  if (!values.queue) throw new DealgraphError('queue status: --queue: expected a URL redis://HOST:PORT, found none');
  const q = parseQueueUrl(values.queue);
  const qs = await openQueues(q);
  let out: Record<string, number | string>;
  try {
    const c = await qs.work.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
    const d = await qs.dead.getJobCounts('waiting');
    out = { queue: q.shown, waiting: (c.waiting ?? 0) + (c.prioritized ?? 0), active: c.active ?? 0, failed: c.delayed ?? 0, dead: d.waiting ?? 0 };
  } finally { await qs.close(); }
  if (values.db) {
    const store = await PgStore.open(pgUrl(values.db, 'queue status'));
    try { const st = await store.stateCounts(); out = { ...out, done: st.done ?? 0, accepted: st.accepted ?? 0, dead: st.dead ?? 0 }; } finally { await store.close(); }
  }
  if (values.format === 'json') io.out(JSON.stringify(out, null, 2) + '\n');
  else io.out(`${q.shown}: ${out.waiting} waiting, ${out.active} active, ${out.failed} failed (to be retried), ${out.dead} dead` +
    (out.done !== undefined ? `; PostgreSQL: ${out.done} done, ${out.accepted} accepted and not done` : '') + '\n');
  return 0;
}
