/**
 * End-to-end in real headless Chromium (Debian's package, driven by
 * playwright-core): search a company, open it, open a deal, follow a source to
 * the highlighted sentence, paste an article and see its facts. Screenshots go
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
import { chromium, type Browser } from 'playwright-core';
import { SqliteStore } from '../store/sqlite.js';
import { ingestPaths } from '../pipeline.js';
import { REPO_ROOT } from '../ingest/corpora.js';
import { createApi } from './api.js';
import { PAGE } from './page.js';

const CHROMIUM = process.env.DEALGRAPH_CHROMIUM ?? '/usr/bin/chromium';
const skip = existsSync(CHROMIUM) ? false : `skipped: end-to-end tests need Chromium at ${CHROMIUM}, which is absent`;
const SHOTS = join(REPO_ROOT, 'test-results');
let store: SqliteStore, server: Server, browser: Browser, base = '';

before(async () => {
  if (skip) return;
  mkdirSync(SHOTS, { recursive: true });
  store = new SqliteStore(join(mkdtempSync(join(tmpdir(), 'dealgraph-e2e-')), 'e2e.db'));
  ingestPaths(store, [join(REPO_ROOT, 'test', 'fixtures', 'deal', 'gm-psa.sgm')]);
  server = createApi(store, { page: PAGE });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await chromium.launch({
    executablePath: CHROMIUM, headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
});
after(async () => { if (skip) return; await browser?.close(); server?.close(); store?.close(); });

test('search a company, open it, open a deal, follow a source to the highlighted sentence, paste an article', { skip }, async () => {
  const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
  await page.goto(base + '/');
  await page.fill('#q', 'General');
  await page.waitForSelector('#sugg a');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await page.waitForSelector('h1:has-text("General Motors Corp")');
  await page.waitForSelector('#graphlist li');
  await page.screenshot({ path: join(SHOTS, 'entity.png'), fullPage: true });

  await page.click('a[href^="#/deal/"]:has-text("partnership")');
  await page.waitForSelector('h1:has-text("partnership")');
  const steps = await page.$$eval('ol.items > li .status', (els) => els.map((e) => e.textContent));
  assert.deepEqual(steps, ['in talks', 'agreed', 'ended']);
  assert.match(await page.textContent('blockquote mark') ?? '', /in talks with General Motors Corp/);
  await page.screenshot({ path: join(SHOTS, 'deal.png'), fullPage: true });

  await page.click('text=source article');
  await page.waitForSelector('mark#hl');
  const sentence = (await page.$$eval('mark.hl', (els) => els.map((e) => e.textContent).join(''))).replace(/\s+/g, ' ');
  assert.match(sentence, /PSA Peugeot Citroen said it is in talks with General Motors Corp on a strategic partnership/);
  assert.ok(await page.$('span.ORG'), 'entities are highlighted in the article');
  await page.screenshot({ path: join(SHOTS, 'article.png'), fullPage: true });

  await page.click('text=Paste an article');
  await page.fill('#txt', 'Chrysler Corp said it agreed to acquire American Motors Corp for 757 mln dlrs. Shares of American Motors rose 12 pct.');
  await page.click('#go');
  await page.waitForSelector('#out li');
  const facts = await page.$$eval('#out li', (els) => els.map((e) => e.textContent ?? ''));
  assert.ok(facts.some((f) => /acquisition/.test(f) && /agreed/.test(f)), facts.join(' | '));
  await page.screenshot({ path: join(SHOTS, 'paste.png'), fullPage: true });

  // A narrow screen keeps one column and the search box usable.
  await page.setViewportSize({ width: 380, height: 800 });
  await page.goto(base + '/#/entity/1');
  await page.waitForSelector('h1');
  const box = await page.$eval('#q', (e) => e.getBoundingClientRect().width);
  assert.ok(box > 200, `search box ${box}px wide on a narrow screen`);
  await page.screenshot({ path: join(SHOTS, 'narrow.png'), fullPage: true });
});
