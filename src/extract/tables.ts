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
  /** the title's name reaches back before the company mention ("FAMILY STEAK HOUSES OF FLORIDA INC" where "FLORIDA INC" was recognized): its span */
  fullName?: { start: number; end: number };
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
/** From the title's start: capitalized words ending in "OF"/"AND"/"&" right before the recognized name. */
const RE_TITLE_NAME_LEAD = /^\s*<?(?:[A-Z][A-Z0-9.'&-]*\s+){1,5}(?:OF|AND|&)\s+$/;
/** From the title's start: capitalized words right before a recognized name that starts with "OF" ("OF CLINICAL PHARM PLC"). */
const RE_TITLE_WORDS_LEAD = /^\s*<?(?:[A-Z][A-Z0-9.'&-]*\s+){1,5}$/;
/** A title's company name before its ticker: "BOOTHE FINANCIAL CORP <BCMP>", "<SENSORMATIC CANADA LTD> YEAR" has none after. */
const RE_TITLE_BEFORE_TICKER = /^(\s*<?)([A-Z0-9][A-Z0-9 .,'&/-]*?[A-Z0-9.])\s*<[A-Z0-9.]{1,10}>/;
/** After "vs": the compared figure and a unit ("vs 5.4 mln"), when the row's own figure has none. */
const RE_UNIT_AFTER_VS = /^[ \t]+(?:loss[ \t]+|profit[ \t]+)?[\d][\d,]*(?:\.\d+)?[ \t]+(mln|billion)\b/i;
const RE_OTHER_CURRENCY = /\b(stg|marks|francs|yen|guilders|lire|pesetas|crowns|Canadian dlrs|Australian dlrs|Hong Kong dlrs|HK dlrs|C dlrs|A dlrs)\b/i;

export function findTableResults(text: string, title: string | null, mentions: readonly Mention[], orgOf: (m: Mention) => boolean): TableResult[] {
  if (!/\bvs\b/.test(text)) return [];
  const headLen = title ? title.length : Math.min(text.indexOf('\n') >= 0 ? text.indexOf('\n') : text.length, 200);
  const companyMention = mentions.find((m) => m.start < headLen && orgOf(m));
  if (!companyMention) return [];
  // "INSTITUTE OF CLINICAL PHARM PLC", "FAMILY STEAK HOUSES OF FLORIDA INC": a name cut after "OF" or "AND" reaches back
  // over the capitalized words before it, to the start of the title (or its "<").
  const cut = /^(?:OF|AND|&)\s/.test(text.slice(companyMention.start, companyMention.end));
  const lead = (cut ? RE_TITLE_WORDS_LEAD : RE_TITLE_NAME_LEAD).exec(text.slice(0, companyMention.start));
  let fullName = lead ? { start: lead.index + (lead[0].length - lead[0].trimStart().length) + (lead[0].trimStart().startsWith('<') ? 1 : 0), end: companyMention.end } : undefined;
  // "BOOTHE FINANCIAL CORP <BCMP> 4TH QTR NET", "ENTRE COMPUTER CENTERS INC<ETRE.O>": the name is all of the title
  // before its ticker, when the recognized name is part of it.
  const ticker = RE_TITLE_BEFORE_TICKER.exec(text.slice(0, headLen));
  if (ticker) {
    const start = ticker.index + ticker[1].length, end = start + ticker[2].length;
    if (companyMention.start >= start && companyMention.end <= end && (companyMention.start > start || companyMention.end < end)) fullName = { start, end };
  }
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
    // "Revs 3.1 vs 5.4 mln": a unit written once, after the comparison, is the row's.
    const unit = m[5] ?? RE_UNIT_AFTER_VS.exec(text.slice(m.index! + m[0].length, m.index! + m[0].length + 40))?.[1];
    const scale = unit && /mln/i.test(unit) ? 1e6 : unit && /billion/i.test(unit) ? 1e9 : 1;
    const valueText = m[4] + (m[5] ? ' ' + m[5] : '');
    const startOfValue = m.index! + m[0].indexOf(m[4]);
    const period = [...periods].reverse().find((p) => p.at <= m.index!)?.text ?? null;
    out.push({ company: companyMention.entity, ...(fullName ? { fullName } : {}), metric, amount: { value: num * scale, currency, text: valueText }, period, start: m.index! + m[0].length - m[0].trimStart().length, end: startOfValue + valueText.length });
  }
  return out;
}

