/**
 * One extraction worker of the pool (pool.ts): loads the model once, then
 * answers jobs one at a time. Errors become replies; the pool owns deadlines.
 */
import { parentPort } from 'node:worker_threads';
import { DealgraphError } from '../errors.js';
import { extract } from './index.js';
import { parseHtml, parseJsonRecords } from '../ingest/formats.js';
import { readArticles } from '../ingest/articles.js';
import type { Job } from './pool.js';

function tooLong(source: string, chars: number, max: number): never {
  throw new DealgraphError(`expected an article of at most ${max.toLocaleString('en')} characters, found ${chars.toLocaleString('en')}`, source);
}

function run(job: Job): unknown {
  switch (job.kind) {
    case 'extract': return extract(job.article, { explain: job.explain });
    case 'html': {
      const [item] = parseHtml(job.html, job.source);
      if (!item || !item.ok) throw new DealgraphError(item ? item.reason : 'expected an HTML page with text, found none', job.source);
      const a = item.article;
      if (a.text.length > job.maxChars) tooLong(job.source, a.text.length, job.maxChars);
      return { text: a.text, result: extract({ id: job.source, source: job.source, text: a.text, title: job.title ?? a.title, published: job.published ?? a.published }) };
    }
    case 'records': return parseJsonRecords(job.raw, job.source, false);
    case 'read': return [...readArticles([job.path], { published: job.published })];
  }
}

// Warm up (model load, JIT) before taking jobs, so a job's deadline measures the job.
extract({ id: 'warm-up', source: 'warm-up', text: 'Acme Corp said it agreed to acquire Beta Inc for 10 mln dlrs.' });
parentPort!.on('message', (job: Job) => {
  try {
    parentPort!.postMessage({ type: 'done', value: run(job) });
  } catch (e) {
    parentPort!.postMessage({ type: 'failed', reason: e instanceof Error ? e.message : String(e), input: e instanceof DealgraphError });
  }
});
parentPort!.postMessage({ type: 'ready' });
