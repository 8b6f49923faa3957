import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { statSync } from 'node:fs';
import { ExtractPool, PoolError } from './pool.js';
import { extract } from './index.js';
import { REPO_ROOT } from '../ingest/corpora.js';

const SENTENCE = 'Chrysler Corp said it agreed to acquire American Motors Corp for 757 mln dlrs.';
const pools: ExtractPool[] = [];
const pool = (o: ConstructorParameters<typeof ExtractPool>[0]) => { const p = new ExtractPool(o); pools.push(p); return p; };
after(async () => { await Promise.all(pools.map((p) => p.close())); });

async function failure(p: Promise<unknown>): Promise<PoolError> {
  try { await p; } catch (e) { assert.ok(e instanceof PoolError, String(e)); return e; }
  assert.fail('expected the job to fail');
}

test('a worker extracts exactly what extract() does on the main thread', async () => {
  const a = { id: 'a', source: 'a', text: SENTENCE, published: '1987-03-09' };
  assert.deepEqual((await pool({ size: 1 }).extract(a)).extraction, extract(a).extraction);
});

test('a job over its deadline fails with the reason, and the next job still runs', async () => {
  const p = pool({ size: 1, deadlineMs: 300 });
  const slow = { id: 'slow', source: 'slow.txt', text: 'Acme Corp agreed to acquire Beta Inc. '.repeat(26_000) };
  await p.extract({ id: 'warm', source: 'warm', text: SENTENCE }); // the worker is up: the clock measures the job alone
  const t0 = performance.now();
  const e = await failure(p.extract(slow));
  assert.equal(e.failure, 'deadline');
  assert.match(e.message, /^dealgraph: slow\.txt: expected extraction to finish within 0\.3 s, found it still running; stopped$/);
  assert.ok(performance.now() - t0 < 3000, 'stopped near its deadline');
  const ok = await p.extract({ id: 'b', source: 'b', text: SENTENCE });
  assert.ok(ok.extraction.facts.some((f) => f.type === 'acquisition'));
});

test('refusals: an article over the size limit, HTML without text, a full queue', async () => {
  const p = pool({ size: 1, maxChars: 100, maxQueue: 1 });
  const cases: [string, () => Promise<unknown>, PoolError['failure'], RegExp][] = [
    ['too long', () => p.extract({ id: 'x', source: 'long.txt', text: SENTENCE.repeat(2) }), 'too-large', /long\.txt: expected an article of at most 100 characters, found 156/],
    ['no text', () => p.extractHtml('<html><body><script>x()</script></body></html>', 'empty.html'), 'input', /empty\.html/],
  ];
  for (const [name, job, kind, re] of cases) {
    const e = await failure(job());
    assert.equal(e.failure, kind, name);
    assert.match(e.message, re, name);
  }
  // A burst while the only worker is busy: one job waits, the next is refused at once.
  const burst = [0, 1, 2].map(() => p.extract({ id: 'y', source: 'y', text: 'IBM said it would buy Rolm Corp.' }).then(() => 'ok', (e: PoolError) => e.failure));
  const got = await Promise.all(burst);
  assert.ok(got.includes('busy'), JSON.stringify(got));
  assert.ok(got.includes('ok'), JSON.stringify(got));
});

test('read gives the articles of one file, parsed off the main thread', async () => {
  const f = join(REPO_ROOT, 'test', 'fixtures', 'deal', 'gm-psa.sgm');
  const items = await pool({ size: 1 }).read(f, statSync(f).size);
  assert.ok(items.length >= 2);
  assert.ok(items.every((i) => i.ok && i.article.text.length > 0));
});
