import { test } from 'node:test';
import assert from 'node:assert/strict';
import { emptyScores, f1, macroF, scoreDocument } from './score.js';
import type { EventRecord } from './types.js';

const TEXT = 'Apple shares rose 5 % on Tuesday after Apple agreed to buy Shazam for $ 400 million .';
const span = (s: string, from = 0) => { const start = TEXT.indexOf(s, from); return { start, end: start + s.length, text: s }; };
const ev = (type: string, trig: string, args: [string, string][] = []): EventRecord => ({
  type, subtype: null, trigger: span(trig), args: args.map(([role, t]) => ({ role, ...span(t, TEXT.indexOf(trig) - 30 > 0 ? TEXT.indexOf(trig) - 30 : 0) })),
  negated: false, modality: 'asserted',
});

test('events scorer: overlap, type, one-to-one matching and exact argument spans', () => {
  const gold = [
    ev('SecurityValue', 'rose', [['Security_SecurityValue', 'Apple shares'], ['IncreaseAmount_SecurityValue', '5 %']]),
    ev('Merger/Acquisition', 'agreed to buy', [['Acquirer', 'Apple agreed'.slice(0, 5)], ['Target', 'Shazam']]),
  ];
  const pred = [
    ev('SecurityValue', 'shares rose', [['Security_SecurityValue', 'shares'], ['IncreaseAmount_SecurityValue', '5 % on']]),
    ev('SecurityValue', 'rose 5', []), // overlaps the same gold trigger: one-to-one, so no second match
    ev('Deal', 'buy', [['Target', 'Shazam']]), // right span, wrong type
  ];
  const s = emptyScores();
  scoreDocument(s, TEXT, gold, pred);
  assert.deepEqual([s.triggerId.tp, s.triggerId.pred, s.triggerId.gold], [2, 3, 2]);
  assert.deepEqual([s.triggerCls.tp, s.triggerCls.pred, s.triggerCls.gold], [1, 3, 2]);
  // Arguments match on event type and overlap: the Deal's Target is not the acquisition's.
  assert.deepEqual([s.argId.tp, s.argId.pred, s.argId.gold], [2, 3, 4]);
  assert.deepEqual([s.argCls.tp, s.argCls.pred], [2, 3]);
  // Exact spans: "shares" ≠ "Apple shares", and "5 % on" ≠ "5 %".
  assert.equal(s.argExact.tp, 0);
  const r = f1(s.triggerCls);
  assert.ok(Math.abs(r.p - 1 / 3) < 1e-9 && Math.abs(r.r - 0.5) < 1e-9);
  assert.ok(macroF(s) > 0 && macroF(s) < 1);
});

test('events scorer: exact span match ignores surrounding spaces and punctuation', () => {
  const gold = [ev('Merger/Acquisition', 'buy', [['Target', 'Shazam for']])];
  const s = emptyScores();
  scoreDocument(s, TEXT, gold, [{ ...gold[0], args: [{ role: 'Target', ...span('Shazam for ') }] }]);
  assert.equal(s.argExact.tp, 1);
});
