import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { tokenize } from '../tokenize.js';
import { defaultModel, recognize } from './index.js';
import { deserializeModel } from './model.js';
import { DEFAULT_MODEL_PATH } from './index.js';

const names = (s: string) => recognize(tokenize(s)).map((e) => `${e.type}:${s.slice(e.start, e.end)}`);

// Real sentences (Reuters-21578 bodies, CoNLL-style news) and headlines; each
// lists spans that must be found and, where it matters, spans that must not.
const CASES: { text: string; has: string[]; not?: string[] }[] = [
  { text: 'Volkswagen AG said on Tuesday it would buy a stake in the Spanish carmaker Seat.', has: ['ORG:Volkswagen AG', 'MISC:Spanish', 'ORG:Seat'] },
  { text: "GM's European unit lost money.", has: ['ORG:GM', 'MISC:European'], not: ["ORG:GM's"] },
  { text: 'PSA CEO Philippe Varin said the talks were going well.', has: ['ORG:PSA', 'PER:Philippe Varin'], not: ['PER:CEO Philippe Varin'] },
  { text: 'PSA has struck partnerships with BMW, Ford, Toyota, Mitsubishi and Fiat.', has: ['ORG:PSA', 'ORG:BMW', 'ORG:Ford', 'ORG:Toyota', 'ORG:Mitsubishi', 'ORG:Fiat'] },
  { text: 'Meridian Energy Inc and Castone Development Corp, a privately-held company, jointly announced that they have decided to terminate the letter of intent.', has: ['ORG:Meridian Energy Inc', 'ORG:Castone Development Corp'] },
  { text: 'IBM and the EC agreed on Monday.', has: ['ORG:IBM', 'ORG:EC'] },
  { text: 'Chrysler Corp chairman Lee Iacocca said the company would buy American Motors Corp.', has: ['ORG:Chrysler Corp', 'PER:Lee Iacocca', 'ORG:American Motors Corp.'] },
  // A surname alone is resolved by the document: news names the person in full first.
  { text: 'PSA chief executive Philippe Varin spoke on Tuesday. Varin told reporters in Paris that Peugeot would remain independent.', has: ['PER:Philippe Varin', 'PER:Varin', 'LOC:Paris', 'ORG:Peugeot'] },
  { text: 'Ford Motor Co said it would close its plant in Dagenham, England.', has: ['ORG:Ford Motor Co', 'LOC:Dagenham', 'LOC:England'] },
  { text: 'CHRYSLER TO BUY AMERICAN MOTORS FOR 757 MLN DLRS', has: ['ORG:CHRYSLER'] },
  { text: 'Sumitomo Bank Ltd said it would take a 12.5 pct stake in Goldman Sachs and Co.', has: ['ORG:Sumitomo Bank Ltd', 'ORG:Goldman Sachs and Co.'] },
  { text: 'Treasury Secretary James Baker met West German Finance Minister Gerhard Stoltenberg in Washington.', has: ['PER:James Baker', 'PER:Gerhard Stoltenberg', 'LOC:Washington'] },
];

test('recognizes companies, people and places in real sentences', () => {
  for (const c of CASES) {
    const got = names(c.text);
    for (const h of c.has) assert.ok(got.includes(h), `${c.text}\n  expected ${h}\n  got ${got.join(' | ')}`);
    for (const h of c.not ?? []) assert.ok(!got.includes(h), `${c.text}\n  did not expect ${h}`);
  }
});

test('spans are inside the text and never cross sentence boundaries', () => {
  const text = 'Shares of Castone Development Corp rose.\n    Meridian Energy Inc said it would buy Castone. ' + 'x'.repeat(10);
  const tok = tokenize(text);
  for (const e of recognize(tok)) {
    assert.ok(e.start >= 0 && e.end <= text.length && e.start < e.end);
    assert.equal(text.slice(e.start, e.end).trim(), text.slice(e.start, e.end));
    let s = 0;
    while (tok.sent[s + 1] <= e.tokStart) s++;
    assert.ok(e.tokEnd <= tok.sent[s + 1], 'entity crosses a sentence boundary');
  }
});

test('empty and punctuation-only input give no entities', () => {
  assert.deepEqual(recognize(tokenize('')), []);
  assert.deepEqual(recognize(tokenize('... --- !!!')), []);
});

test('the model file is small, loads fast, and rejects corrupt bytes with a clear error', () => {
  const bytes = readFileSync(DEFAULT_MODEL_PATH);
  assert.ok(bytes.length < 15e6, `model is ${bytes.length} bytes`);
  const t0 = performance.now();
  const m = deserializeModel(bytes);
  assert.ok(performance.now() - t0 < 1000, 'model load over 1 s');
  assert.equal(m.scorers.length, defaultModel().scorers.length);
  assert.throws(() => deserializeModel(Buffer.from('not a model')), /expected a gzip-compressed dealgraph NER model/);
  assert.throws(() => deserializeModel(bytes.subarray(0, bytes.length >> 1)), /dealgraph:/);
});
