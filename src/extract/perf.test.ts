/**
 * Extraction time must grow about linearly with the text: no regex may
 * backtrack without bound on long runs of words, commas or names, and no step
 * may compare every name with every other.
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

const timed = (text: string): number => {
  const t0 = performance.now();
  extract({ id: 'perf', source: 'perf', text });
  return performance.now() - t0;
};

test('extraction stays fast on pathological text', () => {
  timed('Acme Corp said it agreed to buy Zenith Inc.'); // the recognizer's model loads once, outside the timings
  for (const [name, text] of CASES) {
    const ms = timed(text);
    assert.ok(ms < 1500, `${name}: ${ms.toFixed(0)} ms for ${text.length} characters`);
  }
});

/** Distinct company names: "Norwa Corp", "Norwb Corp", … (a list, each name once). */
const names = (n: number): string[] => Array.from({ length: n }, (_, i) => `Nor${String.fromCharCode(97 + (i % 26))}${String.fromCharCode(97 + ((i / 26) | 0) % 26)}${(i / 676) | 0 ? 'x'.repeat((i / 676) | 0) : ''} Corp`);
const WORDS = 'the company said Acme Corp shares rose pct in trading and Beta Inc agreed to buy the French group'.split(' ');

/** Each input at scale k: long articles of repeated names, lists of names, one huge line. */
const GROWING: [string, (k: number) => string][] = [
  ['the same deal stated again and again', (k) => 'Acme Corp agreed to acquire Beta Inc. '.repeat(k)],
  ['a long list of names in one sentence', (k) => `Acme Corp formed an alliance with ${names(k).join(', ')} and Beta Inc.`],
  ['many sentences each naming new companies', (k) => { const ns = names(k / 2); return ns.map((n, i) => `${n} said it agreed to buy ${ns[(i * 7) % ns.length]}.`).join(' '); }],
  ['one line of words without a full stop', (k) => Array.from({ length: k * 6 }, (_, i) => WORDS[(i * 7 + 3) % WORDS.length]).join(' ')],
  ['banks named with their towns', (k) => 'Citizens Bank of Roseville said it agreed to buy Acme Corp. '.repeat(k / 2)],
  ['divisions of companies', (k) => 'The Measurement Systems Division of Page-Wilson Corp was sold on Monday to Acme Corp. '.repeat(k / 2)],
  ['place possessives before company names', (k) => "Sweden's Electrolux AB said Wendy's International Inc's unit bought Heinl's Nursery Inc. ".repeat(k / 2)],
  ['quotations, each attributed or going on from the one before, among other people', (k) => Array.from({ length: k / 4 }, (_, i) => `"We will grow ${i} again," said John Smith.\n"Another thing entirely here ${i}."\nMary Jones met Bob Brown.\n`).join('')],
  ['pronouns and dates in a long paragraph', (k) => 'John Smith, chief executive of Acme Corp, said on Monday he agreed to buy Beta Inc on March 3, 1987. '.repeat(k / 2)],
];

test('extraction time grows linearly: about four times the text takes well under twice four times as long', () => {
  timed('Acme Corp said it agreed to buy Zenith Inc.');
  for (const [name, make] of GROWING) {
    const small = make(1000), large = make(4000);
    timed(make(200)); // warm up this input's code paths
    // The fastest of a few runs: the machine may be busy with other work.
    const a = Math.min(timed(small), timed(small), timed(small)), b = Math.min(timed(large), timed(large));
    const grew = large.length / small.length;
    console.log(`${name}: ${small.length} chars ${a.toFixed(0)} ms, ${large.length} chars ${b.toFixed(0)} ms (text ×${grew.toFixed(1)}, time ×${(b / a).toFixed(1)})`);
    // Linear: time grows as the text does; quadratic: with its square (×16 here). Twice the text's growth leaves room for a busy machine.
    assert.ok(b < 2 * grew * a + 50, `${name}: ${a.toFixed(0)} ms for ${small.length} characters, ${b.toFixed(0)} ms for ${large.length}`);
  }
});
