/**
 * Feature extraction for the entity recognizer: word identity and context,
 * shape, affixes, unsupervised word clusters, gazetteer matches, and
 * document-level casing evidence (a word seen capitalized mid-sentence
 * elsewhere in the article is likely a name even at a sentence start or in an
 * all-caps headline). Output is CSR: token t's features are
 * `feats[off[t] .. off[t+1])`, each a 32-bit hash (see hash.ts).
 */
import type { Tokens } from '../tokenize.js';
import { hashLowerNorm, mix, mix2, mix3 } from './hash.js';
import { GAZ_CATEGORIES, type Gazetteer } from './gazetteer.js';
import { LABEL_IOB2, LABEL_TYPE } from './model.js';

export interface FeatureResources {
  /** normalized word (lowercase, digits → 0) → packed cluster ids (c1 | c2 << 10 | c3 << 20), each id + 1 */
  clusters: Map<string, number> | null;
  gazetteer: Gazetteer | null;
  /** lowercased word → how often unlabeled news capitalizes it mid-sentence (bucket 1..5), from Reuters-21578 */
  caseRatio?: Map<string, number> | null;
}

export interface Features {
  off: Int32Array;
  feats: Int32Array;
  /** per token: lowercased text and coarse shape class, kept for the second stage */
  lower?: string[];
  cls?: Uint8Array;
}

const enum T {
  Bias, Low, Exact, LowM1, LowP1, LowM2, LowP2, BiM1, BiP1, Shape, ShapeM1, ShapeP1, Shape3,
  Pre, Suf, C1, C2, C3, C2M1, C2P1, C3M1, C3P1, C1M1, C1P1, GazB, GazI, GazBM1, GazBP1, GazIM1, GazIP1,
  StartShape, CapsSentLow, CapsSentShape, Doc, DocLow, Len, ShapeLowM1, ShapeLowP1, ExactM1, ExactP1, C3Shape, LowM1P1,
  S1Self, S1Prev, S1Next, S1Doc, S1DocSelf, S1DocNone, S1Phrase, CaseRatio, CaseRatioM1, CaseRatioP1,
  S1Super,
}

// Shape classes (coarse casing), used in conjunctions.
const SC_LOWER = 1, SC_INITCAP = 2, SC_ALLCAPS = 3, SC_MIXED = 4, SC_DIGIT = 5, SC_OTHER = 6;

/** Collapsed shape hash (Xx, X.X., d-d-d, Xx-Xx) and coarse class of text[s..e). */
function shapeOf(text: string, s: number, e: number, out: { h: number; cls: number }): void {
  let h = 0x811c9dc5;
  let prev = -1, up = 0, low = 0, dig = 0, other = 0;
  for (let i = s; i < e; i++) {
    const c = text.charCodeAt(i);
    let k: number;
    if (c >= 65 && c <= 90) { k = 88; up++; }
    else if (c >= 97 && c <= 122) { k = 120; low++; }
    else if (c >= 48 && c <= 57) { k = 100; dig++; }
    else if (c > 127) {
      const ch = String.fromCharCode(c);
      if (ch !== ch.toLowerCase()) { k = 88; up++; } else if (ch !== ch.toUpperCase()) { k = 120; low++; } else { k = c; other++; }
    } else { k = c; other++; }
    if (k !== prev) { h = Math.imul(h ^ k, 0x01000193); prev = k; }
  }
  out.h = h >>> 0;
  const first = text.charCodeAt(s);
  const firstUpper = (first >= 65 && first <= 90) || (first > 127 && String.fromCharCode(first) !== String.fromCharCode(first).toLowerCase());
  if (up + low === 0) out.cls = dig > 0 ? SC_DIGIT : SC_OTHER;
  else if (up === 0) out.cls = SC_LOWER;
  else if (low === 0) out.cls = SC_ALLCAPS;
  else if (firstUpper && up === 1) out.cls = SC_INITCAP;
  else if (firstUpper) out.cls = SC_MIXED;
  else out.cls = SC_MIXED;
}

function exactHash(text: string, s: number, e: number): number {
  let h = 0x811c9dc5;
  for (let i = s; i < e; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

const shapeTmp = { h: 0, cls: 0 };
const RE_DIGITS = /\d/g;
function hasDigit(w: string): boolean {
  for (let i = 0; i < w.length; i++) { const c = w.charCodeAt(i); if (c >= 48 && c <= 57) return true; }
  return false;
}
const PAD = 0x9e3779b9 >>> 0; // hash of "outside the sentence"

/** Extracts features for every token of a document. */
export function extractFeatures(tok: Tokens, res: FeatureResources): Features {
  const n = tok.length;
  const text = tok.text;
  const low = new Uint32Array(n), exact = new Uint32Array(n), shape = new Uint32Array(n);
  const cls = new Uint8Array(n);
  const clus = new Uint32Array(n);
  const lowerStr = new Array<string>(n);
  const gazB = new Uint32Array(n), gazI = new Uint32Array(n);
  const sentOf = new Int32Array(n);
  const capsSent = new Uint8Array(Math.max(tok.sentences, 1));

  for (let t = 0; t < n; t++) {
    const s = tok.start[t], e = tok.end[t];
    low[t] = hashLowerNorm(text, s, e);
    exact[t] = exactHash(text, s, e);
    shapeOf(text, s, e, shapeTmp);
    shape[t] = shapeTmp.h;
    cls[t] = shapeTmp.cls;
    lowerStr[t] = text.slice(s, e).toLowerCase();
  }
  if (res.clusters) {
    const cm = res.clusters;
    for (let t = 0; t < n; t++) {
      let w = lowerStr[t];
      if (hasDigit(w)) w = w.replace(RE_DIGITS, '0');
      clus[t] = cm.get(w) ?? 0;
    }
  }
  let caseR: Uint8Array | null = null;
  if (res.caseRatio) {
    const cr = res.caseRatio;
    caseR = new Uint8Array(n);
    for (let t = 0; t < n; t++) caseR[t] = cr.get(lowerStr[t]) ?? 0;
  }
  for (let si = 0; si < tok.sentences; si++) {
    const a = tok.sent[si], b = tok.sent[si + 1];
    let caps = 0, lowers = 0;
    for (let t = a; t < b; t++) {
      sentOf[t] = si;
      if (cls[t] === SC_ALLCAPS && tok.end[t] - tok.start[t] > 1) caps++;
      else if (cls[t] === SC_LOWER || cls[t] === SC_INITCAP || cls[t] === SC_MIXED) lowers++;
    }
    capsSent[si] = caps >= 2 && lowers <= caps / 4 ? 1 : 0;
    if (res.gazetteer) res.gazetteer.match(lowerStr, a, b, gazB, gazI);
  }

  // Document-level casing evidence.
  const DC_CAP = 1, DC_LOW = 2;
  const docSeen = new Map<string, number>();
  for (let si = 0; si < tok.sentences; si++) {
    if (capsSent[si]) continue;
    const a = tok.sent[si], b = tok.sent[si + 1];
    for (let t = a; t < b; t++) {
      const c = cls[t];
      let flag = 0;
      if (c === SC_LOWER) flag = DC_LOW;
      else if ((c === SC_INITCAP || c === SC_MIXED) && t > a && !isOpenQuote(text, tok, t - 1)) flag = DC_CAP;
      if (flag) docSeen.set(lowerStr[t], (docSeen.get(lowerStr[t]) ?? 0) | flag);
    }
  }

  const cap0 = n * 46 + 16;
  let feats = new Int32Array(cap0);
  const off = new Int32Array(n + 1);
  let k = 0;
  const ncat = GAZ_CATEGORIES.length;
  for (let si = 0; si < tok.sentences; si++) {
    const a = tok.sent[si], b = tok.sent[si + 1];
    const caps = capsSent[si];
    for (let t = a; t < b; t++) {
      if (k + 64 + 4 * ncat > feats.length) { const nf = new Int32Array(feats.length * 2); nf.set(feats); feats = nf; }
      off[t] = k;
      const lm1 = t - 1 >= a ? low[t - 1] : PAD, lp1 = t + 1 < b ? low[t + 1] : PAD;
      const lm2 = t - 2 >= a ? low[t - 2] : PAD, lp2 = t + 2 < b ? low[t + 2] : PAD;
      const sm1 = t - 1 >= a ? shape[t - 1] : PAD, sp1 = t + 1 < b ? shape[t + 1] : PAD;
      const em1 = t - 1 >= a ? exact[t - 1] : PAD, ep1 = t + 1 < b ? exact[t + 1] : PAD;
      const w = low[t], sh = shape[t], c = cls[t];
      feats[k++] = mix(T.Bias, 0);
      feats[k++] = mix(T.Low, w);
      feats[k++] = mix(T.Exact, exact[t]);
      feats[k++] = mix(T.LowM1, lm1);
      feats[k++] = mix(T.LowP1, lp1);
      feats[k++] = mix(T.LowM2, lm2);
      feats[k++] = mix(T.LowP2, lp2);
      feats[k++] = mix2(T.BiM1, lm1, w);
      feats[k++] = mix2(T.BiP1, w, lp1);
      feats[k++] = mix2(T.LowM1P1, lm1, lp1);
      feats[k++] = mix(T.Shape, sh);
      feats[k++] = mix(T.ShapeM1, sm1);
      feats[k++] = mix(T.ShapeP1, sp1);
      feats[k++] = mix3(T.Shape3, sm1, sh, sp1);
      feats[k++] = mix2(T.ShapeLowM1, sh, lm1);
      feats[k++] = mix2(T.ShapeLowP1, sh, lp1);
      feats[k++] = mix2(T.ExactM1, em1, c);
      feats[k++] = mix2(T.ExactP1, ep1, c);
      // Affixes of the lowercased word, 1..4 characters.
      const s = tok.start[t], e = tok.end[t];
      const len = e - s;
      feats[k++] = mix(T.Len, len > 12 ? 12 : len);
      if (len > 1) {
        let hp = 0x811c9dc5, hs = 0x811c9dc5;
        const lw = lowerStr[t];
        const m = len - 1 < 4 ? len - 1 : 4;
        for (let j = 0; j < m; j++) {
          hp = Math.imul(hp ^ lw.charCodeAt(j), 0x01000193);
          hs = Math.imul(hs ^ lw.charCodeAt(len - 1 - j), 0x01000193);
          feats[k++] = mix2(T.Pre, j, hp >>> 0);
          feats[k++] = mix2(T.Suf, j, hs >>> 0);
        }
      }
      // Word clusters.
      const cc = clus[t];
      if (cc) {
        feats[k++] = mix(T.C1, cc & 1023);
        feats[k++] = mix(T.C2, (cc >>> 10) & 1023);
        feats[k++] = mix(T.C3, cc >>> 20);
        feats[k++] = mix2(T.C3Shape, cc >>> 20, c);
      }
      const cm1 = t - 1 >= a ? clus[t - 1] : 0, cp1 = t + 1 < b ? clus[t + 1] : 0;
      feats[k++] = mix(T.C2M1, (cm1 >>> 10) & 1023);
      feats[k++] = mix(T.C2P1, (cp1 >>> 10) & 1023);
      feats[k++] = mix(T.C3M1, cm1 >>> 20);
      feats[k++] = mix(T.C3P1, cp1 >>> 20);
      feats[k++] = mix(T.C1M1, cm1 & 1023);
      feats[k++] = mix(T.C1P1, cp1 & 1023);
      // Gazetteers.
      const gb = gazB[t], gi = gazI[t];
      const gbm1 = t - 1 >= a ? gazB[t - 1] | gazI[t - 1] : 0, gbp1 = t + 1 < b ? gazB[t + 1] : 0;
      if (gb | gi | gbm1 | gbp1) {
        for (let g = 0; g < ncat; g++) {
          const bit = 1 << g;
          if (gb & bit) feats[k++] = mix2(T.GazB, g, c);
          if (gi & bit) feats[k++] = mix(T.GazI, g);
          if (gbm1 & bit) feats[k++] = mix(T.GazBM1, g);
          if (gbp1 & bit) feats[k++] = mix(T.GazBP1, g);
        }
      }
      if (caseR) {
        const r0 = caseR[t];
        feats[k++] = mix3(T.CaseRatio, r0, c, (t === a ? 1 : 0) | (caps << 1));
        feats[k++] = mix2(T.CaseRatioM1, t > a ? caseR[t - 1] : 7, r0);
        feats[k++] = mix2(T.CaseRatioP1, t + 1 < b ? caseR[t + 1] : 7, r0);
      }
      // Position and casing context.
      if (t === a) feats[k++] = mix(T.StartShape, sh);
      if (caps) {
        feats[k++] = mix(T.CapsSentLow, w);
        feats[k++] = mix(T.CapsSentShape, sh);
      }
      const d = docSeen.get(lowerStr[t]) ?? 0;
      feats[k++] = mix3(T.Doc, d, c, (t === a ? 1 : 0) | (caps << 1));
      if (d & DC_CAP) feats[k++] = mix2(T.DocLow, w, c);
    }
  }
  off[n] = k;
  return { off, feats: feats.subarray(0, k), lower: lowerStr, cls };
}


/**
 * Second-stage features (Ratinov & Roth 2009, "prediction aggregation"): how
 * the first stage labelled this token and its neighbours, how it labelled
 * the other occurrences of the same word in the document, and the type and
 * length of the longest other first-stage phrase in the document that
 * contains this word (Krishnan & Manning 2006's "superentity": "Rotor" after
 * "Rotor Volgograd" was an ORG; +0.3 F1 on testa over two seeds). Needs
 * `base` from extractFeatures on the same tokens and the first stage's labels.
 */
export function extractStage2(tok: Tokens, base: Features, labels1: Uint8Array): Features {
  const n = tok.length;
  const lower = base.lower!, cls = base.cls!;
  // Per word: how often the first stage gave it each type (index 0 = O), over capitalized occurrences.
  const counts = new Map<string, Int32Array>();
  for (let t = 0; t < n; t++) {
    const c = cls[t];
    if (c === SC_LOWER || c === SC_OTHER || c === SC_DIGIT) continue;
    let e = counts.get(lower[t]);
    if (!e) { e = new Int32Array(5); counts.set(lower[t], e); }
    e[LABEL_TYPE[labels1[t]]]++;
  }
  // First-stage phrases (BIO: an I- label continues the phrase before it).
  const phraseOf = new Int32Array(n).fill(-1);
  const pType: number[] = [], pLen: number[] = [];
  for (let t = 0; t < n; t++) {
    const y = labels1[t];
    if (y === 0) continue;
    if (t > 0 && phraseOf[t - 1] >= 0 && LABEL_IOB2[y][0] === 'I' && LABEL_TYPE[labels1[t - 1]] === LABEL_TYPE[y]) {
      phraseOf[t] = phraseOf[t - 1];
      pLen[phraseOf[t]]++;
      continue;
    }
    phraseOf[t] = pType.length; pType.push(LABEL_TYPE[y]); pLen.push(1);
  }
  // Per capitalized word: the two longest distinct phrases containing it (the first found wins ties).
  const longest = new Map<string, [number, number]>();
  for (let t = 0; t < n; t++) {
    const p = phraseOf[t], c = cls[t];
    if (p < 0 || c === SC_LOWER || c === SC_OTHER || c === SC_DIGIT) continue;
    const e = longest.get(lower[t]);
    if (!e) { longest.set(lower[t], [p, -1]); continue; }
    if (e[0] === p || e[1] === p) continue;
    if (pLen[p] > pLen[e[0]]) { e[1] = e[0]; e[0] = p; } else if (e[1] < 0 || pLen[p] > pLen[e[1]]) e[1] = p;
  }
  const off = new Int32Array(n + 1);
  const feats = new Int32Array(n * 8 + 8);
  let k = 0;
  for (let si = 0; si < tok.sentences; si++) {
    const a = tok.sent[si], b = tok.sent[si + 1];
    for (let t = a; t < b; t++) {
      off[t] = k;
      const c = cls[t];
      if (c !== SC_LOWER && c !== SC_OTHER && c !== SC_DIGIT) {
        const e = longest.get(lower[t]);
        const own = phraseOf[t];
        const p = e ? (e[0] === own ? e[1] : e[0]) : -1;
        if (p >= 0) feats[k++] = mix3(T.S1Super, pType[p], pLen[p] > 3 ? 3 : pLen[p], LABEL_TYPE[labels1[t]] | (own >= 0 ? (pLen[own] > 3 ? 3 : pLen[own]) << 4 : 0));
      }
      const own = labels1[t];
      const ownType = LABEL_TYPE[own];
      feats[k++] = mix2(T.S1Self, own, cls[t]);
      feats[k++] = mix2(T.S1Prev, t > a ? labels1[t - 1] : 15, own);
      feats[k++] = mix2(T.S1Next, t + 1 < b ? labels1[t + 1] : 15, own);
      const e = counts.get(lower[t]);
      if (e) {
        let total = 0, bestType = 0, bestN = 0;
        for (let y = 0; y < 5; y++) {
          const m = e[y] - (y === ownType && cls[t] !== SC_LOWER && cls[t] !== SC_OTHER && cls[t] !== SC_DIGIT ? 1 : 0);
          total += m;
          if (y > 0 && m > bestN) { bestN = m; bestType = y; }
        }
        if (total > 0) {
          if (bestType) {
            const frac = bestN * 4 >= total * 3 ? 2 : bestN * 2 >= total ? 1 : 0;
            feats[k++] = mix2(T.S1Doc, bestType, frac);
            feats[k++] = mix3(T.S1DocSelf, bestType, ownType, cls[t]);
          } else feats[k++] = mix2(T.S1DocNone, ownType, cls[t]);
        }
      }
    }
  }
  off[n] = k;
  return { off, feats: feats.subarray(0, k) };
}

function isOpenQuote(text: string, tok: Tokens, t: number): boolean {
  const c = text.charCodeAt(tok.start[t]);
  return (c === 34 || c === 0x201c || c === 96 || c === 40 || c === 45 || c === 58) && tok.end[t] - tok.start[t] <= 2;
}
