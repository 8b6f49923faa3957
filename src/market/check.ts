/**
 * Extraction checked against the market: each stock_move fact about a linked
 * company states a direction; the stock's return on the article's date (the
 * last trading day on or before it) and on the trading day before either
 * agrees in sign or not. No annotator wrote this check. The event model's
 * Increase_/Decrease_SecurityValue events about a linked company are checked
 * the same way, apart.
 */
import type { Store } from '../store/types.js';
import { lowerBound } from './study.js';
import { Market, factParties, selectFacts } from './market.js';

export interface MoveCheck {
  /** a stock_move fact's id, or an event's */
  fact: number; kind: 'fact' | 'event'; article: number; date: string; name: string; symbol: string; stated: 'up' | 'down'; percent: number | null;
  /** the last trading day on or before the article's date, and its return */
  day: string; r: number;
  /** the trading day before it, and its return */
  prevDay: string; prevR: number;
  agreeDay: boolean; agreePrev: boolean; agree: boolean; sentence: string;
  /** the share of the stock's daily returns with the stated sign: one day's agreement by chance */
  chance: number;
}
export interface CheckSummary {
  facts: number; checked: MoveCheck[]; skipped: { fact: number; reason: string }[]; n: number; agreeDay: number; agreePrev: number; agree: number;
  /** expected agreements by chance (each stock's share of days with the stated sign): on one day, and on either of two */
  chanceDay: number; chanceEither: number;
}

const sign = (x: number) => (x > 0 ? 'up' : x < 0 ? 'down' : 'flat');

interface Claim { id: number; kind: 'fact' | 'event'; entity: number; article: number; date: string | null | undefined; stated: 'up' | 'down'; percent: number | null; span: { start: number; end: number } | undefined }

/** One claimed move against the returns; a string when it cannot be checked. */
async function checkClaim(store: Store, market: Market, c: Claim): Promise<MoveCheck | string | null> {
  const symbol = market.symbolOfEntity(c.entity);
  if (!symbol) return null;
  if (!c.date) return 'the article has no date';
  const ret = market.returns(symbol);
  const at = lowerBound(ret.dates, c.date);
  const i = ret.dates[at] === c.date ? at : at - 1;
  if (i < 1 || i >= ret.dates.length || (at >= ret.dates.length && c.date > ret.dates[ret.dates.length - 1])) return `no returns of ${symbol} around ${c.date}`;
  const a = await store.article(c.article);
  const sentence = a && c.span ? sentenceAround(a.text, c.span) : '';
  const agreeDay = sign(ret.r[i]) === c.stated, agreePrev = sign(ret.r[i - 1]) === c.stated;
  let same = 0;
  for (const x of ret.r) if (sign(x) === c.stated) same++;
  return {
    chance: same / ret.r.length,
    fact: c.id, kind: c.kind, article: c.article, date: c.date, name: market.entity(c.entity)!.name, symbol, stated: c.stated, percent: c.percent,
    day: ret.dates[i], r: ret.r[i], prevDay: ret.dates[i - 1], prevR: ret.r[i - 1], agreeDay, agreePrev, agree: agreeDay || agreePrev, sentence,
  };
}

async function checkAll(store: Store, market: Market, claims: Claim[]): Promise<(MoveCheck | string | null)[]> {
  await market.prepare(claims.map((c) => c.entity));
  const out: (MoveCheck | string | null)[] = [];
  for (const c of claims) out.push(await checkClaim(store, market, c));
  return out;
}

/** The sentence holding a span: out to the nearest full stop or blank line. */
function sentenceAround(text: string, s: { start: number; end: number }): string {
  let a = s.start, b = s.end;
  // A full stop ends a sentence when white space follows it ("3.3 billion" does not end one).
  while (a > 0 && !/[.!?]\s/.test(text.slice(a - 2, a)) && !/\n\s*\n/.test(text.slice(a - 2, a))) a--;
  while (b < text.length && !(/[.!?]/.test(text[b - 1] ?? '') && /\s/.test(text[b]))) b++;
  return text.slice(a, b).replace(/\s+/g, ' ').trim();
}

function summarize(total: number, results: (MoveCheck | string | null)[], ids: number[]): CheckSummary {
  const checked: MoveCheck[] = [], skipped: CheckSummary['skipped'] = [];
  results.forEach((r, k) => { if (typeof r === 'string') skipped.push({ fact: ids[k], reason: r }); else if (r) checked.push(r); });
  const count = (k: 'agreeDay' | 'agreePrev' | 'agree') => checked.filter((c) => c[k]).length;
  return {
    facts: total, checked, skipped, n: checked.length, agreeDay: count('agreeDay'), agreePrev: count('agreePrev'), agree: count('agree'),
    chanceDay: checked.reduce((a, c) => a + c.chance, 0), chanceEither: checked.reduce((a, c) => a + 1 - (1 - c.chance) ** 2, 0),
  };
}

/** stock_move facts (not near-duplicates, not denied) about a company with prices. */
export async function marketCheck(store: Store, market?: Market): Promise<CheckSummary> {
  market ??= await Market.open(store);
  const facts = await selectFacts(store, { type: 'stock_move' });
  const claims: Claim[] = facts.flatMap((f) => factParties(f, 'company').slice(0, 1).map(([, entity]) => ({
    id: f.id, kind: 'fact' as const, entity, article: f.articleId, date: f.article?.published, stated: f.args.direction as 'up' | 'down', percent: f.args.percent as number, span: f.evidence[0],
  })));
  return summarize(facts.length, await checkAll(store, market, claims), claims.map((c) => c.id));
}

/** The event model's Increase_/Decrease_SecurityValue events whose security argument is a company with prices. */
export async function marketCheckEvents(store: Store, market?: Market): Promise<CheckSummary> {
  market ??= await Market.open(store);
  const claims: Claim[] = [];
  let total = 0;
  for (const [entity] of market.links()) {
    for (const v of await store.events({ entity, type: 'SecurityValue', limit: 10_000 })) {
      const stated = v.subtype === 'Increase_SecurityValue' ? 'up' : v.subtype === 'Decrease_SecurityValue' ? 'down' : null;
      if (!stated || v.nearDup || v.negated) continue;
      total++;
      const security = v.args.find((a) => a.role === 'Security_SecurityValue' && a.entity !== null);
      if (!security || ((await store.entity(security.entity!))?.id ?? security.entity) !== entity) continue;
      claims.push({ id: v.id, kind: 'event', entity, article: v.articleId, date: v.article?.published, stated, percent: null, span: v.trigger });
    }
  }
  return summarize(total, await checkAll(store, market, claims), claims.map((c) => c.id));
}
