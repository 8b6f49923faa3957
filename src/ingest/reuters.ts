/**
 * Reuters-21578 SGML reader. The files are not well-formed XML (stray `<` in
 * bodies are escaped as `&lt;`, but control characters appear as `&#N;`), so a
 * generic XML parser either rejects them or is far slower than this: each
 * `<REUTERS …>…</REUTERS>` block is cut out with indexOf and its few fields
 * read with prepared regexes.
 */
import { readFileSync } from 'node:fs';
import { DealgraphError } from '../errors.js';

export interface ReutersArticle {
  newid: string;
  oldid: string | null;
  lewissplit: string | null;
  topicsAttr: string | null;
  /** The raw `<DATE>` field, e.g. `26-FEB-1987 15:01:01.79`. */
  dateRaw: string | null;
  /** The publication date as `YYYY-MM-DD`, when `<DATE>` parses. */
  published: string | null;
  topics: string[];
  places: string[];
  title: string | null;
  dateline: string | null;
  body: string;
}

const RE_ATTR = /([A-Z]+)="([^"]*)"/g;
const RE_DATE = /<DATE>([^<]*)<\/DATE>/;
const RE_TOPICS = /<TOPICS>(.*?)<\/TOPICS>/s;
const RE_PLACES = /<PLACES>(.*?)<\/PLACES>/s;
const RE_D = /<D>([^<]*)<\/D>/g;
const RE_TITLE = /<TITLE>([\s\S]*?)<\/TITLE>/;
const RE_DATELINE = /<DATELINE>([\s\S]*?)<\/DATELINE>/;
const RE_BODY = /<BODY>([\s\S]*?)(?:<\/BODY>|$)/;
const RE_TEXT = /<TEXT[^>]*>([\s\S]*?)<\/TEXT>/;
const RE_ENTITY = /&(?:#(\d+)|lt|gt|amp|quot|apos);/g;
const MONTHS: Record<string, string> = {
  JAN: '01', FEB: '02', MAR: '03', APR: '04', MAY: '05', JUN: '06',
  JUL: '07', AUG: '08', SEP: '09', OCT: '10', NOV: '11', DEC: '12',
};

/** Decodes the SGML entities Reuters uses; control characters (`&#3;` etc.) become nothing. */
export function decodeSgmlEntities(s: string): string {
  if (s.indexOf('&') < 0) return s;
  return s.replace(RE_ENTITY, (m, num: string | undefined) => {
    if (num !== undefined) {
      const code = Number(num);
      return code < 32 && code !== 9 && code !== 10 && code !== 13 ? '' : String.fromCharCode(code);
    }
    switch (m) {
      case '&lt;': return '<';
      case '&gt;': return '>';
      case '&amp;': return '&';
      case '&quot;': return '"';
      default: return "'";
    }
  });
}

function list(re: RegExp, block: string): string[] {
  const m = re.exec(block);
  if (!m) return [];
  const out: string[] = [];
  for (const d of m[1].matchAll(RE_D)) out.push(d[1]);
  return out;
}

/** `26-FEB-1987 15:01:01.79` → `1987-02-26`. */
export function reutersDate(raw: string): string | null {
  const m = /^\s*(\d{1,2})-([A-Z]{3})-(\d{4})/.exec(raw.toUpperCase());
  if (!m || !MONTHS[m[2]]) return null;
  return `${m[3]}-${MONTHS[m[2]]}-${m[1].padStart(2, '0')}`;
}

/** Parses one `<REUTERS …>…</REUTERS>` block. Throws DealgraphError when it has no NEWID. */
export function parseReutersBlock(block: string): ReutersArticle {
  const headEnd = block.indexOf('>');
  const attrs: Record<string, string> = {};
  for (const m of block.slice(0, headEnd).matchAll(RE_ATTR)) attrs[m[1]] = m[2];
  if (!attrs.NEWID) {
    throw new DealgraphError(`expected a <REUTERS … NEWID="…"> tag, found ${JSON.stringify(block.slice(0, 60))}`);
  }
  const dateRaw = RE_DATE.exec(block)?.[1]?.trim() ?? null;
  const textM = RE_TEXT.exec(block);
  const text = textM ? textM[1] : '';
  const title = RE_TITLE.exec(text)?.[1];
  const dateline = RE_DATELINE.exec(text)?.[1];
  let body = RE_BODY.exec(text)?.[1];
  if (body === undefined) {
    // TYPE="BRIEF"/"UNPROC" articles have no <BODY>: the text after the tags is the body.
    body = text.replace(/<TITLE>[\s\S]*?<\/TITLE>|<DATELINE>[\s\S]*?<\/DATELINE>|<AUTHOR>[\s\S]*?<\/AUTHOR>/g, '');
  }
  body = decodeSgmlEntities(body).replace(/\s*\breuter\s*$/i, '').replace(/^\s+|\s+$/g, '');
  return {
    newid: attrs.NEWID,
    oldid: attrs.OLDID ?? null,
    lewissplit: attrs.LEWISSPLIT ?? null,
    topicsAttr: attrs.TOPICS ?? null,
    dateRaw,
    published: dateRaw ? reutersDate(dateRaw) : null,
    topics: list(RE_TOPICS, block),
    places: list(RE_PLACES, block),
    title: title !== undefined ? decodeSgmlEntities(title).trim() : null,
    dateline: dateline !== undefined ? decodeSgmlEntities(dateline).trim().replace(/\s*-\s*$/, '') : null,
    body,
  };
}

export interface ReutersParseResult {
  articles: ReutersArticle[];
  errors: { index: number; reason: string }[];
}

/** Parses a whole `.sgm` file's text; bad blocks become per-item errors, the rest still parse. */
export function parseReutersSgml(sgml: string): ReutersParseResult {
  const articles: ReutersArticle[] = [];
  const errors: { index: number; reason: string }[] = [];
  let pos = 0;
  let index = 0;
  for (;;) {
    const start = sgml.indexOf('<REUTERS', pos);
    if (start < 0) break;
    let end = sgml.indexOf('</REUTERS>', start);
    const next = sgml.indexOf('<REUTERS', start + 8);
    let truncated = false;
    if (end < 0 || (next >= 0 && next < end)) {
      truncated = true;
      end = next >= 0 ? next : sgml.length;
    }
    const block = sgml.slice(start, end);
    try {
      if (truncated) throw new DealgraphError(`expected </REUTERS> closing the article at offset ${start}, found ${next >= 0 ? 'another <REUTERS>' : 'end of file'}`);
      articles.push(parseReutersBlock(block));
    } catch (e) {
      errors.push({ index, reason: e instanceof Error ? e.message : String(e) });
    }
    index++;
    pos = truncated ? end : end + 10;
  }
  return { articles, errors };
}

/** Reads a `.sgm` file as Latin-1 (as the corpus requires) and parses it. */
export function readReutersFile(path: string): ReutersParseResult {
  return parseReutersSgml(readFileSync(path, 'latin1'));
}
