/**
 * `npm run train:events`: trains the event model on SENTiVENT's development
 * part (every document outside the held-aside fifth) and writes
 * models/events.bin.gz. Deterministic: the same corpus gives the same bytes.
 *
 * `--tune`: trains on the development part without its tune fifth, and scores
 * the tune fifth for a few settings, to choose the ones fixed below
 * (`--save PATH` also writes the last setting's model, for analysis with
 * `npm run eval -- events --data … --model PATH`). The held-aside part is read
 * by neither.
 */
import { writeFileSync } from 'node:fs';
import { defaultModel } from '../src/nlp/ner/index.js';
import { isHeldAside, isTunePart, labelSpace, readDocs, SENTIVENT_PATH, trainingDoc, viewOf } from '../src/extract/events/corpus.js';
import { DEFAULT_TRAIN, trainEventModel, type TrainOptions } from '../src/extract/events/train.js';
import { deserializeEventModel, serializeEventModel } from '../src/extract/events/model.js';
import { DEFAULT_EVENT_MODEL_PATH, evaluateDocs, formatScores, f1 } from '../src/extract/events/index.js';
import type { SentiventDoc } from '../src/extract/events/types.js';
import { embeddingsFromWink, type Embeddings } from '../src/extract/events/embeddings.js';

/** Vocabulary kept in the model: the most frequent words of the vector package. */
const VOCAB = 60000;

function prepare(docs: SentiventDoc[], emb: Embeddings) {
  const ner = defaultModel();
  const L = labelSpace(docs);
  return { L, tdocs: docs.map((d) => trainingDoc(d, viewOf(d.text, ner, ner.resources, emb), L)) };
}

function main(): void {
  const args = process.argv.slice(2);
  const all = readDocs(SENTIVENT_PATH());
  const dev = all.filter((d) => !isHeldAside(d.id));
  const t0 = performance.now();
  const emb = embeddingsFromWink(VOCAB);
  if (args.includes('--tune')) {
    const train = dev.filter((d) => !isTunePart(d.id)), tune = dev.filter((d) => isTunePart(d.id));
    const { L, tdocs } = prepare(train, emb);
    const grid: Partial<TrainOptions>[] = JSON.parse(args[args.indexOf('--tune') + 1] ?? '[{}]');
    for (const g of grid) {
      const o = { ...DEFAULT_TRAIN, ...g };
      // Scored as it is written and read back (pruned, quantized): the run-time model.
      const bytes = serializeEventModel(trainEventModel(tdocs, L, o, emb));
      if (args.includes('--save')) writeFileSync(args[args.indexOf('--save') + 1], bytes);
      const m = deserializeEventModel(bytes);
      // Biases act at run time only: each is scored on the same trained model.
      const biases: [number, number][] = args.includes('--bias') ? JSON.parse(args[args.indexOf('--bias') + 1]) : [[o.triggerBias, o.argBias]];
      for (const [tb, ab] of biases) {
        m.header.triggerBias = tb; m.header.argBias = ab;
        const { scores } = evaluateDocs(m, tune);
        const r = (c: typeof scores.triggerCls) => { const x = f1(c); return `P ${x.p.toFixed(3)} R ${x.r.toFixed(3)} F ${x.f.toFixed(3)}`; };
        console.log(JSON.stringify(g), `bias ${tb},${ab}`, `trigger-cls ${r(scores.triggerCls)} | arg-cls ${r(scores.argCls)}`);
        if (args.includes('--verbose')) console.log(formatScores(scores, `tune part (${tune.length} documents)`));
      }
    }
    return;
  }
  const { L, tdocs } = prepare(dev, emb);
  const m = trainEventModel(tdocs, L, DEFAULT_TRAIN, emb, (s) => console.log(s));
  m.header.training = { ...m.header.training, corpus: 'sentivent-dev.jsonl without its held-aside fifth', heldAside: all.length - dev.length };
  const bytes = serializeEventModel(m);
  writeFileSync(DEFAULT_EVENT_MODEL_PATH, bytes);
  console.log(`wrote ${DEFAULT_EVENT_MODEL_PATH}: ${(bytes.length / 1e6).toFixed(2)} MB, ${dev.length} documents, ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}

main();
