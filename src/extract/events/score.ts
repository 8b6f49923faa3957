/**
 * Scoring of predicted events against gold, as issue 10 defines it; matching
 * is one-to-one (a gold item counts for at most one prediction), greedy in
 * document order.
 * - trigger identification: trigger spans overlap;
 * - trigger classification: and the same type (also per type, and macro-F);
 * - argument identification: same event type, argument spans overlap;
 * - argument classification: and the same role;
 * - argument classification, exact: the same role and the same span, ignoring
 *   surrounding spaces and punctuation.
 */
import type { EventRecord } from './types.js';

export interface PRF { tp: number; pred: number; gold: number }
export const prf = (): PRF => ({ tp: 0, pred: 0, gold: 0 });
export function f1(c: PRF): { p: number; r: number; f: number } {
  const p = c.pred ? c.tp / c.pred : 0, r = c.gold ? c.tp / c.gold : 0;
  return { p, r, f: p + r ? (2 * p * r) / (p + r) : 0 };
}

export interface EventScores {
  triggerId: PRF; triggerCls: PRF; argId: PRF; argCls: PRF; argExact: PRF;
  perType: Map<string, PRF>;
}
export const emptyScores = (): EventScores => ({
  triggerId: prf(), triggerCls: prf(), argId: prf(), argCls: prf(), argExact: prf(), perType: new Map(),
});

const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }) => a.start < b.end && b.start < a.end;

/** Greedy one-to-one matching: counts predictions that find an unused gold item satisfying `ok`. */
function matchCount<P, G>(pred: readonly P[], gold: readonly G[], ok: (p: P, g: G) => boolean): number {
  const used = new Uint8Array(gold.length);
  let tp = 0;
  for (const p of pred) {
    for (let i = 0; i < gold.length; i++) {
      if (!used[i] && ok(p, gold[i])) { used[i] = 1; tp++; break; }
    }
  }
  return tp;
}

const TRIM = /^[\s\p{P}]+|[\s\p{P}]+$/gu;
function trimmed(text: string, s: number, e: number): string {
  return text.slice(s, e).replace(TRIM, '');
}

interface FlatArg { type: string; role: string; start: number; end: number }
const flatArgs = (evs: readonly EventRecord[]): FlatArg[] => evs.flatMap((e) => e.args.map((a) => ({ type: e.type, role: a.role, start: a.start, end: a.end })));

/** Adds one document's counts to `s`. */
export function scoreDocument(s: EventScores, text: string, gold: readonly EventRecord[], pred: readonly EventRecord[]): void {
  const add = (c: PRF, tp: number) => { c.tp += tp; c.pred += pred.length; c.gold += gold.length; };
  add(s.triggerId, matchCount(pred, gold, (p, g) => overlaps(p.trigger, g.trigger)));
  add(s.triggerCls, matchCount(pred, gold, (p, g) => p.type === g.type && overlaps(p.trigger, g.trigger)));
  for (const t of new Set([...gold.map((e) => e.type), ...pred.map((e) => e.type)])) {
    const c = s.perType.get(t) ?? prf();
    const pt = pred.filter((e) => e.type === t), gt = gold.filter((e) => e.type === t);
    c.tp += matchCount(pt, gt, (p, g) => overlaps(p.trigger, g.trigger));
    c.pred += pt.length; c.gold += gt.length;
    s.perType.set(t, c);
  }
  const pa = flatArgs(pred), ga = flatArgs(gold);
  const addA = (c: PRF, tp: number) => { c.tp += tp; c.pred += pa.length; c.gold += ga.length; };
  addA(s.argId, matchCount(pa, ga, (p, g) => p.type === g.type && overlaps(p, g)));
  addA(s.argCls, matchCount(pa, ga, (p, g) => p.type === g.type && p.role === g.role && overlaps(p, g)));
  addA(s.argExact, matchCount(pa, ga, (p, g) => p.type === g.type && p.role === g.role && trimmed(text, p.start, p.end) === trimmed(text, g.start, g.end) && overlaps(p, g)));
}

/** Macro-average of the per-type trigger classification F over the types that occur in the gold. */
export function macroF(s: EventScores): number {
  const fs = [...s.perType.entries()].filter(([, c]) => c.gold > 0).map(([, c]) => f1(c).f);
  return fs.length ? fs.reduce((x, y) => x + y, 0) / fs.length : 0;
}

const pct = (x: number) => (100 * x).toFixed(1).padStart(5);
/** A readable table of the scores. */
export function formatScores(s: EventScores, label: string): string {
  const row = (name: string, c: PRF) => { const r = f1(c); return `${name.padEnd(34)} P ${pct(r.p)}  R ${pct(r.r)}  F ${pct(r.f)}   (${c.tp}/${c.pred} predicted, ${c.gold} gold)`; };
  const lines = [
    `events: ${label}`,
    row('trigger identification', s.triggerId),
    row('trigger classification', s.triggerCls),
    `${'trigger classification macro-F'.padEnd(34)} F ${pct(macroF(s))}`,
    row('argument identification', s.argId),
    row('argument classification', s.argCls),
    row('argument classification (exact)', s.argExact),
    'per type (trigger classification):',
  ];
  for (const [t, c] of [...s.perType.entries()].sort((a, b) => b[1].gold - a[1].gold)) lines.push('  ' + row(t, c));
  return lines.join('\n');
}
