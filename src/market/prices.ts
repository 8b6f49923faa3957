/**
 * `dealgraph market import`: closes in long format (`date,symbol,close` or
 * `date,index,close`), checked row by row. A file with any bad row imports
 * nothing (the caller stores the rows in one transaction only when `errors`
 * is empty); every bad row is reported with its line number.
 */
import type { PriceKind, PriceRow } from '../store/types.js';

export interface ParsedPrices { kind: PriceKind; rows: PriceRow[]; errors: { line: number; reason: string }[] }

const RE_DATE = /^\d{4}-\d{2}-\d{2}$/;
const RE_SYMBOL = /^[A-Za-z0-9][A-Za-z0-9.^_-]{0,19}$/;
const RE_NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

export const isCalendarDate = (d: string): boolean => {
  if (!RE_DATE.test(d)) return false;
  const t = Date.parse(d + 'T00:00:00Z');
  return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === d;
};

/** The rows of a price file; `index` forces index closes whatever the header's middle column is called. */
export function parsePrices(text: string, opts: { index?: boolean } = {}): ParsedPrices {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const header = lines[0].trim().toLowerCase().split(',').map((s) => s.trim());
  const errors: ParsedPrices['errors'] = [];
  const kind: PriceKind = opts.index || header[1] === 'index' ? 'index' : 'stock';
  if (header.length !== 3 || header[0] !== 'date' || (header[1] !== 'symbol' && header[1] !== 'index') || header[2] !== 'close') {
    errors.push({ line: 1, reason: `expected the header date,symbol,close or date,index,close, found ${JSON.stringify(lines[0].slice(0, 60))}` });
    return { kind, rows: [], errors };
  }
  const rows: PriceRow[] = [];
  const seen = new Map<string, number>();
  for (let i = 1; i < lines.length; i++) {
    const raw = lines[i];
    if (raw.trim() === '') continue;
    const reason = rowError(raw, seen);
    if (typeof reason === 'string') errors.push({ line: i + 1, reason });
    else if (reason) rows.push(reason);
  }
  if (rows.length === 0 && errors.length === 0) errors.push({ line: 1, reason: 'expected at least one price row, found none' });
  return { kind, rows, errors };
}

/** A row, null for an exact repeat of an earlier row, or why it is refused. */
function rowError(raw: string, seen: Map<string, number>): PriceRow | string | null {
  const f = raw.split(',').map((s) => s.trim());
  if (f.length !== 3) return `expected 3 fields (date,symbol,close), found ${f.length}`;
  const [date, symbol, closeText] = f;
  if (!isCalendarDate(date)) return `expected a date as YYYY-MM-DD, found ${JSON.stringify(date)}`;
  if (!RE_SYMBOL.test(symbol)) return `expected a symbol (letters, digits, . ^ _ -), found ${JSON.stringify(symbol)}`;
  const close = Number(closeText);
  if (!RE_NUMBER.test(closeText) || !Number.isFinite(close) || close <= 0) return `expected a positive closing price, found ${JSON.stringify(closeText)}`;
  const key = symbol + ' ' + date;
  const before = seen.get(key);
  if (before !== undefined) return before === close ? null : `expected one close for ${symbol} on ${date}, found ${before} and ${close}`;
  seen.set(key, close);
  return { date, symbol, close };
}
