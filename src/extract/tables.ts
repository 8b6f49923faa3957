/**
 * Earnings tables as wire services print them:
 *
 *   CLOTHESTIME INC <CTME> 4TH QTR NET
 *   Shr 12 cts vs 11 cts
 *   Net 1,683,000 vs 1,524,000
 *   Revs 42.2 mln vs 37.6 mln
 *   12 mths
 *   Net 11.9 mln vs 10.1 mln
 *
 * Each "Net" / "Net loss" / "Revs" row is a financial result of the company
 * named in the title, for the period of its section (the title's "4TH QTR",
 * then "12 mths", "Six mths"…). Amounts are the current figure (before "vs")
 * as written; the currency is US dollars unless the table names another.
 * Sentence rules cannot read these rows (no verbs), so they are read here.
 */
import type { Mention } from './entities.js';

export interface TableResult {
  company: number;
  metric: 'net_income' | 'loss' | 'revenue' | 'operating_profit' | 'operating_loss';
  amount: { value: number; currency: string; text: string };
  period: string | null;
  start: number;
  end: number;
}

const RE_ROW = /^[ \t]*(Net loss|Net profit|Net income|Net|Loss|Revs|Revenues|Sales|Oper net|Oper loss|Operating net)\b[ \t]+(loss[ \t]+)?(profit[ \t]+)?([\d][\d,]*(?:\.\d+)?)(?:[ \t]+(mln|billion|dlrs|mln dlrs|billion dlrs))?[ \t]+vs\b/gim;
/** A period heading a block of rows: "Year", "Nine mths", "1st half" ("First half" is six months). */
const RE_PERIOD_LINE = /^[ \t]*((?:1st|2nd|3rd|4th|first|second|third|fourth)[ \t]+(?:qtr|quarter)|(?:1st|2nd|first|second)[ \t]+half|(?:three|six|nine|twelve|3|6|9|12)[ \t]+(?:mths|months)|year|qtr)[ \t]*(?:\r?\n|$)/gim;
const RE_TITLE_PERIOD = /\b((?:1st|2nd|3rd|4th|first|second|third|fourth)\s+(?:qtr|quarter)|(?:three|six|nine|twelve|3|6|9|12)\s+(?:mths|months)|year)\b/i;
const RE_OTHER_CURRENCY = /\b(stg|marks|francs|yen|guilders|lire|pesetas|crowns|Canadian dlrs|Australian dlrs|Hong Kong dlrs|HK dlrs|C dlrs|A dlrs)\b/i;

export function findTableResults(text: string, title: string | null, mentions: readonly Mention[], orgOf: (m: Mention) => boolean): TableResult[] {
  if (!/\bvs\b/.test(text)) return [];
  const headLen = title ? title.length : Math.min(text.indexOf('\n') >= 0 ? text.indexOf('\n') : text.length, 200);
  const companyMention = mentions.find((m) => m.start < headLen && orgOf(m));
  if (!companyMention) return [];
  const currency = RE_OTHER_CURRENCY.test(text) ? null : 'USD';
  if (!currency) return []; // a table in another currency: its unit is not reliably written on each row
  const periods: { at: number; text: string }[] = [];
  const tp = RE_TITLE_PERIOD.exec(text.slice(0, headLen));
  if (tp) periods.push({ at: 0, text: tp[1] });
  for (const m of text.matchAll(RE_PERIOD_LINE)) periods.push({ at: m.index!, text: m[1].trim() });
  const out: TableResult[] = [];
  for (const m of text.matchAll(RE_ROW)) {
    const label = m[1].toLowerCase();
    const neg = !!m[2] || label === 'net loss' || label === 'loss' || label === 'oper loss';
    // "Oper net loss 18,688,000": an operating loss, not a profit.
    const metric: TableResult['metric'] = /^(revs|revenues|sales)$/.test(label) ? 'revenue' : /^oper/.test(label) ? (neg ? 'operating_loss' : 'operating_profit') : neg ? 'loss' : 'net_income';
    const num = Number(m[4].replace(/,/g, ''));
    if (!Number.isFinite(num)) continue;
    const scale = m[5] && /mln/i.test(m[5]) ? 1e6 : m[5] && /billion/i.test(m[5]) ? 1e9 : 1;
    const valueText = m[4] + (m[5] ? ' ' + m[5] : '');
    const startOfValue = m.index! + m[0].indexOf(m[4]);
    const period = [...periods].reverse().find((p) => p.at <= m.index!)?.text ?? null;
    out.push({ company: companyMention.entity, metric, amount: { value: num * scale, currency, text: valueText }, period, start: m.index! + m[0].length - m[0].trimStart().length, end: startOfValue + valueText.length });
  }
  return out;
}

