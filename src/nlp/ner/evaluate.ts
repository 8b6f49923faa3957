/** Scores a recognizer on CoNLL documents, phrase-level exact match (conlleval). */
import type { ConllDocument } from '../conll.js';
import { scorePhrases, type TypeScore } from '../conll.js';
import type { FeatureResources } from './features.js';
import { LABEL_IOB2, type Scorer } from './model.js';
import { decodeStages } from './index.js';
import { conllDocTokens } from './train.js';

export interface ConllPrediction {
  /** per sentence: words, gold tags as in the corpus, gold IOB2, predicted IOB2 */
  sentences: { words: string[]; goldRaw: string[]; gold: string[]; pred: string[] }[];
  scores: Record<string, TypeScore>;
  tokens: number;
}

export function evaluateConll(docs: ConllDocument[], scorers: readonly Scorer[], res: FeatureResources): ConllPrediction {
  const sentences: ConllPrediction['sentences'] = [];
  let tokens = 0;
  for (const doc of docs) {
    if (doc.sentences.length === 0) continue;
    const { tok, tags } = conllDocTokens(doc);
    const out = decodeStages(tok, scorers, res);
    for (let s = 0; s < tok.sentences; s++) {
      const a = tok.sent[s], b = tok.sent[s + 1];
      const pred: string[] = [];
      for (let i = a; i < b; i++) pred.push(LABEL_IOB2[out[i]]);
      sentences.push({ words: doc.sentences[s].words, goldRaw: doc.sentences[s].tags, gold: tags[s], pred });
      tokens += b - a;
    }
  }
  const scores = scorePhrases(sentences.map((s) => s.gold), sentences.map((s) => s.pred));
  return { sentences, scores, tokens };
}

/** conlleval input: `token gold predicted`, IOB2, blank line between sentences. */
export function conllevalLines(p: ConllPrediction): string {
  const out: string[] = [];
  for (const s of p.sentences) {
    for (let i = 0; i < s.words.length; i++) out.push(`${s.words[i]} ${s.gold[i]} ${s.pred[i]}`);
    out.push('');
  }
  return out.join('\n');
}

export function formatScores(scores: Record<string, TypeScore>): string {
  const rows = ['type      precision  recall     F1     gold  predicted  correct'];
  for (const type of ['ORG', 'PER', 'LOC', 'MISC', 'overall']) {
    const s = scores[type];
    if (!s) continue;
    rows.push(`${type.padEnd(8)}  ${s.precision.toFixed(2).padStart(9)}  ${s.recall.toFixed(2).padStart(6)}  ${s.f1.toFixed(2).padStart(6)}  ${String(s.gold).padStart(6)}  ${String(s.predicted).padStart(9)}  ${String(s.correct).padStart(7)}`);
  }
  return rows.join('\n');
}
