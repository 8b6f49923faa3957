/**
 * Merging one article's extraction into the graph: each article entity is
 * matched to a canonical entity of the same type by any of its normalized
 * names (manual corrections first; otherwise a known alias), else a new one
 * is created; its names accumulate as aliases, each merge with its reason.
 * Facts are stored with canonical ids; deal facts join their deal by key.
 */
import type { Extraction } from '../extract/schema.js';
import type { Store } from '../store/types.js';
import { dealKey, factDate, normName } from './keys.js';

const ENTITY_ARG = new Set(['parties', 'acquirer', 'target', 'seller', 'buyer', 'holder', 'company', 'parent', 'child', 'person', 'org', 'speaker']);

export function mergeExtraction(store: Store, articleId: number, x: Extraction, nearDup: boolean): { entities: number; facts: number } {
  const global = new Map<string, number>();
  for (const e of x.entities) {
    const names = [e.name, ...e.aliases];
    const norms = [...new Set(names.map(normName).filter(Boolean))];
    if (norms.length === 0) continue;
    let id = store.findEntity(e.type, norms);
    let reason: string;
    if (id === null) { id = store.createEntity(e.type, e.name); reason = 'first seen'; }
    else reason = `same ${e.type} name as an earlier article ("${norms[0]}")`;
    for (const n of names) store.addAlias(id, n, normName(n) || n.toLowerCase(), { entityId: id, articleId, alias: n, reason });
    store.addMention(articleId, id);
    global.set(e.id, id);
  }
  const g = (local: string) => global.get(local) ?? null;
  let facts = 0;
  for (const f of x.facts) {
    const args: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(f.args)) {
      if (ENTITY_ARG.has(k) && typeof v === 'string') args[k] = g(v);
      else if (ENTITY_ARG.has(k) && Array.isArray(v)) args[k] = v.map((x) => g(x as string));
      else args[k] = v;
    }
    const deal = dealKey(f, g);
    store.insertFact({
      articleId, type: f.type, args, status: f.status, negated: f.negated, modality: f.modality, date: factDate(f, x), timeText: f.time?.text ?? null,
      evidence: f.evidence, confidence: f.confidence, rule: f.rule, nearDup,
    }, deal ? { key: deal.key, type: f.type, parties: deal.parties } : null);
    facts++;
  }
  return { entities: global.size, facts };
}
