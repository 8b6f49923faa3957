/**
 * Readers for the input formats other than plain text and Reuters SGML: HTML
 * pages (main text via Readability), JSON / JSON Lines records, and RSS 2.0 /
 * RSS 1.0 / Atom feeds. Each returns ArticleItems: one bad record, line or feed
 * item becomes an error item naming where it is and what was expected, and the
 * good ones still come through. Nothing here throws on malformed input.
 */
import { basename, extname } from 'node:path';
import { Readability } from '@mozilla/readability';
import { DOMParser, parseHTML } from 'linkedom';
import { z } from 'zod';
import { DealgraphError } from '../errors.js';
import type { ArticleItem } from './articles.js';

export type InputFormat = 'html' | 'json' | 'jsonl' | 'feed' | 'text' | 'sgm';

/** Shortest main text (characters, after normalising) accepted as an article from an HTML page. */
export const MIN_HTML_ARTICLE_CHARS = 200;

/**
 * Deepest element nesting given to Readability. Over linkedom its time grows
 * roughly with the cube of the depth (400 levels: ~2 s; 2,000: minutes), and
 * broken markup (unclosed inline tags) nests without limit, so deeper pages are
 * read by a plain walk of the body without navigation, headers, footers and asides.
 */
export const MAX_READABILITY_DEPTH = 150;

const fail = (source: string, expectedFound: string): ArticleItem =>
  ({ ok: false, source, reason: new DealgraphError(expectedFound, source).message });

const errorText = (e: unknown): string => (e instanceof Error ? e.message : String(e));

// ---------------------------------------------------------------------------
// Dates

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

function ymd(y: number, m: number, d: number): string | null {
  if (!(y >= 1000 && y <= 9999 && m >= 1 && m <= 12 && d >= 1)) return null;
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  if (d > days) return null;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/**
 * A date as YYYY-MM-DD, from ISO 8601 (`2024-03-05`, `2024-03-05T23:30:00-05:00`,
 * `20240305`) or RFC 2822 (`Tue, 05 Mar 2024 10:00:00 GMT`); null otherwise. The
 * calendar date is taken as written (not converted to UTC), which is the date the
 * publisher meant.
 */
export function normaliseDate(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const s = value.trim();
  let m = /^(\d{4})-(\d{2})-(\d{2})(?=$|[T\s])/.exec(s) ?? /^(\d{4})(\d{2})(\d{2})(?=$|T)/.exec(s);
  if (m) return ymd(+m[1], +m[2], +m[3]);
  m = /^(?:[a-z]{3,9},?\s+)?(\d{1,2})\s+([a-z]{3})[a-z]*\.?\s+(\d{4}|\d{2})(?=$|\s)/i.exec(s);
  if (m) {
    const month = MONTHS.indexOf(m[2].toLowerCase()) + 1;
    if (month === 0) return null;
    let year = +m[3];
    if (m[3].length === 2) year += year < 50 ? 2000 : 1900; // RFC 822 two-digit years
    return ymd(year, month, +m[1]);
  }
  return null;
}

// ---------------------------------------------------------------------------
// HTML → text

/** Elements whose start and end are paragraph breaks. */
const BLOCK = new Set([
  'address', 'article', 'aside', 'blockquote', 'body', 'center', 'dd', 'details', 'dialog', 'div', 'dl', 'dt',
  'fieldset', 'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hgroup',
  'hr', 'li', 'main', 'nav', 'ol', 'p', 'pre', 'section', 'summary', 'table', 'tbody', 'thead', 'tfoot', 'tr', 'ul',
]);
/** Elements whose content is never text. */
const SKIP = new Set(['script', 'style', 'noscript', 'template', 'svg', 'math', 'iframe', 'object', 'head', 'title', 'button', 'select']);

const PARA = '\u0000'; // paragraph-break marker while walking
const LINE = '\u0001'; // line-break (<br>) marker while walking

/**
 * Text of a DOM subtree: paragraphs (block elements) separated by "\n\n",
 * `<br>` as "\n", runs of white space (and no-break spaces) collapsed to one space.
 */
export function domText(root: Node): string {
  const out: string[] = [];
  // Iterative walk (firstChild / nextSibling / parentNode are O(1) in linkedom; `children` is not),
  // so deeply nested broken markup neither overflows the stack nor goes quadratic.
  const enter = (node: Node): boolean => {
    const type = node.nodeType;
    if (type === 3 || type === 4) { out.push((node.textContent ?? '').replace(/[\u0000\u0001]/g, '')); return false; }
    if (type !== 1 && type !== 9 && type !== 11) return false;
    const name = type === 1 ? (node as Element).localName.toLowerCase() : '';
    if (SKIP.has(name)) return false;
    if (name === 'br') { out.push(LINE); return false; }
    if (name === 'td' || name === 'th') out.push(' ');
    if (BLOCK.has(name)) out.push(PARA);
    return true;
  };
  const leave = (node: Node): void => {
    if (node.nodeType === 1 && BLOCK.has((node as Element).localName.toLowerCase())) out.push(PARA);
  };
  if (enter(root)) {
    let node: Node | null = root.firstChild;
    while (node) {
      if (enter(node) && node.firstChild) { node = node.firstChild; continue; }
      if (node.nodeType === 1 && node !== root) leave(node);
      while (node && node !== root && !node.nextSibling) {
        node = node.parentNode;
        if (node && node !== root) leave(node);
      }
      node = node && node !== root ? node.nextSibling : null;
    }
    leave(root);
  }
  return out
    .join('')
    .split(PARA)
    .map((p) => p.split(LINE).map((l) => collapse(l)).filter((l) => l !== '').join('\n'))
    .filter((p) => p !== '')
    .join('\n\n');
}

/** Deepest element nesting under `root` (iterative, linear). */
export function maxDepth(root: Node): number {
  let depth = 0;
  let max = 0;
  let node: Node | null = root.firstChild;
  while (node) {
    if (node.firstChild) { depth++; if (depth > max) max = depth; node = node.firstChild; continue; }
    while (node && node !== root && !node.nextSibling) { node = node.parentNode; depth--; }
    node = node && node !== root ? node.nextSibling : null;
  }
  return max;
}

const collapse = (s: string): string => s.replace(/[\s\u00a0\u2000-\u200a\u202f\u205f\u3000]+/g, ' ').replace(/[\u200b\ufeff]/g, '').trim();

/** Plain text (not HTML) normalised the same way: blank lines separate paragraphs, runs of spaces collapse. */
export function normalisePlainText(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t\u00a0]*\n\s*/)
    .map((p) => p.split('\n').map((l) => collapse(l)).filter((l) => l !== '').join('\n'))
    .filter((p) => p !== '')
    .join('\n\n');
}

const HEAD_TAGS = new Set(['title', 'meta', 'link', 'base', 'style']);

/**
 * Deepest tag nesting the HTML parser would build. htmlparser2 (under
 * linkedom) keeps its open-element stack with `unshift`, so a page of N
 * unclosed tags ("<b>x " × 150,000) costs N² (minutes); markup nested deeper
 * than this is flattened to paragraphs of text before parsing.
 */
export const MAX_PARSE_DEPTH = 5000;

const VOID_TAGS = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr', 'keygen']);
/** Open tags that close an open element of these names first (a subset of the HTML parser's rules: enough for an estimate). */
const IMPLIES_CLOSE: Record<string, Set<string>> = (() => {
  const m: Record<string, Set<string>> = {};
  for (const b of BLOCK) m[b] = new Set(['p']);
  m.p = new Set(['p']);
  m.li = new Set(['li', 'p']);
  m.dt = m.dd = new Set(['dt', 'dd', 'p']);
  m.tr = new Set(['tr', 'td', 'th']);
  m.td = m.th = new Set(['td', 'th']);
  m.option = new Set(['option']);
  return m;
})();

/** Elements whose content is raw text up to their close tag (no tags inside). */
const RAW_TEXT = new Set(['script', 'style', 'textarea', 'title', 'xmp', 'iframe', 'noembed', 'noframes', 'plaintext']);

/**
 * Walks markup's tags and text in one linear pass (every `indexOf` starts past
 * the previous one): comments and CDATA are skipped, raw-text elements' content
 * comes as text of that element, and an unterminated comment, CDATA or tag ends
 * the walk. Enough to measure and flatten markup; not a parser.
 */
function walkTags(markup: string, onTag: (name: string, close: boolean, selfClose: boolean) => boolean | void, onText: (t: string, inRaw: string | null) => void): void {
  const lower = markup.toLowerCase();
  const TAG = /<(\/?)([A-Za-z][\w:.-]*)/y;
  let i = 0, gt = -1;
  while (i < markup.length) {
    const lt = markup.indexOf('<', i);
    if (lt < 0) { onText(markup.slice(i), null); return; }
    if (lt > i) onText(markup.slice(i, lt), null);
    const closer = markup.startsWith('<!--', lt) ? '-->' : markup.startsWith('<![CDATA[', lt) ? ']]>' : null;
    if (closer) {
      const end = markup.indexOf(closer, lt + 4);
      if (end < 0) return;
      if (closer === ']]>') onText(markup.slice(lt + 9, end), 'cdata');
      i = end + 3;
      continue;
    }
    TAG.lastIndex = lt;
    const m = TAG.exec(markup);
    if (!m) { onText('<', null); i = lt + 1; continue; }
    if (gt < lt) gt = markup.indexOf('>', lt);
    if (gt < 0) return;
    const name = m[2].toLowerCase();
    const selfClose = markup[gt - 1] === '/';
    if (onTag(name, m[1] === '/', selfClose) === false) return;
    i = gt + 1;
    if (!m[1] && !selfClose && RAW_TEXT.has(name)) {
      const end = lower.indexOf(`</${name}`, i);
      onText(markup.slice(i, end < 0 ? markup.length : end), name);
      if (end < 0) return;
      i = end;
    }
  }
}

/**
 * The nesting depth the HTML parser would build for `markup`, by one linear
 * pass with a stack (a close tag closes back to its open tag; void and
 * self-closed tags do not nest); it stops counting once past `limit`.
 */
export function tagNesting(markup: string, limit = MAX_PARSE_DEPTH): number {
  const stack: string[] = [];
  const open = new Map<string, number>();
  let max = 0;
  const pop = () => { const top = stack.pop()!; open.set(top, open.get(top)! - 1); return top; };
  walkTags(markup, (name, close, selfClose) => {
    if (close) {
      if (open.get(name)) while (pop() !== name) { /* close the elements left open inside it */ }
      return;
    }
    if (selfClose || VOID_TAGS.has(name)) return;
    const closes = IMPLIES_CLOSE[name];
    while (closes && stack.length > 0 && closes.has(stack[stack.length - 1])) pop();
    stack.push(name);
    open.set(name, (open.get(name) ?? 0) + 1);
    if (stack.length > max) max = stack.length;
    return max <= limit;
  }, () => {});
  return max;
}

const escapeText = (t: string): string => t.replace(/&(?![#\w]+;)/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * Markup nested too deep to parse, as flat HTML: its title and meta tags, and
 * its text in paragraphs (block tags break paragraphs, `<br>` lines; other
 * tags, scripts and styles are dropped). Linear, like `walkTags`.
 */
export function flattenDeepHtml(html: string): string {
  const head: string[] = [];
  const out: string[] = [];
  walkTags(html, (name) => {
    if (BLOCK.has(name)) out.push(PARA);
    else if (name === 'br') out.push(LINE);
  }, (t, raw) => {
    if (raw === 'title' && head.length === 0) head.push(`<title>${escapeText(t)}</title>`);
    else if (raw === null || raw === 'cdata') out.push(escapeText(t));
  });
  for (const m of html.matchAll(/<meta\b[^<>]*>/gi)) head.push(m[0]);
  const paras = out.join('').split(PARA).map((p) => p.split(LINE).join('<br>')).filter((p) => p.trim() !== '');
  return `<!DOCTYPE html><html><head>${head.join('')}</head><body>${paras.map((p) => `<p>${p}</p>`).join('')}</body></html>`;
}

/**
 * Parses HTML into a document that has `<html><head><body>`. linkedom does not
 * run the HTML5 tree-construction algorithm: a page without explicit `<html>`,
 * `<head>` and `<body>` tags leaves `document.body` detached and empty (and an
 * empty string leaves no documentElement at all, so `document.body` throws), so
 * such pages are rebuilt with their head-ish elements in `<head>` and the rest in
 * `<body>`.
 */
export function loadHtmlDocument(html: string): Document {
  const skeleton = (head: string, body: string): Document =>
    parseHTML(`<!DOCTYPE html><html><head>${head}</head><body>${body}</body></html>`).document as unknown as Document;
  if (tagNesting(html) > MAX_PARSE_DEPTH) html = flattenDeepHtml(html);
  const { document } = parseHTML(html);
  const doc = document as unknown as Document;
  const root = doc.documentElement;
  if (root && root.localName?.toLowerCase() === 'html' && [...root.children].some((c) => c.localName.toLowerCase() === 'body')) return doc;
  const head: string[] = [];
  const body: string[] = [];
  const place = (nodes: Iterable<ChildNode>): void => {
    for (const n of nodes) {
      if (n.nodeType === 1) {
        const el = n as Element;
        const name = el.localName.toLowerCase();
        if (name === 'html') place([...el.childNodes]);
        else if (name === 'head') head.push(el.innerHTML);
        else if (name === 'body') body.push(el.innerHTML);
        else if (HEAD_TAGS.has(name) || (name === 'script' && body.length === 0)) head.push(el.outerHTML);
        else body.push(el.outerHTML);
      } else if (n.nodeType === 3) {
        body.push(String(n)); // linkedom serialises text nodes escaped
      }
    }
  };
  place([...doc.childNodes]);
  return skeleton(head.join(''), body.join(''));
}

/** Text of an HTML fragment (a feed item's description, say), tags stripped, paragraphs kept. */
export function htmlFragmentText(html: string): string {
  try {
    const doc = loadHtmlDocument(html);
    return domText(doc.body);
  } catch {
    // Last resort for input linkedom cannot take: strip tags by hand.
    return normalisePlainText(html.replace(/<(script|style)\b[\s\S]*?<\/\1\s*>/gi, ' ').replace(/<\/?(p|div|br|li|h\d)\b[^>]*>/gi, '\n\n').replace(/<[^>]*>/g, ' '));
  }
}

// ---------------------------------------------------------------------------
// HTML pages

interface PageMeta { title: string | null; published: string | null }

/** Title and publication date from a page's metadata (read before Readability, which removes scripts). */
function pageMeta(doc: Document): PageMeta {
  const metas = [...doc.querySelectorAll('meta')];
  const metaContent = (attr: string, ...values: string[]): string[] =>
    metas.filter((m) => values.includes((m.getAttribute(attr) ?? '').trim().toLowerCase())).map((m) => m.getAttribute('content') ?? '');
  const firstText = (xs: (string | null | undefined)[]): string | null => {
    for (const x of xs) { const t = x == null ? '' : collapse(x); if (t) return t; }
    return null;
  };
  const title = firstText([
    ...metaContent('property', 'og:title'), ...metaContent('name', 'og:title', 'twitter:title'),
    (doc.querySelector('head > title') ?? doc.querySelector('title'))?.textContent,
  ]);
  const dateCandidates: (string | null | undefined)[] = [
    ...metaContent('property', 'article:published_time', 'og:published_time'),
    ...metaContent('name', 'article:published_time', 'og:published_time', 'date', 'dc.date', 'dc.date.issued', 'dcterms.created', 'pubdate', 'publishdate'),
    ...metaContent('itemprop', 'datepublished'),
    ...[...doc.querySelectorAll('[itemprop]')]
      .filter((e) => e.localName.toLowerCase() !== 'meta' && (e.getAttribute('itemprop') ?? '').toLowerCase() === 'datepublished')
      .map((e) => e.getAttribute('datetime') ?? e.getAttribute('content') ?? e.textContent),
    ...jsonLdDates(doc),
    ...[...doc.querySelectorAll('time[datetime]')].map((e) => e.getAttribute('datetime')),
  ];
  let published: string | null = null;
  for (const c of dateCandidates) { published = normaliseDate(c); if (published) break; }
  return { title, published };
}

/** `datePublished` values from JSON-LD blocks (objects, arrays, `@graph`), in document order. */
function jsonLdDates(doc: Document): string[] {
  const dates: string[] = [];
  const visit = (v: unknown, depth: number): void => {
    if (depth > 20 || v === null || typeof v !== 'object') return;
    if (Array.isArray(v)) { for (const x of v) visit(x, depth + 1); return; }
    const o = v as Record<string, unknown>;
    if (typeof o.datePublished === 'string') dates.push(o.datePublished);
    for (const [k, x] of Object.entries(o)) if (k !== 'datePublished') visit(x, depth + 1);
  };
  for (const s of doc.querySelectorAll('script')) {
    if (!/^\s*application\/ld\+json\s*$/i.test(s.getAttribute('type') ?? '')) continue;
    try { visit(JSON.parse(s.textContent ?? ''), 0); } catch { /* a broken JSON-LD block is ignored */ }
  }
  return dates;
}

/**
 * One HTML page → one article (main text by Readability), or one error item when
 * the page has no article. `opts.url` is the page's address, used as the id
 * (else the file's base name).
 */
export function parseHtml(html: string, source: string, opts: { url?: string } = {}): ArticleItem[] {
  const expected = 'expected an HTML page with an article, found';
  try {
    const doc = loadHtmlDocument(html);
    const meta = pageMeta(doc);
    let parsed: ReturnType<Readability<Node>['parse']> = null;
    let text: string;
    if (maxDepth(doc.documentElement) > MAX_READABILITY_DEPTH) {
      for (const el of [...doc.body.querySelectorAll('nav, header, footer, aside, form, menu')]) el.remove();
      text = domText(doc.body);
      if (!text) return [fail(source, `${expected} no text`)];
    } else {
      try {
        // disableJSONLD: a JSON-LD author or headline stops Readability removing the byline and the
        // <h1> that repeats the title; dates from JSON-LD are read above instead.
        parsed = new Readability<Node>(doc, { serializer: (n) => n, disableJSONLD: true }).parse();
      } catch (e) {
        return [fail(source, `${expected} a page Readability could not read (${errorText(e)})`)];
      }
      if (!parsed || !parsed.content) return [fail(source, `${expected} no article text`)];
      text = domText(parsed.content);
    }
    if (text.length < MIN_HTML_ARTICLE_CHARS) {
      return [fail(source, `${expected} only ${text.length} characters of article text (at least ${MIN_HTML_ARTICLE_CHARS} needed)`)];
    }
    const title = meta.title ?? (parsed?.title ? collapse(parsed.title) || null : null);
    const published = meta.published ?? normaliseDate(parsed?.publishedTime);
    const id = opts.url ?? (source === '<stdin>' || source === '-' ? 'stdin' : basename(source));
    return [{ ok: true, article: { id, source, text, title, dateline: null, published } }];
  } catch (e) {
    return [fail(source, `${expected} HTML that could not be parsed (${errorText(e)})`)];
  }
}

// ---------------------------------------------------------------------------
// JSON / JSON Lines

const RecordSchema = z.object({
  id: z.union([z.string(), z.number()]).optional(),
  url: z.string().optional(),
  title: z.string().nullable().optional(),
  published: z.string().nullable().optional(),
  text: z.string().optional(),
  html: z.string().optional(),
});
type JsonRecord = z.infer<typeof RecordSchema>;

function describe(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'object') return 'an object';
  if (typeof v === 'string') return v.trim() === '' ? 'an empty string' : 'a string';
  return `a ${typeof v} (${String(v)})`;
}

const EXPECTED_TYPE: Record<string, string> = {
  id: 'a string or number', url: 'a string', title: 'a string or null', published: 'a string or null', text: 'a string', html: 'a string',
};

/** Checks one record; the error is "expected …, found …". */
function checkRecord(v: unknown): { record: JsonRecord } | { error: string } {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) {
    return { error: `expected a record (a JSON object with "text" or "html"), found ${describe(v)}` };
  }
  const r = RecordSchema.safeParse(v);
  if (!r.success) {
    const issue = r.error.issues[0];
    const key = String(issue?.path[0] ?? '');
    return { error: `expected "${key}" to be ${EXPECTED_TYPE[key] ?? 'valid'}, found ${describe((v as Record<string, unknown>)[key])}` };
  }
  const rec = r.data;
  if (!(rec.text && rec.text.trim()) && !(rec.html && rec.html.trim())) {
    const keys = Object.keys(v);
    return { error: `expected a record with a non-empty "text" or "html", found ${keys.length ? `only ${keys.map((k) => `"${k}"`).join(', ')}` : 'an empty object'}` };
  }
  return { record: rec };
}

/** One checked record → an article item (HTML through parseHtml; record fields win over page metadata). */
function recordItem(rec: JsonRecord, where: string, fallbackId: string): ArticleItem {
  const id = rec.id !== undefined && String(rec.id).trim() !== '' ? String(rec.id) : rec.url?.trim() || fallbackId;
  const title = rec.title != null ? collapse(rec.title) || null : null;
  const published = normaliseDate(rec.published);
  // Normalised first: a text of only zero-width or no-break spaces is no text (fuzzing found one stored empty).
  const text = rec.text ? normalisePlainText(rec.text) : '';
  if (text) return { ok: true, article: { id, source: where, text, title, dateline: null, published } };
  const [item] = parseHtml(rec.html ?? '', where, rec.url ? { url: rec.url } : {});
  if (!item.ok) return item;
  return { ok: true, article: { ...item.article, id, title: title ?? item.article.title, published: published ?? item.article.published } };
}

/**
 * `.json` (one record, or an array of records) or `.jsonl` (one record per line)
 * → articles. A record is `{ id?, url?, title?, published?, text | html }`. A bad
 * line is reported as `source:line`, a bad array element as `source[index]`.
 */
export function parseJsonRecords(text: string, source: string, jsonl: boolean): ArticleItem[] {
  const base = source === '<stdin>' || source === '-' ? 'stdin' : basename(source);
  const items: ArticleItem[] = [];
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (jsonl) {
    const lines = text.split('\n');
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i].trim();
      if (line === '') continue;
      const where = `${source}:${i + 1}`;
      let value: unknown;
      try { value = JSON.parse(line); } catch (e) {
        items.push(fail(where, `expected a JSON record on the line, found invalid JSON (${errorText(e)})`));
        continue;
      }
      const c = checkRecord(value);
      items.push('error' in c ? fail(where, c.error) : recordItem(c.record, where, `${base}:${i + 1}`));
    }
    if (items.length === 0) items.push(fail(source, 'expected JSON Lines records, found no non-blank lines'));
    return items;
  }
  let value: unknown;
  try { value = JSON.parse(text); } catch (e) {
    return [fail(source, `expected JSON (a record or an array of records), found invalid JSON (${errorText(e)})`)];
  }
  if (Array.isArray(value)) {
    if (value.length === 0) return [fail(source, 'expected an array of records, found an empty array')];
    value.forEach((v, i) => {
      const where = `${source}[${i}]`;
      const c = checkRecord(v);
      items.push('error' in c ? fail(where, c.error) : recordItem(c.record, where, `${base}[${i}]`));
    });
    return items;
  }
  const c = checkRecord(value);
  return ['error' in c ? fail(source, c.error) : recordItem(c.record, source, base)];
}

// ---------------------------------------------------------------------------
// Feeds

const tagOf = (e: Element): string => (e.tagName ?? '').toLowerCase();

/** First direct child element with one of the (lower-case, prefixed) tag names, in the order of `names`. */
function child(el: Element, ...names: string[]): Element | null {
  const kids = [...el.children];
  for (const n of names) {
    const hit = kids.find((k) => tagOf(k) === n);
    if (hit) return hit;
  }
  return null;
}

/** An element's text, white space collapsed (ids, links). */
const textOf = (el: Element | null): string | null => (el ? collapse(el.textContent ?? '') || null : null);

/** Inline HTML tags that mark a title as HTML (a bare `<Acme Corp>`, as wire copy writes tickers, does not). */
const INLINE_TAG = /<\/?(?:a|abbr|b|br|cite|code|em|font|i|mark|q|s|small|span|strong|sub|sup|u)(?:\s[^>]*)?\/?>/i;

/**
 * A title: Atom `type="html"` titles, and titles carrying inline HTML tags, are
 * stripped to text; otherwise only entities are decoded (XML already decoded its
 * own; HTML ones such as `&nbsp;` survive XML parsing) and angle brackets kept.
 */
function titleOf(el: Element | null, atom: boolean): string | null {
  if (!el) return null;
  const raw = el.textContent ?? '';
  const type = (el.getAttribute('type') ?? '').toLowerCase();
  let t: string;
  if ((atom && type === 'html') || INLINE_TAG.test(raw)) t = htmlFragmentText(raw);
  else if (atom && type === 'xhtml') t = htmlFragmentText(el.innerHTML);
  else if (raw.includes('&')) t = htmlFragmentText(raw.replace(/</g, '&lt;'));
  else t = raw;
  return collapse(t) || null;
}

/** Text of an RSS description / content:encoded or an Atom content / summary element. */
function contentText(el: Element | null, atom: boolean): string {
  if (!el) return '';
  const type = (el.getAttribute('type') ?? '').toLowerCase();
  if (atom && (type === 'xhtml' || type === 'application/xhtml+xml')) return htmlFragmentText(el.innerHTML);
  const raw = el.textContent ?? '';
  if (atom && (type === 'text' || type === 'text/plain' || (type === '' && !/<\/?[a-z][^>]*>/i.test(raw)))) return normalisePlainText(raw);
  return htmlFragmentText(raw);
}

/**
 * An RSS 2.0, RSS 1.0 (RDF) or Atom feed → one article per item/entry, from its
 * full content (content:encoded, Atom content) or else its description/summary,
 * HTML stripped to text. An item with no text is an error item (`source#n`,
 * 1-based); a document that is not a feed is one error item.
 */
export function parseFeed(xml: string, source: string): ArticleItem[] {
  const expected = 'expected an RSS or Atom feed, found';
  if (xml.charCodeAt(0) === 0xfeff) xml = xml.slice(1);
  const depth = tagNesting(xml);
  if (depth > MAX_PARSE_DEPTH) return [fail(source, `${expected} elements nested more than ${MAX_PARSE_DEPTH} deep`)];
  let root: Element | null;
  try {
    const doc = new DOMParser().parseFromString(xml, 'text/xml') as unknown as Document;
    root = doc.documentElement;
  } catch (e) {
    return [fail(source, `${expected} XML that could not be parsed (${errorText(e)})`)];
  }
  if (!root) return [fail(source, `${expected} no XML element`)];
  const rootTag = tagOf(root);
  let kind: 'rss' | 'atom';
  let entries: Element[];
  if (rootTag === 'rss' || rootTag === 'rdf:rdf') { kind = 'rss'; entries = [...root.getElementsByTagName('item')]; }
  else if (rootTag === 'feed') { kind = 'atom'; entries = [...root.getElementsByTagName('entry')]; }
  else return [fail(source, `${expected} a <${root.tagName}> document`)];
  const base = source === '<stdin>' || source === '-' ? 'stdin' : basename(source);
  if (entries.length === 0) return [fail(source, `expected items in the ${kind === 'rss' ? 'RSS' : 'Atom'} feed, found none`)];
  return entries.map((e, i): ArticleItem => {
    const where = `${source}#${i + 1}`;
    try {
      const title = titleOf(child(e, 'title'), kind === 'atom');
      let link: string | null;
      let id: string | null;
      let published: string | null;
      let text: string;
      if (kind === 'atom') {
        const links = [...e.children].filter((k) => tagOf(k) === 'link' && k.getAttribute('href'));
        const alt = links.find((k) => (k.getAttribute('rel') ?? 'alternate') === 'alternate') ?? links[0];
        link = alt?.getAttribute('href')?.trim() || null;
        id = textOf(child(e, 'id'));
        published = normaliseDate(child(e, 'published', 'updated', 'dc:date')?.textContent);
        text = contentText(child(e, 'content'), true) || contentText(child(e, 'summary'), true);
      } else {
        link = textOf(child(e, 'link')) ?? e.getAttribute('rdf:about');
        id = textOf(child(e, 'guid'));
        published = normaliseDate(child(e, 'pubdate', 'dc:date')?.textContent);
        text = contentText(child(e, 'content:encoded'), false) || contentText(child(e, 'description'), false);
      }
      if (!text) {
        return fail(where, `expected a ${kind === 'atom' ? 'feed entry with content or a summary' : 'feed item with content:encoded or a description'}, found ${title ? `only a title ("${title.slice(0, 60)}")` : 'no text'}`);
      }
      return { ok: true, article: { id: id ?? link ?? `${base}#${i + 1}`, source: where, text, title, dateline: null, published } };
    } catch (err) {
      return fail(where, `expected a readable feed item, found one that could not be read (${errorText(err)})`);
    }
  });
}

// ---------------------------------------------------------------------------
// Format detection

const EXTENSIONS: Record<string, InputFormat> = {
  '.html': 'html', '.htm': 'html', '.xhtml': 'html',
  '.json': 'json', '.jsonl': 'jsonl', '.ndjson': 'jsonl',
  '.xml': 'feed', '.rss': 'feed', '.atom': 'feed',
  '.sgm': 'sgm', '.sgml': 'sgm', '.txt': 'text',
};

/**
 * The format of an input: by extension first, else by sniffing its first bytes
 * (`head`, any length; the first few KB are enough). Unknown → 'text'.
 */
export function detectFormat(path: string, head: string): InputFormat {
  const byExt = EXTENSIONS[extname(path).toLowerCase()];
  if (byExt) return byExt;
  const h = head.replace(/^\ufeff/, '').trimStart().slice(0, 4096);
  const lower = h.toLowerCase();
  if (/^(?:<!doctype lewis[^>]*>\s*)?<reuters\b/.test(lower)) return 'sgm';
  if (/^<rss[\s>]/.test(lower) || /^<feed[\s>]/.test(lower) || /^<rdf:rdf[\s>]/.test(lower)) return 'feed';
  if (lower.startsWith('<?xml')) {
    // The root element is the first tag that is not a declaration, comment or processing instruction.
    const rootTag = /<(?![?!])([a-z][\w:.-]*)/.exec(lower)?.[1];
    if (rootTag === 'rss' || rootTag === 'feed' || rootTag === 'rdf:rdf') return 'feed';
    if (rootTag === 'html') return 'html';
    return 'text';
  }
  if (/^<!doctype html[\s>]/.test(lower) || /^(?:<!--[\s\S]*?-->\s*)*<(?:html|head|body)[\s>]/.test(lower)) return 'html';
  if (/^\{\s*(?:"|\}|$)/.test(h)) {
    // JSON Lines when the first line is a complete object and another record follows.
    const lines = h.split('\n').map((l) => l.trim()).filter((l) => l !== '');
    if (lines.length > 1 && lines[1].startsWith('{')) {
      try { JSON.parse(lines[0]); return 'jsonl'; } catch { /* one multi-line object */ }
    }
    return 'json';
  }
  if (/^\[\s*(?:\{|\]|$)/.test(h)) return 'json';
  return 'text';
}
