/**
 * Averaged structured perceptron (Collins 2002) with lazy averaging:
 * alongside the weights w we keep u = Σ c·Δ (c = update counter), and the
 * averaged weights are w − u/c. Decoding in training is the same constrained
 * Viterbi as at run time.
 */
import type { Tokens } from '../tokenize.js';
import type { ConllDocument } from '../conll.js';
import { toIob2 } from '../conll.js';
import { extractFeatures, type FeatureResources, type Features } from './features.js';
import { ALLOWED, DenseScorer, HASH_BITS, HASH_MASK, NL, iob2ToLabels, viterbi, type Scorer } from './model.js';

export interface Instance {
  tok: Tokens;
  feats: Features;
  /** second-stage features, when training the (residual) second stage */
  feats2?: Features;
  gold: Uint8Array;
}


/** A CoNLL document as Tokens over synthesized text (words joined by spaces, sentences by newlines). */
export function conllDocTokens(doc: ConllDocument): { tok: Tokens; gold: Uint8Array; tags: string[][] } {
  const parts: string[] = [];
  const start: number[] = [], end: number[] = [], sent: number[] = [0];
  const gold: Uint8Array[] = [];
  const tags: string[][] = [];
  let pos = 0, count = 0;
  for (const s of doc.sentences) {
    const iob2 = toIob2(s.tags);
    tags.push(iob2);
    for (let i = 0; i < s.words.length; i++) {
      start.push(pos); end.push(pos + s.words[i].length);
      parts.push(s.words[i]);
      pos += s.words[i].length + 1;
      count++;
    }
    gold.push(iob2ToLabels(iob2));
    sent.push(count);
  }
  const text = parts.join(' ');
  const kind = new Uint8Array(count).fill(1);
  return {
    tok: { text, length: count, start: Int32Array.from(start), end: Int32Array.from(end), kind, sent: Int32Array.from(sent), sentences: sent.length - 1 },
    gold: Uint8Array.from(gold.flatMap((g) => [...g])),
    tags,
  };
}

export function makeInstances(docs: ConllDocument[], res: FeatureResources): Instance[] {
  return docs.filter((d) => d.sentences.length > 0).map((d) => {
    const { tok, gold } = conllDocTokens(d);
    return { tok, feats: extractFeatures(tok, res), gold };
  });
}

/** Predicts label indices for every token of an instance. */
export function predict(sc: Scorer, inst: { tok: Tokens; feats: Features }): Uint8Array {
  const out = new Uint8Array(inst.tok.length);
  for (let s = 0; s < inst.tok.sentences; s++) viterbi(sc, inst.feats, inst.tok.sent[s], inst.tok.sent[s + 1], out);
  return out;
}


export interface TrainOptions {
  epochs: number;
  seed?: number;
  onEpoch?: (epoch: number, averaged: DenseScorer) => void;
}

/** Deterministic shuffle (mulberry32). */
function shuffle<T>(a: T[], seed: number): void {
  let s = seed >>> 0;
  const rnd = () => { s = (s + 0x6d2b79f5) >>> 0; let t = s; t = Math.imul(t ^ (t >>> 15), t | 1); t ^= t + Math.imul(t ^ (t >>> 7), t | 61); return ((t ^ (t >>> 14)) >>> 0) / 4294967296; };
  for (let i = a.length - 1; i > 0; i--) { const j = Math.floor(rnd() * (i + 1)); [a[i], a[j]] = [a[j], a[i]]; }
}

export function train(instances: Instance[], opts: TrainOptions): DenseScorer {
  const model = new DenseScorer(HASH_BITS);
  const w = model.w, tr = model.trans;
  const u = new Float64Array(w.length);
  const ut = new Float64Array(tr.length);
  let c = 1;
  // Sentence-level units, shuffled each epoch.
  const units: [number, number][] = [];
  instances.forEach((inst, d) => { for (let s = 0; s < inst.tok.sentences; s++) units.push([d, s]); });
  const pred = new Uint8Array(Math.max(...instances.map((i) => i.tok.length), 1));
  for (let ep = 1; ep <= opts.epochs; ep++) {
    shuffle(units, (opts.seed ?? 1) * 1000 + ep);
    for (const [d, s] of units) {
      const inst = instances[d];
      const a = inst.tok.sent[s], b = inst.tok.sent[s + 1];
      viterbi(model, inst.feats, a, b, pred, inst.feats2);
      let wrong = false;
      for (let i = a; i < b; i++) if (pred[i] !== inst.gold[i]) { wrong = true; break; }
      if (wrong) {
        for (let i = a; i < b; i++) {
          const g = inst.gold[i], p = pred[i];
          if (g !== p) {
            for (const fs of inst.feats2 ? [inst.feats, inst.feats2] : [inst.feats]) {
              const { off, feats } = fs;
              for (let f = off[i]; f < off[i + 1]; f++) {
                const r = (feats[f] & HASH_MASK) * NL;
                w[r + g] += 1; u[r + g] += c;
                w[r + p] -= 1; u[r + p] -= c;
              }
            }
          }
          const gp = i === a ? NL : inst.gold[i - 1], pp = i === a ? NL : pred[i - 1];
          if (gp !== pp || g !== p) {
            tr[gp * NL + g] += 1; ut[gp * NL + g] += c;
            tr[pp * NL + p] -= 1; ut[pp * NL + p] -= c;
          }
        }
      }
      c++;
    }
    if (opts.onEpoch) opts.onEpoch(ep, averaged(model, u, ut, c));
  }
  return averaged(model, u, ut, c);
}

function averaged(model: DenseScorer, u: Float64Array, ut: Float64Array, c: number): DenseScorer {
  const avg = new DenseScorer(HASH_BITS);
  const w = model.w, aw = avg.w;
  for (let i = 0; i < w.length; i++) aw[i] = w[i] - u[i] / c;
  for (let i = 0; i < model.trans.length; i++) avg.trans[i] = ALLOWED[i] ? model.trans[i] - ut[i] / c : -1e30;
  return avg;
}
