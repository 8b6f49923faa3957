/**
 * The modern gold set (`src/extract/gold-modern/<safe-id>.json`): hand-annotated
 * facts for recent English business news from the SENTiVENT corpus
 * (`../shared/corpora/sentivent/sentivent-dev.jsonl`), kept apart from the
 * Reuters-21578 gold set and scored with the same matcher (`./gold.ts`).
 *
 * Fixtures hold `{ id, source: "sentivent", part, note?, facts }`; the article
 * text (the corpus `text` as is: headline on the first line, tokens separated by
 * spaces) is read from the corpus at run time by `id`.
 *
 * Parts: an id whose FNV-1a hash (`hashString`) % 5 is 0 is held aside (not to
 * be read while developing rules); the others are the development part.
 *
 * Annotation follows the conventions in `./gold.ts`, plus six types that are
 * not (yet) in `schema.ts`, matched by type, entity args and money amount:
 * - dividend: { company, amount?, change: raise|cut|maintain|pay|null }
 * - rating: { company, by?, action: upgrade|downgrade|maintain|initiate|target|null, text }
 * - financing: { company (who raises or borrows), financer?, amount?, text }
 * - legal_action: { defendant, complainant?, text }
 * - product_launch: { company, product }
 * - facility_opening: { company, facility, location? }
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DealgraphError } from '../errors.js';
import { REPO_ROOT, corpusPath } from '../ingest/corpora.js';
import { hashString } from '../nlp/ner/hash.js';
import { ENTITY_ARGS, loadFixtures, scoreGold, type GoldArticle, type GoldFact, type GoldScores } from './gold.js';
import type { Extraction } from './schema.js';

export type ModernPart = 'dev' | 'held-aside';
export interface ModernGoldArticle { id: string; source: 'sentivent'; part: ModernPart; note?: string; facts: GoldFact[] }

export const MODERN_GOLD_DIR = join(REPO_ROOT, 'src', 'extract', 'gold-modern');
export const SENTIVENT_FILE = ['sentivent', 'sentivent-dev.jsonl'];

/** The part an id falls in: held-aside when its FNV-1a hash % 5 is 0. */
export const modernPart = (id: string): ModernPart => (hashString(id) % 5 === 0 ? 'held-aside' : 'dev');

/** Fixture file name for a corpus id: characters other than letters, digits, `_`, `-` become `_`. */
export const safeId = (id: string): string => id.replace(/[^A-Za-z0-9_-]/g, '_');

type Kind = 'entity' | 'entities' | 'money' | 'number' | 'number|null' | 'string' | readonly (string | null)[];
const E = 'entity' as const, S = 'string' as const, M = 'money' as const;
/** Arg shapes per type: [required, optional]. */
export const ARG_SPEC: Record<string, [Record<string, Kind>, Record<string, Kind>]> = {
  partnership: [{ parties: 'entities' }, {}],
  merger: [{ parties: 'entities' }, {}],
  acquisition: [{ target: E }, { acquirer: E, seller: E, value: M, percent: 'number' }],
  stake: [{ holder: E, company: E, percent: 'number' }, { kind: ['voting', 'equity', null] }],
  subsidiary: [{ parent: E, child: E }, {}],
  role: [{ person: E, title: S, title_text: S }, { org: E }],
  financial_result: [{ company: E, metric: ['revenue', 'profit', 'loss', 'net_income', 'operating_profit', 'operating_loss', 'earnings'], amount: M },
    { alt_amount: M, period: S, segment: S }],
  stock_move: [{ company: E, percent: 'number', direction: ['up', 'down'] }, {}],
  quote: [{ speaker: E, text: S }, {}],
  asset_sale: [{ seller: E, asset: S }, { buyer: E, value: M }],
  asset_purchase: [{ buyer: E, asset: S }, { seller: E, location: E, value: M }],
  layoff: [{ company: E, count: 'number|null', text: S }, {}],
  plant_closure: [{ company: E, plant: S }, {}],
  dividend: [{ company: E, change: ['raise', 'cut', 'maintain', 'pay', null] }, { amount: M }],
  rating: [{ company: E, action: ['upgrade', 'downgrade', 'maintain', 'initiate', 'target', null], text: S }, { by: E }],
  financing: [{ company: E, text: S }, { financer: E, amount: M }],
  legal_action: [{ defendant: E, text: S }, { complainant: E }],
  product_launch: [{ company: E, product: S }, {}],
  facility_opening: [{ company: E, facility: S }, { location: E }],
};
const STATUS_TYPES = new Set(['partnership', 'merger', 'acquisition']);
const STATUSES = new Set(['rumored', 'in_talks', 'agreed', 'completed', 'active', 'failed', 'ended']);
const MODALITIES = new Set(['asserted', 'reported', 'speculative']);

function kindOk(v: unknown, k: Kind): boolean {
  if (Array.isArray(k)) return k.includes(v as string | null);
  switch (k) {
    case 'entity': case 'string': return typeof v === 'string' && v.trim().length > 0;
    case 'entities': return Array.isArray(v) && v.length >= 2 && v.every((x) => typeof x === 'string' && x.trim());
    case 'number': return typeof v === 'number' && Number.isFinite(v);
    case 'number|null': return v === null || (typeof v === 'number' && Number.isFinite(v));
    case 'money': {
      const m = v as Record<string, unknown>;
      return typeof m === 'object' && m !== null && Object.keys(m).every((x) => ['value', 'currency', 'text'].includes(x)) &&
        (m.value === null || typeof m.value === 'number') && (m.currency === null || typeof m.currency === 'string') && typeof m.text === 'string';
    }
    default: return false;
  }
}

/** Problems with one fact's type, args, status, negation, modality and evidence shape (empty when well-formed). */
export function factProblems(f: unknown): string[] {
  const out: string[] = [];
  const x = f as Record<string, unknown>;
  if (typeof x !== 'object' || x === null) return ['expected an object'];
  const spec = typeof x.type === 'string' ? ARG_SPEC[x.type] : undefined;
  if (!spec || !(String(x.type) in ENTITY_ARGS)) return [`unknown type ${JSON.stringify(x.type)}`];
  const args = x.args as Record<string, unknown>;
  if (typeof args !== 'object' || args === null) return ['expected args as an object'];
  const [req, opt] = spec;
  for (const [k, kind] of Object.entries(req)) if (!(k in args) || !kindOk(args[k], kind)) out.push(`args.${k}: expected ${JSON.stringify(kind)}, found ${JSON.stringify(args[k])}`);
  for (const [k, v] of Object.entries(args)) {
    if (k in req) continue;
    if (!(k in opt)) out.push(`args.${k}: not an arg of ${String(x.type)}`);
    else if (v !== null && !kindOk(v, opt[k])) out.push(`args.${k}: expected ${JSON.stringify(opt[k])}, found ${JSON.stringify(v)}`);
  }
  if (x.status !== null && !(typeof x.status === 'string' && STATUSES.has(x.status))) out.push(`status: expected null or a status, found ${JSON.stringify(x.status)}`);
  if (x.status !== null && !STATUS_TYPES.has(String(x.type))) out.push(`status: expected null for a ${String(x.type)} fact`);
  if (typeof x.negated !== 'boolean') out.push('negated: expected a boolean');
  if (typeof x.modality !== 'string' || !MODALITIES.has(x.modality)) out.push('modality: expected asserted|reported|speculative');
  if (typeof x.evidence !== 'string' || !x.evidence.trim()) out.push('evidence: expected a non-empty string');
  return out;
}

function checkModern(g: unknown, file: string): ModernGoldArticle {
  const bad = (what: string): never => { throw new DealgraphError(`expected ${what}`, file); };
  if (typeof g !== 'object' || g === null) bad('a JSON object');
  const a = g as Record<string, unknown>;
  if (typeof a.id !== 'string' || !a.id) bad('"id" as a corpus id');
  if (a.source !== 'sentivent') bad('"source": "sentivent"');
  if (a.part !== 'dev' && a.part !== 'held-aside') bad('"part": "dev" or "held-aside"');
  if (!Array.isArray(a.facts)) bad('"facts" as an array');
  (a.facts as unknown[]).forEach((f, i) => {
    const p = factProblems(f);
    if (p.length) bad(`facts[${i}] well-formed: ${p.join('; ')}`);
  });
  return a as unknown as ModernGoldArticle;
}

/** The modern gold fixtures, sorted by id. Works without the corpora. */
export function loadModernGold(dir: string = MODERN_GOLD_DIR): ModernGoldArticle[] {
  return loadFixtures(dir, checkModern).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

let corpus: Map<string, string> | null = null;

/** The article text as stored in the corpus (headline, newline, body). Needs ../shared/corpora. */
export function modernArticleText(g: { id: string }): { text: string; title: string } {
  if (!corpus) {
    const path = corpusPath(...SENTIVENT_FILE);
    if (!existsSync(path)) throw new DealgraphError(`expected the SENTiVENT file ${path}, found none (are ../shared/corpora present?)`);
    corpus = new Map();
    for (const line of readFileSync(path, 'utf8').split('\n')) {
      if (!line.trim()) continue;
      const d = JSON.parse(line) as { id: string; text: string };
      corpus.set(d.id, d.text);
    }
  }
  const text = corpus.get(g.id);
  if (text === undefined) throw new DealgraphError(`expected id ${g.id} in ${SENTIVENT_FILE.join('/')}, found none`);
  return { text, title: text.split('\n', 1)[0] };
}

/** The Reuters scorer's view of a modern fixture (the id stands where the NEWID goes in miss lines). */
export const asGoldArticle = (g: ModernGoldArticle): GoldArticle => ({ newid: g.id, file: 'sentivent-dev.jsonl', note: g.note, facts: g.facts });

/** Scores extractions against modern fixtures with the Reuters matcher (`text` is the article text). */
export function scoreModernGold(pairs: { gold: ModernGoldArticle; extraction: Extraction; text: string }[]): GoldScores {
  return scoreGold(pairs.map((p) => ({ gold: asGoldArticle(p.gold), extraction: p.extraction, text: p.text })));
}
