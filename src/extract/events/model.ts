/**
 * The event model: five linear models over the features of features.ts.
 * - trigger: BIO tagging of event triggers by type, Viterbi per sentence;
 * - argument: for each trigger, BIO tagging of its sentence by role, only the
 *   roles seen with that event type allowed;
 * - subtype, negation, modality: one decision per event.
 *
 * File (`models/events.bin.gz`, gzip of): magic `DGEVT1\n`, a JSON header line
 * (label lists, roles allowed per type, training figures), then the five
 * models as encodeLinear writes them.
 */
import { readFileSync } from 'node:fs';
import { gunzipSync, gzipSync } from 'node:zlib';
import { DealgraphError } from '../../errors.js';
import { Linear, argmax, labelList, bioB, bioSpans, decodeSparse, encodeLinear, viterbiBio, type Scorer } from './linear.js';
import {
  ARG_TEMPLATES, EVENT_TEMPLATES, Sink, TRIGGER_TEMPLATES, argFeatures, eventFeatures, inSentenceMean, sentenceBlock, triggerContext, DEFAULT_DENSE, type TriggerDenseLayout, triggerFeatures, type TokenView,
} from './features.js';
import type { PredictedEvent } from './types.js';
import { decodeEmbeddings, encodeEmbeddings, type Embeddings } from './embeddings.js';
import { decodeHidden, encodeHidden, type Hidden } from './hidden.js';

const MAGIC = 'DGEVT1\n';

export interface EventModelHeader {
  format: 'dealgraph-events';
  version: 1;
  types: string[];
  roles: string[];
  /** subtype labels `Type/Subtype`, or `Type/` for none */
  subtypes: string[];
  /** roles (indices into roles) seen with each type */
  allowedRoles: number[][];
  /** score added to the "no event" label at run time (tuned on the development part) */
  triggerBias: number;
  argBias: number;
  /** weight of the word vectors among the features (0: none kept) */
  alpha: number;
  /** the trigger model's dense blocks (features.ts TriggerDenseLayout; absent: one word each side, no sentence block) */
  dense?: TriggerDenseLayout;
  /** hidden units over the trigger model's dense inputs (hidden.ts); absent: none */
  hidden?: number;
  training: Record<string, unknown>;
}

export interface EventModel {
  header: EventModelHeader;
  /** Linear while training; SparseLinear once read from a file */
  trigger: Scorer;
  arg: Scorer;
  subtype: Scorer;
  negation: Scorer;
  modality: Scorer;
  emb: Embeddings | null;
  /** the trigger model's hidden layer, when it has one */
  hidden: Hidden | null;
  /** per type: mask over argument labels (O, B-role, I-role) */
  argMask: Uint8Array[];
  /** per type: the argument labels the mask allows; and all trigger labels */
  argLabels: Uint16Array[];
  triggerLabels: Uint16Array;
  /** per type: mask over subtype labels */
  subtypeMask: Uint8Array[];
}

export function buildMasks(h: EventModelHeader): Pick<EventModel, 'argMask' | 'argLabels' | 'triggerLabels' | 'subtypeMask'> {
  const nl = 1 + 2 * h.roles.length;
  const argMask = h.types.map((_, ti) => {
    const m = new Uint8Array(nl);
    m[0] = 1;
    for (const r of h.allowedRoles[ti]) { m[bioB(r)] = 1; m[bioB(r) + 1] = 1; }
    return m;
  });
  const subtypeMask = h.types.map((t) => Uint8Array.from(h.subtypes, (s) => (s.slice(0, s.lastIndexOf('/')) === t ? 1 : 0)));
  return { argMask, subtypeMask, argLabels: argMask.map((m) => labelList(nl, m)), triggerLabels: labelList(1 + 2 * h.types.length) };
}

export function serializeEventModel(m: EventModel): Buffer {
  const parts: Buffer[] = [Buffer.from(MAGIC), Buffer.from(JSON.stringify(m.header) + "\n")];
  for (const l of [m.trigger, m.arg, m.subtype, m.negation, m.modality]) {
    if (!(l instanceof Linear)) throw new DealgraphError('expected a freshly trained model to write, found one read from a file', 'event model');
    parts.push(encodeLinear(l));
  }
  if (m.emb) parts.push(encodeEmbeddings(m.emb));
  if (m.emb && m.hidden) parts.push(encodeHidden(m.hidden));
  return gzipSync(Buffer.concat(parts), { level: 9 });
}

export function deserializeEventModel(gz: Buffer, source = 'event model'): EventModel {
  let buf: Buffer;
  try { buf = gunzipSync(gz); } catch { throw new DealgraphError(`expected a gzip event model, found ${gz.length} bytes that do not unzip`, source); }
  if (buf.subarray(0, MAGIC.length).toString() !== MAGIC) throw new DealgraphError('expected an event model (DGEVT1), found another file', source);
  const nlAt = buf.indexOf(10, MAGIC.length);
  const header = JSON.parse(buf.subarray(MAGIC.length, nlAt).toString()) as EventModelHeader;
  // The models and vectors, copied once into their own (aligned) buffer for decodeSparse's 16-bit views.
  const body = Buffer.alloc(buf.length - nlAt - 1);
  buf.copy(body, 0, nlAt + 1);
  let at = 0;
  const ls: Scorer[] = [];
  for (let i = 0; i < 5; i++) {
    if (at % 2) throw new DealgraphError('expected 16-bit aligned weights, found a damaged model', source);
    const r = decodeSparse(body, at); ls.push(r.model); at = r.next;
  }
  let emb: Embeddings | null = null, hidden: Hidden | null = null;
  if (at < body.length) { const r = decodeEmbeddings(body, at); emb = r.emb; at = r.next; }
  if (header.hidden && at < body.length) hidden = decodeHidden(body, at, source).hidden;
  if (header.hidden && !hidden) throw new DealgraphError('expected the hidden layer the header names, found the file ends before it', source);
  return { header, trigger: ls[0], arg: ls[1], subtype: ls[2], negation: ls[3], modality: ls[4], emb, hidden, ...buildMasks(header) };
}

export function loadEventModel(path: string): EventModel {
  let gz: Buffer;
  try { gz = readFileSync(path); } catch { throw new DealgraphError('expected the event model file, found nothing there (run `npm run train:events`)', path); }
  return deserializeEventModel(gz, path);
}

// ---- Prediction -------------------------------------------------------------

/**
 * A word vector's contribution to the scores is linear in the vector, so at
 * run time it is computed once per (word, input block) and cached: a token
 * then costs `rows` additions per block instead of rows × dim multiplications.
 * The same for the dense weights of a linear model ([label][input]) and for a
 * hidden layer's first weights ([unit][input]).
 */
class Projector {
  private readonly cache = new Map<number, Float32Array>();
  constructor(private readonly w: Float32Array, private readonly rows: number, private readonly stride: number, private readonly emb: Embeddings, private readonly alpha: number) {}
  /** the projections of word row `row` in dense block `block`, one per weight row */
  get(row: number, block: number): Float32Array {
    const key = row * 16 + block;
    let p = this.cache.get(key);
    if (p) return p;
    const { w, rows, stride } = this, dim = this.emb.dim, vecs = this.emb.vecs, s = this.alpha / 254;
    p = new Float32Array(rows);
    for (let y = 0; y < rows; y++) {
      let sum = 0;
      for (let d = 0, o = y * stride + block * dim, x = row * dim; d < dim; d++) sum += w[o + d] * vecs[x + d];
      p[y] = sum * s;
    }
    if (this.cache.size > 200_000) this.cache.clear(); // bounded: a vocabulary's worth
    this.cache.set(key, p);
    return p;
  }
}
const hiddenCaches = new WeakMap<Hidden, Projector>();
function hiddenCache(m: EventModel): Projector | null {
  const h = m.hidden;
  if (!m.emb || !h) return null;
  let c = hiddenCaches.get(h);
  if (!c) hiddenCaches.set(h, (c = new Projector(h.w1, h.nh, h.nin, m.emb, m.header.alpha)));
  return c;
}

/** Adds the hidden layer's scores for each token of sentence [a, b) (its inputs as triggerDense lays them out). */
function addHidden(m: EventModel, hc: Projector, v: TokenView, a: number, b: number, L: TriggerDenseLayout): void {
  const h = m.hidden!, nh = h.nh, nl = m.trigger.nl, sb = sentenceBlock(L);
  const sent = new Float32Array(nh);
  let n = 0;
  if (L.sent) for (let u = a; u < b; u++) if (inSentenceMean(v, u)) { const p = hc.get(v.embRow[u], sb); for (let k = 0; k < nh; k++) sent[k] += p[k]; n++; }
  const acc = new Float32Array(nh);
  for (let t = a; t < b; t++) {
    for (let k = 0; k < nh; k++) acc[k] = h.b1[k] + (n ? sent[k] / n : 0);
    for (let j = -L.ctx; j <= L.ctx; j++) {
      const u = t + j;
      if (u < a || u >= b || v.embRow[u] < 0) continue;
      const p = hc.get(v.embRow[u], j + L.ctx);
      for (let k = 0; k < nh; k++) acc[k] += p[k];
    }
    h.scores(acc, 0, em, (t - a) * nl, m.triggerLabels);
  }
}

const projectors = new WeakMap<Scorer, Projector>();
function projector(m: EventModel, l: Scorer): Projector | null {
  if (!m.emb || l.nd === 0) return null;
  let p = projectors.get(l);
  if (!p) projectors.set(l, (p = new Projector(l.wd, l.nl, l.nd, m.emb, m.header.alpha)));
  return p;
}
function addRow(em: Float32Array, o: number, p: Float32Array, ys: Uint16Array): void {
  for (let j = 0; j < ys.length; j++) em[o + ys[j]] += p[ys[j]];
}

const trigSink = new Sink(TRIGGER_TEMPLATES);
const argSink = new Sink(ARG_TEMPLATES);
const evSink = new Sink(EVENT_TEMPLATES);
let em = new Float32Array(0);
let labels = new Uint16Array(0);

function ensure(len: number, nl: number): void {
  if (em.length < len * nl) em = new Float32Array(len * nl * 2);
  if (labels.length < len) labels = new Uint16Array(len * 2);
}

/** The sentence block's scores: the mean of its content words' projections (linear, so the same as projecting the mean vector). */
function sentenceRow(proj: Projector, v: TokenView, a: number, b: number, nl: number, block: number): Float32Array | null {
  const r = new Float32Array(nl);
  let n = 0;
  for (let u = a; u < b; u++) {
    if (!inSentenceMean(v, u)) continue;
    const p = proj.get(v.embRow[u], block);
    for (let y = 0; y < nl; y++) r[y] += p[y];
    n++;
  }
  if (!n) return null;
  for (let y = 0; y < nl; y++) r[y] /= n;
  return r;
}

/** Trigger labels of sentence [a, b), with the "no event" bias added. Leaves the emissions in `em`. */
function tagTriggers(m: EventModel, v: TokenView, a: number, b: number, out: Uint16Array): void {
  const nl = m.trigger.nl, len = b - a, proj = projector(m, m.trigger);
  ensure(len, nl);
  em.fill(0, 0, len * nl);
  const L = m.header.dense ?? DEFAULT_DENSE;
  const sent = proj && L.sent ? sentenceRow(proj, v, a, b, nl, sentenceBlock(L)) : null;
  for (let t = a; t < b; t++) {
    trigSink.reset();
    triggerFeatures(v, t, a, b, trigSink);
    m.trigger.score(trigSink.feats, 0, trigSink.len, em, (t - a) * nl);
    if (sent) addRow(em, (t - a) * nl, sent, m.triggerLabels);
    // Dense blocks: the vectors of t - 1, t, t + 1 (see triggerDense).
    if (proj) for (let k = -L.ctx; k <= L.ctx; k++) if (t + k >= a && t + k < b && v.embRow[t + k] >= 0) addRow(em, (t - a) * nl, proj.get(v.embRow[t + k], k + L.ctx), m.triggerLabels);
    em[(t - a) * nl] += m.header.triggerBias;
  }
  const hc = hiddenCache(m);
  if (hc) addHidden(m, hc, v, a, b, L);
  viterbiBio(m.trigger, em, len, out, a, m.triggerLabels);
}

/** Argument spans of one trigger, as [from, to, role] over tokens. */
function tagArgs(m: EventModel, v: TokenView, typeIdx: number, ts: number, te: number): { from: number; to: number; kind: number }[] {
  const c = triggerContext(v, m.header.types[typeIdx], ts, te);
  const nl = m.arg.nl, len = c.b - c.a, ys = m.argLabels[typeIdx], proj = projector(m, m.arg);
  ensure(len, nl);
  em.fill(0, 0, len * nl);
  const head = v.embRow[c.te - 1];
  for (let t = c.a; t < c.b; t++) {
    argSink.reset();
    argFeatures(v, c, t, argSink);
    m.arg.score(argSink.feats, 0, argSink.len, em, (t - c.a) * nl); // labels outside ys are never read
    // Dense blocks: the token's vector and the trigger head's (see argDense).
    if (proj && v.embRow[t] >= 0) addRow(em, (t - c.a) * nl, proj.get(v.embRow[t], 0), ys);
    if (proj && head >= 0) addRow(em, (t - c.a) * nl, proj.get(head, 1), ys);
    em[(t - c.a) * nl] += m.header.argBias;
  }
  viterbiBio(m.arg, em, len, labels, 0, ys);
  return bioSpans(labels, 0, len).map((sp) => ({ from: sp.from + c.a, to: sp.to + c.a, kind: sp.kind }));
}

const scores = new Float32Array(512);
function decide(l: Scorer, s: Sink, mask?: Uint8Array): { y: number; margin: number } {
  scores.fill(0, 0, l.nl);
  l.score(s.feats, 0, s.len, scores, 0);
  const y = argmax(scores, 0, l.nl, mask);
  let second = -Infinity;
  for (let k = 0; k < l.nl; k++) if (k !== y && (!mask || mask[k]) && scores[k] > second) second = scores[k];
  return { y, margin: scores[y] - second };
}

/** The strongest features for label y of a linear model, by weight. */
function strongest(l: Scorer, s: Sink, y: number, k = 5): string[] {
  if (!s.names) return [];
  const rows = s.names.map((name, i) => ({ name, w: l.weight(s.feats[i], y) }));
  return rows.sort((p, q) => q.w - p.w).slice(0, k).filter((r) => r.w > 0).map((r) => `${r.name} (${r.w.toFixed(2)})`);
}

export interface PredictOptions { explain?: boolean }

/** Events in an article, from its token view. */
export function predictEvents(m: EventModel, v: TokenView, opts: PredictOptions = {}): PredictedEvent[] {
  const tok = v.tok, text = tok.text, out: PredictedEvent[] = [];
  const tl = new Uint16Array(tok.length);
  for (let s = 0; s < tok.sentences; s++) {
    const a = tok.sent[s], b = tok.sent[s + 1];
    if (b <= a) continue;
    tagTriggers(m, v, a, b, tl);
    for (const sp of bioSpans(tl, a, b)) out.push(buildEvent(m, v, sp.kind, sp.from, sp.to, text, opts));
  }
  return out;
}

function buildEvent(m: EventModel, v: TokenView, typeIdx: number, ts: number, te: number, text: string, opts: PredictOptions): PredictedEvent {
  const tok = v.tok, h = m.header, type = h.types[typeIdx];
  const args = tagArgs(m, v, typeIdx, ts, te).map((sp) => ({
    role: h.roles[sp.kind], start: tok.start[sp.from], end: tok.end[sp.to - 1], text: text.slice(tok.start[sp.from], tok.end[sp.to - 1]),
  }));
  evSink.names = opts.explain ? [] : null;
  evSink.reset();
  eventFeatures(v, type, ts, te, evSink);
  const sub = h.subtypes[decide(m.subtype, evSink, m.subtypeMask[typeIdx]).y];
  const subtype = sub.slice(sub.lastIndexOf('/') + 1) || null;
  const negated = decide(m.negation, evSink).y === 1;
  const speculative = decide(m.modality, evSink).y === 1;
  // Confidence and reasons from the trigger's head token.
  const sidx = v.sentOf[ts], a = tok.sent[sidx], b = tok.sent[sidx + 1];
  trigSink.names = opts.explain ? [] : null;
  trigSink.reset();
  triggerFeatures(v, ts, a, b, trigSink);
  const r = new Float32Array(m.trigger.nl);
  m.trigger.score(trigSink.feats, 0, trigSink.len, r, 0);
  const margin = r[bioB(typeIdx)] - (r[0] + h.triggerBias);
  const ev: PredictedEvent = {
    type, subtype, trigger: { start: tok.start[ts], end: tok.end[te - 1], text: text.slice(tok.start[ts], tok.end[te - 1]) },
    args, negated, modality: speculative ? 'speculative' : 'asserted', ts, te,
    confidence: Math.round(1000 / (1 + Math.exp(-margin / 4))) / 1000,
  };
  if (opts.explain) ev.why = strongest(m.trigger, trigSink, bioB(typeIdx));
  trigSink.names = null; evSink.names = null;
  return ev;
}


