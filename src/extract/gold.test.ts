import { test } from 'node:test';
import assert from 'node:assert/strict';
import { perfectExtraction } from './gold-testing.js';
import { skipWithoutCorpora } from '../ingest/corpora.js';
import { ENTITY_ARGS, formatGoldScores, goldArticleText, loadGold, matchFact, namesMatch, scoreGold, type GoldArticle, type GoldFact } from './gold.js';
import { Extraction as ExtractionSchema, FactArgs, type Entity, type Extraction, type Fact } from './schema.js';

const ws = (s: string) => s.replace(/\s+/g, ' ');

/** Builds the "perfect" extraction for a gold article: one entity per distinct gold name, args mapped to ids. */
function perfect(g: GoldArticle, rename: (name: string) => Partial<Entity> = () => ({})): Extraction {
  return perfectExtraction(g.facts, `reuters:${g.newid}`, rename);
}

const gold = loadGold();

test('gold fixtures parse, have facts, and follow the schema\'s arg shapes', () => {
  assert.ok(gold.length >= 30, `expected at least 30 gold articles, found ${gold.length}`);
  const ids = new Set<string>();
  for (const g of gold) {
    assert.ok(!ids.has(g.newid), `duplicate NEWID ${g.newid}`);
    ids.add(g.newid);
    assert.ok(g.facts.length >= 1, `${g.newid}: expected at least one fact`);
    // the perfect extraction built from the fixture validates against the contract
    const ext = perfect(g);
    const r = ExtractionSchema.safeParse(ext);
    assert.ok(r.success, `${g.newid}: ${r.success ? '' : r.error.message}`);
    for (const f of g.facts) assert.ok(f.type in FactArgs, `${g.newid}: unknown type ${f.type}`);
  }
});

test('gold evidence, entity args and quotes occur in the article text', { skip: skipWithoutCorpora('gold set') }, () => {
  for (const g of gold) {
    const { text } = goldArticleText(g);
    const t = ws(text);
    for (const f of g.facts) {
      assert.ok(t.includes(ws(f.evidence)), `${g.newid} ${f.type}: evidence ${JSON.stringify(f.evidence)} not in the text`);
      for (const k of ENTITY_ARGS[f.type]) {
        const v = f.args[k];
        for (const s of Array.isArray(v) ? v : typeof v === 'string' ? [v] : []) {
          assert.ok(t.includes(ws(String(s))), `${g.newid} ${f.type}.${k}: ${JSON.stringify(s)} not in the text`);
        }
      }
      if (f.type === 'quote') assert.ok(t.includes(ws(String(f.args.text))), `${g.newid}: quote text not in the article`);
    }
  }
});

test('every fixture scores perfectly against its own perfect extraction', () => {
  const r = scoreGold(gold.map((g) => ({ gold: g, extraction: perfect(g), text: '' })));
  assert.deepEqual(r.misses, []);
  assert.deepEqual(r.spurious, []);
  assert.equal(r.overall.precision, 1);
  assert.equal(r.overall.recall, 1);
  assert.equal(r.modality.accuracy, 1);
});

// ---------------------------------------------------------------- scorer on hand-built extractions

const G = (type: string, args: Record<string, unknown>, o: Partial<GoldFact> = {}): GoldFact =>
  ({ type, args, status: null, negated: false, modality: 'asserted', evidence: 'x', ...o });

const SAMPLE: GoldArticle = {
  newid: '1', file: 'reut2-000.sgm',
  facts: [
    G('partnership', { parties: ['Varian Associates Inc', 'Siemens A.G.'] }, { status: 'agreed' }),
    G('stake', { holder: 'Fried Krupp GmbH', company: 'Krupp Stahl AG', percent: 70.4, kind: null }),
    G('role', { person: 'David Kendall', title: 'CEO', title_text: 'Chief executive' }),
    G('quote', { speaker: 'Carlton Curtis', text: 'Those rumors are not correct' }),
    G('financial_result', { company: 'ALFIN INC', metric: 'loss', amount: { value: 1417000, currency: 'USD', text: '1,417,000' } }),
    G('acquisition', { acquirer: 'Coca Cola Co', target: "Wendy's International" }, { status: 'rumored', negated: true }),
  ],
};

test('scorer: a perfect prediction has P = R = 1', () => {
  const r = scoreGold([{ gold: SAMPLE, extraction: perfect(SAMPLE), text: '' }]);
  assert.equal(r.overall.tp, SAMPLE.facts.length);
  assert.equal(r.overall.precision, 1);
  assert.equal(r.overall.recall, 1);
  assert.equal(r.overall.f1, 1);
  assert.equal(r.byType.partnership.f1, 1);
  assert.match(formatGoldScores(r), /overall\s+6\s+6\s+6\s+100\.0\s+100\.0\s+100\.0/);
});

test('scorer: a wrong status is one miss and one spurious fact', () => {
  const ext = perfect(SAMPLE);
  ext.facts[0] = { ...ext.facts[0], status: 'completed' } as Fact;
  const r = scoreGold([{ gold: SAMPLE, extraction: ext, text: '' }]);
  assert.deepEqual(r.byType.partnership, { tp: 0, fp: 1, fn: 1, precision: 0, recall: 0, f1: 0 });
  assert.equal(r.misses.length, 1);
  assert.match(r.misses[0], /^1 partnership .*status=agreed/);
  assert.equal(r.spurious.length, 1);
  assert.match(r.spurious[0], /partnership .*Siemens A\.G\..*status=completed/);
});

test('scorer: names match by alias, mention text, company suffix and case', () => {
  // Siemens predicted as "Siemens" with an alias; Varian as "VARIAN ASSOCIATES" (suffix dropped, case differs)
  const ext = perfect(SAMPLE, (name) => (name === 'Siemens A.G.' ? { name: 'Siemens', aliases: ['Siemens A.G'] }
    : name === 'Varian Associates Inc' ? { name: 'VARIAN ASSOCIATES' } : {}));
  const r = scoreGold([{ gold: SAMPLE, extraction: ext, text: '' }]);
  assert.equal(r.byType.partnership.tp, 1);
  assert.ok(namesMatch('The Gillette Company', 'Gillette Co.'));
  assert.ok(namesMatch('Warburg, Pincus Capital Co L.P.', 'Warburg Pincus Capital'));
  assert.ok(!namesMatch('Thomson-CSF', 'Thomson'));
  // a mention's text counts when the article text is given
  const text = 'Chief executive David Kendall said';
  const byMention = perfect(SAMPLE, (name) => (name === 'David Kendall' ? { name: 'Kendall', mentions: [{ start: 16, end: 29 }] } : {}));
  const role = byMention.facts[2];
  assert.ok(matchFact(role, byMention, SAMPLE.facts[2], text));
  assert.ok(!matchFact(role, byMention, SAMPLE.facts[2]), 'without the text only name and aliases count');
});

test('scorer: a negation mismatch does not match', () => {
  const ext = perfect(SAMPLE);
  ext.facts[5] = { ...ext.facts[5], negated: false } as Fact;
  assert.ok(!matchFact(ext.facts[5], ext, SAMPLE.facts[5]));
  const r = scoreGold([{ gold: SAMPLE, extraction: ext, text: '' }]);
  assert.equal(r.byType.acquisition.tp, 0);
  assert.equal(r.byType.acquisition.fn, 1);
  assert.equal(r.byType.acquisition.fp, 1);
});

test('scorer: numbers within 0.5 %, title synonyms, quote overlap, losses as negative net income, parties as sets', () => {
  const ext = perfect(SAMPLE);
  const stake = { ...ext.facts[1], args: { ...(ext.facts[1].args as object), percent: 70.6 } } as Fact;
  assert.ok(matchFact(stake, ext, SAMPLE.facts[1]), '70.6 vs 70.4 is within 0.5 %');
  const far = { ...ext.facts[1], args: { ...(ext.facts[1].args as object), percent: 71 } } as Fact;
  assert.ok(!matchFact(far, ext, SAMPLE.facts[1]));
  const role = { ...ext.facts[2], args: { ...(ext.facts[2].args as object), title: 'chief executive officer' } } as Fact;
  assert.ok(matchFact(role, ext, SAMPLE.facts[2]));
  const wrongTitle = { ...ext.facts[2], args: { ...(ext.facts[2].args as object), title: 'president' } } as Fact;
  assert.ok(!matchFact(wrongTitle, ext, SAMPLE.facts[2]));
  const q = { ...ext.facts[3], args: { ...(ext.facts[3].args as object), text: '"Those rumors are not correct," said' } } as Fact;
  assert.ok(matchFact(q, ext, SAMPLE.facts[3]));
  const q2 = { ...ext.facts[3], args: { ...(ext.facts[3].args as object), text: 'We have stated many times' } } as Fact;
  assert.ok(!matchFact(q2, ext, SAMPLE.facts[3]));
  const net = { ...ext.facts[4], args: { ...(ext.facts[4].args as object), metric: 'net_income', amount: { value: -1417000, currency: 'USD', text: '' } } } as Fact;
  assert.ok(matchFact(net, ext, SAMPLE.facts[4]));
  const rev = { ...ext.facts[4], args: { ...(ext.facts[4].args as object), metric: 'revenue' } } as Fact;
  assert.ok(!matchFact(rev, ext, SAMPLE.facts[4]));
  const otherCurrency = { ...ext.facts[4], args: { ...(ext.facts[4].args as object), amount: { value: 1417000, currency: 'CAD', text: '' } } } as Fact;
  assert.ok(!matchFact(otherCurrency, ext, SAMPLE.facts[4]));
  const swapped = { ...ext.facts[0], args: { parties: [...(ext.facts[0].args as { parties: string[] }).parties].reverse() } } as Fact;
  assert.ok(matchFact(swapped, ext, SAMPLE.facts[0]));
  // each gold fact is matched once: a duplicate prediction is spurious
  const dup = perfect(SAMPLE);
  dup.facts.push({ ...dup.facts[1], id: 'f99' } as Fact);
  const r = scoreGold([{ gold: SAMPLE, extraction: dup, text: '' }]);
  assert.equal(r.byType.stake.tp, 1);
  assert.equal(r.byType.stake.fp, 1);
  // modality is reported, not matched
  const mod = perfect(SAMPLE);
  mod.facts[1] = { ...mod.facts[1], modality: 'reported' } as Fact;
  const rm = scoreGold([{ gold: SAMPLE, extraction: mod, text: '' }]);
  assert.equal(rm.overall.recall, 1);
  assert.equal(rm.modality.correct, SAMPLE.facts.length - 1);
});
