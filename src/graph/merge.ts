/**
 * Merging one article's extraction into the graph: each article entity is
 * matched to a canonical entity of the same type by any of its normalized
 * names (manual corrections first; otherwise a known alias), else a new one
 * is created; its names accumulate as aliases, each merge with its reason.
 * Facts are stored with canonical ids; deal facts join their deal by key.
 */
import type { Extraction } from '../extract/schema.js';
import type { NewEvent, NewFact, Store } from '../store/types.js';
import { dealKey, factDate, normName } from './keys.js';
import { isGenericName } from '../extract/entities.js';

const ENTITY_ARG = new Set([
  'parties', 'acquirer', 'target', 'seller', 'buyer', 'holder', 'company', 'parent', 'child', 'person', 'org', 'speaker',
  'by', 'financer', 'defendant', 'complainant', 'location',
]);

/**
 * Merges one stored article's extraction into the graph. Entities are resolved one by one (a later name of the
 * article may match an alias an earlier one just added); its mentions, facts and events are then written in bulk.
 */
export async function mergeExtraction(store: Store, articleId: number, x: Extraction, nearDup: boolean): Promise<{ entities: number; facts: number }> {
  const global = new Map<string, number>();
  for (const e of x.entities) {
    // A description ("U.S. Company", "an investor group") names no one: it is not made a canonical entity,
    // so no deal or relation across articles can be keyed on it (its arguments stay unnamed).
    if (e.type === 'ORG' && isGenericName(e.name)) continue;
    // The article's fullest name is strong; its short forms and acronyms are weak aliases.
    const primary = normName(e.name);
    if (!primary) continue;
    const strong = (primary.includes(' ') || /\s(?:Inc|Corp|Co|Ltd|PLC|Plc|AG|SA|NV)\.?$/.test(e.name) || e.aliases.length > 0 || e.type === 'LOC');
    let id = await store.findEntity(e.type, [primary], { weak: !strong });
    let reason: string;
    if (id === null) { id = await store.createEntity(e.type, e.name); reason = 'first seen'; }
    else reason = `same ${e.type} name as in an earlier article ("${primary}")`;
    await store.addAlias(id, e.name, primary, { entityId: id, articleId, alias: e.name, reason }, true);
    for (const a of e.aliases) {
      const n = normName(a) || a.toLowerCase();
      await store.addAlias(id, a, n, { entityId: id, articleId, alias: a, reason: `short form of ${e.name} in article ${articleId}` }, n === primary);
    }
    global.set(e.id, id);
  }
  await store.addMentions(articleId, [...new Set(global.values())]);
  const g = (local: string) => global.get(local) ?? null;
  const facts: NewFact[] = [];
  for (const f of x.facts) {
    const args: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(f.args)) {
      if (ENTITY_ARG.has(k) && typeof v === 'string') args[k] = g(v);
      else if (ENTITY_ARG.has(k) && Array.isArray(v)) args[k] = v.map((x) => g(x as string));
      else args[k] = v;
    }
    // After merging, two roles of one fact may be one entity ("X is a unit of X"): such a fact says nothing.
    const ids = Object.entries(args).filter(([k]) => ENTITY_ARG.has(k)).flatMap(([, v]) => (Array.isArray(v) ? v : [v])).filter((v) => typeof v === 'number');
    if (f.type !== 'quote' && f.type !== 'role' && new Set(ids).size < ids.length) continue;
    const deal = dealKey(f, g, `a${articleId}`);
    const when = factDate(f, x);
    facts.push({
      articleId, type: f.type, args, status: f.status, negated: f.negated, modality: f.modality, date: when.date, dateSource: when.source, timeText: f.time?.text ?? null,
      evidence: f.evidence, confidence: f.confidence, rule: f.rule, nearDup, deal: deal ? { key: deal.key, type: f.type, parties: deal.parties, group: deal.group } : null,
    });
  }
  await store.insertFacts(facts);
  // Events keep every argument; those naming an entity carry its canonical id.
  const events: NewEvent[] = (x.events ?? []).map((e) => ({
    articleId, type: e.type, subtype: e.subtype, trigger: e.trigger, negated: e.negated, modality: e.modality, confidence: e.confidence,
    args: e.args.map((a) => ({ role: a.role, start: a.start, end: a.end, text: a.text, entity: a.entity ? g(a.entity) : null })),
    date: x.article.published, nearDup,
  }));
  await store.insertEvents(events);
  return { entities: global.size, facts: facts.length };
}
