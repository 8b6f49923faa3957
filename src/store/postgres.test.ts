/** The shared Store suite against a real PostgreSQL server (DEALGRAPH_TEST_PG), one fresh schema per store. */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { PgStore, parsePgUrl } from './postgres.js';
import { storeSuite } from './store.suite.js';
import { PG_SKIP, dropPgSchemas, freshPgUrl } from './pg-testing.js';

if (PG_SKIP) console.log(`# postgres store tests skipped: ${PG_SKIP}`);
let url = '';
storeSuite('postgres', async () => { url = freshPgUrl(); return PgStore.open(url); }, async () => PgStore.open(url), { skip: PG_SKIP });
after(dropPgSchemas);

test('postgres: a malformed URL and an unreachable server are dealgraph: errors, the latter within 5 s', { skip: PG_SKIP }, async () => {
  assert.throws(() => parsePgUrl('postgres://'), /dealgraph: --db: expected a URL postgres:\/\/USER@HOST:PORT\/DATABASE, found "postgres:\/\/"/);
  assert.throws(() => parsePgUrl('postgres://h/db?schema=Bad-Name'), /schema: expected a lower-case name/);
  const t0 = performance.now();
  await assert.rejects(() => PgStore.open('postgres://postgres@127.0.0.1:1/test'), /dealgraph: postgres:\/\/postgres@127\.0\.0\.1:1\/test: expected a reachable PostgreSQL server/);
  assert.ok(performance.now() - t0 < 6_000);
});

test('postgres: migrations are versioned, applied once, and a second open adds none', { skip: PG_SKIP }, async () => {
  const u = freshPgUrl();
  const [a, b] = await Promise.all([PgStore.open(u), PgStore.open(u)]);
  try {
    assert.deepEqual(await a.schemaVersions(), [1]);
    assert.deepEqual(await a.migrate(), []);
  } finally { await a.close(); await b.close(); }
});
