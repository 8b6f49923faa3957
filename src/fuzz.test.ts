/**
 * Property-based fuzzing (fast-check) of extraction and of every input
 * format: random text with unicode, long names and brackets; random HTML,
 * RSS/Atom, JSON Lines and Reuters SGML built from real fragments and noise.
 * Whatever comes in: nothing throws, every offset lies inside the text, every
 * fact names entities that exist, and each case finishes in bounded time.
 * Each property runs a bounded number of cases within a time limit and prints
 * how many ran (`FUZZ_RUNS` scales the counts).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { extract } from './extract/index.js';
import type { Extraction } from './extract/schema.js';
import { parseFeed, parseHtml, parseJsonRecords } from './ingest/formats.js';
import { parseReutersSgml } from './ingest/reuters.js';
import type { ArticleItem } from './ingest/articles.js';

const SCALE = Number(process.env.FUZZ_RUNS ?? 1);
const TIME_LIMIT_MS = 25_000 * SCALE;
/** One case may take this long: several times the slowest real article, far below a quadratic blow-up. */
const CASE_MS = 3_000;

const FRAGMENTS = [
  'Chrysler Corp', 'said it agreed to acquire', 'American Motors Corp', 'for 757 mln dlrs', 'in cash and stock', '.', ',', ' and ', 'General Motors',
  'GM', 'PSA Peugeot Citroen', '(PSA)', 'chief executive Philippe Varin', '"We are pleased," he said.', '<Castone Development Corp>', 'Inc', 'Ltd', 'Plc.',
  'rose 12 pct', 'net profit of 1.2 billion euros', 'on Tuesday', 'last month', 'in talks', 'denied', 'could', 'the company', 'it', 'its unit',
  'Shr 1.20 dlrs vs 1.10 dlrs', 'Net 20 mln vs 18 mln', '\n\n', '\n', ' -- ', '...', "'s", 'Société Générale SA', 'Nestlé', 'Ünited Wídgets AG',
  '株式会社トヨタ', 'Газпром', '😀', '\u200b', '\u00a0', '(', ')', '[', ']', '{', '}', '<', '>', '&amp;', 'U.S.', 'N.V.', 'Co.', 'K.K.',
];
const NAME_WORD = fc.stringMatching(/^[A-Z][a-z]{1,12}$/);

/** Text made of real fragments, random unicode and long capitalized names ("Aaa Bbb … Corp"). */
const newsText = fc.array(fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...FRAGMENTS) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 30 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 30 }) },
  { weight: 1, arbitrary: fc.array(NAME_WORD, { minLength: 1, maxLength: 40 }).map((w) => `${w.join(' ')} ${['Inc', 'Corp', 'Ltd', 'AG', 'Group'][w.length % 5]}`) },
  { weight: 1, arbitrary: fc.array(fc.constantFrom('(', ')', '<', '>', '"', "'", '[', ']'), { maxLength: 40 }).map((b) => b.join('')) },
), { minLength: 1, maxLength: 120 }).map((parts) => parts.join(' '));

/** Every offset inside the text, every fact argument an entity of the article. */
function checkExtraction(x: Extraction, text: string): void {
  const ids = new Set(x.entities.map((e) => e.id));
  for (const e of x.entities) for (const m of e.mentions) assert.ok(m.start >= 0 && m.start < m.end && m.end <= text.length, `mention ${JSON.stringify(m)} of ${e.name} outside 0..${text.length}`);
  for (const f of x.facts) {
    for (const ev of f.evidence) assert.ok(ev.start >= 0 && ev.start <= ev.end && ev.end <= text.length, `evidence ${JSON.stringify(ev)} of ${f.id} outside 0..${text.length}`);
    for (const v of Object.values(f.args)) for (const id of Array.isArray(v) ? v : [v]) if (typeof id === 'string' && /^e\d+$/.test(id)) assert.ok(ids.has(id), `${f.id} names ${id}, not an entity`);
  }
  assert.equal(x.article.chars, text.length);
}

function timedExtract(text: string, source = 'fuzz'): Extraction {
  const t0 = performance.now();
  const { extraction } = extract({ id: source, source, text, published: '2020-01-15' });
  const ms = performance.now() - t0;
  assert.ok(ms < CASE_MS, `${text.length} characters took ${ms.toFixed(0)} ms`);
  checkExtraction(extraction, text);
  return extraction;
}

/** Runs a property for at most `runs` cases and the time limit, and prints how many cases ran. */
function fuzz<T>(name: string, arb: fc.Arbitrary<T>, runs: number, check: (v: T) => void): void {
  let cases = 0;
  const result = fc.check(fc.property(arb, (v) => { cases++; check(v); }), { numRuns: runs * SCALE, interruptAfterTimeLimit: TIME_LIMIT_MS, markInterruptAsFailure: false });
  console.log(`fuzz ${name}: ${cases} cases${result.interrupted ? ' (stopped at the time limit)' : ''}, seed ${result.seed}`);
  if (result.failed) assert.fail(fc.defaultReportMessage(result) ?? `${name} failed`);
  assert.ok(cases >= Math.min(50, runs), `${name}: only ${cases} cases ran`);
}

/** Every item is an article with text or an error that names its source and says what was expected. */
function checkItems(items: ArticleItem[]): ArticleItem[] {
  for (const it of items) {
    if (it.ok) assert.ok(it.article.text.trim().length > 0, `empty article from ${it.article.source}`);
    else assert.match(it.reason, /^dealgraph: .*expected /, it.reason);
  }
  return items;
}
const extractItems = (items: ArticleItem[]) => { for (const it of checkItems(items)) if (it.ok) timedExtract(it.article.text, it.article.source); };

test('fuzz: extract on random text (unicode, long names, brackets) never throws and keeps offsets inside the text', () => {
  timedExtract('Acme Corp said it agreed to buy Zenith Inc.'); // the model loads outside the timings
  fuzz('extract', newsText, 1000, (text) => { timedExtract(text); });
});

const TAGS = ['p', 'div', 'b', 'i', 'span', 'a', 'article', 'nav', 'header', 'footer', 'script', 'style', 'table', 'tr', 'td', 'br', 'img', 'h1', 'li', 'ul', 'font', 'title', 'meta', 'body', 'html', 'head', 'svg'];
const tag = fc.record({
  name: fc.constantFrom(...TAGS), close: fc.boolean(), self: fc.boolean(),
  attrs: fc.array(fc.tuple(fc.constantFrom('class', 'id', 'href', 'content', 'property', 'itemprop', 'datetime', 'type'), fc.oneof(fc.constantFrom('article:published_time', '2020-02-03', 'x"y', "a'b", 'application/ld+json'), fc.string({ maxLength: 12 }))), { maxLength: 3 }),
}).map((t) => t.close ? `</${t.name}>` : `<${t.name}${t.attrs.map(([k, v]) => ` ${k}="${v}"`).join('')}${t.self ? '/' : ''}>`);
const htmlDoc = fc.array(fc.oneof({ weight: 3, arbitrary: tag }, { weight: 3, arbitrary: newsText }, { weight: 1, arbitrary: fc.constantFrom('<!--', '-->', '<![CDATA[', ']]>', '&nbsp;', '&#x1F600;', '&bogus;', '<', '</', '<!DOCTYPE html>') }),
  { maxLength: 80 }).map((p) => p.join(''));

test('fuzz: HTML pages (random tags, attributes, comments, entities and text) never throw; their articles extract cleanly', () => {
  fuzz('HTML', htmlDoc, 300, (html) => { extractItems(parseHtml(html, 'fuzz.html')); });
});

const cdataOr = (s: fc.Arbitrary<string>) => fc.tuple(fc.boolean(), s).map(([c, t]) => (c ? `<![CDATA[${t}]]>` : t.replace(/&/g, '&amp;').replace(/</g, '&lt;')));
const rssItem = fc.record({ title: cdataOr(newsText), desc: cdataOr(htmlDoc), date: fc.constantFrom('Tue, 03 Feb 2020 10:00:00 GMT', '2020-02-30', 'yesterday', ''), junk: fc.constantFrom('', '<item>', '</channel>', '<guid>x</guid>', '<link>http://x/</link>') })
  .map((i) => `<item><title>${i.title}</title><description>${i.desc}</description><pubDate>${i.date}</pubDate>${i.junk}</item>`);
const atomEntry = fc.record({ title: newsText, content: cdataOr(htmlDoc), type: fc.constantFrom('html', 'xhtml', 'text', ''), date: fc.constantFrom('2020-02-03T10:00:00Z', 'not a date', '') })
  .map((e) => `<entry><title>${e.title.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</title><updated>${e.date}</updated><content type="${e.type}">${e.content}</content></entry>`);
const feed = fc.oneof(
  fc.array(rssItem, { maxLength: 6 }).map((items) => `<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>${items.join('')}</channel></rss>`),
  fc.array(atomEntry, { maxLength: 6 }).map((es) => `<feed xmlns="http://www.w3.org/2005/Atom"><title>Wire</title>${es.join('')}</feed>`),
  htmlDoc,
);

test('fuzz: RSS and Atom feeds (random items, CDATA, dates, stray tags) never throw; their articles extract cleanly', () => {
  fuzz('RSS/Atom', feed, 300, (xml) => { extractItems(parseFeed(xml, 'fuzz.xml')); });
});

const record = fc.record({
  id: fc.oneof(fc.string({ maxLength: 8 }), fc.integer(), fc.constant(null)), title: fc.oneof(newsText, fc.constant(null), fc.integer()),
  published: fc.constantFrom('2020-02-03', '2020-02-31', 'Tue, 03 Feb 2020', null, 7), text: fc.oneof(newsText, fc.constant(''), fc.integer()), html: fc.option(htmlDoc),
}, { requiredKeys: [] });
const jsonl = fc.array(fc.oneof(
  { weight: 4, arbitrary: record.map((r) => JSON.stringify(r)) },
  { weight: 1, arbitrary: fc.jsonValue().map((v) => JSON.stringify(v)) },
  { weight: 1, arbitrary: fc.string({ maxLength: 40 }) },
), { maxLength: 10 }).map((lines) => lines.join('\n'));

test('fuzz: JSON and JSON Lines records (wrong types, junk lines, any JSON value) never throw; their articles extract cleanly', () => {
  fuzz('JSONL', jsonl, 300, (text) => { extractItems(parseJsonRecords(text, 'fuzz.jsonl', true)); });
  fuzz('JSON', fc.array(record, { maxLength: 5 }).map((rs) => JSON.stringify(rs)), 150, (text) => { extractItems(parseJsonRecords(text, 'fuzz.json', false)); });
});

const sgmBlock = fc.record({
  newid: fc.oneof(fc.integer({ min: 1, max: 99999 }).map(String), fc.constant('')), date: fc.constantFrom(' 3-APR-1987 07:09:06.48', 'garbage', ''),
  title: fc.option(newsText), body: fc.option(newsText), close: fc.boolean(), entities: fc.constantFrom('', '&lt;', '&#3;', '&#2;', '&amp;', '&bogus;'),
}).map((b) => `<REUTERS${b.newid ? ` NEWID="${b.newid}"` : ''}><DATE>${b.date}</DATE><TEXT>${b.title !== null ? `<TITLE>${b.title}</TITLE>` : ''}${b.body !== null ? `<BODY>${b.body}${b.entities}</BODY>` : b.entities}</TEXT>${b.close ? '</REUTERS>' : ''}`);

test('fuzz: Reuters SGML (missing ids, bodies, titles and closing tags) never throws; its articles extract cleanly', () => {
  fuzz('SGML', fc.array(sgmBlock, { maxLength: 6 }).map((bs) => bs.join('\n')), 300, (sgml) => {
    const { articles, errors } = parseReutersSgml(sgml);
    for (const e of errors) assert.match(e.reason, /expected /);
    for (const a of articles) if (`${a.title ?? ''}${a.body}`.trim()) timedExtract(a.title ? `${a.title}\n\n${a.body}` : a.body, `fuzz.sgm#${a.newid}`);
  });
});
