import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Article, ArticleItem } from './articles.js';
import { REPO_ROOT } from './corpora.js';
import { detectFormat, domText, loadHtmlDocument, MAX_PARSE_DEPTH, MAX_READABILITY_DEPTH, normaliseDate, parseFeed, parseHtml, parseJsonRecords, tagNesting } from './formats.js';

const fixture = (name: string): string => readFileSync(join(REPO_ROOT, 'test', 'fixtures', 'ingest', name), 'utf8');

/** What a test expects of one item: an article's fields (a RegExp matches the text), or an error. */
type Expect =
  | { ok: true; id?: string; source?: string; title?: string | null; published?: string | null; text?: RegExp; notText?: RegExp }
  | { ok: false; source: string; reason: RegExp };

function check(items: ArticleItem[], expected: Expect[], label: string): void {
  assert.equal(items.length, expected.length, `${label}: ${items.length} items, expected ${expected.length}: ${JSON.stringify(items, null, 1)}`);
  items.forEach((item, i) => {
    const want = expected[i];
    const at = `${label} item ${i}`;
    if (!want.ok) {
      assert.equal(item.ok, false, `${at}: expected an error, got ${JSON.stringify(item)}`);
      if (item.ok) return;
      assert.equal(item.source, want.source, at);
      assert.match(item.reason, want.reason, at);
      assert.ok(item.reason.startsWith(`dealgraph: ${want.source}: expected `), `${at}: ${item.reason}`);
      return;
    }
    assert.equal(item.ok, true, `${at}: expected an article, got ${JSON.stringify(item)}`);
    if (!item.ok) return;
    const a: Article = item.article;
    if (want.id !== undefined) assert.equal(a.id, want.id, `${at} id`);
    if (want.source !== undefined) assert.equal(a.source, want.source, `${at} source`);
    if (want.title !== undefined) assert.equal(a.title, want.title, `${at} title`);
    if (want.published !== undefined) assert.equal(a.published, want.published, `${at} published`);
    if (want.text) assert.match(a.text, want.text, `${at} text`);
    if (want.notText) assert.doesNotMatch(a.text, want.notText, `${at} text`);
    assert.equal(a.dateline, null, `${at} dateline`);
    // Normalised text: no runs of spaces, no space at line ends, paragraphs separated by exactly one blank line.
    assert.doesNotMatch(a.text, / {2}|[ \t]\n|\n[ \t]|\n{3}/, `${at} text not normalised: ${JSON.stringify(a.text)}`);
    assert.equal(a.text, a.text.trim(), `${at} text trimmed`);
  });
}

// ---------------------------------------------------------------------------

const HTML_CASES: { name: string; file: string; url?: string; expect: Expect[] }[] = [
  {
    name: 'article page: og:title over <title>, article:published_time as written (not UTC), paragraphs kept, chrome dropped',
    file: 'article.html',
    expect: [{
      ok: true, id: 'article.html', source: 'article.html',
      title: 'Harbor Logistics to buy Tern Freight for $410 million',
      published: '2024-03-05',
      text: /^PORTLAND, Maine, March 5 \(Example Wire\) - Harbor Logistics Inc said on Tuesday it had agreed to acquire Tern Freight Co,[^\n]*\n\nThe deal, which has been approved[^\n]*27 percent[^\n]*\n\n"Tern gives us[\s\S]*Sample & Co\.$/,
      notText: /Markets|Other story|Copyright|trackStory|font-family|A\. Writer|Harbor Logistics to buy/,
    }],
  },
  {
    name: 'the page URL becomes the id',
    file: 'article.html', url: 'https://news.example.com/harbor-tern',
    expect: [{ ok: true, id: 'https://news.example.com/harbor-tern', source: 'article.html' }],
  },
  {
    name: 'JSON-LD datePublished inside @graph wins over a later <time datetime>',
    file: 'article-jsonld.html',
    expect: [{ ok: true, title: 'Quillon Bio raises $75 million', published: '2023-11-14', text: /^Quillon Bio, a fictional maker[^\n]*\n\nThe company plans[^\n]*\n\nQuillon Bio was founded/ }],
  },
  {
    name: 'a page with navigation only is an error item',
    file: 'nav-only.html',
    expect: [{ ok: false, source: 'nav-only.html', reason: /expected an HTML page with an article, found only \d+ characters of article text/ }],
  },
  {
    name: 'broken HTML (no <html>/<body>, unclosed <p>, stray end tags) still gives the article; <meta name="date"> in RFC 2822',
    file: 'broken.html',
    expect: [{
      ok: true, title: 'Brightwell Foods sells snacks unit', published: '2024-01-08',
      text: /^LONDON, Jan 8 - Brightwell Foods Plc said[^\n]*frozen meals\.\n\nThe unit, which makes crisps[\s\S]*share buyback, chief executive Tom Ardley said\.\n\nPellar Group[^\n]*price\.$/,
    }],
  },
];

for (const c of HTML_CASES) {
  test(`parseHtml: ${c.name}`, () => {
    check(parseHtml(fixture(c.file), c.file, c.url ? { url: c.url } : {}), c.expect, c.file);
  });
}

test('parseHtml: empty, junk and pathological input give one error item and never throw', () => {
  const inputs = ['', '   ', '<<<>>>&&&', '<html', '</html></body><p>', '<script>'.repeat(50), '<div>'.repeat(2000) + 'deep', '\u0000\u0001binary'];
  for (const html of inputs) {
    const items = parseHtml(html, 'junk.html');
    assert.equal(items.length, 1, JSON.stringify(html));
    const [item] = items;
    assert.equal(item.ok, false, JSON.stringify(html));
    if (!item.ok) assert.match(item.reason, /^dealgraph: junk\.html: expected an HTML page with an article, found /);
  }
});

test('parseHtml: markup nested far deeper than Readability can take (unclosed inline tags) is read by a plain walk, quickly', () => {
  const paras = Array.from({ length: 2000 }, (_, i) => `<p><font size=2>Paragraph ${i}: Acme Corp said it would buy Widget Co for cash.`).join('\n');
  const html = `<title>Old wire page</title><nav>Home | Markets</nav>${paras}<footer>Copyright</footer>`;
  const t0 = Date.now();
  const items = parseHtml(html, 'old.html');
  assert.ok(Date.now() - t0 < 10_000, `took ${Date.now() - t0} ms`);
  check(items, [{ ok: true, title: 'Old wire page', text: /^Paragraph 0: Acme Corp said it would buy Widget Co for cash\.\n\nParagraph 1: [\s\S]*Paragraph 1999: /, notText: /Home \| Markets|Copyright/ }], 'old.html');
  assert.ok(MAX_READABILITY_DEPTH < 2000);
});

test('tagNesting: the depth the HTML parser would build, by one linear pass', () => {
  const cases: [string, number][] = [
    ['<p>one<p>two<p>three', 1], // a new paragraph closes the open one
    ['<ul><li>a<li>b</ul>', 2],
    ['<div><span>x</span><span>y</div>', 2],
    ['<b>x <b>x <b>x ', 3], // unclosed inline tags nest
    ['<div><br><img src=a><hr/></div>', 1], // void and self-closed tags do not
    ['<script>if (a<b && c>d) "<div><div><div>"</script><p>', 1], // script text is not markup
    ['<!-- <div><div> --><div>', 1],
    ['<div><i><b>x</div>', 3], // a close tag closes what was left open inside it
    ['<item><![CDATA[<p><p><p>]]></item>', 1],
  ];
  for (const [html, depth] of cases) assert.equal(tagNesting(html), depth, html);
  assert.equal(tagNesting('<b>x '.repeat(10_000), 100), 101, 'stops counting past the limit');
});

test('parseHtml: "<b>x " × 150,000 (unclosed tags the parser nests 150,000 deep) is flattened and read in seconds, not minutes', () => {
  const lead = '<p>Acme Corp said it agreed to acquire Beta Inc for 20 mln dlrs in cash, and expects to close the deal in the third quarter after regulators approve it.</p>';
  const cases: [string, string, Expect][] = [
    ['bare', '<b>x '.repeat(150_000), { ok: true, title: null, text: /^x x x x / }],
    ['in a page', `<html><head><title>Deep page</title><meta property="article:published_time" content="2020-02-03"></head><body>${lead}<script>var a = "<b>";</script>${'<b>x '.repeat(150_000)}</body></html>`,
      { ok: true, title: 'Deep page', published: '2020-02-03', text: /^Acme Corp said it agreed to acquire Beta Inc for 20 mln dlrs[^]*\n\nx x x /, notText: /var a/ }],
  ];
  for (const [label, html, want] of cases) {
    assert.ok(tagNesting(html) > MAX_PARSE_DEPTH, label);
    const t0 = performance.now();
    const items = parseHtml(html, 'deep.html');
    const ms = performance.now() - t0;
    console.log(`${label}: ${html.length} characters of HTML read in ${ms.toFixed(0)} ms`);
    assert.ok(ms < 10_000, `${label}: took ${ms.toFixed(0)} ms`);
    check(items, [want], label);
  }
  const feed = `<rss version="2.0"><channel>${'<x>'.repeat(MAX_PARSE_DEPTH + 10)}<item><title>T</title><description>text</description></item></channel></rss>`;
  check(parseFeed(feed, 'deep.xml'), [{ ok: false, source: 'deep.xml', reason: /expected an RSS or Atom feed, found elements nested more than 5000 deep/ }], 'deep feed');
});

test('domText: block elements are paragraphs, <br> a line break, cells spaced, scripts dropped', () => {
  const doc = loadHtmlDocument('<div><p>a  <i>b</i>\n c<br>d</p><hr><ul><li>x</li><li>y <b>z</b></li></ul><table><tr><td>1</td><td>2</td></tr></table><script>no()</script>tail&nbsp;end</div>');
  assert.equal(domText(doc.body), 'a b c\nd\n\nx\n\ny z\n\n1 2\n\ntail end');
});

// ---------------------------------------------------------------------------

test('parseJsonRecords: .json array with one record missing its text → one error, the good ones (text and html) come through', () => {
  check(parseJsonRecords(fixture('records.json'), 'records.json', false), [
    {
      ok: true, id: 'wire-001', source: 'records.json[0]', title: 'Corvane Systems agrees to acquire Ashby Analytics', published: '2024-02-12',
      text: /^SAN JOSE, Calif\., Feb 12 - Corvane[^\n]*\$230 million\.\n\nThe deal is expected to close in April\.$/,
    },
    { ok: false, source: 'records.json[1]', reason: /expected a record with a non-empty "text" or "html", found only "id", "title", "published"/ },
    {
      ok: true, id: 'https://news.example.com/2024/02/14/morrow-bank-stake', source: 'records.json[2]',
      title: 'Morrow Bank takes stake in Fenwick Insurance', published: '2024-02-14',
      text: /^Morrow Bank said on Wednesday[^\n]*\n\nThe bank said/,
    },
    { ok: true, id: 'wire-004', title: null, published: null, text: /^Oakfield Energy said/ },
  ], 'records.json');
});

test('parseJsonRecords: a text of only zero-width and no-break spaces is no text (found by fuzzing)', () => {
  const cases: [string, RegExp][] = [
    ['\u200b ', /expected an HTML page with an article, found no article text/], // was stored as an empty article
    ['\u00a0\u200b\ufeff', /expected an HTML page with an article, found no article text/],
    [' \n\u3000 ', /expected a record with a non-empty "text" or "html"/], // white space to JavaScript's trim: refused by the record check
  ];
  for (const [blank, reason] of cases) check(parseJsonRecords(JSON.stringify({ id: 'z', text: blank }), 'blank.jsonl', true), [{ ok: false, source: 'blank.jsonl:1', reason }], JSON.stringify(blank));
});

test('parseJsonRecords: .jsonl with a malformed line, a non-object line and a mistyped field → errors by line; blank lines skipped', () => {
  check(parseJsonRecords(fixture('records.jsonl'), 'records.jsonl', true), [
    { ok: true, id: 'l1', source: 'records.jsonl:1', published: '2024-05-01', title: 'Pinecrest Retail closes 40 stores' },
    { ok: false, source: 'records.jsonl:2', reason: /expected a JSON record on the line, found invalid JSON/ },
    { ok: true, id: 'l3', source: 'records.jsonl:3', published: '2024-05-02', title: null },
    { ok: false, source: 'records.jsonl:5', reason: /expected a record \(a JSON object with "text" or "html"\), found an array/ },
    { ok: false, source: 'records.jsonl:6', reason: /expected "title" to be a string or null, found a number \(7\)/ },
    { ok: true, id: 'l7', source: 'records.jsonl:7', text: /^Greyfield Paper/ },
  ], 'records.jsonl');
});

const JSON_INLINE: { name: string; text: string; jsonl: boolean; expect: Expect[] }[] = [
  { name: 'a single record', text: '{"text": "Acme bought Widget Co."}', jsonl: false, expect: [{ ok: true, id: 'in.json', source: 'in.json', text: /^Acme bought Widget Co\.$/ }] },
  { name: 'invalid JSON', text: '{"text": ', jsonl: false, expect: [{ ok: false, source: 'in.json', reason: /expected JSON \(a record or an array of records\), found invalid JSON/ }] },
  { name: 'an empty array', text: '[]', jsonl: false, expect: [{ ok: false, source: 'in.json', reason: /expected an array of records, found an empty array/ }] },
  { name: 'a scalar', text: '42', jsonl: false, expect: [{ ok: false, source: 'in.json', reason: /expected a record .*, found a number \(42\)/ }] },
  { name: 'text that is not a string', text: '[{"text": ["a"]}]', jsonl: false, expect: [{ ok: false, source: 'in.json[0]', reason: /expected "text" to be a string, found an array/ }] },
  { name: 'blank text and no html', text: '[{"text": "  "}]', jsonl: false, expect: [{ ok: false, source: 'in.json[0]', reason: /non-empty "text" or "html", found only "text"/ }] },
  { name: 'html with no article', text: '[{"html": "<p>short</p>"}]', jsonl: false, expect: [{ ok: false, source: 'in.json[0]', reason: /expected an HTML page with an article/ }] },
  { name: 'jsonl with only blank lines', text: '\n\n  \n', jsonl: true, expect: [{ ok: false, source: 'in.json', reason: /found no non-blank lines/ }] },
  { name: 'jsonl with CRLF line ends and a numeric id', text: '{"id": 9, "text": "One."}\r\n{"text": "Two."}\r\n', jsonl: true, expect: [{ ok: true, id: '9', source: 'in.json:1' }, { ok: true, id: 'in.json:2', source: 'in.json:2', text: /^Two\.$/ }] },
];

for (const c of JSON_INLINE) {
  test(`parseJsonRecords: ${c.name}`, () => check(parseJsonRecords(c.text, 'in.json', c.jsonl), c.expect, c.name));
}

// ---------------------------------------------------------------------------

test('parseFeed: RSS 2.0 with CDATA content:encoded, escaped-HTML description and one broken item', () => {
  check(parseFeed(fixture('feed.rss'), 'feed.rss'), [
    {
      ok: true, id: 'deal-7001', source: 'feed.rss#1', title: 'Lumen & Reed to merge with Castor Media', published: '2024-06-03',
      text: /^NEW YORK, June 3 - Lumen & Reed Inc,[^\n]*merge with Castor Media in a deal[^\n]*\n\nCastor shareholders will own 45% of the merged group\. The companies expect annual cost savings of \$40 million\.$/,
      notText: /summary|alert/,
    },
    { ok: false, source: 'feed.rss#2', reason: /expected a feed item with content:encoded or a description, found only a title/ },
    {
      ok: true, id: 'https://news.example.com/2024/06/04/stenholm-norra', source: 'feed.rss#3',
      title: 'Stenholm Steel buys <Norra Rolling Mill>', published: '2024-06-04',
      text: /^Stenholm Steel AB said it bought Norra Rolling Mill for 600 million crowns\.\n\nThe mill employs 300 people\.$/,
    },
  ], 'feed.rss');
});

test('parseFeed: Atom with html, xhtml and summary-only entries', () => {
  check(parseFeed(fixture('feed.atom'), 'feed.atom'), [
    {
      ok: true, id: 'urn:example:entry:1', source: 'feed.atom#1', title: 'Ridgeway Health completes purchase of Calder Clinics', published: '2024-07-01',
      text: /^Ridgeway Health said it completed its purchase of Calder Clinics, a chain of 22 urgent-care centres\.\n\nTerms were not disclosed\.$/,
    },
    { ok: true, id: 'urn:example:entry:2', title: 'Ostrava Rail orders 12 trains', published: '2024-07-02', text: /^Ostrava Rail ordered 12 regional trains from Velta Rolling Stock\.\n\nDeliveries start in 2026\.$/ },
    { ok: true, id: 'https://news.example.com/2024/07/02/summary', source: 'feed.atom#3', title: 'Summary-only entry', text: /^Kessel Foods said sales rose 8 percent/ },
  ], 'feed.atom');
});

const FEED_INLINE: { name: string; xml: string; expect: Expect[] }[] = [
  { name: 'an HTML page is not a feed', xml: fixture('article.html'), expect: [{ ok: false, source: 'in.xml', reason: /expected an RSS or Atom feed, found a <html> document/ }] },
  { name: 'plain text is not a feed', xml: 'Acme bought Widget Co.', expect: [{ ok: false, source: 'in.xml', reason: /expected an RSS or Atom feed, found no XML element/ }] },
  { name: 'an empty string', xml: '', expect: [{ ok: false, source: 'in.xml', reason: /expected an RSS or Atom feed, found no XML element/ }] },
  { name: 'a feed with no items', xml: '<rss version="2.0"><channel><title>x</title></channel></rss>', expect: [{ ok: false, source: 'in.xml', reason: /expected items in the RSS feed, found none/ }] },
  {
    name: 'RSS 1.0 (RDF) with dc:date and an HTML entity XML does not know',
    xml: '<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel rdf:about="x"><title>c</title></channel><item rdf:about="https://e.example/1"><title>Acme&nbsp;buys Widget</title><link>https://e.example/1</link><dc:date>2022-12-31T23:00:00+09:00</dc:date><description>Acme bought Widget Co.</description></item></rdf:RDF>',
    expect: [{ ok: true, id: 'https://e.example/1', source: 'in.xml#1', title: 'Acme buys Widget', published: '2022-12-31', text: /^Acme bought Widget Co\.$/ }],
  },
  {
    name: 'a truncated feed: the complete item comes through, nothing throws',
    xml: fixture('feed.rss').slice(0, fixture('feed.rss').indexOf('<title>Title-only')),
    expect: [{ ok: true, id: 'deal-7001' }, { ok: false, source: 'in.xml#2', reason: /found no text/ }],
  },
];

for (const c of FEED_INLINE) {
  test(`parseFeed: ${c.name}`, () => check(parseFeed(c.xml, 'in.xml'), c.expect, c.name));
}

// ---------------------------------------------------------------------------

const DETECT: [path: string, head: string, want: ReturnType<typeof detectFormat>][] = [
  // by extension, whatever the content
  ['a/page.html', 'anything', 'html'],
  ['PAGE.HTM', '{"x": 1}', 'html'],
  ['records.json', '<rss>', 'json'],
  ['records.jsonl', '{}', 'jsonl'],
  ['records.ndjson', '{}', 'jsonl'],
  ['feed.xml', '', 'feed'],
  ['feed.rss', '', 'feed'],
  ['feed.atom', '', 'feed'],
  ['reut2-000.sgm', '', 'sgm'],
  ['story.txt', '<html>', 'text'],
  // by sniffing
  ['-', '<?xml version="1.0"?>\n<rss version="2.0">', 'feed'],
  ['feed', '<?xml version="1.0"?><?xml-stylesheet href="s.xsl"?><!-- hi --><feed xmlns="http://www.w3.org/2005/Atom">', 'feed'],
  ['feed', '\ufeff  <rss version="2.0"><channel>', 'feed'],
  ['feed', '<feed xmlns="http://www.w3.org/2005/Atom">', 'feed'],
  ['x', '<?xml version="1.0"?><rdf:RDF xmlns:rdf="…">', 'feed'],
  ['x', '<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml">', 'html'],
  ['x', '<?xml version="1.0"?><catalog><book/></catalog>', 'text'],
  ['page', '<!DOCTYPE html>\n<html lang="en">', 'html'],
  ['page', '<!-- saved --><html>', 'html'],
  ['page', '<HTML><HEAD>', 'html'],
  ['data', '{"id": 1, "text": "a"}\n{"id": 2, "text": "b"}\n', 'jsonl'],
  ['data', '{\n  "id": 1,\n  "text": "a"\n}\n', 'json'],
  ['data', '[{"id": 1}]', 'json'],
  ['data', '[\n  {', 'json'],
  ['wire', '<!DOCTYPE lewis SYSTEM "lewis.dtd">\n<REUTERS TOPICS="YES">', 'sgm'],
  ['-', 'Acme Corp said on Monday it would buy Widget Co.', 'text'],
  ['-', '[Reuters] Acme Corp said', 'text'],
  ['-', '{Acme} said', 'text'],
  ['-', '<Acme Corp> said it would buy Widget', 'text'],
  ['notes.md', '', 'text'],
];

test('detectFormat: by extension first, else by sniffing the first bytes', () => {
  for (const [path, head, want] of DETECT) assert.equal(detectFormat(path, head), want, `${path} ${JSON.stringify(head)}`);
});

test('normaliseDate: ISO 8601 and RFC 2822 as written; anything else is null', () => {
  const cases: [unknown, string | null][] = [
    ['2024-03-05', '2024-03-05'],
    ['2024-03-05T23:30:00-05:00', '2024-03-05'],
    ['2024-03-05 10:00', '2024-03-05'],
    ['20240305T101500Z', '2024-03-05'],
    ['Tue, 05 Mar 2024 10:00:00 GMT', '2024-03-05'],
    ['5 Mar 2024 10:00 +0100', '2024-03-05'],
    ['Thu, 29 Feb 96 10:00:00 EST', '1996-02-29'],
    ['Wed, 1 March 2023', '2023-03-01'],
    ['2023-02-29', null],
    ['2024-13-01', null],
    ['31 Foo 2024', null],
    ['March 5, 2024', null],
    ['yesterday', null],
    ['', null],
    [null, null],
    [20240305, null],
  ];
  for (const [input, want] of cases) assert.equal(normaliseDate(input), want, JSON.stringify(input));
});
