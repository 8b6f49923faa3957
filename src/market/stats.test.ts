import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lnGamma, normalCdf, normalP2, studentCdf, studentP2 } from './stats.js';

/** Relative agreement, for values down to 1e-97. */
const rel = (a: number, b: number, tol: number, what: string) => assert.ok(Math.abs(a - b) <= tol * Math.abs(b) + 1e-300, `${what}: expected ${b}, found ${a}`);

// Reference values from scipy 1.10.1 (stats.t.cdf, 2·stats.t.sf; stats.norm.cdf, 2·stats.norm.sf).
const T: [number, number, number, number][] = [
  [0, 5, 0.5, 1.0],
  [1, 1, 0.7500000000000002, 0.49999999999999956],
  [2.0, 10, 0.9633059826146297, 0.07338803477074039],
  [-2.5, 30, 0.009057824534033353, 0.018115649068066706],
  [3.0, 219, 0.9984937957445021, 0.003012408510995683],
  [10, 3, 0.9989358004707929, 0.0021283990584141494],
  [-40, 200, 1.124369826760113e-97, 2.248739653520226e-97],
];
const N: [number, number, number][] = [
  [0, 0.5, 1.0],
  [1, 0.8413447460685429, 0.31731050786291415],
  [-1.959963984540054, 0.025, 0.05],
  [3, 0.9986501019683699, 0.0026997960632601866],
  [-6, 9.865876450376946e-10, 1.973175290075389e-09],
  [8.5, 1.0, 1.89590696444065e-17],
  [-20, 2.7536241186061556e-89, 5.507248237212311e-89],
];

test('Student t: CDF and two-sided p against scipy, far tails included', () => {
  for (const [x, df, cdf, p] of T) {
    rel(studentCdf(x, df), cdf, 1e-11, `t cdf(${x}, ${df})`);
    rel(studentP2(x, df), p, 1e-11, `t p(${x}, ${df})`);
  }
});

test('normal: CDF and two-sided p against scipy, far tails included', () => {
  for (const [x, cdf, p] of N) {
    rel(normalCdf(x), cdf, 1e-12, `normal cdf(${x})`);
    rel(normalP2(x), p, 1e-12, `normal p(${x})`);
  }
});

test('edge values: infinite and undefined statistics', () => {
  const cases: [string, number, number][] = [
    ['t p(Infinity)', studentP2(Infinity, 10), 0], ['normal p(-Infinity)', normalP2(-Infinity), 0],
    ['t p(NaN)', studentP2(NaN, 10), NaN], ['t p(df 0)', studentP2(1, 0), NaN], ['normal p(NaN)', normalP2(NaN), NaN],
    ['ln Γ(1)', lnGamma(1), 0], ['ln Γ(0.5)', lnGamma(0.5), Math.log(Math.sqrt(Math.PI))], ['ln Γ(10)', lnGamma(10), Math.log(362880)],
  ];
  for (const [what, got, want] of cases) {
    if (Number.isNaN(want)) assert.ok(Number.isNaN(got), what);
    else assert.ok(Math.abs(got - want) < 1e-12, `${what}: expected ${want}, found ${got}`);
  }
});
