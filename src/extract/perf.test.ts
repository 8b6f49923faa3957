/**
 * Extraction time must grow about linearly with the text: no regex may
 * backtrack without bound on long runs of words, commas or names.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extract } from './index.js';

const CASES: [string, string][] = [
  ['a name, an aside and no closing comma', 'Acme Corp , a ' + 'maker of very fine widgets and gadgets '.repeat(60) + 'said it bought Zenith Inc.'],
  ['many commas', 'Alpha Corp, Beta Inc, Gamma Ltd, '.repeat(200) + 'and Delta Co said they agreed to merge.'],
  ['a long earnings table', 'Shr 1.20 dlrs vs 1.10 dlrs Net 20 mln vs 18 mln Revs 300 mln vs 280 mln '.repeat(100)],
  ['one long unpunctuated sentence', 'the company said that the group would consider the offer from the bidder '.repeat(150)],
];

test('extraction stays fast on pathological text', () => {
  for (const [name, text] of CASES) {
    const t0 = performance.now();
    extract({ id: name, source: name, text });
    const ms = performance.now() - t0;
    assert.ok(ms < 1500, `${name}: ${ms.toFixed(0)} ms for ${text.length} characters`);
  }
});
