/**
 * What a plain-text article says about itself: a first line that reads as a
 * headline is its title, and a dateline ("OSLO, April 2 —", "NEW YORK, Jan. 5
 * (Reuters) -") gives its place and, when no date is given, its published
 * date. The date is read by chrono-node; a dateline without a year takes the
 * latest such day on or before the reference day (news is not dated ahead).
 */
import * as chrono from 'chrono-node';

export interface PlainTextMeta { title: string | null; dateline: string | null; published: string | null }

const MONTH = String.raw`(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?`;
/** "PLACE[, STATE], Month D[, YYYY] [(Agency)] —": the place in capitals or title case, then the date, then a dash. */
const RE_DATELINE = new RegExp(
  String.raw`^\s*((\p{Lu}[\p{L}.'’-]*(?:[ -]\p{Lu}[\p{L}.'’-]*){0,3}(?:,\s*\p{Lu}[\p{L}.'’-]*(?: \p{Lu}[\p{L}.'’-]*){0,2})?),\s+(${MONTH}\s+\d{1,2}(?:,?\s+\d{4})?))\s*(?:\([^()\n]{1,40}\)\s*)?[-—–]{1,2}\s`,
  'u',
);
const RE_YEAR = /\b\d{4}\b/;
/** A line that ends a sentence: a full stop not after a one-letter initial or a common abbreviation. */
const RE_SENTENCE_END = /(?<!\b(?:[A-Z]|Inc|Corp|Co|Ltd|Jr|Sr|St|U\.S|Dr|Mr|Mrs|Ms))[.;:,]$/;

/** The first line, when it reads as a headline: short, on a line of its own, not a sentence, not a dateline. */
export function headlineOf(text: string): { title: string; rest: string } | null {
  const m = /^\s*([^\n]+)\n/.exec(text);
  if (!m) return null;
  const line = m[1].trim();
  const rest = text.slice(m[0].length);
  const words = line.split(/\s+/);
  if (line.length < 8 || line.length > 200 || words.length < 2 || words.length > 25) return null;
  if (RE_SENTENCE_END.test(line) || RE_DATELINE.test(line + ' ')) return null;
  if (!/\p{Lu}/u.test(line) || !/\S/.test(rest)) return null;
  // A headline stands apart: a blank line after it, or the next line opens with a dateline.
  if (!/^[ \t]*\n/.test(rest) && !RE_DATELINE.test(rest)) return null;
  return { title: line, rest };
}

/** The dateline at the start of `body` and its date as YYYY-MM-DD (null when chrono cannot read it). */
export function datelineOf(body: string, ref: Date = new Date()): { dateline: string; published: string | null } | null {
  const m = RE_DATELINE.exec(body);
  if (!m) return null;
  const when = m[3];
  const parsed = chrono.parse(when, { instant: ref, timezone: 0 }, { forwardDate: false })[0];
  if (!parsed || !parsed.start.isCertain('month') || !parsed.start.isCertain('day')) return { dateline: m[1].replace(/\s+/g, ' '), published: null };
  let year = parsed.start.get('year')!;
  const month = parsed.start.get('month')!, day = parsed.start.get('day')!;
  const iso = (y: number) => `${String(y).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  if (!RE_YEAR.test(when) && iso(year) > ref.toISOString().slice(0, 10)) year--;
  return { dateline: m[1].replace(/\s+/g, ' '), published: iso(year) };
}

/** Title, dateline and published date of a plain-text article; `published` given by the caller wins over the dateline's. */
export function plainTextMeta(text: string, opts: { published?: string | null; ref?: Date } = {}): PlainTextMeta {
  const head = headlineOf(text);
  const body = head ? head.rest.replace(/^\s+/, '') : text;
  const dl = datelineOf(body, opts.ref ?? (opts.published ? new Date(opts.published + 'T00:00:00Z') : undefined));
  return { title: head?.title ?? null, dateline: dl?.dateline ?? null, published: opts.published ?? dl?.published ?? null };
}
