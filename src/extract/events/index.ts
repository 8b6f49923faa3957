/**
 * The event model's public face: `findEvents(text)` gives the events of an
 * article (SENTiVENT's 18 types, their arguments with roles, negation and
 * modality), learnt from annotated news rather than written per sentence.
 * The model is loaded once from `models/events.bin.gz` (`npm run train:events`).
 */
import { join } from 'node:path';
import { REPO_ROOT } from '../../ingest/corpora.js';
import { defaultModel as defaultNer } from '../../nlp/ner/index.js';
import type { Analysis } from '../../nlp/index.js';
import { tokenView } from './features.js';
import { loadEventModel, predictEvents, type EventModel } from './model.js';
import { viewOf } from './corpus.js';
import { emptyScores, scoreDocument, type EventScores } from './score.js';
import type { EventRecord, PredictedEvent, SentiventDoc } from './types.js';
import { goldEvents } from './corpus.js';

export const DEFAULT_EVENT_MODEL_PATH = join(REPO_ROOT, 'models', 'events.bin.gz');
let cached: EventModel | null = null;

export function defaultEventModel(): EventModel {
  if (!cached) cached = loadEventModel(process.env.DEALGRAPH_EVENT_MODEL ?? DEFAULT_EVENT_MODEL_PATH);
  return cached;
}

export interface FindEventsOptions {
  /** the NLP stage's analysis of the same text, when already made */
  analysis?: Analysis;
  model?: EventModel;
  explain?: boolean;
}

export function findEvents(text: string, opts: FindEventsOptions = {}): PredictedEvent[] {
  const model = opts.model ?? defaultEventModel();
  const res = defaultNer().resources;
  const view = opts.analysis ? tokenView(opts.analysis.tokens, opts.analysis.spans, res, model.emb) : viewOf(text, undefined, res, model.emb);
  return predictEvents(model, view, { explain: opts.explain });
}

/** The output record of a predicted event (offsets into the text). */
export function eventRecord(e: PredictedEvent): EventRecord {
  return { type: e.type, subtype: e.subtype, trigger: e.trigger, args: e.args, negated: e.negated, modality: e.modality };
}

/**
 * Predicts every document from its text alone (gold events are never read for
 * prediction) and, where a document carries gold events, scores it.
 */
export function evaluateDocs(model: EventModel, docs: readonly SentiventDoc[]): { scores: EventScores; scored: number; predictions: { id: string; events: EventRecord[] }[] } {
  const scores = emptyScores();
  const predictions: { id: string; events: EventRecord[] }[] = [];
  let scored = 0;
  for (const d of docs) {
    const events = findEvents(d.text, { model }).map(eventRecord);
    predictions.push({ id: d.id, events });
    if (Array.isArray(d.events)) { scoreDocument(scores, d.text, goldEvents(d), events); scored++; }
  }
  return { scores, scored, predictions };
}

export { isHeldAside, isTunePart, readDocs, SENTIVENT_PATH } from './corpus.js';
export { formatScores, f1, macroF, type EventScores } from './score.js';
export { EVENT_TYPES, type EventRecord, type PredictedEvent, type SentiventDoc } from './types.js';
export { loadEventModel, serializeEventModel, deserializeEventModel, type EventModel } from './model.js';
