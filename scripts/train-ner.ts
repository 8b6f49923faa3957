/**
 * `npm run train:ner`: trains the entity recognizer on CoNLL-2003 eng.train,
 * picks the epoch by F1 on eng.testa, prunes and quantizes, and writes
 * models/ner.bin.gz. Deterministic: the same corpus gives the same file.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { readConll } from '../src/nlp/conll.js';
import { corpusPath, corporaPresent, REPO_ROOT } from '../src/ingest/corpora.js';
import { makeInstances, predict, train } from '../src/nlp/ner/train.js';
import { evaluateConll, formatScores } from '../src/nlp/ner/evaluate.js';
import { deserializeModel, parseCaseRatio, parseClusters, saveModel, serializeModel, type DenseScorer } from '../src/nlp/ner/model.js';
import { extractStage2, type FeatureResources } from '../src/nlp/ner/features.js';
import { buildGazetteer } from './gazetteers.js';
import { caseRatioLines } from './case-stats.js';

const args = process.argv.slice(2);
const opt = (name: string, def: string) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : def; };
const epochs = Number(opt('--epochs', '10'));
const minWeight = Number(opt('--min-weight', '0.05'));
const out = opt('--out', join(REPO_ROOT, 'models', 'ner.bin.gz'));
const clustersPath = opt('--clusters', join(REPO_ROOT, 'models', 'word-clusters.tsv'));
const noGaz = args.includes('--no-gazetteer');
const seed = Number(opt('--seed', '7'));

if (!corporaPresent()) { console.error('dealgraph: train:ner needs ../shared/corpora/conll2003, which is absent'); process.exit(2); }
const t0 = performance.now();
const clustersText = existsSync(clustersPath) && !args.includes('--no-clusters') ? readFileSync(clustersPath, 'utf8') : '';
const { gaz, counts } = noGaz ? { gaz: null, counts: {} } : buildGazetteer();
console.log(`gazetteers: ${JSON.stringify(counts)}`);
console.log(`clusters: ${clustersText ? clustersPath : 'none'}`);
const caseLines = args.includes('--no-case') ? [] : caseRatioLines();
console.log(`case statistics: ${caseLines.length} words`);
const res: FeatureResources = { clusters: clustersText ? parseClusters(clustersText) : null, gazetteer: gaz, caseRatio: caseLines.length ? parseCaseRatio(caseLines.join('\n')) : null };
const trainDocs = readConll(corpusPath('conll2003', 'eng.train'));
const devDocs = readConll(corpusPath('conll2003', 'eng.testa'));
const instances = makeInstances(trainDocs, res);
console.log(`features ready: ${instances.length} documents, ${((performance.now() - t0) / 1000).toFixed(1)}s`);

const elapsed = () => `${((performance.now() - t0) / 1000).toFixed(0)}s`;
type Best = { f1: number; epoch: number; m: DenseScorer | null };

// Stage 1: the sentence-level model.
let best1: Best = { f1: -1, epoch: 0, m: null };
train(instances, {
  epochs,
  seed,
  onEpoch(ep, avg) {
    const f1 = evaluateConll(devDocs, [avg], res).scores.overall.f1;
    console.log(`stage 1 epoch ${ep}: testa F1 ${f1.toFixed(2)} (${elapsed()})`);
    if (f1 > best1.f1) best1 = { f1, epoch: ep, m: avg };
  },
});

// More seeds at the chosen epoch count, weights averaged: less variance from the shuffle order.
const ensemble = Number(opt('--ensemble', '4'));
function averageInto(base: DenseScorer, more: DenseScorer[]): DenseScorer {
  const k = more.length + 1;
  for (const m of more) { for (let i = 0; i < base.w.length; i++) base.w[i] += m.w[i]; for (let i = 0; i < base.trans.length; i++) base.trans[i] += m.trans[i]; }
  for (let i = 0; i < base.w.length; i++) base.w[i] /= k;
  for (let i = 0; i < base.trans.length; i++) base.trans[i] /= k;
  return base;
}
if (ensemble > 1) {
  const more = Array.from({ length: ensemble - 1 }, (_, j) => train(instances, { epochs: best1.epoch, seed: seed + 100 * (j + 1) }));
  averageInto(best1.m!, more);
  best1.f1 = evaluateConll(devDocs, [best1.m!], res).scores.overall.f1;
  console.log(`stage 1 ensemble of ${ensemble}: testa F1 ${best1.f1.toFixed(2)} (${elapsed()})`);
}

// Stage 2: jackknifed stage-1 predictions over the training documents, so that
// stage 2 learns how far to trust stage 1 on text stage 1 has not seen.
const folds = 5;
const labels1 = new Array<Uint8Array>(instances.length);
for (let k = 0; k < folds; k++) {
  const m = train(instances.filter((_, i) => i % folds !== k), { epochs: best1.epoch, seed: seed + 10 + k });
  instances.forEach((inst, i) => { if (i % folds === k) labels1[i] = predict(m, inst); });
  console.log(`jackknife fold ${k + 1}/${folds} (${elapsed()})`);
}
for (let i = 0; i < instances.length; i++) {
  instances[i].feats2 = extractStage2(instances[i].tok, instances[i].feats, labels1[i]);
}
let best2: Best = { f1: -1, epoch: 0, m: null };
if (!args.includes('--one-stage')) {
  train(instances, {
    epochs,
    seed: seed + 1,
    onEpoch(ep, avg) {
      const f1 = evaluateConll(devDocs, [best1.m!, avg], res).scores.overall.f1;
      console.log(`stage 2 epoch ${ep}: testa F1 ${f1.toFixed(2)} (${elapsed()})`);
      if (f1 > best2.f1) best2 = { f1, epoch: ep, m: avg };
    },
  });
}
if (ensemble > 1 && best2.m) {
  const more = Array.from({ length: ensemble - 1 }, (_, j) => train(instances, { epochs: best2.epoch, seed: seed + 1 + 100 * (j + 1) }));
  averageInto(best2.m, more);
  best2.f1 = evaluateConll(devDocs, [best1.m!, best2.m], res).scores.overall.f1;
  console.log(`stage 2 ensemble of ${ensemble}: testa F1 ${best2.f1.toFixed(2)} (${elapsed()})`);
}
const stages = [best1.m!, ...(best2.m ? [best2.m] : [])];
const { bytes, kept } = serializeModel(stages, {
  trainedOn: 'CoNLL-2003 eng.train', epochs: best2.m ? best2.epoch : best1.epoch,
  dev: { testaF1stage1: Number(best1.f1.toFixed(2)), testaF1: Number(Math.max(best1.f1, best2.f1).toFixed(2)), stage1Epochs: best1.epoch, stage2Epochs: best2.epoch },
  createdBy: 'npm run train:ner', gazetteer: gaz ? gaz.toLists() : {}, clusters: clustersText.split('\n').filter((l) => l && l[0] !== '#').join('\n'), caseRatio: caseLines.join('\n'),
}, minWeight);
saveModel(out, bytes);
const model = deserializeModel(bytes);
const check = evaluateConll(devDocs, model.scorers, model.resources);
console.log(`stage 1 epochs ${best1.epoch}, stage 2 epochs ${best2.epoch}; kept ${kept.join(' + ')} features; ${out}: ${(statSync(out).size / 1e6).toFixed(2)} MB`);
console.log('testa after pruning and quantization:\n' + formatScores(check.scores));
console.log(`total ${elapsed()}`);
