/**
 * Quality floors (need ../shared/corpora; skipped without it): the Reuters
 * acquisition templates' TOTAL F and our gold set's per-type F1 must not fall
 * more than 0.01 below the figures reported in the README.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { corpusPath, skipWithoutCorpora } from '../ingest/corpora.js';
import { extract } from './index.js';
import { parseKey, scoreTemplates, toTemplate } from './templates.js';
import { goldArticleText, loadGold, scoreGold } from './gold.js';

/** Printed by `npm run eval -- reuters-acq` (all 398 articles). */
export const REPORTED_ACQ_TOTAL_F = 0.701;
/** Printed by `npm run eval -- facts`: F1 per fact type (0..1) and overall. */
export const REPORTED_GOLD_F1: Record<string, number> = {
  acquisition: 0.4, financial_result: 0.811, layoff: 0.462, partnership: 0.5, plant_closure: 0.727, quote: 0.8,
  role: 0.684, stake: 0.364, stock_move: 0.4, subsidiary: 0.692, overall: 0.621,
};

test('Reuters acquisition templates: TOTAL F does not regress', { skip: skipWithoutCorpora('reuters-acq TOTAL F check') }, () => {
  const docs = corpusPath('reuters-acq-templates', 'docs'), keys = corpusPath('reuters-acq-templates', 'anskeys');
  const pairs = readdirSync(docs).map((n) => {
    const text = readFileSync(join(docs, n), 'latin1');
    const r = extract({ id: n, source: n, text });
    return { key: parseKey(readFileSync(join(keys, `${n}.key`), 'latin1')).key, out: toTemplate({ text, extraction: r.extraction, explanations: r.explanations }) };
  });
  const f = scoreTemplates(pairs).TOTAL.f;
  assert.ok(f >= REPORTED_ACQ_TOTAL_F - 0.01, `TOTAL F ${f.toFixed(3)} fell more than 0.01 below ${REPORTED_ACQ_TOTAL_F}`);
});

test('gold set: per-type F1 does not regress', { skip: skipWithoutCorpora('gold-set F1 check') }, () => {
  const pairs = loadGold().map((g) => {
    const a = goldArticleText(g);
    return { gold: g, extraction: extract({ id: g.newid, source: g.newid, text: a.text, published: a.published, title: a.title, dateline: a.dateline }).extraction, text: a.text };
  });
  const r = scoreGold(pairs);
  for (const [type, f1] of Object.entries(REPORTED_GOLD_F1)) {
    const got = type === 'overall' ? r.overall.f1 : r.byType[type]?.f1 ?? 0;
    assert.ok(got >= f1 - 0.01, `${type}: F1 ${got.toFixed(3)} fell more than 0.01 below ${f1}`);
  }
});
