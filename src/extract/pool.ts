/**
 * Extraction off the main thread, with a deadline. Each job (read a file,
 * parse HTML or JSON records, extract one article) runs in a worker thread; a
 * job that outlives its deadline has its worker terminated (the only way to
 * stop a runaway regex or a quadratic loop) and fails with its reason, and a
 * fresh worker takes the next job. The caller's thread stays free: the HTTP
 * server keeps answering while an extraction runs.
 */
import { Worker } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import { statSync } from 'node:fs';
import { DealgraphError } from '../errors.js';
import type { ArticleInput, ExtractOptions, ExtractResult } from './index.js';
import type { ArticleItem } from '../ingest/articles.js';

/** A job as the worker receives it (pool-worker.ts). */
export type Job =
  | { kind: 'extract'; article: ArticleInput; maxChars: number; explain?: boolean }
  | { kind: 'html'; html: string; source: string; title: string | null; published: string | null; maxChars: number }
  | { kind: 'records'; raw: string; source: string }
  | { kind: 'read'; path: string; published?: string };

/** Why a job failed, so a server can pick its status code. */
export type PoolFailure = 'deadline' | 'busy' | 'too-large' | 'input' | 'crashed';

export class PoolError extends DealgraphError {
  constructor(message: string, readonly failure: PoolFailure) { super(message); }
}

export interface PoolOptions {
  /** worker threads; default: one per core but one, at least 1, at most 4 */
  size?: number;
  /** per job, from the moment a worker starts it; default 1.9 s, so a refusal is answered within 2 s */
  deadlineMs?: number;
  /** longest article text extracted, in characters; default 1,000,000 */
  maxChars?: number;
  /** jobs waiting for a worker before new ones are refused as busy; default 64 */
  maxQueue?: number;
  /** heap limit of each worker: a job that needs more fails instead of exhausting the machine */
  maxHeapMb?: number;
}

export const DEFAULT_DEADLINE_MS = 1900;
export const DEFAULT_MAX_CHARS = 1_000_000;

/** The commands' `--deadline S`: seconds one article may take, as milliseconds. */
export function deadlineMs(v: string | undefined): number {
  if (v === undefined) return DEFAULT_DEADLINE_MS;
  const n = Number(v);
  if (!/^\d+(\.\d+)?$/.test(v) || !(n > 0) || n > 3600) throw new DealgraphError(`--deadline: expected seconds between 0 and 3600, found ${JSON.stringify(v)}`);
  return Math.round(n * 1000);
}

interface Task { job: Job; label: string; deadlineMs: number; what: string; resolve: (v: unknown) => void; reject: (e: Error) => void }
interface Slot { worker: Worker; ready: boolean; task: Task | null; timer: NodeJS.Timeout | null }
type Reply = { type: 'ready' } | { type: 'done'; value: unknown } | { type: 'failed'; reason: string; input: boolean };

export class ExtractPool {
  readonly deadlineMs: number;
  readonly maxChars: number;
  private readonly size: number;
  private readonly maxQueue: number;
  private readonly maxHeapMb: number;
  private readonly slots = new Set<Slot>();
  private readonly queue: Task[] = [];
  private closed = false;

  constructor(opts: PoolOptions = {}) {
    this.size = opts.size ?? Math.min(4, Math.max(1, availableParallelism() - 1));
    this.deadlineMs = opts.deadlineMs ?? DEFAULT_DEADLINE_MS;
    this.maxChars = opts.maxChars ?? DEFAULT_MAX_CHARS;
    this.maxQueue = opts.maxQueue ?? 64;
    this.maxHeapMb = opts.maxHeapMb ?? 1024;
  }

  /** Entities and facts of one article (`explain`: with the event model's reasons, as extract() gives them). */
  extract(article: ArticleInput, opts: ExtractOptions = {}): Promise<ExtractResult> {
    if (article.text.length > this.maxChars) return Promise.reject(this.tooLarge(article.source, article.text.length));
    return this.run({ kind: 'extract', article, maxChars: this.maxChars, explain: opts.explain }, article.source) as Promise<ExtractResult>;
  }

  /** An HTML page's main text, then its extraction (both steps inside the deadline). */
  extractHtml(html: string, source: string, meta: { title?: string | null; published?: string | null } = {}): Promise<{ text: string; result: ExtractResult }> {
    return this.run({ kind: 'html', html, source, title: meta.title ?? null, published: meta.published ?? null, maxChars: this.maxChars }, source) as Promise<{ text: string; result: ExtractResult }>;
  }

  /** JSON article records (one or an array) as articles; HTML records are parsed in the worker too. */
  records(raw: string, source: string): Promise<ArticleItem[]> {
    return this.run({ kind: 'records', raw, source }, source) as Promise<ArticleItem[]>;
  }

  /** The articles of one file (or `-`); the deadline grows with the file: one deadline per 4 MB. */
  read(path: string, bytes: number, published?: string): Promise<ArticleItem[]> {
    return this.run({ kind: 'read', path, published }, path, this.deadlineMs * Math.max(1, bytes / 4e6)) as Promise<ArticleItem[]>;
  }

  /** `read`, sized by the file itself; a file that cannot be read (or is stopped) is one failed item, never an exception. */
  async readItems(file: string, published?: string): Promise<ArticleItem[]> {
    let bytes = 25e6; // standard input: the largest size read
    if (file !== '-') try { bytes = statSync(file).size; } catch { /* the worker reports it */ }
    try { return await this.read(file, bytes, published); } catch (e) {
      return [{ ok: false, source: file === '-' ? '<stdin>' : file, reason: (e as Error).message }];
    }
  }

  /** Stops every worker; jobs still waiting fail. */
  async close(): Promise<void> {
    this.closed = true;
    for (const t of this.queue.splice(0)) t.reject(new PoolError('dealgraph: extraction pool closed', 'crashed'));
    await Promise.all([...this.slots].map((s) => { if (s.timer) clearTimeout(s.timer); return s.worker.terminate(); }));
    this.slots.clear();
  }

  private tooLarge(source: string, chars: number): PoolError {
    return new PoolError(`dealgraph: ${source}: expected an article of at most ${this.maxChars.toLocaleString('en')} characters, found ${chars.toLocaleString('en')}`, 'too-large');
  }

  private run(job: Job, label: string, deadlineMs = this.deadlineMs): Promise<unknown> {
    if (this.closed) return Promise.reject(new PoolError('dealgraph: extraction pool closed', 'crashed'));
    if (this.queue.length >= this.maxQueue) {
      return Promise.reject(new PoolError(`dealgraph: ${label}: expected a free extraction worker, found ${this.queue.length} jobs waiting; try again later`, 'busy'));
    }
    return new Promise((resolve, reject) => {
      this.queue.push({ job, label, deadlineMs, what: job.kind === 'read' ? 'reading' : 'extraction', resolve, reject });
      this.pump();
    });
  }

  /** Hands waiting jobs to idle workers, starting workers up to the pool size. */
  private pump(): void {
    while (this.queue.length) {
      const idle = [...this.slots].find((s) => s.ready && !s.task);
      if (!idle) {
        if (this.slots.size < this.size) this.spawn();
        return;
      }
      this.start(idle, this.queue.shift()!);
    }
  }

  private spawn(): void {
    const worker = new Worker(new URL('./pool-worker.js', import.meta.url), { resourceLimits: { maxOldGenerationSizeMb: this.maxHeapMb } });
    const slot: Slot = { worker, ready: false, task: null, timer: null };
    this.slots.add(slot);
    worker.unref(); // an idle worker must not keep a finished CLI or test alive
    worker.on('message', (m: Reply) => {
      if (m.type === 'ready') { slot.ready = true; this.pump(); return; }
      const t = this.finish(slot);
      if (!t) return;
      if (m.type === 'done') t.resolve(m.value);
      else t.reject(new PoolError(m.reason, m.input ? 'input' : 'crashed'));
      this.pump();
    });
    worker.on('error', (e) => this.lost(slot, `dealgraph: ${slot.task?.label ?? 'extraction worker'}: extraction stopped: ${e.message}`));
    worker.on('exit', () => this.lost(slot, `dealgraph: ${slot.task?.label ?? 'extraction worker'}: extraction stopped: the worker exited`));
  }

  private start(slot: Slot, t: Task): void {
    slot.task = t;
    slot.worker.ref(); // a running job keeps the process alive until it answers
    slot.timer = setTimeout(() => {
      this.finish(slot);
      this.slots.delete(slot);
      void slot.worker.terminate();
      t.reject(new PoolError(`dealgraph: ${t.label}: expected ${t.what} to finish within ${(t.deadlineMs / 1000).toFixed(1)} s, found it still running; stopped`, 'deadline'));
      this.pump();
    }, t.deadlineMs);
    slot.worker.postMessage(t.job);
  }

  private finish(slot: Slot): Task | null {
    const t = slot.task;
    if (slot.timer) clearTimeout(slot.timer);
    slot.task = null; slot.timer = null;
    slot.worker.unref();
    return t;
  }

  /** A worker died (out of memory, a crash): its job fails, a new worker replaces it. */
  private lost(slot: Slot, reason: string): void {
    if (!this.slots.delete(slot)) return;
    const t = this.finish(slot);
    t?.reject(new PoolError(reason, 'crashed'));
    // A worker that died before it was ready cannot start at all: waiting jobs fail rather than respawn forever.
    if (!slot.ready) for (const w of this.queue.splice(0)) w.reject(new PoolError(reason, 'crashed'));
    if (!this.closed) this.pump();
  }
}
