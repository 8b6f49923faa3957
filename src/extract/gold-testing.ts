/** Test helper: the extraction that states exactly a gold article's facts (one entity per distinct name). */
import { ENTITY_ARGS, type GoldFact } from './gold.js';
import { SCHEMA_ID, type Entity, type Extraction, type Fact } from './schema.js';

export function perfectExtraction(facts: readonly GoldFact[], articleId: string, rename: (name: string) => Partial<Entity> = () => ({})): Extraction {
  const entities: Entity[] = [];
  const idOf = (name: string): string => {
    let e = entities.find((x) => x.name === name);
    if (!e) {
      e = { id: `e${entities.length + 1}`, type: 'ORG', name, aliases: [], mentions: [], ...rename(name) };
      entities.push(e);
    }
    return e.id;
  };
  const out = facts.map((f, i) => {
    const args: Record<string, unknown> = { ...f.args };
    for (const k of ENTITY_ARGS[f.type]) {
      const v = args[k];
      if (Array.isArray(v)) args[k] = v.map((x) => idOf(String(x)));
      else if (typeof v === 'string') args[k] = idOf(v);
    }
    return { id: `f${i + 1}`, type: f.type, args, status: f.status, negated: f.negated, modality: f.modality, time: null,
      evidence: [{ start: 0, end: 1 }], confidence: 1, rule: 'test' } as unknown as Fact;
  });
  return { schema: SCHEMA_ID, article: { id: articleId, source: 'test', title: null, dateline: null, published: null, chars: 1 }, entities, events: [], facts: out };
}
