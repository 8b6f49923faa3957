/**
 * `npm run eval -- <what>`: quality figures against public, independently
 * annotated corpora.
 *   ner [--set testb|testa] [--model PATH] [--out FILE]   CoNLL-2003 phrase-level P/R/F1
 */
import { writeFileSync } from 'node:fs';
import { readConll } from '../src/nlp/conll.js';
import { corpusPath, corporaPresent } from '../src/ingest/corpora.js';
import { loadModel } from '../src/nlp/ner/model.js';
import { DEFAULT_MODEL_PATH } from '../src/nlp/ner/index.js';
import { conllevalLines, evaluateConll, formatScores } from '../src/nlp/ner/evaluate.js';

const [what, ...args] = process.argv.slice(2);
const opt = (name: string, def: string | null) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : def; };

function usage(msg: string): never {
  console.error(`dealgraph eval: ${msg}\nusage: npm run eval -- ner [--set testb|testa] [--model PATH] [--out FILE]`);
  process.exit(2);
}

if (!corporaPresent()) { console.error('dealgraph eval: needs ../shared/corpora, which is absent'); process.exit(2); }
switch (what) {
  case 'ner': {
    const set = opt('--set', 'testb')!;
    if (!['testa', 'testb', 'train'].includes(set)) usage(`expected --set testa|testb|train, found ${set}`);
    const model = loadModel(opt('--model', DEFAULT_MODEL_PATH)!);
    const docs = readConll(corpusPath('conll2003', `eng.${set}`));
    const t0 = performance.now();
    const r = evaluateConll(docs, model.scorers, model.resources);
    const secs = (performance.now() - t0) / 1000;
    console.log(`CoNLL-2003 eng.${set}: ${r.sentences.length} sentences, ${r.tokens} tokens, phrase-level exact match (conlleval)`);
    console.log(formatScores(r.scores));
    console.log(`(${Math.round(r.tokens / secs)} tokens/s incl. features)`);
    const out = opt('--out', null);
    if (out) { writeFileSync(out, conllevalLines(r)); console.log(`predictions written to ${out}`); }
    break;
  }
  default:
    usage(`expected what to evaluate (ner), found ${what ?? 'nothing'}`);
}
