/**
 * `dealgraph export`: the whole graph for other tools. JSON-LD speaks
 * schema.org (Organization, Person, Place, NewsArticle; a deal is an Event
 * whose parties keep their roles), GraphML is one graph of entities, deals and
 * articles, and CSV is one file per table. Each carries the deals (parties,
 * status, value), the articles (title, date, URL) and every fact with its
 * evidence text.
 */
import { parseArgs } from 'node:util';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DealgraphError } from '../errors.js';
import { dealValue } from '../graph/query.js';
import type { ArticleRow, DealRow, EntityRow, FactRow, Store } from '../store/types.js';
import { csv, withStore } from './graph-commands.js';
import type { Io } from './main.js';

/** Everything an export writes, read once. */
interface Graph {
  entities: EntityRow[];
  articles: ArticleRow[];
  deals: (DealRow & { value: string | null })[];
  facts: (FactRow & { evidenceText: string })[];
  /** entity ids merged into another (manual merges), to the id they joined */
  roots: Map<number, number>;
}

async function readGraph(store: Store): Promise<Graph> {
  const entities = await store.allEntities();
  const articles: ArticleRow[] = [];
  for (let page; (page = (await store.listArticles({ limit: 10_000, offset: articles.length })).items).length;) articles.push(...page);
  articles.sort((a, b) => a.id - b.id);
  const facts = (await store.allFacts()).filter((f) => !f.nearDup);
  // Evidence as the article's words; facts come in article order, so one text is read per article.
  let textOf: { id: number; text: string } = { id: -1, text: '' };
  const evidence = async (f: FactRow) => {
    if (textOf.id !== f.articleId) textOf = { id: f.articleId, text: (await store.articleText(f.articleId)) ?? '' };
    return f.evidence.map((e) => textOf.text.slice(e.start, e.end).replace(/\s+/g, ' ').trim()).join(' … ');
  };
  const byDeal = new Map<number, FactRow[]>();
  for (const f of facts) {
    if (f.dealId === null) continue;
    const list = byDeal.get(f.dealId);
    if (list) list.push(f); else byDeal.set(f.dealId, [f]);
  }
  const deals = (await store.deals({})).sort((a, b) => a.id - b.id).map((d) => ({ ...d, value: dealValue(byDeal.get(d.id) ?? [])?.text ?? null }));
  const known = new Set(entities.map((e) => e.id));
  const roots = new Map<number, number>();
  for (const f of facts) for (const [k, v] of Object.entries(f.args)) {
    if (!ENTITY.test(k)) continue;
    for (const n of Array.isArray(v) ? v : [v]) if (typeof n === 'number' && !known.has(n) && !roots.has(n)) roots.set(n, (await store.entity(n))?.id ?? n);
  }
  const withText = [];
  for (const f of facts) withText.push({ ...f, evidenceText: await evidence(f) });
  return { entities, articles, deals, facts: withText, roots };
}

const ENTITY_TYPE: Record<string, string> = { ORG: 'Organization', PER: 'Person', LOC: 'Place', MISC: 'Thing' };
const id = (kind: string, n: number) => `urn:dealgraph:${kind}:${n}`;
const ref = (kind: string, n: number) => ({ '@id': id(kind, n) });

/** The arguments that name entities (by canonical id); the others are values (percent, count…). */
const ENTITY = /^(parties|acquirer|target|seller|buyer|holder|company|parent|child|person|org|speaker|by|financer|defendant|complainant|location)$/;

/** A fact's arguments with entity ids as references. */
function args(f: FactRow, root: (n: number) => number): Record<string, unknown> {
  return Object.fromEntries(Object.entries(f.args).map(([k, v]) => [`dg:${k}`,
    ENTITY.test(k) && typeof v === 'number' ? ref('entity', root(v)) : ENTITY.test(k) && Array.isArray(v) ? v.map((x) => (typeof x === 'number' ? ref('entity', root(x)) : x)) : v]));
}

export function jsonLd(g: Graph): unknown {
  const root = (n: number) => g.roots.get(n) ?? n;
  const dealName = (d: DealRow) => `${d.type}: ${d.parties.map((p) => `${p.name} (${p.role})`).join(', ')}`;
  return {
    '@context': { '@vocab': 'https://schema.org/', dg: 'https://dealgraph.invalid/vocab#' },
    '@graph': [
      ...g.entities.map((e) => ({ '@id': id('entity', e.id), '@type': ENTITY_TYPE[e.type] ?? 'Thing', name: e.name, alternateName: e.aliases, 'dg:articles': e.articles })),
      ...g.articles.map((a) => ({
        '@id': id('article', a.id), '@type': 'NewsArticle', headline: a.title, datePublished: a.published, url: a.url, identifier: a.extId,
        'dg:source': a.source, ...(a.nearDupOf !== null ? { 'dg:copyOf': ref('article', a.nearDupOf) } : {}),
      })),
      ...g.deals.map((d) => ({
        '@id': id('deal', d.id), '@type': 'Event', additionalType: `dg:${d.type}`, name: dealName(d), startDate: d.firstSeen, endDate: d.lastSeen,
        'dg:status': d.status, 'dg:value': d.value, about: d.parties.map((p) => ref('entity', p.entity)),
        'dg:party': d.parties.map((p) => ({ '@type': 'Role', roleName: p.role, 'dg:entity': ref('entity', p.entity) })),
      })),
      ...g.facts.map((f) => ({
        '@id': id('fact', f.id), '@type': 'dg:Fact', additionalType: `dg:${f.type}`, ...args(f, root), 'dg:status': f.status, 'dg:negated': f.negated,
        'dg:modality': f.modality, 'dg:date': f.date, ...(f.dealId !== null ? { 'dg:deal': ref('deal', f.dealId) } : {}),
        'dg:evidence': f.evidenceText, isBasedOn: ref('article', f.articleId), 'dg:rule': f.rule,
      })),
    ],
  };
}

const xml = (s: unknown) => String(s ?? '').replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!)
  // Characters XML 1.0 cannot carry at all.
  .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '');

export function graphMl(g: Graph): string {
  const known = new Set(g.entities.map((e) => e.id));
  const root = (n: number) => (known.has(n) ? n : g.roots.get(n) ?? n);
  const keys: [string, 'node' | 'edge', string][] = [
    ['kind', 'node', 'entity, deal or article'], ['name', 'node', 'name'], ['etype', 'node', 'ORG, PER, LOC, MISC'], ['dtype', 'node', 'deal type'],
    ['status', 'node', 'deal status'], ['value', 'node', 'deal value'], ['first', 'node', 'first seen'], ['last', 'node', 'last seen'],
    ['title', 'node', 'article title'], ['published', 'node', 'article date'], ['url', 'node', 'article URL'],
    ['rel', 'edge', 'role, source or fact type'], ['fstatus', 'edge', 'fact status'], ['date', 'edge', 'fact date'], ['fact', 'edge', 'fact id'], ['evidence', 'edge', 'evidence text'],
  ];
  const data = (vals: Record<string, unknown>) => Object.entries(vals).filter(([, v]) => v !== null && v !== undefined).map(([k, v]) => `<data key="${k}">${xml(v)}</data>`).join('');
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>', '<graphml xmlns="http://graphml.graphdrawing.org/xmlns">',
    ...keys.map(([k, on, desc]) => `<key id="${k}" for="${on}" attr.name="${k}" attr.type="string"><desc>${xml(desc)}</desc></key>`), '<graph edgedefault="directed">'];
  for (const e of g.entities) lines.push(`  <node id="e${e.id}">${data({ kind: 'entity', name: e.name, etype: e.type })}</node>`);
  for (const a of g.articles) lines.push(`  <node id="a${a.id}">${data({ kind: 'article', title: a.title, published: a.published, url: a.url })}</node>`);
  for (const d of g.deals) {
    lines.push(`  <node id="d${d.id}">${data({ kind: 'deal', dtype: d.type, status: d.status, value: d.value, first: d.firstSeen, last: d.lastSeen })}</node>`);
    for (const p of d.parties) lines.push(`  <edge source="e${p.entity}" target="d${d.id}">${data({ rel: p.role })}</edge>`);
  }
  for (const f of g.facts) {
    const ids = Object.entries(f.args).filter(([k]) => ENTITY.test(k)).flatMap(([, v]) => (typeof v === 'number' ? [root(v)] : Array.isArray(v) ? v.filter((y): y is number => typeof y === 'number').map(root) : []));
    const what = { fstatus: f.status, date: f.date, fact: f.id, evidence: f.evidenceText };
    // A deal's fact: the deal is reported in its article. Any other fact links its first entity to the others.
    if (f.dealId !== null) lines.push(`  <edge source="d${f.dealId}" target="a${f.articleId}">${data({ rel: 'source', ...what })}</edge>`);
    else for (let i = 1; i < ids.length; i++) lines.push(`  <edge source="e${ids[0]}" target="e${ids[i]}">${data({ rel: f.type, ...what })}</edge>`);
    if (f.dealId === null && ids.length) lines.push(`  <edge source="e${ids[0]}" target="a${f.articleId}">${data({ rel: 'source', ...what })}</edge>`);
  }
  lines.push('</graph>', '</graphml>');
  return lines.join('\n') + '\n';
}

/** One CSV file per table, each with its own header. */
export function csvTables(g: Graph): Record<string, string> {
  return {
    'entities.csv': csv(g.entities.map((e) => ({ entity: e.id, type: e.type, name: e.name, aliases: e.aliases.join('|'), articles: e.articles })), ['entity', 'type', 'name', 'aliases', 'articles']),
    'articles.csv': csv(g.articles.map((a) => ({ article: a.id, ext_id: a.extId, title: a.title, published: a.published, url: a.url, source: a.source, copy_of: a.nearDupOf })), ['article', 'ext_id', 'title', 'published', 'url', 'source', 'copy_of']),
    'deals.csv': csv(g.deals.map((d) => ({ deal: d.id, type: d.type, status: d.status, value: d.value, first_seen: d.firstSeen, last_seen: d.lastSeen, facts: d.facts })), ['deal', 'type', 'status', 'value', 'first_seen', 'last_seen', 'facts']),
    'deal_parties.csv': csv(g.deals.flatMap((d) => d.parties.map((p) => ({ deal: d.id, entity: p.entity, name: p.name, role: p.role }))), ['deal', 'entity', 'name', 'role']),
    'facts.csv': csv(g.facts.map((f) => ({ fact: f.id, type: f.type, deal: f.dealId, status: f.status, negated: f.negated, modality: f.modality, date: f.date, article: f.articleId, args: f.args, evidence: f.evidenceText, rule: f.rule })),
      ['fact', 'type', 'deal', 'status', 'negated', 'modality', 'date', 'article', 'args', 'evidence', 'rule']),
  };
}

export async function exportCmd(args: string[], io: Io): Promise<number> {
  const { values } = parseArgs({ args, strict: true, options: { db: { type: 'string' }, format: { type: 'string' }, out: { type: 'string' } } });
  const format = values.format ?? 'jsonld';
  if (!['jsonld', 'graphml', 'csv'].includes(format)) throw new DealgraphError(`--format: expected jsonld, graphml or csv, found ${JSON.stringify(format)}`);
  if (format === 'csv' && !values.out) throw new DealgraphError('export --format csv: expected --out DIR (one file per table goes there), found none');
  return withStore(values.db, async (store) => {
    const g = await readGraph(store);
    const what = `${g.entities.length} entities, ${g.deals.length} deals, ${g.articles.length} articles and ${g.facts.length} facts`;
    if (format === 'csv') {
      const dir = values.out!;
      try { mkdirSync(dir, { recursive: true }); } catch (e) { throw new DealgraphError(`--out: expected a directory for the CSV files, found ${(e as NodeJS.ErrnoException).code ?? String(e)}`, dir); }
      const files = csvTables(g);
      for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
      io.out(`wrote ${what} to ${dir}/ (${Object.keys(files).join(', ')})\n`);
      return 0;
    }
    const out = format === 'jsonld' ? JSON.stringify(jsonLd(g), null, 1) + '\n' : graphMl(g);
    if (values.out) { writeFileSync(values.out, out); io.out(`wrote ${what} to ${values.out}\n`); }
    else io.out(out);
    return 0;
  });
}
