/**
 * End-to-end in real headless Chromium (Debian's package, driven by
 * playwright-core). Views covered: the start page, the deals list with its
 * filters, an entity (with its articles), a deal, an article (names as links,
 * legend, labelled fact fields), the paste box, a narrow screen, a server with
 * a token entered in the page, and an article whose facts have every argument
 * that can be null set to null (in every view that shows them). Screenshots go
 * to test-results/. Skipped with a one-line message when /usr/bin/chromium is
 * absent (.ci/run installs it).
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { chromium, type Browser, type Page } from 'playwright-core';
import { SqliteStore } from '../store/sqlite.js';
import { ingestPaths } from '../pipeline.js';
import { REPO_ROOT } from '../ingest/corpora.js';
import { SCHEMA_ID, type Extraction } from '../extract/schema.js';
import { bands, minhash, mergeExtraction } from '../graph/index.js';
import { createApi } from './api.js';
import { PAGE } from './page.js';

const CHROMIUM = process.env.DEALGRAPH_CHROMIUM ?? '/usr/bin/chromium';
const skip = existsSync(CHROMIUM) ? false : `skipped: end-to-end tests need Chromium at ${CHROMIUM}, which is absent`;
const SHOTS = join(REPO_ROOT, 'test-results');
let store: SqliteStore, server: Server, secured: Server, browser: Browser, base = '', sbase = '';

/** An article whose facts have every argument that can be null set to null (and no title or date). */
const NULL_TEXT = 'Fjord Lines AS is to be sold for an undisclosed sum. Halvorsen Shipping ASA holds 12 pct of Fjord Lines AS. ' +
  'Fjord Lines AS will cut jobs. Fjord Lines AS said it would pay a dividend. Analysts rated Fjord Lines AS.';
function nullArgs(): Extraction {
  const at = (s: string, from = 0) => { const i = NULL_TEXT.indexOf(s, from); assert.ok(i >= 0, s); return { start: i, end: i + s.length }; };
  const all = (s: string) => { const out = []; for (let i = NULL_TEXT.indexOf(s); i >= 0; i = NULL_TEXT.indexOf(s, i + 1)) out.push({ start: i, end: i + s.length }); return out; };
  const sentence = (s: string) => [at(s)];
  const base = { negated: false, modality: 'asserted' as const, time: null, confidence: 0.7, rule: 'e2e' };
  return {
    schema: SCHEMA_ID, article: { id: 'nulls', source: 'e2e:nulls', title: null, dateline: null, published: null, chars: NULL_TEXT.length },
    entities: [
      { id: 'e1', type: 'ORG', name: 'Fjord Lines AS', aliases: [], mentions: all('Fjord Lines AS') },
      { id: 'e2', type: 'ORG', name: 'Halvorsen Shipping ASA', aliases: [], mentions: all('Halvorsen Shipping ASA') },
    ],
    events: [{ id: 'v1', type: 'Dividend', subtype: null, trigger: { ...at('dividend'), text: 'dividend' }, args: [{ role: 'Company', ...at('it would'), text: 'it' }], negated: false, modality: 'speculative', confidence: 0.5, rule: 'model:events' }],
    facts: [
      { ...base, id: 'f1', type: 'acquisition', args: { acquirer: null, target: 'e1', value: { value: null, currency: null, text: 'an undisclosed sum' } }, status: null, evidence: sentence('Fjord Lines AS is to be sold for an undisclosed sum.') },
      { ...base, id: 'f2', type: 'stake', args: { holder: 'e2', company: 'e1', percent: 12, kind: null }, status: null, evidence: sentence('Halvorsen Shipping ASA holds 12 pct of Fjord Lines AS.') },
      { ...base, id: 'f3', type: 'layoff', args: { company: 'e1', count: null, text: 'cut jobs' }, status: null, evidence: sentence('Fjord Lines AS will cut jobs.') },
      { ...base, id: 'f4', type: 'dividend', args: { company: 'e1', change: null, text: 'pay a dividend' }, status: null, evidence: sentence('Fjord Lines AS said it would pay a dividend.') },
      { ...base, id: 'f5', type: 'rating', args: { company: 'e1', action: null, text: 'rated' }, status: null, evidence: sentence('Analysts rated Fjord Lines AS.') },
    ],
  };
}

before(async () => {
  if (skip) return;
  mkdirSync(SHOTS, { recursive: true });
  store = new SqliteStore(join(mkdtempSync(join(tmpdir(), 'dealgraph-e2e-')), 'e2e.db'));
  await ingestPaths(store, [join(REPO_ROOT, 'test', 'fixtures', 'deal', 'gm-psa.sgm')]);
  const x = nullArgs();
  await store.transaction(async () => {
    const id = await store.insertArticle({ extId: 'nulls', source: 'e2e:nulls', url: null, title: null, dateline: null, published: null, text: NULL_TEXT, textHash: 'nulls', signature: minhash(NULL_TEXT), bands: bands(minhash(NULL_TEXT)), nearDupOf: null, extraction: x });
    await mergeExtraction(store, id, x, false);
  });
  server = createApi(store, { page: PAGE });
  secured = createApi(store, { page: PAGE, token: 'e2e-s3cret' });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  await new Promise<void>((r) => secured.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  sbase = `http://127.0.0.1:${(secured.address() as AddressInfo).port}`;
  browser = await chromium.launch({
    executablePath: CHROMIUM, headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
});
after(async () => { if (skip) return; await browser?.close(); server?.close(); secured?.close(); store?.close(); });

/** A page that fails the test on any script error (e.g. "Cannot read properties of null"). */
async function open(viewport = { width: 1100, height: 900 }): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ viewport });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error' && !/401/.test(m.text())) errors.push(m.text()); });
  return { page, errors };
}
const noErrors = async (page: Page, errors: string[], view: string) => {
  assert.deepEqual(errors, [], `${view}: script errors`);
  const err = await page.$('main .err');
  assert.equal(err, null, `${view}: ${await err?.textContent()}`);
};

test('start page: counts, deals by status, latest deals with direction, latest articles', { skip }, async () => {
  const { page, errors } = await open();
  await page.goto(base + '/');
  await page.waitForSelector('ul.counts');
  const counts = await store.counts();
  const shown = (await page.textContent('ul.counts'))!.replace(/\s+/g, ' ');
  assert.match(shown, new RegExp(`${counts.articles} articles.*${counts.entities} companies, people and places.*${counts.facts} facts.*${counts.deals} deals`));
  const deals = await page.$$eval('table.list tbody tr', (rows) => rows.map((r) => (r.textContent ?? '').replace(/\s+/g, ' ')));
  assert.ok(deals.some((d) => /PSA Peugeot Citroen \+ General Motors Corp|General Motors Corp \+ PSA Peugeot Citroen/.test(d) && /ended/.test(d)), deals.join(' | '));
  assert.ok(deals.some((d) => /an unnamed buyer → acquires → Fjord Lines AS/.test(d)), deals.join(' | '));
  assert.ok(await page.$('ul.arts a[href^="#/article/"]'), 'latest articles are listed');
  await noErrors(page, errors, 'start');
  await page.screenshot({ path: join(SHOTS, 'start.png'), fullPage: true });
  await page.close();
});

test('deals list: filters by type, status, dates and party, with the total; a filter that matches nothing says so', { skip }, async () => {
  const { page, errors } = await open();
  await page.goto(base + '/#/deals');
  await page.waitForSelector('#dcount');
  assert.match((await page.textContent('#dcount'))!, new RegExp(`Deals 1–${(await store.counts()).deals} of ${(await store.counts()).deals}`));
  await page.selectOption('select[name=type]', 'partnership');
  await page.selectOption('select[name=status]', 'ended');
  await page.fill('input[name=party]', 'General Motors');
  await page.fill('input[name=from]', '2012-01-01');
  await page.fill('input[name=to]', '2013-12-31');
  await page.click('#dealsf button');
  await page.waitForFunction(() => location.hash.includes('type=partnership'));
  await page.waitForSelector('#dcount:has-text("of 1")');
  assert.match((await page.textContent('#dlist tbody'))!, /Partnership/);
  assert.equal(await page.inputValue('input[name=party]'), 'General Motors', 'the form keeps the filters');
  await page.screenshot({ path: join(SHOTS, 'deals.png'), fullPage: true });
  await page.goto(base + '/#/deals?type=merger');
  await page.waitForSelector('#dcount:has-text("No deal matches")');
  await noErrors(page, errors, 'deals');
  await page.close();
});

test('search a company, open it, its articles, a deal with direction and history, its source by title, names as links, paste an article', { skip }, async () => {
  const { page, errors } = await open();
  await page.goto(base + '/');
  await page.fill('#q', 'General');
  await page.waitForSelector('#sugg a');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await page.waitForSelector('h1:has-text("General Motors Corp")');
  await page.waitForSelector('#graphlist li');
  await page.waitForSelector('#arts ul.arts li');
  const arts = await page.$$eval('#arts ul.arts li', (els) => els.map((e) => e.textContent ?? ''));
  assert.ok(arts.length >= 3 && arts.every((a) => /\d{4}-\d{2}-\d{2}/.test(a)), arts.join(' | '));
  await page.screenshot({ path: join(SHOTS, 'entity.png'), fullPage: true });

  await page.click('tr:has-text("Partnership") a.open');
  await page.waitForSelector('h1:has-text("Partnership")');
  const steps = await page.$$eval('ol.steps > li .status', (els) => els.map((e) => e.textContent));
  assert.deepEqual(steps, ['in talks', 'agreed', 'ended']);
  assert.match(await page.textContent('blockquote mark') ?? '', /in talks with General Motors Corp/);
  assert.match((await page.textContent('dl.facts'))!, /Value\s*not stated/);
  const src = await page.$$eval('ol.steps .src', (els) => els.map((e) => e.textContent ?? ''));
  assert.ok(src.every((s) => /Source: \S.*\d{4}-\d{2}-\d{2}/.test(s) && !/source article/.test(s)), src.join(' | '));
  await page.screenshot({ path: join(SHOTS, 'deal.png'), fullPage: true });

  await page.click('ol.steps > li:first-child .src a');
  await page.waitForSelector('mark#hl');
  const sentence = (await page.$$eval('mark.hl', (els) => els.map((e) => e.textContent).join(''))).replace(/\s+/g, ' ');
  assert.match(sentence, /PSA Peugeot Citroen said it is in talks with General Motors Corp on a strategic partnership/);
  assert.ok(await page.$('ul.legend'), 'the highlights have a legend');
  const facts = (await page.textContent('ol.facts'))!;
  assert.doesNotMatch(facts, /title_text|alt_amount|\bparties:/, 'fact fields have human labels');
  assert.match(facts, /Parties/);
  await page.screenshot({ path: join(SHOTS, 'article.png'), fullPage: true });
  await page.click('pre.article a.ent:has-text("General Motors")');
  await page.waitForSelector('h1:has-text("General Motors Corp")');

  await page.click('text=Paste an article');
  await page.fill('#txt', 'Chrysler Corp said it agreed to acquire American Motors Corp for 757 mln dlrs. Shares of American Motors rose 12 pct.');
  await page.click('#go');
  await page.waitForSelector('#out li');
  const out = await page.$$eval('#out ol.facts > li', (els) => els.map((e) => e.textContent ?? ''));
  assert.ok(out.some((f) => /Acquisition/.test(f) && /agreed/.test(f) && /Value757 mln dlrs/.test(f)), out.join(' | '));
  await page.screenshot({ path: join(SHOTS, 'paste.png'), fullPage: true });
  await noErrors(page, errors, 'search → entity → deal → article → paste');

  // A narrow screen keeps one column and the search box usable.
  await page.setViewportSize({ width: 380, height: 800 });
  await page.goto(base + '/#/entity/1');
  await page.waitForSelector('h1');
  const box = await page.$eval('#q', (e) => e.getBoundingClientRect().width);
  assert.ok(box > 200, `search box ${box}px wide on a narrow screen`);
  await page.screenshot({ path: join(SHOTS, 'narrow.png'), fullPage: true });
  await page.close();
});

test('a fact with every argument that can be null: article, entity, deal, deals list and paste box all draw', { skip }, async () => {
  const { page, errors } = await open();
  const id = (await store.listArticles({ limit: 100 })).items.find((a) => a.extId === 'nulls')!.id;
  await page.goto(`${base}/#/article/${id}`);
  await page.waitForSelector('ol.facts');
  assert.equal(await page.textContent('h1'), `Article ${id}`, 'no title: named by its id');
  const facts = await page.$$eval('ol.facts > li', (els) => els.map((e) => (e.textContent ?? '').replace(/\s+/g, ' ')));
  assert.equal(facts.length, 5);
  assert.match(facts[0], /Acquisition.*Buyer ?not named.*Target ?Fjord Lines AS.*Value ?an undisclosed sum/);
  assert.match(facts[1], /Stake.*Kind of stake ?not stated/);
  assert.match(facts[2], /Job cuts.*Jobs ?not stated/);
  assert.match(facts[3], /Dividend.*Change ?not stated/);
  assert.match(facts[4], /Rating.*Action ?not stated/);
  await noErrors(page, errors, 'article with null arguments');

  await page.click('pre.article a.ent:has-text("Fjord Lines AS")');
  await page.waitForSelector('h1:has-text("Fjord Lines AS")');
  await page.waitForSelector('#arts ul.arts li');
  assert.match((await page.textContent('table.list'))!, /an unnamed buyer → acquires → Fjord Lines AS/);
  await noErrors(page, errors, 'entity with null arguments');

  await page.click('table.list a.open');
  await page.waitForSelector('h1:has-text("Acquisition")');
  assert.match((await page.textContent('dl.facts'))!, /Valuean undisclosed sum.*Nowno status stated/s);
  assert.match((await page.textContent('ol.steps'))!, /undated|\d{4}/);
  await noErrors(page, errors, 'deal with null arguments');

  await page.goto(`${base}/#/deals?type=acquisition`);
  await page.waitForSelector('#dcount');
  await noErrors(page, errors, 'deals list with null arguments');

  // The paste box draws an extraction with the same null arguments.
  await page.route('**/api/extract', (r) => r.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(nullArgs()) }));
  await page.goto(`${base}/#/paste`);
  await page.fill('#txt', NULL_TEXT);
  await page.click('#go');
  await page.waitForSelector('#out ol.facts');
  assert.equal((await page.$$('#out ol.facts > li')).length, 5);
  await noErrors(page, errors, 'paste box with null arguments');
  await page.close();
});

test('with serve --token the page asks for the token, sends it, and every view works; the name is never under the sticky header', { skip }, async () => {
  const { page, errors } = await open({ width: 1100, height: 700 });
  await page.goto(sbase + '/');
  await page.waitForSelector('#tokf:not([hidden])');
  assert.match((await page.textContent('#tokmsg'))!, /needs an access token/);
  await page.fill('#tok', 'e2e-s3cret');
  await page.click('#tokf button:has-text("Use")');
  await page.waitForSelector('ul.counts');
  assert.equal(await page.evaluate(() => sessionStorage.getItem('dealgraph-token')), 'e2e-s3cret');
  for (const [hash, sel] of [['#/deals', '#dcount'], ['#/entity/1', '#arts ul.arts'], ['#/deal/1', 'ol.steps'], ['#/article/1', 'ol.facts']]) {
    await page.goto(sbase + '/' + hash);
    await page.waitForSelector(sel);
    assert.equal(await page.$('main .err'), null, hash);
  }
  // From far down a long page, a link to an entity opens it with its name below the header.
  await page.goto(sbase + '/#/entity/2');
  await page.waitForSelector('#graphlist li');
  await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
  await page.click('#graphlist a[href="#/entity/1"]');
  await page.waitForSelector('h1#name');
  await page.waitForTimeout(100);
  const [header, name] = await page.evaluate(() => [document.querySelector('header')!.getBoundingClientRect().bottom, document.querySelector('h1#name')!.getBoundingClientRect().top]);
  assert.ok(name >= header, `the name's top (${name}px) is below the header's bottom (${header}px)`);
  await noErrors(page, errors, 'token');
  await page.close();
});
