import { test } from 'node:test';
import assert from 'node:assert/strict';
import { skipWithoutCorpora } from '../../ingest/corpora.js';
import { defaultModel } from '../../nlp/ner/index.js';
import { isHeldAside, labelSpace, readDocs, SENTIVENT_PATH, trainingDoc, viewOf } from './corpus.js';
import { DEFAULT_TRAIN, trainEventModel } from './train.js';
import { deserializeEventModel, serializeEventModel } from './model.js';
import { evaluateDocs } from './index.js';
import { embeddingsFromWink } from './embeddings.js';

test('event training is deterministic: the same documents give the same model bytes', { skip: skipWithoutCorpora('event training determinism') }, () => {
  const docs = readDocs(SENTIVENT_PATH()).filter((d) => !isHeldAside(d.id)).slice(0, 12);
  const ner = defaultModel();
  const o = { ...DEFAULT_TRAIN, triggerEpochs: 2, argEpochs: 2, eventEpochs: 2, triggerBits: 16, argBits: 16 };
  const build = () => {
    const L = labelSpace(docs);
    const tdocs = docs.map((d) => trainingDoc(d, viewOf(d.text, ner, ner.resources, null), L));
    return serializeEventModel(trainEventModel(tdocs, L, o, null));
  };
  const a = build(), b = build();
  assert.ok(a.equals(b), 'two trainings differ');
  // The bytes read back into a model that predicts.
  const m = deserializeEventModel(a);
  const { predictions } = evaluateDocs(m, docs.slice(0, 2));
  assert.equal(predictions.length, 2);
});

test('training with word vectors, a sentence block, a hidden layer and bagging is deterministic and reads back the same', { skip: skipWithoutCorpora('event training with vectors') }, () => {
  const docs = readDocs(SENTIVENT_PATH()).filter((d) => !isHeldAside(d.id)).slice(0, 6);
  const ner = defaultModel(), emb = embeddingsFromWink(3000);
  const o = { ...DEFAULT_TRAIN, triggerEpochs: 2, argEpochs: 1, eventEpochs: 1, triggerBits: 14, argBits: 14, sentVec: true, hidden: 8, bag: 2 };
  const L = labelSpace(docs);
  const tdocs = docs.map((d) => trainingDoc(d, viewOf(d.text, ner, ner.resources, emb), L));
  const a = serializeEventModel(trainEventModel(tdocs, L, o, emb)), b = serializeEventModel(trainEventModel(tdocs, L, o, emb));
  assert.ok(a.equals(b), 'two trainings differ');
  const m = deserializeEventModel(a);
  assert.equal(m.hidden?.nh, 8);
  assert.deepEqual(m.header.dense, { ctx: 1, sent: true });
  // Written and read back twice, it predicts the same events.
  const p1 = evaluateDocs(m, docs.slice(0, 2)).predictions, p2 = evaluateDocs(deserializeEventModel(a), docs.slice(0, 2)).predictions;
  assert.deepEqual(p1, p2);
});

test('the held-aside split is fixed and about one document in five', { skip: skipWithoutCorpora('SENTiVENT split') }, () => {
  const docs = readDocs(SENTIVENT_PATH());
  const held = docs.filter((d) => isHeldAside(d.id)).length;
  assert.equal(docs.length, 231);
  assert.equal(held, 46);
});

test('readDocs names the file and line of a broken document', () => {
  assert.throws(() => readDocs('/nonexistent/x.jsonl'), /dealgraph: \/nonexistent\/x.jsonl: expected a JSONL file/);
});
