/**
 * The hand-annotated gold set (`src/extract/gold/<NEWID>.json`) and its scorer.
 *
 * Fixtures hold only names, numbers and short evidence phrases; the article
 * text (`title + "\n\n" + body`, title omitted when null) is read from the
 * shared Reuters-21578 corpus at run time by `file` and `newid`.
 *
 * Annotation conventions (what the gold set records)
 * - Every fact of a supported type that the article states, one fact per event.
 *   A denial of a report is one negated fact (not a reported fact plus a denial).
 * - Entity args are a surface form as written in the article (usually the fullest).
 * - financial_result: current-period figures only (prior-period "vs"/"from"
 *   comparisons and per-share figures are not annotated); "net profit"/"net" →
 *   net_income, losses → metric `loss` with a positive value.
 * - stake: current holdings with a stated percent ("X pct owned by Y" is a stake,
 *   not a subsidiary); stakes in unnamed ventures are not annotated.
 * - subsidiary: only when the text says unit/subsidiary/division/arm.
 * - role: titles currently held or newly taken; "chairman and chief executive"
 *   is two facts; former/replaced posts are not annotated. `org` only when the
 *   role phrase names it.
 * - quote: full direct quotations with a named speaker (an unnamed spokesman's
 *   quote is attributed to the company); quoted fragments woven into indirect
 *   speech are not annotated.
 * - stock_move: percent as stated, or derived from the stated prices when the
 *   article gives only the change in money (noted in the fixture).
 * - status (partnership/merger/acquisition): agreed = signed/agreed (letter of
 *   intent, agreement in principle, "would form"); active = formed/set up;
 *   completed = closed; in_talks; rumored; failed. A negated fact keeps the
 *   status of what is denied (in_talks for "denied it was in talks"); null when
 *   the denial names no stage ("no plans to seek control").
 * - modality: the stance of the article's source toward the (possibly negated)
 *   proposition: asserted (the company, a filing or the article states it),
 *   reported (attributed to press reports, rumours, analysts), speculative
 *   (hoped, considering, proposed, possible, plans to set up).
 *
 * Matching rule (`matchFact`): a predicted fact matches a gold fact when
 * - the types are equal;
 * - every entity arg present (non-null) in the gold fact matches: the predicted
 *   entity id resolves to an entity whose name, one of its aliases, or the text
 *   of one of its mentions equals the gold string, compared case-insensitively
 *   after collapsing whitespace, dropping `<`/`>`, a leading "the " and trailing
 *   `.`/`,`; names also match when they are equal once dots and commas are
 *   removed and trailing company suffixes (Inc, Corp, Co, Ltd, PLC, AG, SA, NV,
 *   BV, GmbH, LP, …) are stripped from both. `parties` are compared as sets
 *   (same size, one-to-one);
 * - numbers are equal within 0.5 % (relative): stake/acquisition percent,
 *   stock_move percent (signed), money value (and currency equal when the gold
 *   currency is set); layoff count when the gold count is not null;
 *   financial_result metrics compare by class (profit = profit/net_income/
 *   earnings/loss, operating = operating_profit/operating_loss, revenue) with
 *   losses as negative amounts, so `loss 5` equals `net_income -5`;
 * - role: person matches, normalized titles are equal (CEO = chief executive
 *   officer = chief executive, …), and org matches when the gold fact has one;
 * - quote: speaker matches and the quoted texts share at least 50 % of the
 *   shorter text's distinct tokens (overlap coefficient);
 * - status is equal for partnership/merger/acquisition (when the gold status is
 *   not null), and `negated` is equal.
 * - dividend/financing: money amount as above when the gold fact has one; the
 *   other modern-set types (rating, legal_action, product_launch,
 *   facility_opening) match by type and entity args only.
 * Text args (asset, plant, period, segment, layoff text, title_text, and the
 * modern-set types' change/action/text/product/facility) are not
 * compared. Each gold fact matches at most one prediction (greedy, in predicted
 * order). Precision/recall are per type and micro-averaged overall; modality is
 * not part of the match and is reported as accuracy over matched facts.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DealgraphError } from '../errors.js';
import { REPO_ROOT, corporaPresent, corpusPath } from '../ingest/corpora.js';
import { readReutersFile, type ReutersArticle } from '../ingest/reuters.js';
import type { Entity, Extraction, Fact } from './schema.js';

export interface GoldFact { type: string; args: Record<string, unknown>; status: string | null; negated: boolean; modality: string; evidence: string }
export interface GoldArticle { newid: string; file: string; topics?: string[]; note?: string; facts: GoldFact[] }

export const GOLD_DIR = join(REPO_ROOT, 'src', 'extract', 'gold');

/** Entity-valued args per fact type (`parties` is a list). */
export const ENTITY_ARGS: Record<string, string[]> = {
  partnership: ['parties'], merger: ['parties'], acquisition: ['acquirer', 'target', 'seller'], stake: ['holder', 'company'],
  subsidiary: ['parent', 'child'], role: ['person', 'org'], financial_result: ['company'], stock_move: ['company'],
  quote: ['speaker'], asset_sale: ['seller', 'buyer'], layoff: ['company'], plant_closure: ['company'], cost_cut: ['company'],
  asset_purchase: ['buyer', 'seller', 'location'],
  // types annotated in the modern gold set (src/extract/gold-modern/) and not yet in schema.ts: matched generically
  dividend: ['company'], rating: ['company', 'by'], financing: ['company', 'financer'], legal_action: ['defendant', 'complainant'],
  product_launch: ['company'], facility_opening: ['company', 'location'],
};
/**
 * The fact types the Reuters gold set annotates. The types extraction@2 added
 * (dividend, rating, financing, legal_action, product_launch,
 * facility_opening) were never annotated there, so they are scored on the
 * modern gold set only.
 */
export const REUTERS_GOLD_TYPES: ReadonlySet<string> = new Set([
  'partnership', 'merger', 'acquisition', 'stake', 'subsidiary', 'role', 'financial_result', 'stock_move', 'quote',
  'asset_sale', 'asset_purchase', 'layoff', 'plant_closure', 'cost_cut',
]);
/** The extraction with only the facts of the given types. */
export function withTypes(x: Extraction, types: ReadonlySet<string>): Extraction {
  return { ...x, facts: x.facts.filter((f) => types.has(f.type)) };
}
const STATUS_TYPES = new Set(['partnership', 'merger', 'acquisition']);
const STATUSES = new Set(['rumored', 'in_talks', 'agreed', 'completed', 'active', 'failed', 'ended']);
const MODALITIES = new Set(['asserted', 'reported', 'speculative']);

function checkGold(g: unknown, file: string): GoldArticle {
  const bad = (what: string): never => { throw new DealgraphError(`expected ${what}`, file); };
  if (typeof g !== 'object' || g === null) bad('a JSON object');
  const a = g as Record<string, unknown>;
  if (typeof a.newid !== 'string' || !/^\d+$/.test(a.newid)) bad('"newid" as a string of digits');
  if (typeof a.file !== 'string' || !/^reut2-\d{3}\.sgm$/.test(a.file)) bad('"file" like "reut2-003.sgm"');
  if (!Array.isArray(a.facts)) bad('"facts" as an array');
  (a.facts as unknown[]).forEach((f, i) => {
    const x = f as Record<string, unknown>;
    const at = `facts[${i}]`;
    if (typeof x !== 'object' || x === null) bad(`${at} as an object`);
    if (typeof x.type !== 'string' || !(x.type in ENTITY_ARGS)) bad(`${at}.type to be a fact type, found ${JSON.stringify(x.type)}`);
    if (typeof x.args !== 'object' || x.args === null) bad(`${at}.args as an object`);
    if (x.status !== null && !(typeof x.status === 'string' && STATUSES.has(x.status))) bad(`${at}.status to be null or a status, found ${JSON.stringify(x.status)}`);
    if (x.status !== null && !STATUS_TYPES.has(x.type as string)) bad(`${at}.status null for a ${String(x.type)} fact`);
    if (typeof x.negated !== 'boolean') bad(`${at}.negated as a boolean`);
    if (typeof x.modality !== 'string' || !MODALITIES.has(x.modality)) bad(`${at}.modality to be asserted|reported|speculative`);
    if (typeof x.evidence !== 'string' || !x.evidence.trim()) bad(`${at}.evidence as a non-empty string`);
  });
  return a as unknown as GoldArticle;
}

/** Reads and checks every `*.json` fixture in `dir`. Works without the corpora. */
export function loadFixtures<T>(dir: string, check: (json: unknown, path: string) => T): T[] {
  if (!existsSync(dir)) throw new DealgraphError(`expected a gold folder at ${dir}, found none`);
  return readdirSync(dir).filter((f) => f.endsWith('.json')).map((f) => {
    const path = join(dir, f);
    let json: unknown;
    try {
      json = JSON.parse(readFileSync(path, 'utf8'));
    } catch (e) {
      throw new DealgraphError(`expected valid JSON, found ${(e as Error).message}`, path);
    }
    return check(json, path);
  });
}

/** The Reuters gold fixtures, sorted by NEWID. */
export function loadGold(dir: string = GOLD_DIR): GoldArticle[] {
  return loadFixtures(dir, checkGold).sort((a, b) => Number(a.newid) - Number(b.newid));
}

const fileCache = new Map<string, Map<string, ReutersArticle>>();

/** The article text dealgraph extracts from: `title + "\n\n" + body` (title omitted when null). Needs ../shared/corpora. */
export function goldArticleText(g: GoldArticle): { text: string; published: string | null; title: string | null; dateline: string | null } {
  let byId = fileCache.get(g.file);
  if (!byId) {
    const path = corpusPath('reuters21578', g.file);
    if (!existsSync(path)) throw new DealgraphError(`expected the Reuters file ${path}, found none (are ../shared/corpora present?)`);
    byId = new Map(readReutersFile(path).articles.map((a) => [a.newid, a]));
    fileCache.set(g.file, byId);
  }
  const a = byId.get(g.newid);
  if (!a) throw new DealgraphError(`expected NEWID ${g.newid} in ${g.file}, found none`);
  return { text: a.title !== null ? `${a.title}\n\n${a.body}` : a.body, published: a.published, title: a.title, dateline: a.dateline };
}

// ---------------------------------------------------------------- names

const SUFFIXES = new Set(['inc', 'incorporated', 'corp', 'corporation', 'co', 'cos', 'company', 'companies', 'ltd', 'limited',
  'plc', 'ag', 'sa', 'nv', 'bv', 'gmbh', 'spa', 'lp', 'llc', 'ab', 'as', 'oy', 'kk', 'pty', 'bhd', 'se', 'and', '&']);

/** Case-folded, whitespace-collapsed, without `<>`, a leading "the " or trailing `.`/`,`. */
export function normName(s: string): string {
  let n = s.toLowerCase().replace(/[<>]/g, ' ').replace(/\s+/g, ' ').trim();
  n = n.replace(/^the /, '');
  return n.replace(/[.,\s]+$/, '');
}

function coreName(n: string): string {
  const toks = n.replace(/[.,]/g, '').split(' ').filter(Boolean);
  while (toks.length > 1 && SUFFIXES.has(toks[toks.length - 1])) toks.pop();
  return toks.join(' ');
}

/** True when `a` and `b` name the same thing under the rule above. */
export function namesMatch(a: string, b: string): boolean {
  const na = normName(a);
  const nb = normName(b);
  if (!na || !nb) return false;
  if (na === nb) return true;
  const ca = coreName(na);
  return ca.length > 0 && ca === coreName(nb);
}

function entitySurfaces(e: Entity, text: string | undefined): string[] {
  const out = [e.name, ...e.aliases];
  if (text) for (const m of e.mentions) if (m.end <= text.length && m.start < m.end) out.push(text.slice(m.start, m.end));
  return out;
}

function argMatches(id: unknown, gold: unknown, ext: Extraction, text: string | undefined): boolean {
  if (typeof id !== 'string' || typeof gold !== 'string') return false;
  const e = ext.entities.find((x) => x.id === id);
  const surfaces = e ? entitySurfaces(e, text) : [id];
  return surfaces.some((s) => namesMatch(s, gold));
}

function partiesMatch(pred: unknown, gold: unknown, ext: Extraction, text: string | undefined): boolean {
  if (!Array.isArray(pred) || !Array.isArray(gold) || pred.length !== gold.length) return false;
  // one-to-one assignment by small backtracking (party lists are short)
  const used = new Array<boolean>(pred.length).fill(false);
  const assign = (i: number): boolean => {
    if (i === gold.length) return true;
    for (let j = 0; j < pred.length; j++) {
      if (used[j] || !argMatches(pred[j], gold[i], ext, text)) continue;
      used[j] = true;
      if (assign(i + 1)) return true;
      used[j] = false;
    }
    return false;
  };
  return assign(0);
}

// ---------------------------------------------------------------- values

const num = (x: unknown): number | null => (typeof x === 'number' && Number.isFinite(x) ? x : null);

/** Equal within 0.5 % of the gold value (exact when the gold value is 0). */
export function closeEnough(pred: unknown, gold: unknown): boolean {
  const p = num(pred);
  const g = num(gold);
  if (p === null || g === null) return false;
  return Math.abs(p - g) <= 0.005 * Math.abs(g) + 1e-9;
}

/** Losses compare as negative amounts whatever sign they were written with. */
const signed = (v: number, sign: number): number => (sign < 0 ? -Math.abs(v) : v);

function moneyMatches(pred: unknown, gold: unknown, sign = { pred: 1, gold: 1 }): boolean {
  const p = pred as { value?: unknown; currency?: unknown } | undefined;
  const g = gold as { value?: unknown; currency?: unknown } | undefined;
  if (!g || typeof g !== 'object') return true;
  if (!p || typeof p !== 'object') return false;
  const pv = num(p.value);
  const gv = num(g.value);
  if (gv !== null && (pv === null || !closeEnough(signed(pv, sign.pred), signed(gv, sign.gold)))) return false;
  if (typeof g.currency === 'string' && g.currency !== p.currency) return false;
  return true;
}

const METRIC_CLASS: Record<string, [string, number]> = {
  profit: ['profit', 1], net_income: ['profit', 1], earnings: ['profit', 1], loss: ['profit', -1],
  operating_profit: ['operating', 1], operating_loss: ['operating', -1], revenue: ['revenue', 1],
};

const TITLE_SYNONYMS: Record<string, string> = {
  'chief executive officer': 'ceo', 'chief executive': 'ceo', ceo: 'ceo',
  'chief operating officer': 'coo', coo: 'coo',
  'chief financial officer': 'cfo', cfo: 'cfo',
  'chairman of the board': 'chairman', chairwoman: 'chairman', chair: 'chairman', chairman: 'chairman',
  vp: 'vice president', 'vice president': 'vice president',
};

/** Lower-case, hyphens and dots as spaces, common synonyms folded (chief executive officer → ceo). */
export function normTitle(s: string): string {
  const t = s.toLowerCase().replace(/[-.]/g, ' ').replace(/\s+/g, ' ').trim().replace(/^the /, '');
  return TITLE_SYNONYMS[t] ?? t;
}

const tokens = (s: string): Set<string> => new Set(s.toLowerCase().split(/[^a-z0-9']+/).map((t) => t.replace(/^'+|'+$/g, '')).filter(Boolean));

/** Distinct-token overlap divided by the smaller token set. */
export function quoteOverlap(a: string, b: string): number {
  const ta = tokens(a);
  const tb = tokens(b);
  if (ta.size === 0 || tb.size === 0) return 0;
  let shared = 0;
  for (const t of ta) if (tb.has(t)) shared++;
  return shared / Math.min(ta.size, tb.size);
}

// ---------------------------------------------------------------- matching

/**
 * Whether predicted fact `pred` (from extraction `ext`) matches gold fact `gold`;
 * `text` (the article text the offsets index) lets mention texts count as names.
 */
export function matchFact(pred: Fact, ext: Extraction, gold: GoldFact, text?: string): boolean {
  if (pred.type !== gold.type) return false;
  if (pred.negated !== gold.negated) return false;
  if (STATUS_TYPES.has(gold.type) && gold.status !== null && pred.status !== gold.status) return false;
  const p = pred.args as Record<string, unknown>;
  const g = gold.args;
  for (const k of ENTITY_ARGS[gold.type] ?? []) {
    const gv = g[k];
    if (gv === undefined || gv === null) continue;
    if (Array.isArray(gv)) {
      if (!partiesMatch(p[k], gv, ext, text)) return false;
    } else if (!argMatches(p[k], gv, ext, text)) return false;
  }
  switch (gold.type as string) {
    case 'acquisition':
      if (g.percent !== undefined && g.percent !== null && !closeEnough(p.percent, g.percent)) return false;
      return moneyMatches(p.value, g.value);
    case 'stake':
      if (!closeEnough(p.percent, g.percent)) return false;
      return g.kind === undefined || g.kind === null || p.kind === g.kind;
    case 'stock_move':
      return closeEnough(p.percent, g.percent);
    case 'financial_result': {
      const pc = METRIC_CLASS[String(p.metric)];
      const gc = METRIC_CLASS[String(g.metric)];
      if (!pc || !gc || pc[0] !== gc[0]) return false;
      return moneyMatches(p.amount, g.amount, { pred: pc[1], gold: gc[1] });
    }
    case 'asset_sale':
    case 'asset_purchase':
    case 'cost_cut':
    case 'dividend':
    case 'financing':
      return moneyMatches(p.value ?? p.amount, g.value ?? g.amount);
    case 'layoff':
      return g.count === null || g.count === undefined || closeEnough(p.count, g.count);
    case 'role':
      return typeof p.title === 'string' && typeof g.title === 'string' && normTitle(p.title) === normTitle(g.title);
    case 'quote':
      return typeof p.text === 'string' && typeof g.text === 'string' && quoteOverlap(p.text, g.text) >= 0.5;
    default:
      return true;
  }
}

// ---------------------------------------------------------------- scoring

export interface Prf { tp: number; fp: number; fn: number; precision: number; recall: number; f1: number }
export interface GoldScores {
  byType: Record<string, Prf>;
  overall: Prf;
  /** Over matched facts: how often the predicted modality equals the gold one. */
  modality: { matched: number; correct: number; accuracy: number };
  /** Gold facts no prediction matched: `NEWID type args — "evidence"`. */
  misses: string[];
  /** Predictions that matched no gold fact: `NEWID type args (names resolved)`. */
  spurious: string[];
}

function prf(tp: number, fp: number, fn: number): Prf {
  const precision = tp + fp === 0 ? (fn === 0 ? 1 : 0) : tp / (tp + fp);
  const recall = tp + fn === 0 ? 1 : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { tp, fp, fn, precision, recall, f1 };
}

function describePred(f: Fact, ext: Extraction): string {
  const name = (id: unknown) => (typeof id === 'string' ? ext.entities.find((e) => e.id === id)?.name ?? id : id);
  const args: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(f.args as Record<string, unknown>)) {
    args[k] = (ENTITY_ARGS[f.type] ?? []).includes(k) ? (Array.isArray(v) ? v.map(name) : name(v)) : v;
  }
  return `${ext.article.id} ${f.type} ${JSON.stringify(args)}${f.status ? ` status=${f.status}` : ''}${f.negated ? ' negated' : ''}`;
}

/**
 * Scores extractions against the gold set. `text` per pair (the article text)
 * enables mention-text matching; when absent it is read from the corpora if present.
 */
export function scoreGold(pairs: { gold: GoldArticle; extraction: Extraction; text?: string }[]): GoldScores {
  const counts = new Map<string, { tp: number; fp: number; fn: number }>();
  const bump = (t: string, k: 'tp' | 'fp' | 'fn') => {
    const c = counts.get(t) ?? { tp: 0, fp: 0, fn: 0 };
    c[k]++;
    counts.set(t, c);
  };
  const misses: string[] = [];
  const spurious: string[] = [];
  let matched = 0;
  let modalOk = 0;
  for (const { gold, extraction, text: given } of pairs) {
    let text = given;
    if (text === undefined && corporaPresent()) {
      try { text = goldArticleText(gold).text; } catch { text = undefined; }
    }
    const taken = new Array<boolean>(gold.facts.length).fill(false);
    for (const f of extraction.facts) {
      const i = gold.facts.findIndex((g, j) => !taken[j] && matchFact(f, extraction, g, text));
      if (i < 0) {
        bump(f.type, 'fp');
        spurious.push(describePred(f, extraction));
        continue;
      }
      taken[i] = true;
      bump(f.type, 'tp');
      matched++;
      if (f.modality === gold.facts[i].modality) modalOk++;
    }
    gold.facts.forEach((g, j) => {
      if (taken[j]) return;
      bump(g.type, 'fn');
      misses.push(`${gold.newid} ${g.type} ${JSON.stringify(g.args)}${g.status ? ` status=${g.status}` : ''}${g.negated ? ' negated' : ''} — "${g.evidence}"`);
    });
  }
  const byType: Record<string, Prf> = {};
  let tp = 0, fp = 0, fn = 0;
  for (const t of [...counts.keys()].sort()) {
    const c = counts.get(t)!;
    byType[t] = prf(c.tp, c.fp, c.fn);
    tp += c.tp; fp += c.fp; fn += c.fn;
  }
  return {
    byType,
    overall: prf(tp, fp, fn),
    modality: { matched, correct: modalOk, accuracy: matched === 0 ? 0 : modalOk / matched },
    misses,
    spurious,
  };
}

/** A plain-text table: type, gold, predicted, correct, P, R, F1; then overall and modality accuracy. */
export function formatGoldScores(r: GoldScores): string {
  const pct = (x: number) => (100 * x).toFixed(1);
  const row = (t: string, s: Prf) => [t, String(s.tp + s.fn), String(s.tp + s.fp), String(s.tp), pct(s.precision), pct(s.recall), pct(s.f1)];
  const rows = [['type', 'gold', 'predicted', 'correct', 'P', 'R', 'F1'], ...Object.entries(r.byType).map(([t, s]) => row(t, s)), row('overall', r.overall)];
  const widths = rows[0].map((_, i) => Math.max(...rows.map((x) => x[i].length)));
  const fmt = (x: string[]) => x.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  const lines = rows.map(fmt);
  lines.splice(rows.length - 1, 0, widths.map((w) => '-'.repeat(w)).join('  '));
  lines.push(`modality accuracy on matched facts: ${r.modality.correct}/${r.modality.matched}${r.modality.matched ? ` (${pct(r.modality.accuracy)}%)` : ''}`);
  return lines.join('\n');
}
