/**
 * A linear model over hashed features, shared by every part of the event
 * model: BIO chains (trigger and argument tagging, decoded by Viterbi) and
 * plain multiclass decisions (subtype, negation, modality).
 *
 * Trained as an averaged perceptron (Collins 2002) with lazy averaging: beside
 * the weights w we keep u = Σ c·Δ (c = update counter), and the averaged
 * weights are w − u/c. The NER's model (src/nlp/ner/model.ts) is specialised
 * to its 9 labels and its file format; this one takes any label count, so the
 * two are separate rather than one bent to fit both.
 *
 * Weights are a dense [bucket][label] table: one feature's weights for every
 * label sit side by side, so scoring a token adds a few contiguous rows.
 */

/** What prediction needs of a linear model: scores, transitions and dense weights. */
export interface Scorer {
  readonly nl: number;
  readonly nd: number;
  /** dense weights [label][dim] */
  readonly wd: Float32Array;
  readonly trans: Float32Array;
  score(feats: Int32Array, from: number, to: number, out: Float32Array, o: number): void;
  /** the weight of one feature for one label (for --explain) */
  weight(feat: number, y: number): number;
}

export class Linear implements Scorer {
  readonly nl: number;
  readonly bits: number;
  readonly mask: number;
  readonly w: Float32Array;
  /** (nl + 1) × nl transition scores; row nl is the sentence start (chains only). */
  readonly trans: Float32Array;
  /** dense (real-valued) inputs per example, and their weights [label][dim] */
  readonly nd: number;
  readonly wd: Float32Array;
  private u: Float32Array | null = null;
  private ut: Float32Array | null = null;
  private ud: Float32Array | null = null;
  private c = 1;

  constructor(nl: number, bits: number, nd = 0) {
    this.nl = nl;
    this.bits = bits;
    this.mask = (1 << bits) - 1;
    this.w = new Float32Array((1 << bits) * nl);
    this.trans = new Float32Array((nl + 1) * nl);
    this.nd = nd;
    this.wd = new Float32Array(nl * nd);
  }

  /** Adds the dense inputs x[xo .. xo+nd) times their weights, for the labels in ys. */
  scoreDense(x: Float32Array, xo: number, out: Float32Array, o: number, ys: Uint16Array): void {
    const nd = this.nd, wd = this.wd;
    if (nd === 0) return;
    for (let j = 0; j < ys.length; j++) {
      const y = ys[j], base = y * nd;
      let sum = 0;
      for (let d = 0; d < nd; d++) sum += wd[base + d] * x[xo + d];
      out[o + y] += sum;
    }
  }

  updateDense(x: Float32Array, xo: number, y: number, delta: number): void {
    const nd = this.nd, wd = this.wd, ud = this.ud!, cd = this.c * delta, base = y * nd;
    for (let d = 0; d < nd; d++) { const v = x[xo + d]; if (v !== 0) { wd[base + d] += delta * v; ud[base + d] += cd * v; } }
  }

  /** Adds the scores of features feats[from..to) into out[o..o+nl). */
  score(feats: Int32Array, from: number, to: number, out: Float32Array, o: number): void {
    const w = this.w, nl = this.nl, mask = this.mask;
    for (let i = from; i < to; i++) {
      const b = (feats[i] & mask) * nl;
      for (let y = 0; y < nl; y++) out[o + y] += w[b + y];
    }
  }

  weight(feat: number, y: number): number {
    return this.w[(feat & this.mask) * this.nl + y];
  }

  /** Like score, for only the labels in `ys` (the others stay as they are). */
  scoreSome(feats: Int32Array, from: number, to: number, out: Float32Array, o: number, ys: Uint16Array): void {
    const w = this.w, nl = this.nl, mask = this.mask, k = ys.length;
    for (let i = from; i < to; i++) {
      const b = (feats[i] & mask) * nl;
      for (let j = 0; j < k; j++) out[o + ys[j]] += w[b + ys[j]];
    }
  }

  startTraining(): void {
    this.u = new Float32Array(this.w.length);
    this.ut = new Float32Array(this.trans.length);
    this.ud = new Float32Array(this.wd.length);
    this.c = 1;
  }

  /** Next training example: advances the averaging counter. */
  tick(): void {
    this.c++;
  }

  update(feats: Int32Array, from: number, to: number, y: number, delta: number): void {
    const w = this.w, u = this.u!, nl = this.nl, mask = this.mask, cd = this.c * delta;
    for (let i = from; i < to; i++) {
      const b = (feats[i] & mask) * nl + y;
      w[b] += delta;
      u[b] += cd;
    }
  }

  updateTrans(prev: number, y: number, delta: number): void {
    const k = prev * this.nl + y;
    this.trans[k] += delta;
    this.ut![k] += this.c * delta;
  }

  /** Replaces the weights by their average and ends training. */
  finishTraining(): void {
    const { w, trans, c } = this;
    const u = this.u!, ut = this.ut!;
    for (let i = 0; i < w.length; i++) w[i] -= u[i] / c;
    for (let i = 0; i < trans.length; i++) trans[i] -= ut[i] / c;
    const ud = this.ud!, wd = this.wd;
    for (let i = 0; i < wd.length; i++) wd[i] -= ud[i] / c;
    this.u = this.ut = this.ud = null;
  }

  /** Copies the averaged weights into a new model without ending training (to score a checkpoint). */
  averaged(): Linear {
    const m = new Linear(this.nl, this.bits, this.nd);
    const u = this.u!, ut = this.ut!, c = this.c, ud = this.ud!;
    for (let i = 0; i < this.wd.length; i++) m.wd[i] = this.wd[i] - ud[i] / c;
    for (let i = 0; i < this.w.length; i++) m.w[i] = this.w[i] - u[i] / c;
    for (let i = 0; i < this.trans.length; i++) m.trans[i] = this.trans[i] - ut[i] / c;
    return m;
  }
}

/** BIO labels over K kinds: 0 = O, 1 + 2k = B-k, 2 + 2k = I-k. */
export const bioB = (k: number): number => 1 + 2 * k;
export const bioKind = (y: number): number => (y - 1) >> 1;
export const bioIsI = (y: number): boolean => y > 0 && (y & 1) === 0;

/** Spans [from, to) of token offsets and kind from a BIO label sequence. */
export function bioSpans(labels: Uint16Array, a: number, b: number): { from: number; to: number; kind: number }[] {
  const out: { from: number; to: number; kind: number }[] = [];
  let cur: { from: number; to: number; kind: number } | null = null;
  for (let i = a; i < b; i++) {
    const y = labels[i];
    if (y === 0) { cur = null; continue; }
    const k = bioKind(y);
    if (bioIsI(y) && cur && cur.kind === k) { cur.to = i + 1; continue; }
    cur = { from: i, to: i + 1, kind: k };
    out.push(cur);
  }
  return out;
}

let scoreBuf = new Float32Array(0);
let backBuf = new Uint16Array(0);

/** The label indices a mask allows (all labels without a mask). */
export function labelList(nl: number, allowed?: Uint8Array): Uint16Array {
  const ys: number[] = [];
  for (let y = 0; y < nl; y++) if (!allowed || allowed[y]) ys.push(y);
  return Uint16Array.from(ys);
}

/**
 * Viterbi over emission rows em[0 .. len·nl) with the model's transitions,
 * under BIO constraints (I-k only after B-k or I-k), over the labels in `ys`
 * only (the argument model allows an event type's roles alone, which makes
 * its 100-odd labels about 20). Writes labels into out[a .. a+len).
 */
export function viterbiBio(m: Scorer, em: Float32Array, len: number, out: Uint16Array, a: number, ys: Uint16Array): void {
  const nl = m.nl, trans = m.trans, k = ys.length;
  if (len <= 0) return;
  if (scoreBuf.length < len * nl) { scoreBuf = new Float32Array(len * nl * 2); backBuf = new Uint16Array(len * nl * 2); }
  const sc = scoreBuf, back = backBuf;
  for (let j = 0; j < k; j++) { const y = ys[j]; sc[y] = !bioIsI(y) ? em[y] + trans[nl * nl + y] : -1e30; }
  for (let i = 1; i < len; i++) {
    const po = (i - 1) * nl, co = i * nl;
    // The best previous label: I-x comes only after B-x or I-x; O and B-x after anything allowed.
    for (let j = 0; j < k; j++) {
      const y = ys[j];
      let best: number, arg: number;
      if (y > 0 && (y & 1) === 0) {
        const v1 = sc[po + y - 1] + trans[(y - 1) * nl + y], v2 = sc[po + y] + trans[y * nl + y];
        if (v1 >= v2) { best = v1; arg = y - 1; } else { best = v2; arg = y; }
      } else {
        best = -Infinity; arg = 0;
        for (let jj = 0, t = y; jj < k; jj++) {
          const p = ys[jj];
          const v = sc[po + p] + trans[p * nl + t];
          if (v > best) { best = v; arg = p; }
        }
      }
      sc[co + y] = em[co + y] + best;
      back[co + y] = arg;
    }
  }
  let best = -Infinity, arg = 0;
  const lo = (len - 1) * nl;
  for (let j = 0; j < k; j++) { const y = ys[j]; if (sc[lo + y] > best) { best = sc[lo + y]; arg = y; } }
  for (let i = len - 1; i >= 0; i--) {
    out[a + i] = arg;
    arg = back[i * nl + arg];
  }
}

/** Index of the highest score among out[o .. o+nl) (restricted to `allowed` when given). */
export function argmax(scores: Float32Array, o: number, nl: number, allowed?: Uint8Array): number {
  let best = -Infinity, arg = 0;
  for (let y = 0; y < nl; y++) {
    if (allowed && !allowed[y]) continue;
    if (scores[o + y] > best) { best = scores[o + y]; arg = y; }
  }
  return arg;
}

/**
 * Serialized form: a 20-byte head (labels, hash bits, scale, row count, dense
 * inputs), then for each bucket with any non-zero weight its id (delta from
 * the previous one), how many labels it weighs, and those (label, int16
 * weight) pairs; then the transitions; then the dense weights as float32. Zeros
 * are left out because the argument model's labels are mostly masked off for
 * any one event type.
 */
export function encodeLinear(m: Linear): Buffer {
  let max = 1e-9;
  for (const v of m.w) if (Math.abs(v) > max) max = Math.abs(v);
  for (const v of m.trans) if (Math.abs(v) > max) max = Math.abs(v);
  const scale = 32000 / max;
  const nl = m.nl, parts: Buffer[] = [];
  let rows = 0, prev = 0;
  const row = Buffer.alloc(6 + nl * 4);
  for (let b = 0; b < 1 << m.bits; b++) {
    let k = 0;
    for (let y = 0; y < nl; y++) {
      const q = Math.round(m.w[b * nl + y] * scale);
      if (q !== 0) { row.writeUInt16LE(y, 6 + k * 4); row.writeInt16LE(q, 8 + k * 4); k++; }
    }
    if (k === 0) continue;
    row.writeUInt32LE(b - prev, 0); row.writeUInt16LE(k, 4); prev = b; rows++;
    parts.push(Buffer.from(row.subarray(0, 6 + k * 4)));
  }
  const head = Buffer.alloc(20);
  head.writeUInt32LE(nl, 0); head.writeUInt32LE(m.bits, 4); head.writeFloatLE(scale, 8); head.writeUInt32LE(rows, 12); head.writeUInt32LE(m.nd, 16);
  const tr = Buffer.alloc(m.trans.length * 2);
  m.trans.forEach((t, i) => tr.writeInt16LE(Math.round(t * scale), i * 2));
  const dense = Buffer.alloc(m.wd.length * 4);
  m.wd.forEach((t, i) => dense.writeFloatLE(t, i * 4));
  return Buffer.concat([head, ...parts, tr, dense]);
}

/**
 * The run-time form of a trained model: only the non-zero weights, each row a
 * run of (label, weight) pairs found through an open-addressing table. A
 * perceptron touches few labels per feature, so rows are short, and the
 * whole table stays in the processor's cache where the dense training table
 * (2^20 buckets × labels) would miss it on nearly every feature.
 */
export class SparseLinear implements Scorer {
  readonly nl: number;
  readonly nd: number;
  readonly wd: Float32Array;
  readonly trans: Float32Array;
  private readonly bucketMask: number;
  /** [bucket, row] pairs; bucket -1 = empty */
  private readonly slots: Int32Array;
  private readonly slotMask: number;
  private readonly rowStart: Int32Array;
  private readonly lab: Uint16Array;
  private readonly val: Float32Array;

  constructor(nl: number, bits: number, nd: number, buckets: Int32Array, rowStart: Int32Array, lab: Uint16Array, val: Float32Array, trans: Float32Array, wd: Float32Array) {
    this.nl = nl; this.nd = nd; this.wd = wd; this.trans = trans; this.bucketMask = (1 << bits) - 1;
    this.rowStart = rowStart; this.lab = lab; this.val = val;
    let size = 1;
    while (size < buckets.length * 2) size <<= 1;
    this.slotMask = size - 1;
    this.slots = new Int32Array(size * 2).fill(-1);
    buckets.forEach((b, r) => {
      let h = Math.imul(b, 0x9e3779b1) >>> 0 & this.slotMask;
      while (this.slots[h * 2] !== -1) h = (h + 1) & this.slotMask;
      this.slots[h * 2] = b; this.slots[h * 2 + 1] = r;
    });
  }

  private row(feat: number): number {
    const b = feat & this.bucketMask, slots = this.slots, m = this.slotMask;
    let h = Math.imul(b, 0x9e3779b1) >>> 0 & m;
    for (;;) {
      const k = slots[h * 2];
      if (k === b) return slots[h * 2 + 1];
      if (k === -1) return -1;
      h = (h + 1) & m;
    }
  }

  score(feats: Int32Array, from: number, to: number, out: Float32Array, o: number): void {
    const rs = this.rowStart, lab = this.lab, val = this.val;
    for (let i = from; i < to; i++) {
      const r = this.row(feats[i]);
      if (r < 0) continue;
      for (let e = rs[r], end = rs[r + 1]; e < end; e++) out[o + lab[e]] += val[e];
    }
  }

  weight(feat: number, y: number): number {
    const r = this.row(feat);
    if (r < 0) return 0;
    for (let e = this.rowStart[r]; e < this.rowStart[r + 1]; e++) if (this.lab[e] === y) return this.val[e];
    return 0;
  }
}

/**
 * Reads a model written by encodeLinear straight into its run-time form.
 * `buf` must start at an even address (its own allocation): weights are read
 * through 16-bit views, since a per-value Buffer read made loading take ~1 s.
 */
export function decodeSparse(buf: Buffer, at: number): { model: SparseLinear; next: number } {
  const nl = buf.readUInt32LE(at), bits = buf.readUInt32LE(at + 4), scale = buf.readFloatLE(at + 8), n = buf.readUInt32LE(at + 12), nd = buf.readUInt32LE(at + 16);
  const u16 = new Uint16Array(buf.buffer, buf.byteOffset, buf.length >> 1), i16 = new Int16Array(buf.buffer, buf.byteOffset, buf.length >> 1);
  const buckets = new Int32Array(n), rowStart = new Int32Array(n + 1);
  // First pass: row sizes; second: entries (the file holds them in order). q indexes 16-bit words.
  let q = (at + 20) >> 1, b = 0, total = 0;
  for (let r = 0; r < n; r++) {
    b += u16[q] | (u16[q + 1] << 16);
    const k = u16[q + 2];
    buckets[r] = b; total += k; rowStart[r + 1] = total;
    q += 3 + k * 2;
  }
  const lab = new Uint16Array(total), val = new Float32Array(total);
  q = (at + 20) >> 1;
  let e = 0;
  for (let r = 0; r < n; r++) {
    const k = u16[q + 2];
    q += 3;
    for (let j = 0; j < k; j++, q += 2, e++) { lab[e] = u16[q]; val[e] = i16[q + 1] / scale; }
  }
  const trans = new Float32Array((nl + 1) * nl);
  for (let i = 0; i < trans.length; i++, q++) trans[i] = i16[q] / scale;
  let p = q * 2;
  const wd = new Float32Array(nl * nd);
  for (let i = 0; i < wd.length; i++, p += 4) wd[i] = buf.readFloatLE(p);
  return { model: new SparseLinear(nl, bits, nd, buckets, rowStart, lab, val, trans, wd), next: p };
}
