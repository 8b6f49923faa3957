/**
 * A small graph with prices, for the market tests (CLI, API, page): three
 * dated articles (Ford buys Acme; Ford's shares fall; Zeta buys Beta), a
 * weekday calendar of closes for F, ZZ and the SPX index with known abnormal
 * returns injected, all in a temporary SQLite file.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../store/index.js';
import { ingestPaths } from '../pipeline.js';
import { synthetic, weekdays } from './testing.js';
import type { Series } from './study.js';

export const ARTICLES = [
  { id: 'a1', title: 'FORD MOTOR CO <F> TO BUY ACME', published: '2016-03-14', text: 'FORD MOTOR CO <F> TO BUY ACME\n\nFord Motor Co <F> said it agreed to acquire Acme Widgets Inc for 100 mln dlrs.' },
  { id: 'a2', title: 'FORD SHARES FALL', published: '2016-03-15', text: 'FORD SHARES FALL\n\nShares of Ford Motor Co fell 3 pct on Tuesday after the company said it would buy Acme Widgets Inc.' },
  { id: 'a3', title: 'Zeta deal', published: '2016-06-04', text: 'Zeta Corp (NYSE: ZZ) said it agreed to acquire Beta Systems Inc for 50 mln dlrs.' },
];
/** Injected abnormal returns: Ford +6% on 14 March 2016 and −5% the next day; Zeta +4% on Monday 6 June (the article is of Saturday the 4th). */
export const INJECTED = { F: { '2016-03-14': 0.06, '2016-03-15': -0.05 }, ZZ: { '2016-06-06': 0.04 } };
export const BETAS = { F: 1.2, ZZ: 0.7 };

const csvOf = (header: string, symbol: string, s: Series) => header + '\n' + s.dates.map((d, i) => `${d},${symbol},${s.close[i].toFixed(6)}`).join('\n') + '\n';

export async function marketFixture(): Promise<{ dir: string; db: string; stocks: string; index: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'dealgraph-market-'));
  const dates = weekdays('2015-01-05', 420, new Set(['2015-05-25', '2015-07-03', '2015-12-25', '2016-05-30']));
  const f = synthetic({ dates, seed: 11, alpha: 0.0002, beta: BETAS.F, sigma: 0.002, inject: INJECTED.F });
  // Same index draws for Zeta (same seed), its own noise from a second series.
  const z = synthetic({ dates, seed: 11, alpha: 0, beta: BETAS.ZZ, sigma: 0.002, inject: INJECTED.ZZ });
  const stocks = join(dir, 'stocks.csv'), index = join(dir, 'index.csv'), articles = join(dir, 'articles.jsonl');
  writeFileSync(stocks, csvOf('date,symbol,close', 'F', f.stock) + csvOf('', 'ZZ', z.stock).slice(1));
  writeFileSync(index, csvOf('date,index,close', 'SPX', f.index));
  writeFileSync(articles, ARTICLES.map((a) => JSON.stringify(a)).join('\n') + '\n');
  const db = join(dir, 'market.db');
  const store = await openStore(db);
  try { await ingestPaths(store, [articles]); } finally { await store.close(); }
  return { dir, db, stocks, index };
}
