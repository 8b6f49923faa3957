import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Linear, bioB, bioSpans, decodeSparse, encodeLinear, labelList, viterbiBio } from './linear.js';

test('viterbiBio never starts a span with I- and keeps to the allowed labels', () => {
  const m = new Linear(5, 4); // O, B-0, I-0, B-1, I-1
  const len = 3, em = new Float32Array(len * 5);
  // I-0 scores best everywhere, but may only follow B-0 / I-0; label 3/4 (kind 1) is not allowed.
  for (let i = 0; i < len; i++) { em[i * 5 + 2] = 5; em[i * 5 + 1] = 1; em[i * 5 + 3] = 9; }
  const out = new Uint16Array(len);
  viterbiBio(m, em, len, out, 0, labelList(5, Uint8Array.from([1, 1, 1, 0, 0])));
  assert.deepEqual([...out], [bioB(0), 2, 2]);
  assert.deepEqual(bioSpans(out, 0, len), [{ from: 0, to: 3, kind: 0 }]);
});

test('a trained linear model survives encoding into its sparse run-time form, dense weights included', () => {
  const m = new Linear(3, 8, 2);
  m.startTraining();
  const f = Int32Array.from([5, 77, 200]);
  const x = Float32Array.from([0.5, -1]);
  for (let i = 0; i < 10; i++) { m.tick(); m.update(f, 0, 3, i % 3, 1); m.updateDense(x, 0, i % 3, 1); m.updateTrans(3, i % 3, 0.5); }
  m.finishTraining();
  const { model: back, next } = decodeSparse(encodeLinear(m), 0);
  assert.equal(next, encodeLinear(m).length);
  const a = new Float32Array(3), b = new Float32Array(3), ys = labelList(3);
  m.score(f, 0, 3, a, 0); m.scoreDense(x, 0, a, 0, ys);
  back.score(f, 0, 3, b, 0);
  for (let y = 0; y < 3; y++) for (let d = 0; d < 2; d++) b[y] += back.wd[y * 2 + d] * x[d];
  for (let y = 0; y < 3; y++) assert.ok(Math.abs(a[y] - b[y]) < 1e-3 * Math.max(1, Math.abs(a[y])), `label ${y}: ${a[y]} vs ${b[y]}`);
  assert.equal(back.weight(77, 1), m.weight(77, 1) === 0 ? 0 : back.weight(77, 1));
  assert.ok(Math.abs(back.weight(5, 2) - m.weight(5, 2)) < 1e-3 * Math.max(1, Math.abs(m.weight(5, 2))));
  assert.equal(back.weight(999, 0), 0);
});
