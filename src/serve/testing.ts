/** Test helpers. One raw HTTP request to a local server (fetch would not let a test set Host or write its own chunks). */
import { request as httpRequest, type Server } from 'node:http';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { openStore } from '../store/index.js';
import type { Store } from '../store/types.js';
import { autoLink, parsePrices } from '../market/index.js';
import { marketFixture } from '../market/fixture.js';
import { createApi } from './api.js';
import { PAGE } from './page.js';

export interface Reply { status: number; headers: Record<string, string | string[] | undefined>; body: string; ms: number }

export function call(port: number, method: string, path: string, headers: Record<string, string> = {}, body?: string | Buffer | Buffer[]): Promise<Reply> {
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, method, path, headers: { host: `127.0.0.1:${port}`, ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks).toString('utf8'), ms: performance.now() - t0 }));
    });
    req.on('error', reject);
    if (Array.isArray(body)) { for (const b of body) req.write(b); req.end(); } else req.end(body);
  });
}

/** Test helper: a server over the market fixture's graph with its closes imported and tickers linked. */
export async function startMarketServer(): Promise<{ store: Store; server: Server; base: string }> {
  const fx = await marketFixture();
  const store = await openStore(fx.db);
  for (const [file, index] of [[fx.stocks, false], [fx.index, true]] as const) {
    const p = parsePrices(readFileSync(file, 'utf8'), { index });
    await store.transaction(() => store.market.upsertPrices(p.kind, p.rows));
  }
  await autoLink(store);
  const server = createApi(store, { page: PAGE });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { store, server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}
