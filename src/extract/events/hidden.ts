/**
 * A hidden layer over the trigger model's dense inputs (the word vectors of a
 * token, its neighbours and its sentence): scores += W2 · act(W1 · x + b1),
 * act(v) = min(max(v, 0), 1). The activation is bounded so that, as in the
 * perceptron, one step moves a score by at most `eta` per unit: with relu the
 * two layers fed each other and a few runs blew up (every token "no event").
 * The linear dense weights can only add what each vector says alone; this
 * layer can say "rose" means a share price in a sentence about stocks and a
 * revenue in one about sales.
 *
 * Trained inside the structured perceptron (train.ts): where Viterbi's label
 * differs from the gold one, a step of size `eta` raises the gold label's score
 * and lowers the predicted one's, through both layers (the perceptron's update
 * as a subgradient of the structured hinge loss). Weights are averaged over
 * the steps like the perceptron's (w − u/c), so one trained layer is kept.
 *
 * Written by hand: no npm package trains a small network inside a structured
 * perceptron, and this is ~100 lines of dense loops.
 */

import { DealgraphError } from '../../errors.js';

export class Hidden {
  readonly w1: Float32Array;
  readonly b1: Float32Array;
  readonly w2: Float32Array;
  private u1: Float32Array | null = null;
  private ub: Float32Array | null = null;
  private u2: Float32Array | null = null;
  private c = 1;

  /** `nin` dense inputs, `nh` hidden units, `nl` labels. */
  constructor(readonly nin: number, readonly nh: number, readonly nl: number, seed = 1) {
    this.w1 = new Float32Array(nh * nin);
    this.b1 = new Float32Array(nh);
    this.w2 = new Float32Array(nl * nh);
    // Small seeded uniform weights (Glorot's range), so training repeats exactly.
    let a = seed >>> 0;
    const r = () => { a = (Math.imul(a, 1664525) + 1013904223) >>> 0; return a / 4294967296 - 0.5; };
    const g = 2 * Math.sqrt(6 / (nin + nh));
    for (let i = 0; i < this.w1.length; i++) this.w1[i] = r() * g;
  }

  /** pre[po .. po+nh) = W1 · x[xo ..] + b1 (the activation is act(pre)). */
  pre(x: Float32Array, xo: number, pre: Float32Array, po: number): void {
    const { nin, nh, w1, b1 } = this;
    for (let h = 0; h < nh; h++) {
      let s = b1[h];
      for (let d = 0, w = h * nin; d < nin; d++) s += w1[w + d] * x[xo + d];
      pre[po + h] = s;
    }
  }

  /** Adds W2 · act(pre) to out[o + y] for the labels in ys. */
  scores(pre: Float32Array, po: number, out: Float32Array, o: number, ys: Uint16Array): void {
    const { nh, w2 } = this;
    for (let j = 0; j < ys.length; j++) {
      const y = ys[j];
      let s = 0;
      for (let h = 0, w = y * nh; h < nh; h++) { const v = pre[po + h]; if (v > 0) s += w2[w + h] * (v < 1 ? v : 1); }
      out[o + y] += s;
    }
  }

  startTraining(): void {
    this.u1 = new Float32Array(this.w1.length); this.ub = new Float32Array(this.b1.length); this.u2 = new Float32Array(this.w2.length);
    this.c = 1;
  }
  tick(): void { this.c++; }

  /** One step raising label g's score and lowering label p's at input x (whose pre-activations are `pre`). */
  update(x: Float32Array, xo: number, pre: Float32Array, po: number, g: number, p: number, eta: number): void {
    const { nin, nh, w1, b1, w2 } = this, u1 = this.u1!, ub = this.ub!, u2 = this.u2!, c = this.c;
    for (let h = 0; h < nh; h++) {
      const z = pre[po + h];
      if (z <= 0) continue;
      const v = z < 1 ? z : 1;
      // The gradient to the hidden unit, from the second layer before it changes (none where act is flat).
      const dh = z < 1 ? eta * (w2[g * nh + h] - w2[p * nh + h]) : 0;
      w2[g * nh + h] += eta * v; u2[g * nh + h] += c * eta * v;
      w2[p * nh + h] -= eta * v; u2[p * nh + h] -= c * eta * v;
      if (dh === 0) continue;
      b1[h] += dh; ub[h] += c * dh;
      for (let d = 0, w = h * nin; d < nin; d++) { const xd = x[xo + d]; if (xd !== 0) { w1[w + d] += dh * xd; u1[w + d] += c * dh * xd; } }
    }
  }

  finishTraining(): void {
    const c = this.c;
    for (const [w, u] of [[this.w1, this.u1!], [this.b1, this.ub!], [this.w2, this.u2!]] as const) for (let i = 0; i < w.length; i++) w[i] -= u[i] / c;
    this.u1 = this.ub = this.u2 = null;
  }

  /** Adds another layer's weights (for bagging; divide after). */
  add(o: Hidden): void {
    for (const [w, v] of [[this.w1, o.w1], [this.b1, o.b1], [this.w2, o.w2]] as const) for (let i = 0; i < w.length; i++) w[i] += v[i];
  }
  scale(k: number): void {
    for (const w of [this.w1, this.b1, this.w2]) for (let i = 0; i < w.length; i++) w[i] *= k;
  }
}

/** File form: nin, nh, nl as uint32, then w1, b1, w2 as float32. */
export function encodeHidden(m: Hidden): Buffer {
  const head = Buffer.alloc(12);
  head.writeUInt32LE(m.nin, 0); head.writeUInt32LE(m.nh, 4); head.writeUInt32LE(m.nl, 8);
  const f = (a: Float32Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);
  return Buffer.concat([head, f(m.w1), f(m.b1), f(m.w2)]);
}

export function decodeHidden(buf: Buffer, at: number, source = 'event model'): { hidden: Hidden; next: number } {
  const nin = at + 12 <= buf.length ? buf.readUInt32LE(at) : 0, nh = nin ? buf.readUInt32LE(at + 4) : 0, nl = nin ? buf.readUInt32LE(at + 8) : 0;
  const need = 12 + 4 * (nh * nin + nh + nl * nh);
  if (!nin || !nh || !nl || at + need > buf.length) {
    throw new DealgraphError(`expected a hidden layer of ${need} bytes, found ${buf.length - at} (a damaged model)`, source);
  }
  const m = new Hidden(nin, nh, nl);
  let p = at + 12;
  for (const a of [m.w1, m.b1, m.w2]) {
    const bytes = a.length * 4;
    a.set(new Float32Array(buf.buffer.slice(buf.byteOffset + p, buf.byteOffset + p + bytes)));
    p += bytes;
  }
  return { hidden: m, next: p };
}
