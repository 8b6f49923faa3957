/** The store stage's public face: the Store interface and its SQLite implementation. */
export type { Store, NewArticle, ArticleRow, EntityRow, FactRow, DealRow, DealFilter, MergeRecord, ArticleFilter, NewDealRef, MarketStore, PriceRow, PriceKind, SymbolLink } from './types.js';
export { SqliteStore } from './sqlite.js';
import { SqliteStore } from './sqlite.js';
import type { Store } from './types.js';

export const DEFAULT_DB = 'dealgraph.db';
/** `check`: verify the file's pages first (`PRAGMA quick_check`); commands that write ask for it. */
export function openStore(path: string = DEFAULT_DB, opts: { check?: boolean } = {}): Store {
  return new SqliteStore(path, opts);
}
