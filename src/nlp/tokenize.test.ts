import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tokenize, MAX_SENTENCE_TOKENS } from './tokenize.js';

const words = (s: string) => { const t = tokenize(s); return Array.from({ length: t.length }, (_, i) => s.slice(t.start[i], t.end[i])); };
const sentences = (s: string) => { const t = tokenize(s); return Array.from({ length: t.sentences }, (_, k) => s.slice(t.start[t.sent[k]], t.end[t.sent[k + 1] - 1])); };

test('tokens follow CoNLL conventions', () => {
  const cases: [string, string[]][] = [
    ["GM's European unit", ['GM', "'s", 'European', 'unit']],
    ['the Anglo-Dutch group in the U.S. said', ['the', 'Anglo-Dutch', 'group', 'in', 'the', 'U.S.', 'said']],
    ['paid 1,000.5 mln dlrs (E92m) to AT&T Corp.', ['paid', '1,000.5', 'mln', 'dlrs', '(', 'E92m', ')', 'to', 'AT&T', 'Corp.']],
    ["It didn't say.", ['It', 'did', "n't", 'say', '.']],
    ['shares rose 14%.', ['shares', 'rose', '14', '%', '.']],
    ['BMW, Ford, Toyota, Mitsubishi and Fiat', ['BMW', ',', 'Ford', ',', 'Toyota', ',', 'Mitsubishi', 'and', 'Fiat']],
    ['"Somebody needs to be a first-mover," Marchionne said', ['"', 'Somebody', 'needs', 'to', 'be', 'a', 'first-mover', ',', '"', 'Marchionne', 'said']],
    ['on 1996-08-22 at 1/2 past', ['on', '1996-08-22', 'at', '1/2', 'past']],
    ["O'Neill and the Ltd. unit", ["O'Neill", 'and', 'the', 'Ltd.', 'unit']],
    ['Café Zürich … ok', ['Café', 'Zürich', '…', 'ok']],
    ['', []],
    ['   \n\n  ', []],
  ];
  for (const [input, expected] of cases) assert.deepEqual(words(input), expected, input);
});

test('offsets index the original string, including astral characters', () => {
  const s = 'Deal 📈 done by Ünïcode Corp.';
  const t = tokenize(s);
  for (let i = 0; i < t.length; i++) {
    assert.ok(t.start[i] < t.end[i] && t.end[i] <= s.length);
    assert.equal(s.slice(t.start[i], t.end[i]).trim(), s.slice(t.start[i], t.end[i]));
  }
  assert.deepEqual(words(s), ['Deal', '📈', 'done', 'by', 'Ünïcode', 'Corp.']);
});

test('sentences: terminal punctuation, abbreviations, quotes and Reuters paragraphs', () => {
  const cases: [string, string[]][] = [
    ['Shares rose 14%. "Somebody needs to move," he said. It ended.', ['Shares rose 14%.', '"Somebody needs to move," he said.', 'It ended.']],
    ['He bought Ford Motor Co. The deal closed.', ['He bought Ford Motor Co.', 'The deal closed.']],
    ['Castone Development Corp. said it agreed.', ['Castone Development Corp. said it agreed.']],
    ['Mr. J. Smith left. Dr. Varin stayed!', ['Mr. J. Smith left.', 'Dr. Varin stayed!']],
    ['The U.S. Treasury said so', ['The U.S. Treasury said so']],
    // Reuters wraps lines inside sentences and indents paragraphs.
    ['Meridian Energy Inc and Castone\nDevelopment Corp announced a deal\n    Terms were not disclosed', ['Meridian Energy Inc and Castone\nDevelopment Corp announced a deal', 'Terms were not disclosed']],
    ['HEADLINE WITHOUT STOP\n\nBody text here.', ['HEADLINE WITHOUT STOP', 'Body text here.']],
    // A first line in capitals is a headline and ends at a single newline; wrapped running text does not.
    ['APPLE TO BUY SHAZAM IN $400 MILLION DEAL\nApple Inc. agreed to buy Shazam.', ['APPLE TO BUY SHAZAM IN $400 MILLION DEAL', 'Apple Inc. agreed to buy Shazam.']],
    ['Chrysler Corp, American Motors Corp and General Motors Corp\nsaid they would merge.', ['Chrysler Corp, American Motors Corp and General Motors Corp\nsaid they would merge.']],
    // A title-case first line with a word of the story is a headline too; a wrapped line of names is not.
    ['American Airlines Marks Down Third Quarter Guidance\nAmerican Airlines Group Inc. said flights were canceled.', ['American Airlines Marks Down Third Quarter Guidance', 'American Airlines Group Inc. said flights were canceled.']],
    ['Apple Is Following Google Into Making A Custom AI Chip\nArtificial intelligence has begun seeping in.', ['Apple Is Following Google Into Making A Custom AI Chip', 'Artificial intelligence has begun seeping in.']],
    ['Pacific Stock Exchange Chairman\nMaurice Mann said the exchange may have reached a limit.', ['Pacific Stock Exchange Chairman\nMaurice Mann said the exchange may have reached a limit.']],
    ['Toyota Motor Sales U.S.A. Inc\nsaid domestic car sales rose.', ['Toyota Motor Sales U.S.A. Inc\nsaid domestic car sales rose.']],
    ['Shares rose. Meridian Energy Inc and Castone\nDevelopment Corp announced a deal.', ['Shares rose.', 'Meridian Energy Inc and Castone\nDevelopment Corp announced a deal.']],
  ];
  for (const [input, expected] of cases) assert.deepEqual(sentences(input), expected, input);
});

test('a very long line without punctuation is cut into bounded sentences', () => {
  const s = 'word '.repeat(200_000);
  const t = tokenize(s);
  assert.equal(t.length, 200_000);
  for (let k = 0; k < t.sentences; k++) assert.ok(t.sent[k + 1] - t.sent[k] <= MAX_SENTENCE_TOKENS);
  assert.equal(t.sent[t.sentences], t.length);
});

test('control characters and binary-looking bytes never crash the tokenizer', () => {
  const s = 'A\u0000B\u0007C \uFFFD\uD800 end';
  const t = tokenize(s);
  assert.ok(t.length >= 3);
  assert.equal(t.sent[t.sentences], t.length);
});
