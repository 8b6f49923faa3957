import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Hidden, decodeHidden, encodeHidden } from './hidden.js';

/** Sign-XOR points: label 1 when both coordinates have the same sign, which no linear score separates. */
function xorPoints(n: number): { x: Float32Array; y: number }[] {
  let a = 12345;
  const r = () => { a = (Math.imul(a, 1103515245) + 12345) >>> 0; return a / 4294967296 * 2 - 1; };
  return Array.from({ length: n }, () => { const x = Float32Array.of(r(), r(), 1); return { x, y: x[0] * x[1] > 0 ? 1 : 0 }; });
}

function accuracy(h: Hidden, pts: { x: Float32Array; y: number }[]): number {
  const pre = new Float32Array(h.nh), sc = new Float32Array(2), ys = Uint16Array.of(0, 1);
  let right = 0;
  for (const p of pts) { sc.fill(0); h.pre(p.x, 0, pre, 0); h.scores(pre, 0, sc, 0, ys); if ((sc[1] > sc[0] ? 1 : 0) === p.y) right++; }
  return right / pts.length;
}

test('the hidden layer learns an interaction a linear score cannot (sign XOR), by perceptron steps', () => {
  const train = xorPoints(2000), held = xorPoints(3000).slice(2000);
  const h = new Hidden(3, 16, 2, 3), pre = new Float32Array(16), sc = new Float32Array(2), ys = Uint16Array.of(0, 1);
  h.startTraining();
  for (let ep = 0; ep < 20; ep++) {
    for (const p of train) {
      sc.fill(0); h.pre(p.x, 0, pre, 0); h.scores(pre, 0, sc, 0, ys);
      const pred = sc[1] > sc[0] ? 1 : 0;
      h.tick();
      if (pred !== p.y) h.update(p.x, 0, pre, 0, p.y, pred, 0.1);
    }
  }
  h.finishTraining();
  // The same steps on a linear score (one weight vector per label) as the baseline.
  const w = [new Float32Array(3), new Float32Array(3)], dot = (k: number, x: Float32Array) => w[k][0] * x[0] + w[k][1] * x[1] + w[k][2] * x[2];
  for (let ep = 0; ep < 20; ep++) for (const p of train) {
    const pred = dot(1, p.x) > dot(0, p.x) ? 1 : 0;
    if (pred !== p.y) for (let d = 0; d < 3; d++) { w[p.y][d] += p.x[d]; w[pred][d] -= p.x[d]; }
  }
  const linear = held.filter((p) => (dot(1, p.x) > dot(0, p.x) ? 1 : 0) === p.y).length / held.length;
  const hidden = accuracy(h, held);
  assert.ok(linear < 0.65, `linear baseline ${linear}`);
  assert.ok(hidden > 0.75, `hidden layer ${hidden} (linear ${linear})`);
});

test('a hidden layer reads back from its file form with the same weights', () => {
  const h = new Hidden(5, 4, 3, 9);
  h.w2.forEach((_, i) => { h.w2[i] = (i % 7) - 3; });
  const buf = Buffer.concat([Buffer.from('xx'), encodeHidden(h)]);
  const { hidden, next } = decodeHidden(buf, 2);
  assert.equal(next, buf.length);
  assert.deepEqual([hidden.nin, hidden.nh, hidden.nl], [5, 4, 3]);
  assert.deepEqual([...hidden.w1], [...h.w1]);
  assert.deepEqual([...hidden.w2], [...h.w2]);
});

test('a truncated hidden layer is a clear error, not a crash', () => {
  const buf = encodeHidden(new Hidden(5, 4, 3, 9));
  assert.throws(() => decodeHidden(buf.subarray(0, buf.length - 3), 0, 'm.bin'), /dealgraph: m\.bin: expected a hidden layer of \d+ bytes, found \d+/);
  assert.throws(() => decodeHidden(buf.subarray(0, 5), 0, 'm.bin'), /damaged model/);
});
