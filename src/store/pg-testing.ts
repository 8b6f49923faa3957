/**
 * Test helpers for the PostgreSQL store: a fresh schema per store (`dg_test_<random>`), so test files running in
 * parallel processes never share tables, and every schema made is dropped at the end.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** The test server's URL, or undefined when DEALGRAPH_TEST_PG is unset (the tests then skip). */
export const TEST_PG = process.env.DEALGRAPH_TEST_PG || undefined;
export const PG_SKIP = TEST_PG ? undefined : 'DEALGRAPH_TEST_PG is not set (e.g. postgres://postgres@127.0.0.1:5432/test)';

const made: string[] = [];

/** A URL for a new, empty schema on the test server. */
export function freshPgUrl(): string {
  const schema = `dg_test_${randomBytes(6).toString('hex')}`;
  made.push(schema);
  const u = new URL(TEST_PG!);
  u.searchParams.set('schema', schema);
  return u.toString();
}

/** Drops the schemas this process made. */
export async function dropPgSchemas(): Promise<void> {
  if (!TEST_PG || made.length === 0) return;
  const c = new pg.Client({ connectionString: TEST_PG, connectionTimeoutMillis: 5_000 });
  await c.connect();
  try { for (const s of made.splice(0)) await c.query(`DROP SCHEMA IF EXISTS ${s} CASCADE`); } finally { await c.end(); }
}
