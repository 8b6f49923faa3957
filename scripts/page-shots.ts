/**
 * Screenshots of the page's views over a real database, for a look at real
 * data (the end-to-end tests take theirs over a small fixture):
 *   node dist/scripts/page-shots.js --db PATH [--entity NAME] [--out DIR]
 * Starts `dealgraph serve` on a free port, opens the start page, the deals
 * list (completed acquisitions), the entity, its first deal and that deal's
 * first source, saves reuters-*.png, and prints how many views it opened and
 * whether any showed an error.
 */
import { parseArgs } from 'node:util';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { mkdirSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { REPO_ROOT } from '../src/ingest/corpora.js';

const { values } = parseArgs({ options: { db: { type: 'string' }, entity: { type: 'string', default: 'Texaco' }, out: { type: 'string', default: join(REPO_ROOT, 'test-results') }, prefix: { type: 'string', default: 'reuters-' } } });
if (!values.db) throw new Error('page-shots: expected --db PATH, found none');
mkdirSync(values.out!, { recursive: true });
const port = 18000 + Math.floor(Math.random() * 2000);
const srv = spawn(process.execPath, [join(REPO_ROOT, 'bin', 'dealgraph.js'), 'serve', '--db', values.db, '--port', String(port)], { stdio: ['ignore', 'pipe', 'inherit'] });
await new Promise((r) => srv.stdout!.once('data', r));
const browser = await chromium.launch({ executablePath: process.env.DEALGRAPH_CHROMIUM ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
try {
  const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const base = `http://127.0.0.1:${port}/`;
  const shot = async (name: string) => { if (await page.$('main .err')) errors.push(`${name}: ${await page.textContent('main .err')}`); await page.screenshot({ path: join(values.out!, values.prefix + name + '.png') }); };
  await page.goto(base); await page.waitForSelector('ul.counts'); await shot('start');
  await page.goto(base + '#/deals?type=acquisition&status=completed'); await page.waitForSelector('#dcount'); await shot('deals');
  const hit = await (await fetch(`${base}api/entities?q=${encodeURIComponent(values.entity!)}&limit=1`)).json() as { items: { id: number }[] };
  await page.goto(`${base}#/entity/${hit.items[0].id}`); await page.waitForSelector('#arts ul'); await shot('entity');
  await page.click('table.list a.open'); await page.waitForSelector('ol.steps'); await shot('deal');
  await page.click('ol.steps .src a'); await page.waitForSelector('mark#hl'); await page.waitForTimeout(200); await shot('article');
  console.log(`5 views of ${values.db} saved to ${values.out}/${values.prefix}*.png; errors: ${errors.length ? errors.join('; ') : 'none'}`);
} finally { await browser.close(); srv.kill(); }
