/**
 * `npm run eval -- <what>`: quality figures against public, independently
 * annotated corpora.
 *   ner [--set testb|testa] [--model PATH] [--out FILE]   CoNLL-2003 phrase-level P/R/F1
 *   reuters-acq [--docs DIR] [--keys DIR] [--out FILE]     acquisition templates, per-slot R/P/F and TOTAL
 *   facts [--verbose]                                      our gold sets (Reuters-21578; modern SENTiVENT news by part), P/R per fact type; --verbose lists misses (modern: development part only)
 *   events [--data FILE.jsonl] [--out PRED.jsonl] [--model PATH]
 *                                                          SENTiVENT-shaped documents (default: the held-aside fifth):
 *                                                          predicted from each text alone; scored when lines carry events
 *   market-check [--db PATH] [--index I] [--all]           stock_move facts of linked companies (dealgraph market link) against the
 *                                                          sign of the stock's return on the article's date and the trading day before
 */
import { writeFileSync } from 'node:fs';
import { readConll } from '../src/nlp/conll.js';
import { corpusPath, corporaPresent } from '../src/ingest/corpora.js';
import { loadModel } from '../src/nlp/ner/model.js';
import { DEFAULT_MODEL_PATH } from '../src/nlp/ner/index.js';
import { conllevalLines, evaluateConll, formatScores } from '../src/nlp/ner/evaluate.js';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { extract } from '../src/extract/index.js';
import { formatGoldScores, goldArticleText, loadGold, REUTERS_GOLD_TYPES, scoreGold, withTypes } from '../src/extract/gold.js';
import { loadModernGold, modernArticleText, scoreModernGold } from '../src/extract/gold-modern.js';
import { defaultEventModel, evaluateDocs, formatScores as formatEventScores, isHeldAside, loadEventModel, readDocs, SENTIVENT_PATH } from '../src/extract/events/index.js';
import { openStore, DEFAULT_DB } from '../src/store/index.js';
import { Market, marketCheck, marketCheckEvents, type CheckSummary } from '../src/market/index.js';
import { formatSlotScores, formatTemplate, parseKey, scoreTemplates, toTemplate, type KeyTemplate, type Template } from '../src/extract/templates.js';

const [what, ...args] = process.argv.slice(2);

/** market-check: N, agreement on the day and the day before, and the disagreeing cases (all with --all) with their sentences. */
function printCheck(label: string, c: CheckSummary): void {
  const share = (k: number) => (c.n ? `${k}/${c.n} = ${(100 * k / c.n).toFixed(1)}%` : 'n/a');
  console.log(`${label}: ${c.facts} (near-duplicates and denials left out); ${c.n + c.skipped.length} about a company with prices; ${c.n} checked${c.skipped.length ? `, ${c.skipped.length} not (${[...new Set(c.skipped.map((s) => s.reason))].slice(0, 3).join('; ')})` : ''}`);
  console.log(`  stated direction = sign of the return on the article's date (last trading day on or before it): ${share(c.agreeDay)}`);
  console.log(`                   = sign of the return on the trading day before:                         ${share(c.agreePrev)}`);
  console.log(`                   = either (N, agreement):                                                 ${share(c.agree)}`);
  if (c.n) console.log(`  by chance (each stock's share of days with the stated sign): ${(100 * c.chanceDay / c.n).toFixed(1)}% on one day, ${(100 * c.chanceEither / c.n).toFixed(1)}% on either`);
  const all = args.includes('--all');
  const show = all ? c.checked : c.checked.filter((x) => !x.agree);
  console.log(`  ${all ? 'all cases' : 'disagreeing cases'} (${show.length}):`);
  const pct = (x: number) => `${x >= 0 ? '+' : ''}${(100 * x).toFixed(2)}%`;
  for (const x of show) console.log(`    ${x.kind} ${x.fact} (article ${x.article}, ${x.date}) ${x.name} [${x.symbol}] stated ${x.stated}${x.percent !== null ? ' ' + x.percent + '%' : ''}; ${x.day} ${pct(x.r)}, ${x.prevDay} ${pct(x.prevR)}\n      "${x.sentence}"`);
}
const opt = (name: string, def: string | null) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : def; };

function usage(msg: string): never {
  console.error(`dealgraph eval: ${msg}\nusage: npm run eval -- ner [--set testb|testa] [--model PATH] [--out FILE]\n       npm run eval -- reuters-acq [--docs DIR] [--keys DIR] [--out FILE]\n       npm run eval -- facts [--verbose]\n       npm run eval -- events [--data FILE.jsonl] [--out PRED.jsonl] [--model PATH]\n       npm run eval -- market-check [--db PATH] [--index I] [--all]`);
  process.exit(2);
}

if (!corporaPresent() && !(what === 'events' && opt('--data', null)) && what !== 'market-check') { console.error('dealgraph eval: needs ../shared/corpora, which is absent'); process.exit(2); }
switch (what) {
  case 'ner': {
    const set = opt('--set', 'testb')!;
    if (!['testa', 'testb', 'train'].includes(set)) usage(`expected --set testa|testb|train, found ${set}`);
    const model = loadModel(opt('--model', DEFAULT_MODEL_PATH)!);
    const docs = readConll(corpusPath('conll2003', `eng.${set}`));
    const t0 = performance.now();
    const r = evaluateConll(docs, model.scorers, model.resources);
    const secs = (performance.now() - t0) / 1000;
    console.log(`CoNLL-2003 eng.${set}: ${r.sentences.length} sentences, ${r.tokens} tokens, phrase-level exact match (conlleval)`);
    console.log(formatScores(r.scores));
    console.log(`(${Math.round(r.tokens / secs)} tokens/s incl. features)`);
    const out = opt('--out', null);
    if (out) { writeFileSync(out, conllevalLines(r)); console.log(`predictions written to ${out}`); }
    break;
  }
  case 'reuters-acq': {
    const docs = opt('--docs', corpusPath('reuters-acq-templates', 'docs'))!;
    const keysOpt = opt('--keys', null);
    const keys = keysOpt ?? join(docs, '..', 'anskeys');
    if (!existsSync(docs)) usage(`--docs: expected a folder of articles, found nothing at ${docs}`);
    const names = readdirSync(docs).filter((n) => !n.startsWith('.')).sort((a, b) => Number(a) - Number(b) || a.localeCompare(b));
    const outs: string[] = [];
    const scored: { name: string; key: KeyTemplate; out: Template }[] = [];
    const t0 = performance.now();
    let failed = 0;
    for (const name of names) {
      let out: Template;
      try {
        const text = readFileSync(join(docs, name), 'latin1');
        const r = extract({ id: name, source: join(docs, name), text });
        out = toTemplate({ text, extraction: r.extraction, explanations: r.explanations });
      } catch (e) {
        failed++;
        console.error(`dealgraph eval: ${name}: ${(e as Error).message}`);
        continue;
      }
      outs.push(formatTemplate(name, out));
      const keyPath = join(keys, `${name}.key`);
      if (existsSync(keyPath)) scored.push({ name, key: parseKey(readFileSync(keyPath, 'latin1'), keyPath).key, out });
    }
    const secs = (performance.now() - t0) / 1000;
    const out = opt('--out', null);
    if (out) { writeFileSync(out, outs.join('')); console.log(`templates written to ${out}`); }
    console.log(`${names.length} articles, ${failed} failed, ${secs.toFixed(1)}s`);
    if (scored.length) {
      // Development part and held-out part: every fourth article (by NEWID order) is held out while developing.
      const dev = scored.filter((_, i) => i % 4 !== 3), held = scored.filter((_, i) => i % 4 === 3);
      console.log(`\nall ${scored.length} articles with keys:\n` + formatSlotScores(scoreTemplates(scored)));
      const part = (label: string, pairs: typeof scored) => {
        const t = scoreTemplates(pairs).TOTAL;
        console.log(`${label.padEnd(24)} TOTAL F ${t.f.toFixed(3)} (R ${t.recall.toFixed(3)}, P ${t.precision.toFixed(3)})`);
      };
      console.log('');
      part(`development part (${dev.length}):`, dev);
      part(`held-out part (${held.length}):`, held);
    } else if (keysOpt) console.log(`no keys found in ${keys}`);
    break;
  }
  case 'facts': {
    const gold = loadGold(opt('--gold', undefined as unknown as string) ?? undefined);
    const pairs = gold.map((g) => {
      const a = goldArticleText(g);
      const { extraction } = extract({ id: `reuters-${g.newid}`, source: `${g.file}#${g.newid}`, text: a.text, title: a.title, dateline: a.dateline, published: a.published });
      return { gold: g, extraction: withTypes(extraction, REUTERS_GOLD_TYPES), text: a.text };
    });
    const r = scoreGold(pairs);
    console.log(`gold set: ${gold.length} Reuters-21578 articles, ${gold.reduce((n, g) => n + g.facts.length, 0)} facts (src/extract/gold/)`);
    console.log(formatGoldScores(r));
    if (args.includes('--verbose')) { console.log('\nmissed:\n  ' + r.misses.join('\n  ')); console.log('\nspurious:\n  ' + r.spurious.join('\n  ')); }
    // The modern gold set (SENTiVENT news), scored apart: development part, held-aside part, all.
    const modern = loadModernGold().map((g) => {
      const a = modernArticleText(g);
      return { gold: g, extraction: extract({ id: `sentivent-${g.id}`, source: `sentivent-dev.jsonl#${g.id}`, text: a.text, title: a.title, dateline: null, published: null }).extraction, text: a.text };
    });
    for (const [label, pairs] of [['development part', modern.filter((p) => p.gold.part === 'dev')], ['held-aside part', modern.filter((p) => p.gold.part === 'held-aside')], ['all', modern]] as const) {
      const m = scoreModernGold([...pairs]);
      console.log(`\nmodern gold set, ${label}: ${pairs.length} SENTiVENT articles, ${pairs.reduce((n, p) => n + p.gold.facts.length, 0)} facts (src/extract/gold-modern/)`);
      console.log(formatGoldScores(m));
      // Misses are listed for the development part only: the held-aside part is never read while developing.
      if (label === 'development part' && args.includes('--verbose')) { console.log('\nmissed (development part):\n  ' + m.misses.join('\n  ')); console.log('\nspurious (development part):\n  ' + m.spurious.join('\n  ')); }
    }
    break;
  }
  case 'events': {
    const data = opt('--data', null);
    const model = opt('--model', null) ? loadEventModel(opt('--model', null)!) : defaultEventModel();
    const docs = data ? readDocs(data) : readDocs(SENTIVENT_PATH()).filter((d) => isHeldAside(d.id));
    const t0 = performance.now();
    // Prediction reads each document's text alone; gold events are read only by the scorer.
    const r = evaluateDocs(model, docs);
    const secs = (performance.now() - t0) / 1000;
    const out = opt('--out', null);
    if (out) { writeFileSync(out, r.predictions.map((p) => JSON.stringify(p)).join('\n') + '\n'); console.log(`predictions written to ${out}`); }
    const label = data ? `${data}: ${docs.length} documents` : `SENTiVENT held-aside part: ${docs.length} documents (one in five by a hash of the id; never tuned on)`;
    console.log(`${label}, ${r.predictions.reduce((n, p) => n + p.events.length, 0)} events predicted in ${secs.toFixed(1)} s`);
    if (r.scored) console.log(formatEventScores(r.scores, `${r.scored} documents with gold events`));
    else console.log('no gold events in the input: predictions only');
    break;
  }
  case 'market-check': {
    const db = opt('--db', DEFAULT_DB)!;
    if (!existsSync(db)) usage(`--db: expected a dealgraph database with prices and links, found nothing at ${db}`);
    const store = await openStore(db);
    try {
      const market = await Market.open(store, opt('--index', 'SPX')!);
      printCheck(`${db}: stock_move facts`, await marketCheck(store, market));
      console.log('');
      printCheck(`${db}: the event model's Increase_/Decrease_SecurityValue events whose security is a linked company`, await marketCheckEvents(store, market));
    } finally { await store.close(); }
    break;
  }
  default:
    usage(`expected what to evaluate (ner, reuters-acq, facts, events, market-check), found ${what ?? 'nothing'}`);
}
