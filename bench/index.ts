/**
 * `npm run bench -- <what>`: speed figures, each against a named baseline
 * measured in the same run (absolute times on shared machines drift).
 *   ner [--limit N]      tokenize + sentences + NER over Reuters-21578 bodies,
 *                        vs wink-nlp (readDoc + entities) and compromise (.organizations())
 *   extract [--limit N]  fact extraction over all Reuters-21578 articles, vs the NER pass alone
 *   ingest [--db PATH]   all Reuters-21578 .sgm files into a fresh database, then again (idempotency)
 *   query [--db PATH]    query entity / deals --entity latency over 200 entity names
 *   serve [--db PATH] [--rate N] [--seconds S]   HTTP load (autocannon, fixed rate) and first page load in Chromium
 *   market [--db PATH] [--runs N]  event studies (CAR(-1,1), market model) of every fact about a linked company in a
 *                        graph with prices (dealgraph market import/link), vs selecting those facts alone; then
 *                        20,000 studies over synthetic series, vs aligning the series alone
 *   adversarial [--max-mb N] [--cap S]  time per MB of hostile inputs (repeated names, long lists, deep HTML,
 *                        one huge line) at doubling sizes, vs Reuters prose of the same size
 */
import { createRequire } from 'node:module';
import { readReutersFile } from '../src/ingest/reuters.js';
import { corporaPresent, reutersFiles } from '../src/ingest/corpora.js';
import { tokenize } from '../src/nlp/tokenize.js';
import { loadModel } from '../src/nlp/ner/model.js';
import { DEFAULT_MODEL_PATH, recognize } from '../src/nlp/ner/index.js';
import { extract } from '../src/extract/index.js';
import { defaultEventModel } from '../src/extract/events/index.js';
import { reutersText } from '../src/ingest/articles.js';
import { existsSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteStore } from '../src/store/sqlite.js';
import { REPO_ROOT } from '../src/ingest/corpora.js';
import { ingestPaths } from '../src/pipeline.js';
import { entityProfile, findEntityByName } from '../src/graph/query.js';
import { ExtractPool, PoolError } from '../src/extract/pool.js';
import { Market, align, factParties, selectFacts, studyEvent, studyFacts } from '../src/market/index.js';
import { synthetic, weekdays } from '../src/market/testing.js';

const require = createRequire(import.meta.url);
const [what, ...args] = process.argv.slice(2);
const opt = (name: string, def: string | null) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : def; };

interface Run { name: string; seconds: number; tokens: number; bytes: number; entities: number }

function report(runs: Run[], baseline: Run): void {
  console.log('system                                   tokens/s      MB/s   entities   vs ' + baseline.name);
  for (const r of runs) {
    const tps = r.tokens / r.seconds, mbs = r.bytes / 1e6 / r.seconds;
    console.log(`${r.name.padEnd(38)} ${Math.round(tps).toString().padStart(10)} ${mbs.toFixed(2).padStart(9)} ${String(r.entities).padStart(10)}   ${(baseline.seconds / r.seconds).toFixed(2)}x`);
  }
}

function loadBodies(limit: number): string[] {
  const bodies: string[] = [];
  for (const f of reutersFiles()) {
    for (const a of readReutersFile(f).articles) {
      if (bodies.length >= limit) return bodies;
      if (a.body) bodies.push(a.body);
    }
  }
  return bodies;
}

function benchNer(): void {
  const limit = Number(opt('--limit', '1000000'));
  const bodies = loadBodies(limit);
  const bytes = bodies.reduce((s, b) => s + Buffer.byteLength(b, 'utf8'), 0);
  console.log(`Reuters-21578 bodies: ${bodies.length} articles, ${(bytes / 1e6).toFixed(2)} MB; node ${process.version}, one thread`);

  const tl = performance.now();
  const model = loadModel(DEFAULT_MODEL_PATH);
  const loadMs = performance.now() - tl;

  // Every system first gets the same untimed warm-up pass (JIT), over the first 500 articles.
  const warm = bodies.slice(0, 500);
  for (const b of warm) recognize(tokenize(b), model);

  // Ours: tokens + sentences only, then with NER. Token counts are ours for every system's tokens/s
  // except wink-nlp, which counts its own tokens.
  let tokens = 0, ents = 0;
  let t0 = performance.now();
  for (const b of bodies) tokens += tokenize(b).length;
  const tokOnly: Run = { name: 'dealgraph tokenize+sentences', seconds: (performance.now() - t0) / 1000, tokens, bytes, entities: 0 };
  t0 = performance.now();
  for (const b of bodies) { const tok = tokenize(b); ents += recognize(tok, model).length; }
  const ours: Run = { name: 'dealgraph tokenize+sentences+NER', seconds: (performance.now() - t0) / 1000, tokens, bytes, entities: ents };
  const rssOurs = process.resourceUsage().maxRSS / 1024;

  const winkNLP = require('wink-nlp');
  const winkModel = require('wink-eng-lite-web-model');
  const nlp = winkNLP(winkModel);
  let wt = 0, we = 0;
  for (const b of warm) nlp.readDoc(b).entities().length();
  t0 = performance.now();
  for (const b of bodies) { const d = nlp.readDoc(b); wt += d.tokens().length(); we += d.entities().length(); }
  const wink: Run = { name: 'wink-nlp readDoc+entities', seconds: (performance.now() - t0) / 1000, tokens: wt, bytes, entities: we };

  const nlpC = require('compromise');
  let ce = 0;
  for (const b of warm) nlpC(b).organizations();
  t0 = performance.now();
  for (const b of bodies) ce += nlpC(b).organizations().length;
  const comp: Run = { name: 'compromise parse+organizations', seconds: (performance.now() - t0) / 1000, tokens, bytes, entities: ce };

  report([ours, tokOnly, wink, comp], ours);
  console.log(`dealgraph vs wink-nlp: ${(wink.seconds / ours.seconds).toFixed(2)}x the speed; vs compromise: ${(comp.seconds / ours.seconds).toFixed(2)}x`);
  console.log(`dealgraph model load: ${loadMs.toFixed(0)} ms; peak RSS after dealgraph's runs: ${rssOurs.toFixed(0)} MB (before loading the baselines)`);
}

function benchExtract(): void {
  const limit = Number(opt('--limit', '1000000'));
  const articles: { text: string; id: string; published: string | null; title: string | null }[] = [];
  for (const f of reutersFiles()) for (const a of readReutersFile(f).articles) if (articles.length < limit) articles.push({ id: a.newid, text: reutersText(a.title, a.body), published: a.published, title: a.title });
  const bytes = articles.reduce((s, a) => s + Buffer.byteLength(a.text, 'utf8'), 0);
  console.log(`Reuters-21578: ${articles.length} articles (title + body), ${(bytes / 1e6).toFixed(2)} MB; node ${process.version}, one thread`);
  // Baseline in the same run: tokenize + sentences + NER alone (what extraction builds on).
  const model = loadModel(DEFAULT_MODEL_PATH);
  let t0 = performance.now();
  for (const a of articles) recognize(tokenize(a.text), model);
  const nerSecs = (performance.now() - t0) / 1000;
  // The event model's load, measured apart (extraction below then finds it loaded).
  t0 = performance.now();
  defaultEventModel();
  const loadMs = performance.now() - t0;
  let facts = 0, events = 0, failed = 0;
  t0 = performance.now();
  for (const a of articles) {
    try {
      const x = extract({ id: a.id, source: a.id, text: a.text, published: a.published, title: a.title }).extraction;
      facts += x.facts.length; events += x.events.length;
    } catch { failed++; }
  }
  const secs = (performance.now() - t0) / 1000;
  console.log(`event model load: ${loadMs.toFixed(0)} ms`);
  console.log(`extract: ${secs.toFixed(1)} s, ${Math.round(articles.length / secs)} articles/s, ${(bytes / 1e6 / secs).toFixed(2)} MB/s, ${facts} facts, ${events} events, ${failed} failed`);
  console.log(`baseline tokenize+sentences+NER alone: ${nerSecs.toFixed(1)} s; extraction costs ${(secs / nerSecs).toFixed(2)}x the NER pass`);
  console.log(`peak RSS: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
}

async function benchIngest(): Promise<void> {
  const db = opt('--db', join(tmpdir(), `dealgraph-bench-${process.pid}.db`))!;
  for (const x of ['', '-wal', '-shm']) rmSync(db + x, { force: true });
  const files = reutersFiles();
  const store = new SqliteStore(db);
  const first = await ingestPaths(store, files);
  const rss1 = process.resourceUsage().maxRSS / 1024;
  const second = await ingestPaths(store, files);
  const c = await store.counts();
  await store.close();
  const size = statSync(db).size + (existsSync(db + '-wal') ? statSync(db + '-wal').size : 0);
  console.log(`Reuters-21578, ${files.length} .sgm files, into a fresh SQLite database (${db}); one thread`);
  console.log(`first run:  ${first.seconds.toFixed(1)} s, ${Math.round(first.articles / first.seconds)} articles/s: ${first.added} new, ${first.duplicates} duplicate, ${first.nearDuplicates} near-duplicate, ${first.failed} failed`);
  console.log(`second run: ${second.seconds.toFixed(1)} s (${(second.seconds / first.seconds).toFixed(3)} of the first): ${second.added} new, ${second.duplicates} duplicate`);
  console.log(`database: ${(size / 1e6).toFixed(1)} MB; ${c.articles} articles, ${c.entities} entities, ${c.facts} facts, ${c.deals} deals; peak RSS ${rss1.toFixed(0)} MB`);
}

async function benchQuery(): Promise<void> {
  const db = opt('--db', 'dealgraph.db')!;
  if (!existsSync(db)) { console.error(`dealgraph bench: query: expected a database at ${db} (build one with dealgraph ingest), found none`); process.exit(2); }
  const store = new SqliteStore(db);
  const all = (await store.allEntities()).filter((e) => e.type === 'ORG' || e.type === 'PER');
  // 200 different names: the 100 most mentioned, and 100 spread over the rest (deterministic).
  const top = [...all].sort((a, b) => b.articles - a.articles).slice(0, 100);
  const rest = all.filter((e) => !top.includes(e));
  const names = [...top, ...Array.from({ length: 100 }, (_, i) => rest[Math.floor((i * rest.length) / 100)])].filter(Boolean).map((e) => e.name);
  const time = async (fn: () => Promise<unknown>) => { const t = performance.now(); await fn(); return performance.now() - t; };
  for (const n of names.slice(0, 20)) await entityProfile(store, (await findEntityByName(store, n)).id); // warm-up
  const prof: number[] = [], deals: number[] = [];
  for (const n of names) {
    prof.push(await time(async () => entityProfile(store, (await findEntityByName(store, n)).id)));
    deals.push(await time(async () => store.deals({ entity: (await findEntityByName(store, n)).id })));
  }
  const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];
  console.log(`${names.length} different entity names on ${db} (${(await store.counts()).articles} articles)`);
  console.log(`query entity NAME:          p50 ${pct(prof, 50).toFixed(2)} ms, p95 ${pct(prof, 95).toFixed(2)} ms, max ${Math.max(...prof).toFixed(1)} ms`);
  console.log(`query deals --entity NAME:  p50 ${pct(deals, 50).toFixed(2)} ms, p95 ${pct(deals, 95).toFixed(2)} ms, max ${Math.max(...deals).toFixed(1)} ms`);
  await store.close();
}

/**
 * Load test and first page load: the server runs in its own process (dealgraph
 * serve on an ephemeral loopback port); autocannon drives it at a fixed rate
 * from this process, bounded in time; headless Chromium loads the page.
 */
async function benchServe(): Promise<void> {
  const db = opt('--db', 'dealgraph.db')!;
  const rate = Number(opt('--rate', '200')), seconds = Number(opt('--seconds', '15'));
  const { isPostgresUrl } = await import('../src/store/postgres.js');
  const { openStore } = await import('../src/store/index.js');
  if (!isPostgresUrl(db) && !existsSync(db)) { console.error(`dealgraph bench: serve: expected a database at ${db}, found none`); process.exit(2); }
  const store = await openStore(db);
  const ents = (await store.allEntities()).filter((e) => e.type === 'ORG').sort((a, b) => b.articles - a.articles).slice(0, 400);
  await store.close();
  const { spawn } = await import('node:child_process');
  const child = spawn(process.execPath, [join(REPO_ROOT, 'bin', 'dealgraph.js'), 'serve', '--db', db, '--port', '0']);
  const baseUrl: string = await new Promise((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => { const m = /at (http:\/\/[^/]+)\//.exec(d.toString()); if (m) resolve(m[1]); });
    child.on('exit', (c) => reject(new Error(`server exited with ${c}`)));
  });
  const autocannon = (await import('autocannon')).default;
  const run = (title: string, path: (i: number) => string) => new Promise<void>((resolve) => {
    let i = 0;
    autocannon({ url: baseUrl, connections: 8, overallRate: rate, duration: seconds,
      requests: [{ setupRequest: ((req: Record<string, unknown>) => ({ ...req, path: path(i++) })) as never }] }, ((err: Error | null, r: { requests: { average: number }; latency: { p50: number; p99: number; max: number }; non2xx: number; errors: number }) => {
      if (err) console.error(err);
      else console.log(`${title.padEnd(34)} ${r.requests.average.toFixed(0)} req/s (target rate ${rate}), latency p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms, max ${r.latency.max} ms, non-2xx ${r.non2xx}, errors ${r.errors}`);
      resolve();
    }) as never);
  });
  console.log(`${db}: load from a second process on loopback, ${seconds} s per endpoint, 8 connections, one server process`);
  await run('entity search  GET /api/entities?q=', (i) => `/api/entities?q=${encodeURIComponent(ents[i % ents.length].name.slice(0, 3 + (i % 5)))}`);
  await run('entity profile GET /api/entities/:id', (i) => `/api/entities/${ents[i % ents.length].id}`);
  // First load of the page in headless Chromium.
  const { chromium } = await import('playwright-core');
  const exe = process.env.DEALGRAPH_CHROMIUM ?? '/usr/bin/chromium';
  if (existsSync(exe)) {
    const browser = await chromium.launch({ executablePath: exe, headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
    const page = await browser.newPage();
    let bytes = 0;
    page.on('response', async (r) => { try { bytes += (await r.body()).length; } catch { /* redirects */ } });
    const t0 = performance.now();
    await page.goto(baseUrl + '/');
    await page.waitForSelector('#q:not([disabled])', { state: 'visible' });
    const usable = performance.now() - t0;
    await page.waitForLoadState('networkidle');
    console.log(`first page load: ${(bytes / 1024).toFixed(1)} KB transferred, search box usable after ${usable.toFixed(0)} ms (headless Chromium, loopback, cold cache)`);
    await browser.close();
  } else console.log(`first page load: skipped, no Chromium at ${exe}`);
  child.kill('SIGTERM');
}

/**
 * Hostile inputs at doubling sizes, each through what the API runs (HTML parse
 * and extraction, in a worker with a deadline of --cap seconds): a size that
 * hits the cap stops that input's larger sizes. The exponent between the two
 * largest sizes done shows the slope: 1 is linear, 2 quadratic.
 */
async function benchAdversarial(): Promise<void> {
  const maxMb = Number(opt('--max-mb', '1')), cap = Number(opt('--cap', '10'));
  const sizes: number[] = [];
  for (let b = 62_500; b <= maxMb * 1e6 + 1; b *= 2) sizes.push(b);
  const bodies = loadBodies(6000);
  const prose = bodies.join('\n\n');
  const firms = ['Acme', 'Baxter', 'Corning', 'Dover', 'Emerson', 'Fairchild', 'Gould', 'Harris', 'Ingersoll', 'Kellogg'];
  const kinds = ['Chemical', 'Foods', 'Steel', 'Paper', 'Mining', 'Electric', 'Optical', 'Glass', 'Rubber', 'Cement'];
  const fill = (unit: (i: number) => string, bytes: number) => { let s = '', i = 0; while (s.length < bytes) s += unit(i++); return s.slice(0, bytes); };
  /** Reuters bodies, whole, adding up to about `bytes`: the baseline extracts them one article at a time. */
  const articles = (bytes: number) => { const out: string[] = []; let n = 0; for (const b of bodies) { if (n >= bytes) break; out.push(b); n += b.length; } return out; };
  type Input = { texts?: string[]; text?: string; html?: string };
  const inputs: { name: string; make: (bytes: number) => Input }[] = [
    { name: 'Reuters articles, one by one', make: (n) => ({ texts: articles(n) }) },
    { name: 'Reuters prose as one article', make: (n) => ({ text: prose.slice(0, n) }) },
    { name: 'repeated names', make: (n) => ({ text: fill(() => 'Acme Corp agreed to acquire Beta Inc. ', n) }) },
    { name: 'long list (one sentence)', make: (n) => ({ text: 'Zeta Corp formed ventures with ' + fill((i) => `${firms[i % 10]} ${kinds[Math.floor(i / 10) % 10]} Inc, `, n) + 'and Omega Inc.' }) },
    { name: 'deep HTML (<b>x × N)', make: (n) => ({ html: '<html><body>' + fill(() => '<b>x ', n) + '</body></html>' }) },
    { name: 'one huge line', make: (n) => ({ text: prose.slice(0, n).replace(/[\n.!?]+/g, ' ') }) },
  ];
  const pool = new ExtractPool({ size: 1, deadlineMs: cap * 1000, maxChars: maxMb * 1e6 + 1000 });
  await pool.extract({ id: 'warm', source: 'warm', text: prose.slice(0, 20000) });
  const run = async (x: Input, name: string) => {
    if (x.html) await pool.extractHtml(x.html, name);
    else for (const text of x.texts ?? [x.text!]) await pool.extract({ id: 'b', source: name, text });
  };
  console.log(`hostile inputs through HTML parsing + extraction in one worker thread (as POST /api/extract runs them), stopped after ${cap} s; node ${process.version}`);
  console.log('input'.padEnd(30) + sizes.map((b) => `${(b / 1e6).toFixed(3)} MB`.padStart(18)).join('') + '   exponent   s/MB vs baseline');
  let baseline: number[] = [];
  for (const input of inputs) {
    const secs: (number | null)[] = [];
    for (const b of sizes) {
      if (secs.length && secs[secs.length - 1] === null) { secs.push(null); continue; }
      // Untimed: a worker started after a stop is warmed up (JIT) like the first one.
      await pool.extract({ id: 'warm', source: 'warm', text: prose.slice(0, 20000) });
      const t0 = performance.now();
      try { await run(input.make(b), input.name); secs.push((performance.now() - t0) / 1000); } catch (e) {
        if (!(e instanceof PoolError) || e.failure !== 'deadline') throw e;
        secs.push(null);
      }
    }
    const perMb = secs.map((t, i) => (t === null ? NaN : t / (sizes[i] / 1e6)));
    if (!baseline.length) baseline = perMb;
    const k = secs.filter((t) => t !== null).length - 1;
    // The slope of log time against log size over every size done (least squares: one noisy run on a shared machine moves it less).
    const xs = sizes.slice(0, k + 1).map(Math.log), ys = secs.slice(0, k + 1).map((t) => Math.log(t!));
    const mx = xs.reduce((a, b) => a + b, 0) / xs.length, my = ys.reduce((a, b) => a + b, 0) / ys.length;
    const exp = k >= 1 ? xs.reduce((a, x, i) => a + (x - mx) * (ys[i] - my), 0) / xs.reduce((a, x) => a + (x - mx) ** 2, 0) : NaN;
    const cells = secs.map((t, i) => (t === null ? `>${cap} s, stopped` : `${t.toFixed(2)} s ${perMb[i].toFixed(1)}/MB`).padStart(18)).join('');
    console.log(`${input.name.padEnd(30)}${cells}   ${Number.isNaN(exp) ? '    -' : exp.toFixed(2).padStart(5)}      ${k >= 0 ? `${(perMb[k] / baseline[k]).toFixed(2)}x at ${(sizes[k] / 1e6).toFixed(3)} MB` : '-'}`);
  }
  console.log('exponent: slope of log time on log size over the sizes finished (1 linear, 2 quadratic); s/MB vs the baseline at the largest size both finished');
  await pool.close();
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
function timed<T>(runs: number, fn: () => T): { seconds: number; value: T } {
  const secs: number[] = [];
  let value!: T;
  for (let i = 0; i < runs; i++) { const t0 = performance.now(); value = fn(); secs.push((performance.now() - t0) / 1000); }
  return { seconds: median(secs), value };
}
async function timedAsync<T>(runs: number, fn: () => Promise<T>): Promise<{ seconds: number; value: T }> {
  const secs: number[] = [];
  let value!: T;
  for (let i = 0; i < runs; i++) { const t0 = performance.now(); value = await fn(); secs.push((performance.now() - t0) / 1000); }
  return { seconds: median(secs), value };
}

async function benchMarket(): Promise<void> {
  const runs = Number(opt('--runs', '5'));
  const db = opt('--db', 'dealgraph.db')!;
  if (existsSync(db)) {
    const store = new SqliteStore(db);
    try {
      // Baseline: read every fact and find its companies' symbols (what any study must do first).
      const base = await timedAsync(runs, async () => {
        const m = await Market.open(store);
        const facts = await selectFacts(store, {});
        await m.prepare(facts.flatMap((f) => factParties(f).map(([, id]) => id)));
        let sides = 0;
        for (const f of facts) for (const [, id] of factParties(f)) if (m.symbolOfEntity(id)) sides++;
        return sides;
      });
      const full = await timedAsync(runs, async () => studyFacts(await Market.open(store), await selectFacts(store, {}), {}, { window: [-1, 1] }));
      const g = full.value;
      console.log(`${db}: ${g.facts} facts, ${g.factsLinked} about a company with prices, ${g.linked} company sides; median of ${runs} runs`);
      console.log(`selecting the linked facts (baseline)          ${base.seconds.toFixed(3)} s`);
      console.log(`studies of every linked fact, CAR(-1,1)        ${full.seconds.toFixed(3)} s  (${g.studies.filter((x) => x.result.ok).length} studies, ${g.group?.n ?? 0} in the group test)  ${(full.seconds / base.seconds).toFixed(2)}x the baseline`);
    } finally { await store.close(); }
  } else console.log(`${db}: absent (build it with dealgraph ingest, market import and market link --auto; see README); synthetic part only`);
  // Synthetic: 100 symbols of 1,000 trading days, 200 events each.
  const dates = weekdays('2010-01-04', 1000);
  const series = Array.from({ length: 100 }, (_, k) => synthetic({ dates, seed: k + 1, alpha: 0, beta: 0.5 + (k % 10) / 10, sigma: 0.01 }));
  const alignOnly = timed(runs, () => series.map((s) => align(s.stock, s.index)));
  const returns = alignOnly.value;
  const studies = timed(runs, () => {
    let ok = 0;
    for (const r of returns) for (let e = 0; e < 200; e++) if (studyEvent(r, dates[300 + e * 3]).ok) ok++;
    return ok;
  });
  console.log(`synthetic: 100 symbols x 1,000 days; aligning them (baseline) ${alignOnly.seconds.toFixed(3)} s; ${studies.value} event studies (3 windows each) ${studies.seconds.toFixed(3)} s = ${Math.round(studies.value / studies.seconds)} studies/s, ${(studies.seconds / alignOnly.seconds).toFixed(2)}x the baseline`);
}


/**
 * Scale: Reuters-21578 (`--limit N` articles; default all) through 1 and 2 worker processes into PostgreSQL
 * (`--pg URL`, default DEALGRAPH_TEST_PG or the local server; `--redis URL`), each on a fresh schema and queue
 * prefix, against the one-process SQLite ingest of the same file in the same run. Each worker is one process
 * with one extraction thread (`--concurrency 1`): two workers use the machine's two cores.
 */
async function benchScale(): Promise<void> {
  const { spawn } = await import('node:child_process');
  const { randomBytes } = await import('node:crypto');
  const { mkdtempSync, readFileSync, writeFileSync } = await import('node:fs');
  const { PgStore } = await import('../src/store/postgres.js');
  const limit = opt('--limit', null);
  const pgBase = opt('--pg', process.env.DEALGRAPH_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432/test')!;
  const redis = opt('--redis', process.env.DEALGRAPH_TEST_REDIS ?? 'redis://127.0.0.1:6379')!;
  const dir = mkdtempSync(join(tmpdir(), 'dealgraph-scale-'));
  const blocks = reutersFiles().flatMap((f) => readFileSync(f, 'latin1').match(/<REUTERS[\s\S]*?<\/REUTERS>/g) ?? []);
  const take = limit ? blocks.slice(0, Number(limit)) : blocks;
  const file = join(dir, 'reuters.sgm');
  writeFileSync(file, take.join('\n') + '\n', 'latin1');
  const bin = join(REPO_ROOT, 'bin', 'dealgraph.js');
  const run = (a: string[]) => new Promise<void>((resolve, reject) => {
    const p = spawn(process.execPath, [bin, ...a], { stdio: ['ignore', 'ignore', 'inherit'] });
    p.on('exit', (code) => (code === 0 || code === 1 ? resolve() : reject(new Error(`${a[0]} exited ${code}`))));
  });
  const t0 = performance.now();
  await run(['ingest', '--db', join(dir, 'one.db'), file]);
  const liteSecs = (performance.now() - t0) / 1000;
  const lite = new SqliteStore(join(dir, 'one.db'));
  const lc = await lite.counts();
  await lite.close();
  const rate = (n: number, secs: number) => n / secs;
  console.log(`Reuters-21578, ${take.length} articles (${lc.articles} stored by SQLite: ${lc.entities} entities, ${lc.facts} facts, ${lc.deals} deals)`);
  console.log(`one-process SQLite ingest:         ${liteSecs.toFixed(1)} s, ${rate(take.length, liteSecs).toFixed(1)} articles/s`);
  const results: number[] = [];
  for (const workers of [1, 2]) {
    const schema = `dg_bench_${randomBytes(4).toString('hex')}`;
    const u = new URL(pgBase); u.searchParams.set('schema', schema);
    const q = new URL(redis); q.searchParams.set('prefix', schema);
    const db = u.toString(), queue = q.toString();
    const t1 = performance.now();
    await run(['ingest', '--db', db, '--queue', queue, file]);
    const acceptSecs = (performance.now() - t1) / 1000;
    const store = await PgStore.open(db);
    const t2 = performance.now();
    const ps = Array.from({ length: workers }, () => spawn(process.execPath, [bin, 'worker', '--db', db, '--queue', queue, '--concurrency', '1'], { stdio: ['ignore', 'ignore', 'ignore'] }));
    for (;;) {
      const st = await store.stateCounts();
      if (st.accepted === 0) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    const secs = (performance.now() - t2) / 1000;
    for (const p of ps) p.kill('SIGTERM');
    const c = await store.counts();
    const size = (await store.q(`SELECT sum(pg_total_relation_size(format('%I.%I', schemaname, tablename)::regclass))::bigint b FROM pg_tables WHERE schemaname = $1`, [schema]))[0].b as number;
    const rows = (await store.q(`SELECT (SELECT count(*) FROM articles) + (SELECT count(*) FROM sim_bands) + (SELECT count(*) FROM entities) + (SELECT count(*) FROM aliases)
      + (SELECT count(*) FROM name_words) + (SELECT count(*) FROM merges) + (SELECT count(*) FROM mentions) + (SELECT count(*) FROM deals) + (SELECT count(*) FROM deal_parties)
      + (SELECT count(*) FROM deal_links) + (SELECT count(*) FROM facts) + (SELECT count(*) FROM fact_entities) + (SELECT count(*) FROM events) + (SELECT count(*) FROM event_entities)
      + (SELECT count(*) FROM symbol_links) n`))[0].n as number;
    await store.q(`DROP SCHEMA ${schema} CASCADE`);
    await store.close();
    results.push(rate(take.length, secs));
    console.log(`PostgreSQL, ${workers} worker process${workers > 1 ? 'es' : ''}:       ${secs.toFixed(1)} s, ${rate(take.length, secs).toFixed(1)} articles/s (accept and enqueue before: ${acceptSecs.toFixed(1)} s); ` +
      `${c.articles} articles, ${c.entities} entities, ${c.facts} facts, ${c.deals} deals; ${(rows / c.articles).toFixed(1)} rows and ${(size / c.articles / 1024).toFixed(1)} KB per article (${(size / 1e6).toFixed(1)} MB)`);
  }
  console.log(`speed-up of 2 workers over 1: ${(results[1] / results[0]).toFixed(2)}x (target 1.7x); 1 worker against one-process SQLite: ${(results[0] / rate(take.length, liteSecs)).toFixed(2)}x`);
  rmSync(dir, { recursive: true, force: true });
}

if (what === 'market') { await benchMarket(); process.exit(0); }
if (!corporaPresent()) { console.error('dealgraph bench: needs ../shared/corpora, which is absent'); process.exit(2); }
switch (what) {
  case 'ner': benchNer(); break;
  case 'extract': benchExtract(); break;
  case 'ingest': await benchIngest(); break;
  case 'query': await benchQuery(); break;
  case 'serve': await benchServe(); break;
  case 'adversarial': await benchAdversarial(); break;
  case 'scale': await benchScale(); break;
  default:
    console.error(`dealgraph bench: expected what to measure (ner, extract, ingest, query, serve, market, adversarial, scale), found ${what ?? 'nothing'}`);
    process.exit(2);
}
