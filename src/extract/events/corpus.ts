/**
 * SENTiVENT documents: reading, the fixed held-aside split, and gold labels
 * over our own tokens (the model reads text as dealgraph tokenizes it, never
 * the corpus's tokens, so it reads any article the same way).
 */
import { readFileSync } from 'node:fs';
import { DealgraphError } from '../../errors.js';
import { hashString } from '../../nlp/ner/hash.js';
import { corpusPath } from '../../ingest/corpora.js';
import { analyze } from '../../nlp/index.js';
import type { FeatureResources } from '../../nlp/ner/features.js';
import type { NerModel } from '../../nlp/ner/index.js';
import { ARG_WINDOW, tokenView, type TokenView } from './features.js';
import { bioB } from './linear.js';
import type { Embeddings } from './embeddings.js';
import type { EventRecord, SentiventDoc } from './types.js';

export const SENTIVENT_PATH = (): string => corpusPath('sentivent', 'sentivent-dev.jsonl');

/** The fixed held-aside part: one document in five, by a hash of its id. Never tuned on. */
export const isHeldAside = (id: string): boolean => hashString(id) % 5 === 0;
/** Inside the development part, the documents used to choose epochs and biases (the model is then retrained on all). */
export const isTunePart = (id: string): boolean => hashString(id) % 5 === 1;

export function readDocs(path: string): SentiventDoc[] {
  let raw: string;
  try { raw = readFileSync(path, 'utf8'); } catch { throw new DealgraphError('expected a JSONL file of documents, found nothing readable', path); }
  const out: SentiventDoc[] = [];
  raw.split('\n').forEach((line, i) => {
    if (!line.trim()) return;
    let d: SentiventDoc;
    try { d = JSON.parse(line); } catch { throw new DealgraphError(`expected a JSON document on line ${i + 1}, found unparsable text`, path); }
    if (typeof d?.text !== 'string') throw new DealgraphError(`expected a "text" string on line ${i + 1}, found ${typeof d?.text}`, path);
    out.push({ ...d, id: String(d.id ?? `line-${i + 1}`) });
  });
  return out;
}

/** Gold events of a document in the output shape. */
export function goldEvents(d: SentiventDoc): EventRecord[] {
  return (d.events ?? []).map((e) => ({
    type: e.type, subtype: e.subtype, trigger: e.trigger, args: e.args, negated: e.negated, modality: e.otherModality ? 'speculative' : 'asserted',
  }));
}

/** Tokens [from, to) overlapping [start, end), or null. */
export function tokenRange(v: TokenView, start: number, end: number): [number, number] | null {
  const tok = v.tok;
  let lo = 0, hi = tok.length;
  while (lo < hi) { const mid = (lo + hi) >> 1; if (tok.end[mid] <= start) lo = mid + 1; else hi = mid; }
  let to = lo;
  while (to < tok.length && tok.start[to] < end) to++;
  return to > lo ? [lo, to] : null;
}

export interface GoldEventTokens {
  type: number; subtype: number; negated: boolean; speculative: boolean;
  ts: number; te: number;
  /** BIO role labels over the trigger's argument window (triggerContext) */
  argLabels: Uint16Array;
}

export interface TrainingDoc {
  doc: SentiventDoc;
  view: TokenView;
  /** BIO type labels per token */
  triggerLabels: Uint16Array;
  events: GoldEventTokens[];
}

export interface LabelSpace { types: string[]; roles: string[]; subtypes: string[] }

/** The recognizer's spans and the token view of a text. */
export function viewOf(text: string, ner: NerModel | undefined, res: FeatureResources | null, emb: Embeddings | null): TokenView {
  const an = analyze(text, { model: ner });
  return tokenView(an.tokens, an.spans, res, emb, true);
}

/** Gold labels over our tokens. Overlapping gold spans: the first (in corpus order) keeps the tokens. */
export function trainingDoc(doc: SentiventDoc, view: TokenView, L: LabelSpace): TrainingDoc {
  const tok = view.tok;
  const triggerLabels = new Uint16Array(tok.length);
  const events: GoldEventTokens[] = [];
  for (const e of doc.events ?? []) {
    const type = L.types.indexOf(e.type);
    const r = tokenRange(view, e.trigger.start, e.trigger.end);
    if (type < 0 || !r) continue;
    if (triggerLabels[r[0]] === 0) {
      for (let t = r[0]; t < r[1]; t++) if (triggerLabels[t] === 0) triggerLabels[t] = bioB(type) + (t > r[0] ? 1 : 0);
    }
    // The argument window around the trigger, as triggerContext sets it.
    const s = view.sentOf[r[0]], a = Math.max(tok.sent[s], r[0] - ARG_WINDOW), b = Math.min(tok.sent[s + 1], r[1] + ARG_WINDOW);
    const argLabels = new Uint16Array(b - a);
    for (const arg of e.args) {
      const role = L.roles.indexOf(arg.role);
      const ar = tokenRange(view, arg.start, arg.end);
      if (role < 0 || !ar || ar[0] < a || ar[1] > b) continue;
      if (argLabels[ar[0] - a] !== 0) continue;
      for (let t = ar[0]; t < ar[1]; t++) if (argLabels[t - a] === 0) argLabels[t - a] = bioB(role) + (t > ar[0] ? 1 : 0);
    }
    const subtype = L.subtypes.indexOf(`${e.type}/${e.subtype ?? ''}`);
    events.push({ type, subtype: Math.max(0, subtype), negated: e.negated, speculative: e.otherModality, ts: r[0], te: r[1], argLabels });
  }
  return { doc, view, triggerLabels, events };
}

/** Label lists from training documents, sorted so the same documents give the same model. */
export function labelSpace(docs: readonly SentiventDoc[]): LabelSpace & { allowedRoles: number[][] } {
  const types = [...new Set(docs.flatMap((d) => (d.events ?? []).map((e) => e.type)))].sort();
  const roles = [...new Set(docs.flatMap((d) => (d.events ?? []).flatMap((e) => e.args.map((a) => a.role))))].sort();
  const subtypes = [...new Set(docs.flatMap((d) => (d.events ?? []).map((e) => `${e.type}/${e.subtype ?? ''}`)))].sort();
  const allowed = types.map(() => new Set<number>());
  for (const d of docs) for (const e of d.events ?? []) for (const a of e.args) allowed[types.indexOf(e.type)].add(roles.indexOf(a.role));
  return { types, roles, subtypes, allowedRoles: allowed.map((s) => [...s].sort((x, y) => x - y)) };
}
