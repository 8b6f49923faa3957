/**
 * Quality floor on CoNLL-2003 testb (needs ../shared/corpora; skipped without
 * it). The committed model's figure is reported in the README; this fails when
 * F1 falls more than 0.5 below it. CI never retrains: it scores the committed model.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readConll } from '../conll.js';
import { corpusPath, skipWithoutCorpora } from '../../ingest/corpora.js';
import { evaluateConll } from './evaluate.js';
import { defaultModel } from './index.js';

/** Overall testb F1 of the committed model, as printed by `npm run eval -- ner`. */
export const REPORTED_TESTB_F1 = 88.42;

test('CoNLL-2003 testb F1 does not regress', { skip: skipWithoutCorpora('CoNLL-2003 testb F1 check') }, () => {
  const m = defaultModel();
  const r = evaluateConll(readConll(corpusPath('conll2003', 'eng.testb')), m.scorers, m.resources);
  const f1 = r.scores.overall.f1;
  assert.ok(f1 >= REPORTED_TESTB_F1 - 0.5, `testb F1 ${f1.toFixed(2)} fell more than 0.5 below the reported ${REPORTED_TESTB_F1}`);
});
