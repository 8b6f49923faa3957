/**
 * Extraction checked against the market: each stock_move fact about a linked
 * company states a direction; the stock's return on the article's date (the
 * last trading day on or before it) and on the trading day before either
 * agrees in sign or not. No annotator wrote this check.
 */
import type { Store } from '../store/types.js';
import { lowerBound } from './study.js';
import { Market, factParties, selectFacts } from './market.js';

export interface MoveCheck {
  fact: number; article: number; date: string; name: string; symbol: string; stated: 'up' | 'down'; percent: number;
  /** the last trading day on or before the article's date, and its return */
  day: string; r: number;
  /** the trading day before it, and its return */
  prevDay: string; prevR: number;
  agreeDay: boolean; agreePrev: boolean; agree: boolean; sentence: string;
}
export interface CheckSummary { facts: number; checked: MoveCheck[]; skipped: { fact: number; reason: string }[]; n: number; agreeDay: number; agreePrev: number; agree: number }

const sign = (x: number) => (x > 0 ? 'up' : x < 0 ? 'down' : 'flat');

export function marketCheck(store: Store, market: Market = new Market(store)): CheckSummary {
  const facts = selectFacts(store, { type: 'stock_move' });
  const checked: MoveCheck[] = [], skipped: CheckSummary['skipped'] = [];
  for (const f of facts) {
    const [party] = factParties(f, 'company');
    const symbol = party ? market.symbolOfEntity(party[1]) : null;
    if (!symbol) continue;
    const date = f.article?.published;
    if (!date) { skipped.push({ fact: f.id, reason: 'the article has no date' }); continue; }
    const ret = market.returns(symbol);
    // The last return ending on or before the article's date.
    const i = lowerBound(ret.dates, date) - (ret.dates[lowerBound(ret.dates, date)] === date ? 0 : 1);
    if (i < 1 || i >= ret.dates.length) { skipped.push({ fact: f.id, reason: `no returns of ${symbol} around ${date}` }); continue; }
    const stated = f.args.direction as 'up' | 'down';
    const a = store.article(f.articleId);
    const ev = f.evidence[0];
    const sentence = a && ev ? a.text.slice(ev.start, ev.end).replace(/\s+/g, ' ') : '';
    const agreeDay = sign(ret.r[i]) === stated, agreePrev = sign(ret.r[i - 1]) === stated;
    checked.push({
      fact: f.id, article: f.articleId, date, name: store.entity(party[1])!.name, symbol, stated, percent: f.args.percent as number,
      day: ret.dates[i], r: ret.r[i], prevDay: ret.dates[i - 1], prevR: ret.r[i - 1], agreeDay, agreePrev, agree: agreeDay || agreePrev, sentence,
    });
  }
  const count = (k: 'agreeDay' | 'agreePrev' | 'agree') => checked.filter((c) => c[k]).length;
  return { facts: facts.length, checked, skipped, n: checked.length, agreeDay: count('agreeDay'), agreePrev: count('agreePrev'), agree: count('agree') };
}
