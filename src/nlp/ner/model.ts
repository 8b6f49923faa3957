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
 * The compact scorer used at run time: an open-addressing table from feature
 * bucket to row, and the rows' weights as int16 in the model's quantized units
 * (transitions in the same units, so Viterbi's argmax is unchanged). Rows are
 * stored densely in key order, so the weights take n × NL × 2 bytes (a few MB)
 * instead of a float per label per slot.
 */
export class CompactScorer implements Scorer {
  private readonly keys: Int32Array; // -1 = empty
  private readonly rows: Int32Array; // slot → row * NL
  private readonly vals: Int16Array; // row * NL + label
  private readonly mask: number;
  readonly trans: Float32Array;
  readonly size: number;

  /** `weights` and `trans` in quantized units (int16 range). */
  constructor(ids: Uint32Array, weights: Int16Array, trans: Float32Array) {
    let cap = 1024;
    while (cap < ids.length * 2) cap *= 2;
    this.mask = cap - 1;
    this.keys = new Int32Array(cap).fill(-1);
    this.rows = new Int32Array(cap);
    this.vals = weights;
    this.trans = trans;
    this.size = ids.length;
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i];
      let s = (Math.imul(id, 0x9e3779b1) >>> 8) & this.mask;
      while (this.keys[s] !== -1) s = (s + 1) & this.mask;
      this.keys[s] = id;
      this.rows[s] = i * NL;
    }
  }
  addEmission(feats: Int32Array, from: number, to: number, out: Float32Array, o: number): void {
    const keys = this.keys, rows = this.rows, vals = this.vals, mask = this.mask;
    for (let i = from; i < to; i++) {
      const id = feats[i] & HASH_MASK;
      let s = (Math.imul(id, 0x9e3779b1) >>> 8) & mask;
      for (;;) {
        const k = keys[s];
        if (k === id) {
          const b = rows[s];
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
    const keys = this.keys, rows = this.rows, vals = this.vals, mask = this.mask;
    let s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0, s8 = 0;
    for (let i = from; i < to; i++) {
      const id = feats[i] & HASH_MASK;
      let s = (Math.imul(id, 0x9e3779b1) >>> 8) & mask;
      for (;;) {
        const k = keys[s];
        if (k === id) {
          const b = rows[s];
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
}

let scoreBuf = new Float32Array(0);
let backBuf = new Uint8Array(0);

/** Adds the emission scores of tokens [from, to) into `em` (row t at t * NL, document-indexed). */
export function emissions(sc: Scorer, f: Features, from: number, to: number, em: Float32Array): void {
  if (NL === 9 && sc instanceof CompactScorer) {
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
  const scorers: CompactScorer[] = [];
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
    scorers.push(new CompactScorer(ids, weights, trans));
  }
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
