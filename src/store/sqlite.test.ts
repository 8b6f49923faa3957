import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SqliteStore } from './sqlite.js';
import { storeSuite } from './store.suite.js';

const dir = mkdtempSync(join(tmpdir(), 'dealgraph-store-'));
let file = '';
storeSuite('sqlite', () => {
  file = join(dir, `t${Math.random().toString(36).slice(2)}.db`);
  return new SqliteStore(file);
}, () => new SqliteStore(file));

test('sqlite: a file that is not a database is refused with a clear error', () => {
  const bad = join(dir, 'not-a-db.db');
  writeFileSync(bad, 'this is not sqlite '.repeat(100));
  assert.throws(() => new SqliteStore(bad), /not-a-db\.db: expected a dealgraph SQLite database/);
  rmSync(bad);
});
