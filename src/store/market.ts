/**
 * Prices and symbol links in the SQLite store (schema 6): daily closes of
 * stocks and indexes, and which entity trades under which symbol, with why
 * the link was made. Statements are prepared once.
 */
import type Database from 'better-sqlite3';
import type { MarketStore, PriceKind, PriceRow, SymbolLink } from './types.js';

export const MARKET_SCHEMA = `
CREATE TABLE IF NOT EXISTS prices (symbol TEXT NOT NULL, date TEXT NOT NULL, close REAL NOT NULL, PRIMARY KEY (symbol, date)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS index_prices (symbol TEXT NOT NULL, date TEXT NOT NULL, close REAL NOT NULL, PRIMARY KEY (symbol, date)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS symbol_links (
  entity_id INTEGER NOT NULL REFERENCES entities(id), symbol TEXT NOT NULL, how TEXT NOT NULL, reason TEXT NOT NULL,
  article_id INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (entity_id, symbol, how, article_id)
);
CREATE INDEX IF NOT EXISTS symbol_links_symbol ON symbol_links(symbol);
`;

type Row = Record<string, unknown>;
type Stmts = Record<string, Database.Statement>;

export class SqliteMarket implements MarketStore {
  private readonly q: Record<PriceKind, Stmts> & { links: Stmts };

  constructor(db: Database.Database, private readonly wrapError: (e: unknown) => unknown) {
    const p = (sql: string) => db.prepare(sql);
    const forTable = (t: string): Stmts => ({
      get: p(`SELECT close FROM ${t} WHERE symbol = ? AND date = ?`),
      put: p(`INSERT INTO ${t} (symbol, date, close) VALUES (?, ?, ?) ON CONFLICT (symbol, date) DO UPDATE SET close = excluded.close`),
      series: p(`SELECT date, close FROM ${t} WHERE symbol = ? ORDER BY date`),
      symbols: p(`SELECT symbol, count(*) days, min(date) first, max(date) last FROM ${t} GROUP BY symbol ORDER BY symbol`),
    });
    this.q = {
      stock: forTable('prices'), index: forTable('index_prices'),
      links: {
        add: p('INSERT OR IGNORE INTO symbol_links (entity_id, symbol, how, reason, article_id) VALUES (?, ?, ?, ?, ?)'),
        all: p('SELECT entity_id, symbol, how, reason, article_id FROM symbol_links ORDER BY symbol, entity_id, article_id'),
        // Articles that may carry a ticker: "<F>", "(NYSE: F)", "Nasdaq: AAPL".
        candidates: p("SELECT id FROM articles WHERE near_dup_of IS NULL AND (text GLOB '*<[A-Z]*>*' OR instr(text, 'NYSE') OR instr(text, 'Nasdaq') OR instr(text, 'NASDAQ') OR instr(text, 'AMEX')) ORDER BY id"),
      },
    };
  }

  private async run<T>(fn: () => T): Promise<T> {
    try { return fn(); } catch (e) { throw this.wrapError(e); }
  }

  upsertPrices(kind: PriceKind, rows: readonly PriceRow[]) {
    return this.run(() => {
      const q = this.q[kind];
      let added = 0, changed = 0, unchanged = 0;
      for (const r of rows) {
        const old = q.get.get(r.symbol, r.date) as Row | undefined;
        if (old && old.close === r.close) { unchanged++; continue; }
        q.put.run(r.symbol, r.date, r.close);
        if (old) changed++; else added++;
      }
      return { added, changed, unchanged };
    });
  }

  series(kind: PriceKind, symbol: string) {
    return this.run(() => {
      const rows = this.q[kind].series.all(symbol) as Row[];
      const close = new Float64Array(rows.length);
      const dates = rows.map((r, i) => { close[i] = r.close as number; return r.date as string; });
      return { dates, close };
    });
  }

  symbols(kind: PriceKind) {
    return this.run(() => (this.q[kind].symbols.all() as Row[]).map((r) => ({ symbol: r.symbol as string, days: r.days as number, from: r.first as string, to: r.last as string })));
  }

  addLink(l: SymbolLink) {
    return this.run(() => this.q.links.add.run(l.entity, l.symbol, l.how, l.reason, l.article ?? 0).changes > 0);
  }

  tickerArticles() {
    return this.run(() => (this.q.links.candidates.all() as Row[]).map((r) => r.id as number));
  }

  links() {
    return this.run(() => (this.q.links.all.all() as Row[]).map((r) => ({
      entity: r.entity_id as number, symbol: r.symbol as string, how: r.how as SymbolLink['how'], reason: r.reason as string,
      article: (r.article_id as number) || null,
    })));
  }
}
