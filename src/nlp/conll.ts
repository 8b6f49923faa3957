/**
 * CoNLL-2003 reading and scoring. The corpus is IOB1 (`I-ORG` starts a phrase
 * unless it continues one of the same type; `B-` only between two adjacent
 * phrases of one type); we convert to IOB2 for training and output, and score
 * phrases by exact match as the `conlleval` script does.
 */
import { readFileSync } from 'node:fs';
import { DealgraphError } from '../errors.js';

export interface ConllSentence {
  words: string[];
  pos: string[];
  /** Gold tags exactly as in the file (IOB1). */
  tags: string[];
}
export interface ConllDocument {
  sentences: ConllSentence[];
}

export function parseConll(text: string, source = 'conll'): ConllDocument[] {
  const docs: ConllDocument[] = [];
  let doc: ConllDocument | null = null;
  let sent: ConllSentence | null = null;
  const lines = text.split('\n');
  for (let ln = 0; ln < lines.length; ln++) {
    const line = lines[ln].replace(/\r$/, '');
    if (line.startsWith('-DOCSTART-')) {
      doc = { sentences: [] };
      docs.push(doc);
      sent = null;
      continue;
    }
    if (line.trim() === '') { sent = null; continue; }
    const cols = line.split(' ');
    if (cols.length < 2) throw new DealgraphError(`${source}:${ln + 1}: expected "word POS chunk TAG", found ${JSON.stringify(line)}`);
    if (!doc) { doc = { sentences: [] }; docs.push(doc); }
    if (!sent) { sent = { words: [], pos: [], tags: [] }; doc.sentences.push(sent); }
    sent.words.push(cols[0]);
    sent.pos.push(cols[1]);
    sent.tags.push(cols[cols.length - 1]);
  }
  return docs;
}

export function readConll(path: string): ConllDocument[] {
  return parseConll(readFileSync(path, 'utf8'), path);
}

/** IOB1 or IOB2 → IOB2. */
export function toIob2(tags: readonly string[]): string[] {
  const out = new Array<string>(tags.length);
  for (let i = 0; i < tags.length; i++) {
    const t = tags[i];
    if (t === 'O' || t.length < 3) { out[i] = 'O'; continue; }
    const type = t.slice(2);
    if (t[0] === 'I' && (i === 0 || (out[i - 1] === 'O' || out[i - 1].slice(2) !== type))) out[i] = 'B-' + type;
    else out[i] = t;
  }
  return out;
}

export interface Phrase { type: string; start: number; end: number }

/** Phrases of an IOB2 sequence, conlleval-style (an `I-X` after `O` or another type starts a phrase). */
export function phrases(tags: readonly string[]): Phrase[] {
  const out: Phrase[] = [];
  let cur: Phrase | null = null;
  for (let i = 0; i < tags.length; i++) {
    const t = tags[i];
    const type = t === 'O' ? '' : t.slice(2);
    const begins = t !== 'O' && (t[0] === 'B' || !cur || cur.type !== type);
    if (cur && (t === 'O' || begins)) { cur.end = i; out.push(cur); cur = null; }
    if (begins) cur = { type, start: i, end: i + 1 };
  }
  if (cur) { cur.end = tags.length; out.push(cur); }
  return out;
}

export interface TypeScore { precision: number; recall: number; f1: number; gold: number; predicted: number; correct: number }

/** Phrase-level exact-match scores per type and overall (micro), as conlleval prints them. */
export function scorePhrases(gold: string[][], pred: string[][]): Record<string, TypeScore> {
  const counts = new Map<string, { g: number; p: number; c: number }>();
  const bump = (type: string, k: 'g' | 'p' | 'c') => {
    for (const key of [type, 'overall']) {
      let e = counts.get(key);
      if (!e) { e = { g: 0, p: 0, c: 0 }; counts.set(key, e); }
      e[k]++;
    }
  };
  for (let s = 0; s < gold.length; s++) {
    const gp = phrases(gold[s]), pp = phrases(pred[s]);
    const gkeys = new Set(gp.map((p) => `${p.type}:${p.start}:${p.end}`));
    for (const p of gp) bump(p.type, 'g');
    for (const p of pp) {
      bump(p.type, 'p');
      if (gkeys.has(`${p.type}:${p.start}:${p.end}`)) bump(p.type, 'c');
    }
  }
  const out: Record<string, TypeScore> = {};
  if (!counts.has('overall')) counts.set('overall', { g: 0, p: 0, c: 0 });
  for (const [type, { g, p, c }] of counts) {
    const precision = p ? (100 * c) / p : 0;
    const recall = g ? (100 * c) / g : 0;
    const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
    out[type] = { precision, recall, f1, gold: g, predicted: p, correct: c };
  }
  return out;
}
