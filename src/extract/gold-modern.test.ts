import { test } from 'node:test';
import assert from 'node:assert/strict';
import { perfectExtraction } from './gold-testing.js';
import { readdirSync } from 'node:fs';
import { skipWithoutCorpora } from '../ingest/corpora.js';
import { ENTITY_ARGS } from './gold.js';
import { MODERN_GOLD_DIR, factProblems, loadModernGold, modernArticleText, modernPart, safeId, scoreModernGold, type ModernGoldArticle } from './gold-modern.js';
import type { Extraction } from './schema.js';

const ws = (s: string) => s.replace(/\s+/g, ' ');
const gold = loadModernGold();

/** One entity per distinct gold name, args mapped to ids (new types are built as the matcher sees them). */
function perfect(g: ModernGoldArticle): Extraction {
  return perfectExtraction(g.facts, g.id);
}

test('modern gold fixtures: at least 20, one per file named by id, part by hash, well-formed facts', () => {
  assert.ok(gold.length >= 20, `expected at least 20 modern gold articles, found ${gold.length}`);
  const files = new Set(readdirSync(MODERN_GOLD_DIR).filter((f) => f.endsWith('.json')));
  const ids = new Set<string>();
  for (const g of gold) {
    assert.ok(!ids.has(g.id), `duplicate id ${g.id}`);
    ids.add(g.id);
    assert.ok(files.has(`${safeId(g.id)}.json`), `${g.id}: expected the file ${safeId(g.id)}.json`);
    assert.equal(g.part, modernPart(g.id), `${g.id}: part`);
    g.facts.forEach((f, i) => assert.deepEqual(factProblems(f), [], `${g.id} facts[${i}]`));
  }
  assert.ok(gold.some((g) => g.part === 'dev') && gold.some((g) => g.part === 'held-aside'), 'expected both parts');
});

test('modern gold evidence, entity args and quotes occur in the article text', { skip: skipWithoutCorpora('modern gold set') }, () => {
  for (const g of gold) {
    const t = ws(modernArticleText(g).text);
    for (const f of g.facts) {
      assert.ok(t.includes(ws(f.evidence)), `${g.id} ${f.type}: evidence ${JSON.stringify(f.evidence)} not in the text`);
      for (const k of ENTITY_ARGS[f.type]) {
        const v = f.args[k];
        for (const s of Array.isArray(v) ? v : typeof v === 'string' ? [v] : []) {
          assert.ok(t.includes(ws(String(s))), `${g.id} ${f.type}.${k}: ${JSON.stringify(s)} not in the text`);
        }
      }
      if (f.type === 'quote') assert.ok(t.includes(ws(String(f.args.text))), `${g.id}: quote text ${JSON.stringify(f.args.text)} not in the article`);
    }
  }
});

test('every modern fixture scores perfectly against its own perfect extraction', () => {
  const r = scoreModernGold(gold.map((g) => ({ gold: g, extraction: perfect(g), text: '' })));
  assert.deepEqual(r.misses, []);
  assert.deepEqual(r.spurious, []);
  assert.equal(r.overall.f1, 1);
});
