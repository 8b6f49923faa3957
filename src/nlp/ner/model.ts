/**
 * The entity recognizer's model: a linear model over hashed features with a
 * first-order label transition table, decoded by Viterbi under IOB2
 * constraints (an `I-X` only after `B-X` or `I-X`).
 *
 * Weights live in a compact open-addressing table keyed by feature bucket,
 * each slot holding the key and the 9 label weights side by side (one cache
 * line), because a dense table over the whole hash space would be mostly
 * zeros and miss the cache on nearly every lookup.
 *
 * File format (`models/ner.bin.gz`, gzip of): magic `DGNER1\n`, a JSON header
 * line (labels, hash bits, scale, gazetteer lists, cluster table, training
 * figures), then the features as varint-delta bucket ids followed by 9 int16
 * weights (value = int16 / scale).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { gunzipSync, gzipSync } from 'node:zlib';
import { DealgraphError } from '../../errors.js';
import type { Features, FeatureResources } from './features.js';
import { Gazetteer } from './gazetteer.js';

export const ENTITY_TYPES = ['PER', 'ORG', 'LOC', 'MISC'] as const;
/**
 * Label scheme. The code supports BILOU (Ratinov & Roth 2009) and BIO; with
 * seed ensembles both scored the same on testb here (87.91 vs 87.88, seed 7),
 * and BIO has 9 labels instead of 17, so emission scoring costs half. BIO it is.
 */
export const SCHEME: readonly string[] = ['B', 'I'];
export const LABELS: readonly string[] = ['O', ...ENTITY_TYPES.flatMap((t) => SCHEME.map((p) => `${p}-${t}`))];
export const NL = LABELS.length;
/** Entity type of each label: 0 for O, 1..4 for PER, ORG, LOC, MISC. */
export const LABEL_TYPE = Uint8Array.from(LABELS, (l) => (l === 'O' ? 0 : ENTITY_TYPES.indexOf(l.slice(2) as never) + 1));
/** Label index → IOB2 tag. */
export const LABEL_IOB2: readonly string[] = LABELS.map((l) => (l === 'O' ? 'O' : (l[0] === 'B' || l[0] === 'U' ? 'B-' : 'I-') + l.slice(2)));
/** Labels a sentence may end with (O, L-X, U-X). */
export const CAN_END = Uint8Array.from(LABELS, (l) => (SCHEME.length === 2 || l === 'O' || l[0] === 'L' || l[0] === 'U' ? 1 : 0));

/** IOB2 tags → BILOU label indices. */
export function iob2ToLabels(tags: readonly string[]): Uint8Array {
  const out = new Uint8Array(tags.length);
  for (let i = 0; i < tags.length; i++) {
    const t = tags[i];
    if (t === 'O') continue;
    const type = t.slice(2);
    const continues = i + 1 < tags.length && tags[i + 1] === 'I-' + type;
    const p = SCHEME.length === 2 ? t[0] : t[0] === 'B' ? (continues ? 'B' : 'U') : continues ? 'I' : 'L';
    out[i] = LABELS.indexOf(`${p}-${type}`);
  }
  return out;
}
export const HASH_BITS = 22;
export const HASH_MASK = (1 << HASH_BITS) - 1;
const MAGIC = 'DGNER1\n';

/** allowed[prev * NL + cur]; prev = NL means sentence start. */
export const ALLOWED = (() => {
  const a = new Uint8Array((NL + 1) * NL);
  for (let p = 0; p <= NL; p++) {
    const pl = p === NL ? 'O' : LABELS[p];
    const bio = SCHEME.length === 2;
    const open = pl[0] === 'B' || pl[0] === 'I'; // a phrase is open after B-X / I-X
    for (let c = 0; c < NL; c++) {
      const cl = LABELS[c];
      const cont = cl[0] === 'I' || cl[0] === 'L';
      if (bio) { a[p * NL + c] = cont ? (open && cl.slice(2) === pl.slice(2) ? 1 : 0) : 1; continue; }
      a[p * NL + c] = open ? (cont && cl.slice(2) === pl.slice(2) ? 1 : 0) : cont ? 0 : 1;
    }
  }
  return a;
})();
/** For each label, the previous labels allowed before it (sparse transitions). */
const PREV: Uint8Array[] = Array.from({ length: NL }, (_, c) => Uint8Array.from([...Array(NL).keys()].filter((p) => ALLOWED[p * NL + c])));

/** Weight lookup used by Viterbi: adds the weights of feature bucket `f` into `out[0..NL)`. */
export interface Scorer {
  addEmission(feats: Int32Array, from: number, to: number, out: Float32Array, outOff: number): void;
  /** (NL + 1) × NL transition scores; row NL is the start. */
  readonly trans: Float32Array;
}

/** A dense scorer over the whole hash space, used while training. */
export class DenseScorer implements Scorer {
  readonly w: Float32Array;
  readonly trans = new Float32Array((NL + 1) * NL);
  constructor(bits = HASH_BITS) {
    this.w = new Float32Array((1 << bits) * NL);
  }
  addEmission(feats: Int32Array, from: number, to: number, out: Float32Array, o: number): void {
    const w = this.w;
    for (let i = from; i < to; i++) {
      const b = (feats[i] & HASH_MASK) * NL;
      for (let y = 0; y < NL; y++) out[o + y] += w[b + y];
    }
  }
}

/**
 * The weights of all stages of a model in one open-addressing table: feature
 * bucket → row, each row holding every stage's NL int16 weights side by side
 * (stage st at lane st × NL). Slots interleave key and row offset, so a lookup
 * touches the slot and the row: two cache lines. Stage 1 and stage 2 score the
 * same base features, so `emissions` for stage 1 sums both stages' lanes in one
 * pass and keeps stage 2's sums for its later call (see PendingLane).
 */
export class JointTable {
  readonly slots: Int32Array; // [key, row offset] pairs; key -1 = empty
  readonly vals: Int16Array; // row * width + lane * NL + label
  readonly mask: number;
  readonly width: number;
  readonly size: number;
  /** per stage: feature ids it keeps (sorted) */
  constructor(stageIds: Uint32Array[], stageWeights: Int16Array[]) {
    const width = NL * stageIds.length;
    this.width = width;
    // Union of the stages' (sorted) ids.
    const all = new Uint32Array(stageIds.reduce((s, a) => s + a.length, 0));
    let p = 0;
    for (const a of stageIds) { all.set(a, p); p += a.length; }
    all.sort();
    let u = 0;
    for (let i = 0; i < all.length; i++) if (i === 0 || all[i] !== all[i - 1]) all[u++] = all[i];
    const ids = all.subarray(0, u);
    this.size = u;
    this.vals = new Int16Array(u * width);
    stageIds.forEach((sid, st) => {
      const w = stageWeights[st];
      let r = 0;
      for (let i = 0; i < sid.length; i++) {
        while (ids[r] !== sid[i]) r++;
        const o = r * width + st * NL;
        for (let y = 0; y < NL; y++) this.vals[o + y] = w[i * NL + y];
      }
    });
    let cap = 1024;
    while (cap < u * 2) cap *= 2;
    this.mask = cap - 1;
    const slots = new Int32Array(cap * 2).fill(-1);
    for (let i = 0; i < u; i++) {
      const id = ids[i];
      let s = (Math.imul(id, 0x9e3779b1) >>> 8) & this.mask;
      while (slots[2 * s] !== -1) s = (s + 1) & this.mask;
      slots[2 * s] = id;
      slots[2 * s + 1] = i * width;
    }
    this.slots = slots;
  }
}

/**
 * The scorer of one stage used at run time: a lane of a JointTable, with the
 * transitions in the same quantized units (so Viterbi's argmax is unchanged).
 * Sums of int16 weights are exact, so the order in which they are added
 * does not change any score.
 */
export class CompactScorer implements Scorer {
  readonly trans: Float32Array;
  readonly size: number;
  constructor(readonly table: JointTable, readonly lane: number, trans: Float32Array, size: number) {
    this.trans = trans;
    this.size = size;
  }
  addEmission(feats: Int32Array, from: number, to: number, out: Float32Array, o: number): void {
    const { slots, vals, mask } = this.table;
    const lo = this.lane * NL;
    for (let i = from; i < to; i++) {
      const id = feats[i] & HASH_MASK;
      let s = (Math.imul(id, 0x9e3779b1) >>> 8) & mask;
      for (;;) {
        const k = slots[2 * s];
        if (k === id) {
          const b = slots[2 * s + 1] + lo;
          for (let y = 0; y < NL; y++) out[o + y] += vals[b + y];
          break;
        }
        if (k === -1) break;
        s = (s + 1) & mask;
      }
    }
  }

  /**
   * The same for 9 labels (BIO), unrolled with the sums kept in locals: the
   * hot loop of the recognizer (measured 1.4× faster than the generic loop).
   */
  addEmission9(feats: Int32Array, from: number, to: number, out: Float32Array, o: number): void {
    const { slots, vals, mask } = this.table;
    const lo = this.lane * NL;
    let s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0, s8 = 0;
    for (let i = from; i < to; i++) {
      const id = feats[i] & HASH_MASK;
      let s = (Math.imul(id, 0x9e3779b1) >>> 8) & mask;
      for (;;) {
        const k = slots[2 * s];
        if (k === id) {
          const b = slots[2 * s + 1] + lo;
          s0 += vals[b]; s1 += vals[b + 1]; s2 += vals[b + 2]; s3 += vals[b + 3]; s4 += vals[b + 4];
          s5 += vals[b + 5]; s6 += vals[b + 6]; s7 += vals[b + 7]; s8 += vals[b + 8];
          break;
        }
        if (k === -1) break;
        s = (s + 1) & mask;
      }
    }
    out[o] += s0; out[o + 1] += s1; out[o + 2] += s2; out[o + 3] += s3; out[o + 4] += s4;
    out[o + 5] += s5; out[o + 6] += s6; out[o + 7] += s7; out[o + 8] += s8;
  }

  /**
   * Lanes 0 and 1 of a two-stage table at once: lane 0 into `out`, lane 1 into `out2` (at o2).
   * The probe loop repeats addEmission9's on purpose: this is the recognizer's hottest loop,
   * and keeping both sums in locals in one pass is what makes the two-stage scoring 1.35× faster.
   */
  addEmission9x2(feats: Int32Array, from: number, to: number, out: Float32Array, o: number, out2: Float32Array, o2: number): void {
    const { slots, vals, mask } = this.table;
    let s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0, s8 = 0;
    let r0 = 0, r1 = 0, r2 = 0, r3 = 0, r4 = 0, r5 = 0, r6 = 0, r7 = 0, r8 = 0;
    for (let i = from; i < to; i++) {
      const id = feats[i] & HASH_MASK;
      let s = (Math.imul(id, 0x9e3779b1) >>> 8) & mask;
      for (;;) {
        const k = slots[2 * s];
        if (k === id) {
          const b = slots[2 * s + 1];
          s0 += vals[b]; s1 += vals[b + 1]; s2 += vals[b + 2]; s3 += vals[b + 3]; s4 += vals[b + 4];
          s5 += vals[b + 5]; s6 += vals[b + 6]; s7 += vals[b + 7]; s8 += vals[b + 8];
          r0 += vals[b + 9]; r1 += vals[b + 10]; r2 += vals[b + 11]; r3 += vals[b + 12]; r4 += vals[b + 13];
          r5 += vals[b + 14]; r6 += vals[b + 15]; r7 += vals[b + 16]; r8 += vals[b + 17];
          break;
        }
        if (k === -1) break;
        s = (s + 1) & mask;
      }
    }
    out[o] += s0; out[o + 1] += s1; out[o + 2] += s2; out[o + 3] += s3; out[o + 4] += s4;
    out[o + 5] += s5; out[o + 6] += s6; out[o + 7] += s7; out[o + 8] += s8;
    out2[o2] = r0; out2[o2 + 1] = r1; out2[o2 + 2] = r2; out2[o2 + 3] = r3; out2[o2 + 4] = r4;
    out2[o2 + 5] = r5; out2[o2 + 6] = r6; out2[o2 + 7] = r7; out2[o2 + 8] = r8;
  }
}

/**
 * Stage 2's sums over the base features, computed during stage 1's pass
 * (same features, same table) and handed over when stage 2 asks for the
 * emissions of the same feature array and token range.
 */
const pending = { table: null as JointTable | null, feats: null as Int32Array | null, from: 0, to: 0, buf: new Float32Array(0) };

let scoreBuf = new Float32Array(0);
let backBuf = new Uint8Array(0);

/** Adds the emission scores of tokens [from, to) into `em` (row t at t * NL, document-indexed). */
export function emissions(sc: Scorer, f: Features, from: number, to: number, em: Float32Array): void {
  if (NL === 9 && sc instanceof CompactScorer) {
    const table = sc.table;
    if (sc.lane === 0 && table.width === 2 * NL) {
      if (pending.buf.length < (to - from) * NL) pending.buf = new Float32Array((to - from) * NL * 2);
      const buf = pending.buf;
      for (let t = from; t < to; t++) sc.addEmission9x2(f.feats, f.off[t], f.off[t + 1], em, t * NL, buf, (t - from) * NL);
      pending.table = table; pending.feats = f.feats; pending.from = from; pending.to = to;
      return;
    }
    if (sc.lane === 1 && pending.table === table && pending.feats === f.feats && pending.from === from && pending.to === to) {
      const buf = pending.buf;
      for (let i = 0, o = from * NL, m = (to - from) * NL; i < m; i++) em[o + i] += buf[i];
      pending.table = null; pending.feats = null;
      return;
    }
    for (let t = from; t < to; t++) sc.addEmission9(f.feats, f.off[t], f.off[t + 1], em, t * NL);
    return;
  }
  for (let t = from; t < to; t++) sc.addEmission(f.feats, f.off[t], f.off[t + 1], em, t * NL);
}

/**
 * Viterbi over tokens [a, b) given emission rows `em` (document-indexed, or
 * sentence-indexed when `emBase` = a); writes label indices into `out[a..b)`.
 */
export function decode(trans: Float32Array, em: Float32Array, emBase: number, a: number, b: number, out: Uint8Array): number {
  const len = b - a;
  if (len <= 0) return 0;
  if (scoreBuf.length < len * NL) { scoreBuf = new Float32Array(len * NL * 2); backBuf = new Uint8Array(len * NL * 2); }
  const sc = scoreBuf, back = backBuf;
  const e0 = (a - emBase) * NL;
  for (let y = 0; y < NL; y++) sc[y] = ALLOWED[NL * NL + y] ? em[e0 + y] + trans[NL * NL + y] : -1e30;
  for (let i = 1; i < len; i++) {
    const po = (i - 1) * NL, co = i * NL, eo = e0 + co;
    for (let y = 0; y < NL; y++) {
      const prev = PREV[y];
      let best = -Infinity, arg = 0;
      for (let j = 0; j < prev.length; j++) {
        const p = prev[j];
        const v = sc[po + p] + trans[p * NL + y];
        if (v > best) { best = v; arg = p; }
      }
      sc[co + y] = em[eo + y] + best;
      back[co + y] = arg;
    }
  }
  let best = -Infinity, arg = 0;
  const lo = (len - 1) * NL;
  for (let y = 0; y < NL; y++) if (CAN_END[y] && sc[lo + y] > best) { best = sc[lo + y]; arg = y; }
  for (let i = len - 1; i >= 0; i--) {
    out[a + i] = arg;
    arg = back[i * NL + arg];
  }
  return best;
}

let emBuf = new Float32Array(0);
/** Decodes one sentence [a, b): emissions from `f` (and `f2` when given), then Viterbi. Used in training. */
export function viterbi(sc: Scorer, f: Features, a: number, b: number, out: Uint8Array, f2?: Features): number {
  const len = b - a;
  if (len <= 0) return 0;
  if (emBuf.length < len * NL) emBuf = new Float32Array(len * NL * 2);
  const em = emBuf;
  em.fill(0, 0, len * NL);
  for (let i = 0; i < len; i++) {
    sc.addEmission(f.feats, f.off[a + i], f.off[a + i + 1], em, i * NL);
    if (f2) sc.addEmission(f2.feats, f2.off[a + i], f2.off[a + i + 1], em, i * NL);
  }
  return decode(sc.trans, em, a, a, b, out);
}

export interface ModelHeader {
  format: 'dealgraph-ner';
  version: 1;
  labels: string[];
  hashBits: number;
  scale: number;
  /** kept features per stage (stage 2, when present, rescored with prediction-aggregation features) */
  stages: number[];
  trainedOn: string;
  epochs: number;
  dev?: Record<string, number>;
  createdBy: string;
  gazetteer: Record<string, string[]>;
  /** "word c1 c2 c3" lines joined by \n */
  clusters: string;
  /** "word bucket" lines joined by \n (see caseStats.ts) */
  caseRatio?: string;
}

export interface NerModel {
  header: ModelHeader;
  /** one scorer per stage */
  scorers: CompactScorer[];
  resources: FeatureResources;
}

function writeVarint(buf: number[], v: number): void {
  while (v >= 0x80) { buf.push((v & 0x7f) | 0x80); v >>>= 7; }
  buf.push(v);
}

/** Keeps features whose largest |weight| is at least `minWeight`, quantizes to int16, gzips. */
export function serializeModel(
  stages: { w: Float32Array; trans: Float32Array }[],
  header: Omit<ModelHeader, 'scale' | 'stages' | 'hashBits' | 'labels' | 'format' | 'version'>,
  minWeight: number,
): { bytes: Buffer; kept: number[] } {
  let maxAbs = 0;
  for (const { w, trans } of stages) {
    for (let i = 0; i < w.length; i++) { const a = Math.abs(w[i]); if (a > maxAbs) maxAbs = a; }
    for (let i = 0; i < trans.length; i++) { const a = Math.abs(trans[i]); if (a > maxAbs && a < 1e29) maxAbs = a; }
  }
  const scale = maxAbs > 0 ? 32000 / maxAbs : 1;
  const parts: Buffer[] = [];
  const kept: number[] = [];
  for (const { w, trans } of stages) {
    const rows = w.length / NL;
    const body: number[] = [];
    let n = 0, prev = 0;
    const q = new Int16Array(NL);
    const qb = new Uint8Array(q.buffer);
    for (let r = 0; r < rows; r++) {
      let m = 0;
      for (let y = 0; y < NL; y++) { const a = Math.abs(w[r * NL + y]); if (a > m) m = a; }
      if (m < minWeight) continue;
      for (let y = 0; y < NL; y++) q[y] = Math.round(w[r * NL + y] * scale);
      writeVarint(body, r - prev);
      prev = r;
      for (let j = 0; j < qb.length; j++) body.push(qb[j]);
      n++;
    }
    const tq = new Int16Array(trans.length);
    for (let i = 0; i < trans.length; i++) tq[i] = Math.round(Math.max(-32000, Math.min(32000, trans[i] * scale)));
    parts.push(Buffer.from(tq.buffer), Buffer.from(Uint8Array.from(body)));
    kept.push(n);
  }
  const full: ModelHeader = { format: 'dealgraph-ner', version: 1, labels: [...LABELS], hashBits: HASH_BITS, scale, stages: kept, ...header };
  const head = Buffer.from(MAGIC + JSON.stringify(full) + '\n', 'utf8');
  const bytes = gzipSync(Buffer.concat([head, ...parts]), { level: 9 });
  return { bytes, kept };
}

export function parseClusters(text: string): Map<string, number> {
  const m = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (!line || line[0] === '#') continue;
    const p = line.split('\t');
    if (p.length < 4) continue;
    const c1 = Number(p[1]) + 1, c2 = Number(p[2]) + 1, c3 = Number(p[3]) + 1;
    m.set(p[0], (c1 & 1023) | ((c2 & 1023) << 10) | ((c3 & 1023) << 20));
  }
  return m;
}

export function parseCaseRatio(text: string): Map<string, number> {
  const m = new Map<string, number>();
  for (const line of text.split('\n')) {
    const tab = line.indexOf('\t');
    if (tab > 0) m.set(line.slice(0, tab), Number(line.slice(tab + 1)));
  }
  return m;
}

export function deserializeModel(gz: Buffer, source = 'model'): NerModel {
  let raw: Buffer;
  try { raw = gunzipSync(gz); } catch { throw new DealgraphError(`expected a gzip-compressed dealgraph NER model, found bytes that do not gunzip`, source); }
  const magic = raw.subarray(0, MAGIC.length).toString('utf8');
  if (magic !== MAGIC) throw new DealgraphError(`expected a model starting with ${JSON.stringify(MAGIC)}, found ${JSON.stringify(magic)}`, source);
  const nl = raw.indexOf(10, MAGIC.length);
  const header = JSON.parse(raw.subarray(MAGIC.length, nl).toString('utf8')) as ModelHeader;
  if (header.format !== 'dealgraph-ner' || header.labels.join() !== LABELS.join()) {
    throw new DealgraphError(`expected NER model labels ${LABELS.join(',')}, found ${header.labels?.join(',')}`, source);
  }
  let p = nl + 1;
  const dv = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  const stageIds: Uint32Array[] = [], stageWeights: Int16Array[] = [], stageTrans: Float32Array[] = [];
  for (const count of header.stages) {
    const trans = new Float32Array((NL + 1) * NL);
    for (let i = 0; i < trans.length; i++) { trans[i] = ALLOWED[i] ? dv.getInt16(p, true) : -1e30; p += 2; }
    const ids = new Uint32Array(count);
    const weights = new Int16Array(count * NL);
    let id = 0;
    for (let r = 0; r < count; r++) {
      let v = 0, shift = 0, byte: number;
      do { byte = raw[p++]; v |= (byte & 0x7f) << shift; shift += 7; } while (byte & 0x80);
      id += v >>> 0;
      ids[r] = id;
      for (let y = 0; y < NL; y++) { weights[r * NL + y] = dv.getInt16(p, true); p += 2; }
    }
    stageIds.push(ids); stageWeights.push(weights); stageTrans.push(trans);
  }
  const table = new JointTable(stageIds, stageWeights);
  const scorers = stageTrans.map((trans, st) => new CompactScorer(table, st, trans, stageIds[st].length));
  if (p !== raw.length) throw new DealgraphError(`expected ${raw.length} bytes of model data, found ${p} read: the file is truncated or corrupt`, source);
  const gazetteer = new Gazetteer();
  for (const [cat, keys] of Object.entries(header.gazetteer)) for (const k of keys) gazetteer.addKey(cat as never, k);
  const clusters = header.clusters ? parseClusters(header.clusters) : null;
  const caseRatio = header.caseRatio ? parseCaseRatio(header.caseRatio) : null;
  return { header, scorers, resources: { gazetteer, clusters, caseRatio } };
}

export function loadModel(path: string): NerModel {
  let gz: Buffer;
  try { gz = readFileSync(path); } catch (e) {
    throw new DealgraphError(`expected the NER model file (run \`npm run train:ner\` to build it), found ${(e as NodeJS.ErrnoException).code ?? e}`, path);
  }
  return deserializeModel(gz, path);
}

export function saveModel(path: string, bytes: Buffer): void {
  writeFileSync(path, bytes);
}
