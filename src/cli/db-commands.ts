/**
 * `dealgraph db migrate|stats [--db PATH|URL]`: the store's schema and its size, for either store.
 * SQLite upgrades its file when opened (sqlite.ts: versions 4-6 to 7); PostgreSQL applies its numbered
 * migrations (pg-migrations.ts), recorded in `schema_migrations`.
 */
import { parseArgs } from 'node:util';
import { DealgraphError } from '../errors.js';
import { DEFAULT_DB, openStore } from '../store/index.js';
import { PgStore, isPostgresUrl, shownUrl } from '../store/postgres.js';
import type { Io } from './main.js';

export async function dbCmd(args: string[], io: Io): Promise<number> {
  const [what, ...rest] = args;
  const { values } = parseArgs({ args: rest, strict: true, options: { db: { type: 'string' }, format: { type: 'string' } } });
  const db = values.db ?? DEFAULT_DB;
  if (values.format !== undefined && values.format !== 'table' && values.format !== 'json') throw new DealgraphError(`--format: expected table or json, found ${JSON.stringify(values.format)}`);
  if (what === 'migrate') return migrate(db, io);
  if (what === 'stats') return stats(db, values.format === 'json', io);
  throw new DealgraphError(`db: expected migrate or stats, found ${JSON.stringify(what ?? '')}`);
}

async function migrate(db: string, io: Io): Promise<number> {
  if (isPostgresUrl(db)) {
    const s = await PgStore.open(db, { migrate: false });
    try {
      const applied = await s.migrate();
      const all = await s.schemaVersions();
      io.out(`${shownUrl(db)}: ${applied.length ? `applied migration${applied.length > 1 ? 's' : ''} ${applied.join(', ')}` : 'up to date'}; schema at version ${all[all.length - 1]}\n`);
    } finally { await s.close(); }
    return 0;
  }
  const s = await openStore(db, { check: true });
  await s.close();
  io.out(`${db}: up to date; SQLite schema version 7\n`);
  return 0;
}

async function stats(db: string, json: boolean, io: Io): Promise<number> {
  const s = await openStore(db);
  try {
    const c = await s.counts();
    const out = { store: s.kind, db: isPostgresUrl(db) ? shownUrl(db) : db, articles: c.articles, nearDuplicates: c.nearDuplicates, entities: c.entities, facts: c.facts, deals: c.deals, events: c.events };
    if (json) io.out(JSON.stringify(out, null, 2) + '\n');
    else io.out(`${out.db} (${s.kind}): ${c.articles} articles (${c.nearDuplicates} near-duplicates), ${c.entities} entities, ${c.facts} facts, ${c.deals} deals, ${c.events} events\n`);
  } finally { await s.close(); }
  return 0;
}
