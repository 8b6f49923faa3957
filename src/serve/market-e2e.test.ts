/**
 * The market views in real headless Chromium: an entity's stock against its
 * index drawn by uPlot (served from node_modules, under the page's CSP), its
 * facts' abnormal returns, and a deal's CARs per party. Screenshots go to
 * test-results/. Skipped with one line when /usr/bin/chromium is absent.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Server } from 'node:http';
import { chromium, type Browser } from 'playwright-core';
import type { Store } from '../store/types.js';
import { REPO_ROOT } from '../ingest/corpora.js';
import { startMarketServer } from './testing.js';

const CHROMIUM = process.env.DEALGRAPH_CHROMIUM ?? '/usr/bin/chromium';
const skip = existsSync(CHROMIUM) ? false : `skipped: end-to-end tests need Chromium at ${CHROMIUM}, which is absent`;
const SHOTS = join(REPO_ROOT, 'test-results');
let store: Store, server: Server, browser: Browser, base = '';

before(async () => {
  if (skip) return;
  mkdirSync(SHOTS, { recursive: true });
  ({ store, server, base } = await startMarketServer());
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
});
after(async () => { if (skip) return; await browser?.close(); server?.close(); store?.close(); });

test('entity view: the stock against its index in a uPlot chart, events marked, each with its abnormal return; deal view: CAR per party', { skip }, async () => {
  const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
  const problems: string[] = [];
  // Resources that fail are named by URL (the browser's own /favicon.ico request is not the page's).
  page.on('console', (m) => { if (m.type() === 'error' && !/Failed to load resource/.test(m.text())) problems.push(m.text()); });
  page.on('response', (r) => { if (r.status() >= 400 && !r.url().endsWith('/favicon.ico')) problems.push(`${r.status()} ${r.url()}`); });
  page.on('pageerror', (e) => problems.push(e.message));
  await page.goto(base + '/');
  await page.fill('#q', 'Ford');
  await page.waitForSelector('#sugg a');
  await page.click('#sugg a');
  await page.waitForSelector('#market h2:has-text("Stock: F against SPX")');
  await page.waitForSelector('#mchart canvas');
  const legend = await page.$$eval('#mchart .u-legend .u-label', (els) => els.map((e) => e.textContent));
  assert.ok(legend.includes('F') && legend.includes('SPX'), `legend ${legend.join(', ')}`);
  const rows = await page.$$eval('#market table.mtab tbody tr', (els) => els.map((e) => e.textContent ?? ''));
  assert.ok(rows.some((r) => /2016-03-14/.test(r) && /\+[5-7]\.\d\d%/.test(r) && /acquisition/.test(r)), rows.join(' | '));
  await page.screenshot({ path: join(SHOTS, 'market-entity.png'), fullPage: true });

  await page.click('a.open[href^="#/deal/"]');
  await page.waitForSelector('#market h2:has-text("Market reaction")');
  await page.waitForSelector('#market table.mtab tbody tr');
  const deal = await page.$$eval('#market table.mtab tbody tr', (els) => els.map((e) => e.textContent ?? ''));
  assert.ok(deal.some((r) => /acquirer/.test(r) && /F/.test(r) && /%/.test(r)), deal.join(' | '));
  await page.screenshot({ path: join(SHOTS, 'market-deal.png'), fullPage: true });
  assert.deepEqual(problems, [], 'no script errors or CSP refusals');
});
