/**
 * Features of the event model, named so `--explain` can print them.
 *
 * Each token's atoms (lowercased word, a light stem, suffix, shape, word
 * clusters, the recognizer's entity tag) are computed once per article as a
 * string and its hash; a feature is a template id mixed with one to three atom
 * hashes. In the fast path no string is built per feature; when names are
 * asked for, the same calls also write `template=atom|atom` strings.
 */
import { hashString, mix, mix2, mix3 } from '../../nlp/ner/hash.js';
import type { Tokens } from '../../nlp/index.js';
import type { FeatureResources } from '../../nlp/ner/features.js';
import { vectorOf, type Embeddings } from './embeddings.js';

/** A token's atoms: strings (for names) and their hashes (for features). */
export interface TokenView {
  tok: Tokens;
  n: number;
  low: string[]; stem: string[]; suf: string[]; shape: string[]; c2: string[]; c3: string[]; ner: string[];
  lowH: Uint32Array; stemH: Uint32Array; sufH: Uint32Array; shapeH: Uint32Array; c2H: Uint32Array; c3H: Uint32Array; nerH: Uint32Array;
  /** sentence index of each token */
  sentOf: Int32Array;
  /** word vectors, token t at t·dim (zeros for unknown words); null without embeddings */
  emb: Float32Array | null;
  dim: number;
  /** each token's row in the embeddings (-1 when unknown), for cached projections at run time */
  embRow: Int32Array;
}

/** An entity or value span over tokens, from the recognizer and the value finder. */
export interface TagSpan { type: string; start: number; end: number }

const PAD = '<s>';
const PAD_H = hashString(PAD);

/** Typographic quotes and dashes read as their plain forms, so modern text shares atoms with the training text. */
function plainWord(w: string): string {
  return w.replace(/[\u2018\u2019\u201b\u2032]/g, "'").replace(/[\u201c\u201d\u201e\u2033]/g, '"').replace(/[\u2013\u2014\u2212]/g, '-');
}

const STEM_RULES: [RegExp, string][] = [
  [/ies$/, 'y'], [/(ss)es$/, '$1'], [/([^s])s$/, '$1'], [/ied$/, 'y'], [/([a-z]{3})ed$/, '$1'], [/([a-z]{3})ing$/, '$1'], [/([a-z]{3})ly$/, '$1'],
];
/** A light suffix-stripping stem (rose/rises/rising differ, but shares/share and raised/raise meet), enough to pool inflections. */
export function stemOf(w: string): string {
  if (w.length <= 3) return w;
  for (const [re, rep] of STEM_RULES) if (re.test(w)) return w.replace(re, rep).replace(/e$/, '');
  return w.replace(/e$/, '');
}

function shapeClass(w: string): string {
  if (/^\p{Lu}[\p{Ll}'-]+$/u.test(w)) return 'Xx';
  if (/^\p{Lu}+$/u.test(w)) return w.length === 1 ? 'X' : 'XX';
  if (/^[\p{Ll}'-]+$/u.test(w)) return 'x';
  if (/^\d+$/.test(w)) return 'd';
  if (/^[\d.,]+$/.test(w)) return 'd.d';
  if (/\d/.test(w)) return /\p{L}/u.test(w) ? 'xd' : 'd-';
  if (/\p{L}/u.test(w)) return 'Xx-';
  return w.length === 1 ? w : 'p';
}

/** A word form's atoms, computed once per distinct form and cached (news repeats its words). */
interface WordAtoms { low: string; stem: string; suf: string; shape: string; c2: string; c3: string; h: Uint32Array; embRow: number }
const wordCache = new Map<string, WordAtoms>();
let cacheOwner: [FeatureResources | null, Embeddings | null] = [null, null];

function atomsOf(raw0: string, cm: Map<string, number> | null, emb: Embeddings | null): WordAtoms {
  let w = wordCache.get(raw0);
  if (w) return w;
  const raw = plainWord(raw0), low = raw.toLowerCase();
  const packed = cm?.get(/\d/.test(low) ? low.replace(/\d/g, '0') : low) ?? 0;
  const stem = stemOf(low), suf = low.slice(-3), shape = shapeClass(raw);
  const c2 = 'b' + ((packed >>> 10) & 1023), c3 = 'c' + ((packed >>> 20) & 1023);
  w = { low, stem, suf, shape, c2, c3, h: Uint32Array.of(hashString(low), hashString(stem), hashString(suf), hashString(shape), hashString(c2), hashString(c3)), embRow: emb?.index.get(low) ?? -1 };
  if (wordCache.size > 300_000) wordCache.clear(); // bounded: a large vocabulary's worth
  wordCache.set(raw0, w);
  return w;
}
const NER_H = new Map<string, number>();
const nerHash = (tag: string): number => { let h = NER_H.get(tag); if (h === undefined) NER_H.set(tag, (h = hashString(tag))); return h; };

/**
 * Builds the token view of an article: atoms from the words, clusters and
 * tagged spans (sorted by start). `vectors`: also copy each token's word vector
 * (training reads them; prediction uses cached projections by row instead).
 */
export function tokenView(tok: Tokens, spans: readonly TagSpan[], res: FeatureResources | null, emb: Embeddings | null = null, vectors = false): TokenView {
  const n = tok.length, text = tok.text;
  const v: TokenView = {
    tok, n, low: new Array(n), stem: new Array(n), suf: new Array(n), shape: new Array(n), c2: new Array(n), c3: new Array(n), ner: new Array(n),
    lowH: new Uint32Array(n), stemH: new Uint32Array(n), sufH: new Uint32Array(n), shapeH: new Uint32Array(n),
    c2H: new Uint32Array(n), c3H: new Uint32Array(n), nerH: new Uint32Array(n), sentOf: new Int32Array(n),
    emb: emb && vectors ? new Float32Array(n * emb.dim) : null, dim: emb?.dim ?? 0, embRow: new Int32Array(n).fill(-1),
  };
  const cm = res?.clusters ?? null;
  if (cacheOwner[0] !== res || cacheOwner[1] !== emb) { wordCache.clear(); cacheOwner = [res, emb]; }
  for (let t = 0; t < n; t++) {
    const w = atomsOf(text.slice(tok.start[t], tok.end[t]), cm, emb);
    v.low[t] = w.low; v.stem[t] = w.stem; v.suf[t] = w.suf; v.shape[t] = w.shape; v.c2[t] = w.c2; v.c3[t] = w.c3;
    v.lowH[t] = w.h[0]; v.stemH[t] = w.h[1]; v.sufH[t] = w.h[2]; v.shapeH[t] = w.h[3]; v.c2H[t] = w.h[4]; v.c3H[t] = w.h[5];
    v.ner[t] = 'O';
    v.embRow[t] = w.embRow;
    if (v.emb && w.embRow >= 0) vectorOf(emb!, w.low, v.emb, t * emb!.dim);
  }
  let j = 0;
  for (const s of spans) {
    while (j < n && tok.end[j] <= s.start) j++;
    for (let t = j; t < n && tok.start[t] < s.end; t++) v.ner[t] = (t === j ? 'B-' : 'I-') + s.type;
  }
  for (let t = 0; t < n; t++) v.nerH[t] = nerHash(v.ner[t]);
  for (let s = 0; s < tok.sentences; s++) for (let t = tok.sent[s]; t < tok.sent[s + 1]; t++) v.sentOf[t] = s;
  return v;
}

/** Collects one example's features (and, when `names` is set, their names). */
export class Sink {
  feats = new Int32Array(64);
  len = 0;
  names: string[] | null = null;
  constructor(readonly templates: readonly string[]) {}
  reset(): void { this.len = 0; if (this.names) this.names.length = 0; }
  private push(h: number): void {
    if (this.len === this.feats.length) { const f = new Int32Array(this.len * 2); f.set(this.feats); this.feats = f; }
    this.feats[this.len++] = h;
  }
  f1(t: number, a: number, sa: string): void {
    this.push(mix(t, a));
    if (this.names) this.names.push(`${this.templates[t]}=${sa}`);
  }
  f2(t: number, a: number, b: number, sa: string, sb: string): void {
    this.push(mix2(t, a, b));
    if (this.names) this.names.push(`${this.templates[t]}=${sa}|${sb}`);
  }
  f3(t: number, a: number, b: number, c: number, sa: string, sb: string, sc: string): void {
    this.push(mix3(t, a, b, c));
    if (this.names) this.names.push(`${this.templates[t]}=${sa}|${sb}|${sc}`);
  }
}

// ---- Trigger tagging: one example per token -------------------------------

export const TRIGGER_TEMPLATES = [
  'bias', 'w', 'stem', 'suf', 'shape', 'clus256', 'clus1000', 'ent', 'w-1', 'w+1', 'w-2', 'w+2', 'stem-1|stem', 'stem|stem+1',
  'clus1000-1', 'clus1000+1', 'ent-1', 'ent+1', 'stem|ent+1', 'ent-1|stem', 'shape|clus1000', 'stem|w+2', 'w-2|stem',
  'left-stem|clus256', 'right-stem|clus256', 'left-stem|stem', 'function-word',
] as const;
const enum TT {
  Bias, W, Stem, Suf, Shape, C2, C3, Ent, WM1, WP1, WM2, WP2, StemBiL, StemBiR, C3M1, C3P1, EntM1, EntP1, StemEntP1, EntM1Stem, ShapeC3, StemWP2, WM2Stem,
  LeftC2, RightC2, LeftStem, FunctionWord,
}
/** Words that say nothing of the event in a window bag. */
const STOP = new Set('the a an of to in on for and or by with at from as its it is was be has have had that this their his her are were will would , . \' " ( ) - -- ; : $ %'.split(' '));

const RE_NUMBERISH = /^[\d.,%$€£¥]+$/;
/**
 * Function words, punctuation and numbers are almost never a trigger (0.5 % of
 * SENTiVENT's development triggers lie wholly on them) but are 40 % of tokens:
 * they get one feature, so the tagger spends its time on the other words.
 */
export const isFunctionToken = (v: TokenView, t: number): boolean => STOP.has(v.low[t]) || RE_NUMBERISH.test(v.low[t]);

// Atoms of a neighbour, or the padding outside [a, b) (plain functions: closures per token cost garbage).
const hAt = (arr: Uint32Array, k: number, a: number, b: number): number => (k >= a && k < b ? arr[k] : PAD_H);
const sAt = (arr: string[], k: number, a: number, b: number): string => (k >= a && k < b ? arr[k] : PAD);

/** Writes the trigger features of token t (sentence [a, b)) into the sink. */
export function triggerFeatures(v: TokenView, t: number, a: number, b: number, s: Sink): void {
  if (isFunctionToken(v, t)) { s.f1(TT.FunctionWord, v.lowH[t], v.low[t]); return; }
  s.f1(TT.Bias, 0, '');
  s.f1(TT.W, v.lowH[t], v.low[t]);
  s.f1(TT.Stem, v.stemH[t], v.stem[t]);
  s.f1(TT.Suf, v.sufH[t], v.suf[t]);
  s.f1(TT.Shape, v.shapeH[t], v.shape[t]);
  s.f1(TT.C2, v.c2H[t], v.c2[t]);
  s.f1(TT.C3, v.c3H[t], v.c3[t]);
  s.f1(TT.Ent, v.nerH[t], v.ner[t]);
  s.f1(TT.WM1, hAt(v.lowH, t - 1, a, b), sAt(v.low, t - 1, a, b));
  s.f1(TT.WP1, hAt(v.lowH, t + 1, a, b), sAt(v.low, t + 1, a, b));
  s.f1(TT.WM2, hAt(v.lowH, t - 2, a, b), sAt(v.low, t - 2, a, b));
  s.f1(TT.WP2, hAt(v.lowH, t + 2, a, b), sAt(v.low, t + 2, a, b));
  s.f2(TT.StemBiL, hAt(v.stemH, t - 1, a, b), v.stemH[t], sAt(v.stem, t - 1, a, b), v.stem[t]);
  s.f2(TT.StemBiR, v.stemH[t], hAt(v.stemH, t + 1, a, b), v.stem[t], sAt(v.stem, t + 1, a, b));
  s.f1(TT.C3M1, hAt(v.c3H, t - 1, a, b), sAt(v.c3, t - 1, a, b));
  s.f1(TT.C3P1, hAt(v.c3H, t + 1, a, b), sAt(v.c3, t + 1, a, b));
  s.f1(TT.EntM1, hAt(v.nerH, t - 1, a, b), sAt(v.ner, t - 1, a, b));
  s.f1(TT.EntP1, hAt(v.nerH, t + 1, a, b), sAt(v.ner, t + 1, a, b));
  s.f2(TT.StemEntP1, v.stemH[t], hAt(v.nerH, t + 1, a, b), v.stem[t], sAt(v.ner, t + 1, a, b));
  s.f2(TT.EntM1Stem, hAt(v.nerH, t - 1, a, b), v.stemH[t], sAt(v.ner, t - 1, a, b), v.stem[t]);
  s.f2(TT.ShapeC3, v.shapeH[t], v.c3H[t], v.shape[t], v.c3[t]);
  s.f2(TT.StemWP2, v.stemH[t], hAt(v.lowH, t + 2, a, b), v.stem[t], sAt(v.low, t + 2, a, b));
  s.f2(TT.WM2Stem, hAt(v.lowH, t - 2, a, b), v.stemH[t], sAt(v.low, t - 2, a, b), v.stem[t]);
  // What the clause around is about ("sales … rose" vs "shares … rose"): content words up to 4 back and 3 ahead.
  for (let k = Math.max(a, t - 4); k < t; k++) {
    if (STOP.has(v.low[k])) continue;
    s.f2(TT.LeftC2, v.stemH[k], v.c2H[t], v.stem[k], v.c2[t]);
    s.f2(TT.LeftStem, v.stemH[k], v.stemH[t], v.stem[k], v.stem[t]);
  }
  for (let k = t + 1; k < Math.min(b, t + 4); k++) if (!STOP.has(v.low[k])) s.f2(TT.RightC2, v.stemH[k], v.c2H[t], v.stem[k], v.c2[t]);
}

/**
 * The trigger model's dense inputs per token: the vectors of the `ctx` words
 * on each side and the word itself (blocks 0 … 2·ctx), and with `sent` one
 * more block, the mean vector of the sentence's content words (what the
 * sentence is about: prices, sales, courts). Models before it read ctx 1.
 */
export interface TriggerDenseLayout { ctx: number; sent: boolean }
export const DEFAULT_DENSE: TriggerDenseLayout = { ctx: 1, sent: false };
export const triggerDenseSize = (dim: number, l: TriggerDenseLayout = DEFAULT_DENSE): number => (2 * l.ctx + 1 + (l.sent ? 1 : 0)) * dim;
/** The block index of the sentence vector. */
export const sentenceBlock = (l: TriggerDenseLayout): number => 2 * l.ctx + 1;

/** The content words of [a, b) whose vectors are known: the ones the sentence block averages. */
export const inSentenceMean = (v: TokenView, k: number): boolean => v.embRow[k] >= 0 && !isFunctionToken(v, k);

/** Dense inputs of token t for the trigger model (zeros outside [a, b)); see TriggerDenseLayout. */
export function triggerDense(v: TokenView, t: number, a: number, b: number, alpha: number, out: Float32Array, o: number, l: TriggerDenseLayout = DEFAULT_DENSE): void {
  const dim = v.dim, e = v.emb;
  out.fill(0, o, o + triggerDenseSize(dim, l));
  if (!e) return;
  for (let k = -l.ctx; k <= l.ctx; k++) {
    const u = t + k;
    if (u < a || u >= b) continue;
    for (let d = 0; d < dim; d++) out[o + (k + l.ctx) * dim + d] = alpha * e[u * dim + d];
  }
  if (!l.sent) return;
  let n = 0;
  for (let u = a; u < b; u++) if (inSentenceMean(v, u)) n++;
  if (!n) return;
  const so = o + sentenceBlock(l) * dim;
  for (let u = a; u < b; u++) if (inSentenceMean(v, u)) for (let d = 0; d < dim; d++) out[so + d] += (alpha / n) * e[u * dim + d];
}

// ---- Argument tagging: one example per (trigger, token) -------------------

export const ARG_TEMPLATES = [
  'type', 'type|w', 'type|clus1000', 'type|ent', 'type|shape', 'type|dist', 'type|dist|ent', 'type|dist|clus256',
  'type|trig|side', 'trig|side|ent', 'type|trig|side|clus256', 'w', 'ent', 'clus1000', 'type|w-1', 'type|w+1',
  'type|clus1000-1', 'type|clus1000+1', 'type|side|prep', 'trig|side|prep', 'type|side|breaks', 'type|side|trig-next',
  'type|trig|w', 'type|in-trigger', 'type|ent|ent-1', 'type|side|verbs-between',
] as const;
const enum AT {
  Type, TypeW, TypeC3, TypeEnt, TypeShape, TypeDist, TypeDistEnt, TypeDistC2, TypeTrigSide, TrigSideEnt, TypeTrigSideC2, W, Ent, C3,
  TypeWM1, TypeWP1, TypeC3M1, TypeC3P1, TypeSidePrep, TrigSidePrep, TypeSideBreaks, TypeSideTrigNext, TypeTrigW, TypeIn, TypeEntEntM1, TypeSideVerbs,
}

const PREPS = new Set('of by to for in from with at on than as over after before against into between under about including'.split(' '));
const BREAKS = new Set([',', ';', ':', '--', '-', '(', ')', '"', "'", 'and', 'but', 'which', 'who', 'that', 'while']);
const DIST_NAMES = ['L10+', 'L6-9', 'L3-5', 'L2', 'L1', 'IN', 'R1', 'R2', 'R3-5', 'R6-9', 'R10+'];
const DIST_H = DIST_NAMES.map(hashString);
const SIDE_NAMES = ['L', 'IN', 'R'];
const SIDE_H = SIDE_NAMES.map(hashString);
const NUM_NAMES = ['0', '1', '2+'];
const NUM_H = NUM_NAMES.map(hashString);
const NONE = 'none', NONE_H = hashString(NONE);

function distBucket(d: number, side: number): number {
  if (side === 1) return 5;
  const a = d >= 10 ? 0 : d >= 6 ? 1 : d >= 3 ? 2 : d === 2 ? 3 : 4;
  return side === 0 ? a : 10 - a;
}

/** Per-trigger context shared by all its candidate tokens. */
export interface TriggerContext {
  typeName: string; typeH: number;
  /** trigger tokens [ts, te); [a, b) the window of its sentence searched for arguments */
  ts: number; te: number; a: number; b: number;
  trigStem: string; trigStemH: number;
  /** the type and trigger stem together, as one atom */
  typeTrig: string; typeTrigH: number;
  /** clause breaks and verb-like words among window tokens [a, a + i), for i = 0 … b − a */
  breaksBefore: Int32Array; verbsBefore: Int32Array;
}

const isVerbLike = (v: TokenView, k: number): boolean => {
  const w = v.low[k];
  return v.suf[k] === 'ed' || w === 'said' || w === 'says' || w === 'is' || w === 'was' || w === 'will';
};

/**
 * Arguments are looked for within this many tokens of the trigger, in its
 * sentence: 95 % of SENTiVENT's same-sentence arguments are, and a long
 * sentence would otherwise cost its whole length for every event in it.
 */
export const ARG_WINDOW = 15;

export function triggerContext(v: TokenView, typeName: string, ts: number, te: number): TriggerContext {
  const s = v.sentOf[ts];
  const head = te - 1;
  const typeH = hashString(typeName);
  const a = Math.max(v.tok.sent[s], ts - ARG_WINDOW), b = Math.min(v.tok.sent[s + 1], te + ARG_WINDOW);
  const breaksBefore = new Int32Array(b - a + 1), verbsBefore = new Int32Array(b - a + 1);
  for (let k = a; k < b; k++) {
    breaksBefore[k - a + 1] = breaksBefore[k - a] + (BREAKS.has(v.low[k]) ? 1 : 0);
    verbsBefore[k - a + 1] = verbsBefore[k - a] + (isVerbLike(v, k) ? 1 : 0);
  }
  return {
    typeName, typeH, ts, te, a, b, trigStem: v.stem[head], trigStemH: v.stemH[head],
    typeTrig: `${typeName}|${v.stem[head]}`, typeTrigH: mix2(0, typeH, v.stemH[head]), breaksBefore, verbsBefore,
  };
}

/** The nearest preposition before token t (up to 4 tokens back, within the sentence, not across a comma). */
function prepBefore(v: TokenView, t: number, a: number): number {
  for (let k = t - 1; k >= a && k >= t - 4; k--) {
    if (PREPS.has(v.low[k])) return k;
    if (BREAKS.has(v.low[k])) return -1;
  }
  return -1;
}

/** Writes the argument features of token t for the trigger in `c`. */
export function argFeatures(v: TokenView, c: TriggerContext, t: number, s: Sink): void {
  const { typeH: ty, typeName: tn, a, b, ts, te } = c;
  const side = t < ts ? 0 : t >= te ? 2 : 1;
  const d = side === 0 ? ts - t : side === 2 ? t - te + 1 : 0;
  const db = distBucket(d, side);
  s.f1(AT.Type, ty, tn);
  s.f2(AT.TypeW, ty, v.lowH[t], tn, v.low[t]);
  s.f2(AT.TypeC3, ty, v.c3H[t], tn, v.c3[t]);
  s.f2(AT.TypeEnt, ty, v.nerH[t], tn, v.ner[t]);
  s.f2(AT.TypeShape, ty, v.shapeH[t], tn, v.shape[t]);
  s.f2(AT.TypeDist, ty, DIST_H[db], tn, DIST_NAMES[db]);
  s.f3(AT.TypeDistEnt, ty, DIST_H[db], v.nerH[t], tn, DIST_NAMES[db], v.ner[t]);
  s.f3(AT.TypeDistC2, ty, DIST_H[db], v.c2H[t], tn, DIST_NAMES[db], v.c2[t]);
  s.f3(AT.TypeTrigSide, ty, c.trigStemH, SIDE_H[side], tn, c.trigStem, SIDE_NAMES[side]);
  s.f3(AT.TrigSideEnt, c.trigStemH, SIDE_H[side], v.nerH[t], c.trigStem, SIDE_NAMES[side], v.ner[t]);
  s.f3(AT.TypeTrigSideC2, c.typeTrigH, SIDE_H[side], v.c2H[t], c.typeTrig, SIDE_NAMES[side], v.c2[t]);
  s.f1(AT.W, v.lowH[t], v.low[t]);
  s.f1(AT.Ent, v.nerH[t], v.ner[t]);
  s.f1(AT.C3, v.c3H[t], v.c3[t]);
  s.f2(AT.TypeWM1, ty, hAt(v.lowH, t - 1, a, b), tn, sAt(v.low, t - 1, a, b));
  s.f2(AT.TypeWP1, ty, hAt(v.lowH, t + 1, a, b), tn, sAt(v.low, t + 1, a, b));
  s.f2(AT.TypeC3M1, ty, hAt(v.c3H, t - 1, a, b), tn, sAt(v.c3, t - 1, a, b));
  s.f2(AT.TypeC3P1, ty, hAt(v.c3H, t + 1, a, b), tn, sAt(v.c3, t + 1, a, b));
  const p = prepBefore(v, t, a);
  s.f3(AT.TypeSidePrep, ty, SIDE_H[side], p < 0 ? NONE_H : v.lowH[p], tn, SIDE_NAMES[side], p < 0 ? NONE : v.low[p]);
  s.f3(AT.TrigSidePrep, c.trigStemH, SIDE_H[side], p < 0 ? NONE_H : v.lowH[p], c.trigStem, SIDE_NAMES[side], p < 0 ? NONE : v.low[p]);
  const lo = side === 0 ? t + 1 : te, hi = side === 0 ? ts : t;
  const breaks = hi > lo ? c.breaksBefore[hi - a] - c.breaksBefore[lo - a] : 0, verbs = hi > lo ? c.verbsBefore[hi - a] - c.verbsBefore[lo - a] : 0;
  const bi = breaks > 1 ? 2 : breaks, vi = verbs > 1 ? 2 : verbs;
  s.f3(AT.TypeSideBreaks, ty, SIDE_H[side], NUM_H[bi], tn, SIDE_NAMES[side], NUM_NAMES[bi]);
  const nextK = side === 0 ? ts - 1 : te;
  s.f3(AT.TypeSideTrigNext, ty, SIDE_H[side], hAt(v.lowH, nextK, a, b), tn, SIDE_NAMES[side], sAt(v.low, nextK, a, b));
  s.f3(AT.TypeTrigW, ty, c.trigStemH, v.lowH[t], tn, c.trigStem, v.low[t]);
  s.f2(AT.TypeIn, ty, SIDE_H[side], tn, SIDE_NAMES[side]);
  s.f3(AT.TypeEntEntM1, ty, v.nerH[t], hAt(v.nerH, t - 1, a, b), tn, v.ner[t], sAt(v.ner, t - 1, a, b));
  s.f3(AT.TypeSideVerbs, ty, SIDE_H[side], NUM_H[vi], tn, SIDE_NAMES[side], NUM_NAMES[vi]);
}

/** Dense inputs of token t for the argument model: its vector and the trigger head's. */
export function argDense(v: TokenView, c: TriggerContext, t: number, alpha: number, out: Float32Array, o: number): void {
  const dim = v.dim, e = v.emb;
  if (!e) { out.fill(0, o, o + 2 * dim); return; }
  for (let d = 0; d < dim; d++) { out[o + d] = alpha * e[t * dim + d]; out[o + dim + d] = alpha * e[(c.te - 1) * dim + d]; }
}

// ---- Event-level decisions: subtype, negation, modality --------------------

export const EVENT_TEMPLATES = ['type', 'type|trig-stem', 'trig-w', 'type|w@L', 'type|w@R', 'w@L', 'w-1', 'w-1|w-2', 'type|trig|w+1', 'type|clus1000', 'w@R', 'type|w-1'] as const;
const enum ET { Type, TypeStem, TrigW, TypeWL, TypeWR, WL, WM1, WM1M2, TypeTrigWP1, TypeC3, WR, TypeWM1 }

/** Features of one event (its type and trigger tokens [ts, te)) for its subtype, negation and modality. */
export function eventFeatures(v: TokenView, typeName: string, ts: number, te: number, s: Sink): void {
  const ty = hashString(typeName);
  const sidx = v.sentOf[ts], a = v.tok.sent[sidx], b = v.tok.sent[sidx + 1];
  s.f1(ET.Type, ty, typeName);
  for (let k = ts; k < te; k++) {
    s.f2(ET.TypeStem, ty, v.stemH[k], typeName, v.stem[k]);
    s.f1(ET.TrigW, v.lowH[k], v.low[k]);
    s.f2(ET.TypeC3, ty, v.c3H[k], typeName, v.c3[k]);
  }
  for (let k = Math.max(a, ts - 6); k < ts; k++) { s.f2(ET.TypeWL, ty, v.lowH[k], typeName, v.low[k]); s.f1(ET.WL, v.lowH[k], v.low[k]); }
  for (let k = te; k < Math.min(b, te + 4); k++) { s.f2(ET.TypeWR, ty, v.lowH[k], typeName, v.low[k]); s.f1(ET.WR, v.lowH[k], v.low[k]); }
  const m1 = ts - 1 >= a ? ts - 1 : -1, m2 = ts - 2 >= a ? ts - 2 : -1, p1 = te < b ? te : -1;
  s.f1(ET.WM1, m1 < 0 ? PAD_H : v.lowH[m1], m1 < 0 ? PAD : v.low[m1]);
  s.f2(ET.TypeWM1, ty, m1 < 0 ? PAD_H : v.lowH[m1], typeName, m1 < 0 ? PAD : v.low[m1]);
  s.f2(ET.WM1M2, m1 < 0 ? PAD_H : v.lowH[m1], m2 < 0 ? PAD_H : v.lowH[m2], m1 < 0 ? PAD : v.low[m1], m2 < 0 ? PAD : v.low[m2]);
  s.f3(ET.TypeTrigWP1, ty, v.stemH[te - 1], p1 < 0 ? PAD_H : v.lowH[p1], typeName, v.stem[te - 1], p1 < 0 ? PAD : v.low[p1]);
}
