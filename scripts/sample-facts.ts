/**
 * `node dist/scripts/sample-facts.js --db PATH [--n 100] [--seed 13] [--out FILE]`:
 * draws facts at random (a seeded generator, so the same database gives the
 * same draw) from a dealgraph database, near-duplicate copies left out, and
 * prints each as one JSON line to judge by hand against its sentence: the
 * fact as the graph states it, its arguments with entity names, status,
 * negation, modality, rule, date and date source, the evidence and the
 * sentence around it. The judged samples of issue 13 are
 * test/fixtures/precision-sample.jsonl (seed 13) and precision-sample-seed<N>.jsonl (later draws, new seeds, each
 * on a fresh ingest): these lines plus `n`, `verdict` and `reason`.
 */
import { writeFileSync } from 'node:fs';
import { openStore } from '../src/store/index.js';
import { namesOf, toItem } from '../src/graph/query.js';

const args = process.argv.slice(2);
const opt = (k: string, d: string) => { const i = args.indexOf(k); return i >= 0 ? args[i + 1] : d; };
const n = Number(opt('--n', '100'));
let seed = Number(opt('--seed', '13')) >>> 0;
/** mulberry32: a small, well-known seeded generator. */
const rnd = () => { seed = (seed + 0x6d2b79f5) >>> 0; let t = seed; t = Math.imul(t ^ (t >>> 15), t | 1); t ^= t + Math.imul(t ^ (t >>> 7), t | 61); return ((t ^ (t >>> 14)) >>> 0) / 4294967296; };

/** Arguments that are numbers, not entity ids. */
const NUMBER_ARGS = new Set(['percent', 'count']);
/** A sentence ends at a stop (and a closing quote) before white space and a capital or quote, or at a blank line. */
const RE_SENTENCE_BREAK = /[.!?]['"]?\s+(?=["'A-Z])|\n\s*\n/g;

const store = await openStore(opt('--db', 'dealgraph.db'));
try {
  const facts = (await store.allFacts()).filter((f) => !f.nearDup);
  // A partial Fisher–Yates shuffle: the first n places are a uniform sample without replacement.
  const idx = facts.map((_, i) => i);
  for (let i = 0; i < Math.min(n, idx.length); i++) { const j = i + Math.floor(rnd() * (idx.length - i)); [idx[i], idx[j]] = [idx[j], idx[i]]; }
  const lines: string[] = [];
  for (const i of idx.slice(0, n)) {
    const f = facts[i];
    const a = (await store.article(f.articleId))!;
    const known = await namesOf(store, [f]);
    const ev = f.evidence[0];
    // The sentence: from the previous sentence end (or line break) before the evidence to the next one after it.
    let from = 0;
    for (const m of a.text.slice(0, ev.start).matchAll(RE_SENTENCE_BREAK)) from = m.index! + m[0].length;
    const stop = a.text.slice(ev.end).search(/[.!?]['"]?\s+(?=["'A-Z])|\n\s*\n/);
    const to = stop < 0 ? a.text.length : ev.end + stop + 1;
    const names: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(f.args)) {
      // Entity arguments are canonical ids; a percentage or a count is a number too, and is shown as it is.
      const name = (x: unknown) => (typeof x === 'number' && !NUMBER_ARGS.has(k) ? known.get(x) ?? `#${x}` : x);
      names[k] = Array.isArray(v) ? v.map(name) : name(v);
    }
    lines.push(JSON.stringify({
      fact: f.id, article: a.extId, title: a.title, type: f.type, says: toItem(known, f).text, args: names, status: f.status, negated: f.negated,
      modality: f.modality, rule: f.rule, date: f.date, dateSource: f.dateSource, evidence: a.text.slice(ev.start, ev.end).replace(/\s+/g, ' '),
      sentence: a.text.slice(from, to).replace(/\s+/g, ' ').trim(),
    }));
  }
  const out = opt('--out', '');
  if (out) writeFileSync(out, lines.join('\n') + '\n');
  else console.log(lines.join('\n'));
  console.error(`${lines.length} of ${facts.length} facts drawn (seed ${opt('--seed', '13')})`);
} finally {
  await store.close();
}
