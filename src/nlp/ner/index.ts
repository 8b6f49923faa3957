/**
 * The entity recognizer's public face: `recognize(tokens)` returns ORG, PER,
 * LOC and MISC spans; the model is loaded once from `models/ner.bin.gz`.
 */
import { join } from 'node:path';
import { REPO_ROOT } from '../../ingest/corpora.js';
import type { Tokens } from '../tokenize.js';
import { extractFeatures, extractStage2, type FeatureResources } from './features.js';
import { LABEL_IOB2, NL, decode, emissions, loadModel, type NerModel, type Scorer } from './model.js';

export type EntityType = 'PER' | 'ORG' | 'LOC' | 'MISC';
export interface EntitySpan {
  type: EntityType;
  /** token range [tokStart, tokEnd) */
  tokStart: number;
  tokEnd: number;
  /** character range [start, end) */
  start: number;
  end: number;
}

export const DEFAULT_MODEL_PATH = join(REPO_ROOT, 'models', 'ner.bin.gz');
let cached: NerModel | null = null;

export function defaultModel(): NerModel {
  if (!cached) cached = loadModel(process.env.DEALGRAPH_NER_MODEL ?? DEFAULT_MODEL_PATH);
  return cached;
}

/** Label indices (into LABELS) for every token. */
export function labelTokens(tok: Tokens, model: NerModel = defaultModel()): Uint8Array {
  return decodeStages(tok, model.scorers, model.resources);
}

/**
 * Runs stage 1, then (when the model has it) stage 2, which rescores every
 * token with its own weights over the same features plus document-level
 * features built from stage 1's predictions. (A cheaper residual stage 2,
 * adding only those features to stage 1's scores, was tried and lost 1.5 F1 on
 * testa, so the full rescoring stays.)
 */
export function decodeStages(tok: Tokens, scorers: readonly Scorer[], res: FeatureResources): Uint8Array {
  const n = tok.length;
  const feats = extractFeatures(tok, res);
  const em = new Float32Array(n * NL);
  emissions(scorers[0], feats, 0, n, em);
  let out = new Uint8Array(n);
  for (let s = 0; s < tok.sentences; s++) decode(scorers[0].trans, em, 0, tok.sent[s], tok.sent[s + 1], out);
  for (let st = 1; st < scorers.length; st++) {
    const f2 = extractStage2(tok, feats, out);
    em.fill(0);
    emissions(scorers[st], feats, 0, n, em);
    emissions(scorers[st], f2, 0, n, em);
    const next = new Uint8Array(n);
    for (let s = 0; s < tok.sentences; s++) decode(scorers[st].trans, em, 0, tok.sent[s], tok.sent[s + 1], next);
    out = next;
  }
  return out;
}

/** Entity spans from IOB2 label indices. */
export function spansFromLabels(tok: Tokens, labels: Uint8Array): EntitySpan[] {
  const out: EntitySpan[] = [];
  let cur: EntitySpan | null = null;
  for (let i = 0; i < tok.length; i++) {
    const l = LABEL_IOB2[labels[i]];
    const type = l === 'O' ? null : (l.slice(2) as EntityType);
    if (cur && (type === null || l[0] === 'B' || type !== cur.type)) { out.push(cur); cur = null; }
    if (type && !cur) cur = { type, tokStart: i, tokEnd: i + 1, start: tok.start[i], end: tok.end[i] };
    else if (cur) { cur.tokEnd = i + 1; cur.end = tok.end[i]; }
  }
  if (cur) out.push(cur);
  return out;
}

export function recognize(tok: Tokens, model: NerModel = defaultModel()): EntitySpan[] {
  return spansFromLabels(tok, labelTokens(tok, model));
}

export { LABELS, loadModel, type NerModel } from './model.js';
