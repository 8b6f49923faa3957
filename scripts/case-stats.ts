/**
 * Casing statistics from unlabeled news (Reuters-21578 titles are skipped:
 * they are all caps): for each lowercased word seen at least 3 times
 * mid-sentence, a bucket of how often it is capitalized there. "Said" is
 * almost never capitalized mid-sentence; "Reagan" almost always; "Bank" often.
 * That tells the recognizer, at a sentence start or in an all-caps headline,
 * whether a capitalized word is likely a name.
 */
import { readReutersFile } from '../src/ingest/reuters.js';
import { reutersFiles } from '../src/ingest/corpora.js';
import { tokenize } from '../src/nlp/tokenize.js';

export function caseRatioLines(minCount = 3): string[] {
  const cap = new Map<string, number>(), all = new Map<string, number>();
  for (const f of reutersFiles()) {
    for (const a of readReutersFile(f).articles) {
      const tok = tokenize(a.body);
      const text = a.body;
      for (let s = 0; s < tok.sentences; s++) {
        const from = tok.sent[s] + 1, to = tok.sent[s + 1];
        let upperOnly = true;
        for (let t = from; t < to && upperOnly; t++) { const w = text.slice(tok.start[t], tok.end[t]); if (w !== w.toUpperCase()) upperOnly = false; }
        if (upperOnly) continue;
        for (let t = from; t < to; t++) {
          const c = text.charCodeAt(tok.start[t]);
          const isLetter = (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
          if (!isLetter) continue;
          const w = text.slice(tok.start[t], tok.end[t]).toLowerCase();
          all.set(w, (all.get(w) ?? 0) + 1);
          if (c <= 90) cap.set(w, (cap.get(w) ?? 0) + 1);
        }
      }
    }
  }
  const lines: string[] = [];
  for (const [w, n] of [...all].sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0))) {
    if (n < minCount) continue;
    const r = (cap.get(w) ?? 0) / n;
    const bucket = r === 0 ? 1 : r < 0.1 ? 2 : r < 0.5 ? 3 : r < 0.95 ? 4 : 5;
    lines.push(`${w}\t${bucket + (n >= 50 ? 5 : 0)}`);
  }
  return lines;
}
