import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseConll, phrases, scorePhrases, toIob2 } from './conll.js';

test('IOB1 → IOB2', () => {
  const cases: [string[], string[]][] = [
    [['I-ORG', 'I-ORG', 'O', 'I-PER'], ['B-ORG', 'I-ORG', 'O', 'B-PER']],
    [['I-LOC', 'B-LOC', 'I-LOC'], ['B-LOC', 'B-LOC', 'I-LOC']],
    [['I-ORG', 'I-PER'], ['B-ORG', 'B-PER']],
    [['O'], ['O']],
  ];
  for (const [iob1, iob2] of cases) assert.deepEqual(toIob2(iob1), iob2);
});

test('phrases as conlleval reads them (a stray I- starts a phrase)', () => {
  assert.deepEqual(phrases(['O', 'I-ORG', 'I-ORG', 'B-ORG', 'O', 'I-PER']), [
    { type: 'ORG', start: 1, end: 3 }, { type: 'ORG', start: 3, end: 4 }, { type: 'PER', start: 5, end: 6 },
  ]);
});

test('exact-match phrase scores', () => {
  const gold = [['B-ORG', 'I-ORG', 'O', 'B-PER'], ['B-LOC']];
  const pred = [['B-ORG', 'O', 'O', 'B-PER'], ['B-LOC']];
  const s = scorePhrases(gold, pred);
  assert.equal(s.overall.correct, 2);
  assert.equal(s.overall.gold, 3);
  assert.equal(s.overall.predicted, 3);
  assert.equal(s.ORG.f1, 0);
  assert.equal(s.PER.f1, 100);
  assert.ok(Math.abs(s.overall.f1 - 66.67) < 0.01);
});

test('parses documents and sentences; rejects malformed lines with the line number', () => {
  const docs = parseConll('-DOCSTART- -X- O O\n\nEU NNP I-NP I-ORG\nrejects VBZ I-VP O\n\nPeter NNP I-NP I-PER\n');
  assert.equal(docs.length, 1);
  assert.equal(docs[0].sentences.length, 2);
  assert.deepEqual(docs[0].sentences[0].tags, ['I-ORG', 'O']);
  assert.throws(() => parseConll('oneword\n', 'x.conll'), /x\.conll:1: expected "word POS chunk TAG"/);
});
