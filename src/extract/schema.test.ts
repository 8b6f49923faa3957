import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../ingest/corpora.js';
import { extractionJsonSchema, SCHEMA_ID } from './schema.js';

test('schema/extraction.schema.json is the one generated from the code (run `./bin/dealgraph.js schema > schema/extraction.schema.json`)', () => {
  const committed = JSON.parse(readFileSync(join(REPO_ROOT, 'schema', 'extraction.schema.json'), 'utf8'));
  assert.deepEqual(committed, JSON.parse(JSON.stringify(extractionJsonSchema())));
  assert.equal(SCHEMA_ID, 'dealgraph/extraction@2');
});
