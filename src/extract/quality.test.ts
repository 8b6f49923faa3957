/**
 * Quality floors (need ../shared/corpora; skipped without it): the Reuters
 * acquisition templates' TOTAL F, our Reuters gold set's per-type F1, the
 * modern gold set's F1 per part, and the event model's held-aside figures
 * must not fall more than 0.01 below the figures reported in the README.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { corpusPath, skipWithoutCorpora } from '../ingest/corpora.js';
import { extract } from './index.js';
import { parseKey, scoreTemplates, toTemplate } from './templates.js';
import { goldArticleText, loadGold, REUTERS_GOLD_TYPES, scoreGold, withTypes } from './gold.js';
import { loadModernGold, modernArticleText, scoreModernGold } from './gold-modern.js';
import { defaultEventModel, evaluateDocs, f1, isHeldAside, readDocs, SENTIVENT_PATH } from './events/index.js';

/** Printed by `npm run eval -- events` (SENTiVENT held-aside part, 46 documents): trigger and argument classification F. */
export const REPORTED_EVENTS = { triggerCls: 0.364, argCls: 0.316 };
/** Printed by `npm run eval -- facts` for the modern gold set (SENTiVENT articles): overall F1 of each part. */
export const REPORTED_MODERN_F1 = { dev: 0.629, 'held-aside': 0.493 };
/** Printed by `npm run eval -- reuters-acq` (all 398 articles). */
export const REPORTED_ACQ_TOTAL_F = 0.701;
/** Printed by `npm run eval -- facts`: F1 per fact type (0..1) and overall. */
export const REPORTED_GOLD_F1: Record<string, number> = {
  acquisition: 0.429, financial_result: 0.811, layoff: 0.462, partnership: 0.615, plant_closure: 0.727, quote: 0.8,
  role: 0.718, stake: 0.364, stock_move: 0.4, subsidiary: 0.692, overall: 0.637,
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
    const x = extract({ id: g.newid, source: g.newid, text: a.text, published: a.published, title: a.title, dateline: a.dateline }).extraction;
    return { gold: g, extraction: withTypes(x, REUTERS_GOLD_TYPES), text: a.text };
  });
  const r = scoreGold(pairs);
  for (const [type, f1] of Object.entries(REPORTED_GOLD_F1)) {
    const got = type === 'overall' ? r.overall.f1 : r.byType[type]?.f1 ?? 0;
    assert.ok(got >= f1 - 0.01, `${type}: F1 ${got.toFixed(3)} fell more than 0.01 below ${f1}`);
  }
});

test('SENTiVENT held-aside events: trigger and argument classification F do not regress', { skip: skipWithoutCorpora('event model floors') }, () => {
  const docs = readDocs(SENTIVENT_PATH()).filter((d) => isHeldAside(d.id));
  const { scores } = evaluateDocs(defaultEventModel(), docs);
  const t = f1(scores.triggerCls).f, a = f1(scores.argCls).f;
  assert.ok(t >= REPORTED_EVENTS.triggerCls - 0.01, `trigger classification F ${t.toFixed(3)} fell more than 0.01 below ${REPORTED_EVENTS.triggerCls}`);
  assert.ok(a >= REPORTED_EVENTS.argCls - 0.01, `argument classification F ${a.toFixed(3)} fell more than 0.01 below ${REPORTED_EVENTS.argCls}`);
});

test('modern gold set: overall F1 of each part does not regress', { skip: skipWithoutCorpora('modern gold F1 check') }, () => {
  const pairs = loadModernGold().map((g) => {
    const a = modernArticleText(g);
    return { gold: g, extraction: extract({ id: g.id, source: g.id, text: a.text, title: a.title }).extraction, text: a.text };
  });
  for (const [part, f] of Object.entries(REPORTED_MODERN_F1)) {
    const got = scoreModernGold(pairs.filter((p) => p.gold.part === part)).overall.f1;
    assert.ok(got >= f - 0.01, `${part}: F1 ${got.toFixed(3)} fell more than 0.01 below ${f}`);
  }
});
