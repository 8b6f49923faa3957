/** The store stage's public face: the Store interface and its SQLite and PostgreSQL implementations. */
export type { Store, NewArticle, ArticleRow, EntityRow, FactRow, DealRow, DealFilter, MergeRecord, ArticleFilter, NewDealRef, MarketStore, PriceRow, PriceKind, SymbolLink } from './types.js';
export { SqliteStore } from './sqlite.js';
import { SqliteStore } from './sqlite.js';
import { isPostgresUrl } from './postgres.js';
import type { Store } from './types.js';

export const DEFAULT_DB = 'dealgraph.db';

/**
 * The store `--db` names: a `postgres://` URL is a PostgreSQL store (connected within 5 s, migrated), anything
 * else a SQLite file. `check`: verify a SQLite file's pages first (`PRAGMA quick_check`); commands that write ask for it.
 */
export async function openStore(path: string = DEFAULT_DB, opts: { check?: boolean } = {}): Promise<Store> {
  if (isPostgresUrl(path)) {
    const { PgStore } = await import('./postgres.js');
    return PgStore.open(path);
  }
  return new SqliteStore(path, opts);
}
