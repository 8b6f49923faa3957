/**
 * The work queue (BullMQ on Redis) between `ingest --queue` and `worker`. PostgreSQL is the source of truth: an
 * article is first recorded there as accepted, then its id is enqueued as job `article-<id>` (BullMQ refuses
 * numeric custom ids), so enqueuing it again while it waits is a no-op. Whatever Redis loses (a flush, a restart
 * with nothing kept on disk) is enqueued again from PostgreSQL by the next `ingest --queue` or worker start.
 * An article that fails `ATTEMPTS` times (with exponential backoff) is marked dead in PostgreSQL with its
 * reason and its job is moved to the dead-letter queue.
 */
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { DealgraphError } from '../errors.js';
import type { PgStore } from '../store/postgres.js';

export const QUEUE = 'articles';
export const DEAD = 'articles-dead';
export const ATTEMPTS = 3;
export const BACKOFF_MS = 500;
const CONNECT_TIMEOUT_MS = 5_000;

export interface QueueUrl { host: string; port: number; db: number; password?: string; username?: string; prefix: string; shown: string }

/** `redis://[USER:PASSWORD@]HOST[:PORT][/DB][?prefix=P]` checked; `prefix` keeps queues of several graphs (or tests) apart. */
export function parseQueueUrl(raw: string): QueueUrl {
  const bad = () => new DealgraphError(`--queue: expected a URL redis://HOST:PORT[/DB][?prefix=NAME], found ${JSON.stringify(raw.replace(/:[^:@/]*@/, ':***@'))}`);
  let u: URL;
  try { u = new URL(raw); } catch { throw bad(); }
  if (u.protocol !== 'redis:' || !u.hostname) throw bad();
  const db = u.pathname.length > 1 ? Number(u.pathname.slice(1)) : 0;
  if (!Number.isInteger(db) || db < 0 || db > 15) throw bad();
  const prefix = u.searchParams.get('prefix') ?? 'dealgraph';
  if (!/^[A-Za-z0-9_.-]{1,64}$/.test(prefix)) throw bad();
  const shown = `redis://${u.hostname}:${u.port || 6379}/${db}${prefix !== 'dealgraph' ? `?prefix=${prefix}` : ''}`;
  return { host: u.hostname, port: Number(u.port || 6379), db, password: u.password ? decodeURIComponent(u.password) : undefined, username: u.username || undefined, prefix, shown };
}

/** BullMQ's connection: blocking commands need maxRetriesPerRequest null; a reconnect follows a Redis restart. */
export function connection(q: QueueUrl) {
  return { host: q.host, port: q.port, db: q.db, password: q.password, username: q.username, maxRetriesPerRequest: null, connectTimeout: CONNECT_TIMEOUT_MS };
}

/** Fails within 5 s, with a dealgraph: message, when Redis cannot be reached. */
export async function checkRedis(q: QueueUrl): Promise<void> {
  const r = new Redis({ ...connection(q), lazyConnect: true, retryStrategy: () => null, maxRetriesPerRequest: 0 });
  r.on('error', () => { /* reported below */ });
  try {
    await Promise.race([r.connect().then(() => r.ping()), new Promise((_, rej) => setTimeout(() => rej(new Error('no answer')), CONNECT_TIMEOUT_MS))]);
  } catch (e) {
    throw new DealgraphError(`expected a reachable Redis server (within ${CONNECT_TIMEOUT_MS / 1000} s), found ${(e as Error).message}`, q.shown);
  } finally { r.disconnect(); }
}

export const jobId = (articleId: number) => `article-${articleId}`;
export const articleOf = (id: string | undefined) => Number(/^article-(\d+)$/.exec(id ?? '')?.[1] ?? NaN);

export async function openQueues(q: QueueUrl): Promise<{ work: Queue; dead: Queue; close: () => Promise<void> }> {
  await checkRedis(q);
  const work = new Queue(QUEUE, { connection: connection(q), prefix: q.prefix });
  const dead = new Queue(DEAD, { connection: connection(q), prefix: q.prefix });
  return { work, dead, close: async () => { await work.close(); await dead.close(); } };
}

/** Enqueues article ids; a job already waiting or running under the same id is left as it is. */
export async function enqueue(work: Queue, ids: readonly number[]): Promise<void> {
  for (let i = 0; i < ids.length; i += 500) {
    await work.addBulk(ids.slice(i, i + 500).map((id) => ({
      name: 'extract', data: { article: id },
      opts: { jobId: jobId(id), attempts: ATTEMPTS, backoff: { type: 'exponential', delay: BACKOFF_MS }, removeOnComplete: true, removeOnFail: true },
    })));
  }
}

/** Every accepted article not yet done goes (back) on the queue: what Redis lost, PostgreSQL still has. Returns how many. */
export async function requeueAccepted(store: PgStore, work: Queue): Promise<number> {
  const ids = await store.acceptedIds();
  await enqueue(work, ids);
  return ids.length;
}
