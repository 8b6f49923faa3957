import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteStore } from '../store/sqlite.js';
import { SCHEMA_ID, type Extraction } from '../extract/schema.js';
import { bands, minhash } from './keys.js';
import { mergeExtraction } from './merge.js';
import { articleLinks, dealValue, dealsBetween, matchEntityByName } from './query.js';
import type { DealRow, FactRow } from '../store/types.js';

const dir = mkdtempSync(join(tmpdir(), 'dealgraph-query-'));
let n = 0;
async function store(articles: { text: string; entities: [string, 'ORG' | 'PER' | 'LOC', string][] }[]): Promise<SqliteStore> {
  const s = new SqliteStore(join(dir, `q${++n}.db`));
  for (const a of articles) {
    const x: Extraction = {
      schema: SCHEMA_ID, article: { id: 'a', source: 's', title: null, dateline: null, published: '2020-01-01', chars: a.text.length },
      entities: a.entities.map(([id, type, name]) => ({ id, type, name, aliases: [], mentions: [{ start: a.text.indexOf(name), end: a.text.indexOf(name) + name.length }] })),
      events: [], facts: [],
    };
    await s.transaction(async () => {
      const id = await s.insertArticle({ extId: a.text, source: 'test', url: null, title: null, dateline: null, published: '2020-01-01', text: a.text, textHash: a.text, signature: minhash(a.text), bands: bands(minhash(a.text)), nearDupOf: null, extraction: x });
      await mergeExtraction(s, id, x, false);
    });
  }
  return s;
}

test('a name that matches weakly says so and offers the other candidates; an exact one does not', async () => {
  const s = await store([
    { text: 'Halvorsen Shipping ASA said it would buy two tankers.', entities: [['e1', 'ORG', 'Halvorsen Shipping ASA']] },
    { text: 'Halvorsen Shipping ASA reported higher profit.', entities: [['e1', 'ORG', 'Halvorsen Shipping ASA']] },
    { text: 'Analyst Per Halvorsen said the shares were cheap.', entities: [['e1', 'PER', 'Per Halvorsen']] },
    { text: 'Norsk Hydro AS said Halvorsen would head the unit.', entities: [['e1', 'ORG', 'Norsk Hydro AS'], ['e2', 'PER', 'Halvorsen']] },
  ]);
  try {
    const weak = await matchEntityByName(s, 'Halvorsen');
    assert.equal(weak.entity.name, 'Halvorsen');
    assert.equal(weak.exact, true, 'one entity is named exactly "Halvorsen"');
    assert.deepEqual(weak.alternatives.map((e) => e.name).sort(), ['Halvorsen Shipping ASA', 'Per Halvorsen']);
    const prefix = await matchEntityByName(s, 'Halvorsen Ship');
    assert.equal(prefix.entity.name, 'Halvorsen Shipping ASA');
    assert.equal(prefix.exact, false, 'a prefix is not an exact match');
    const exact = await matchEntityByName(s, 'Norsk Hydro');
    assert.equal(exact.exact, true);
    assert.deepEqual(exact.alternatives, []);
    assert.equal((await matchEntityByName(s, `#${exact.entity.id}`)).entity.name, 'Norsk Hydro AS');
    await assert.rejects(() => matchEntityByName(s, 'Statoil'), /expected a known company or person, found no entity named "Statoil"/);
  } finally { await s.close(); }
});

test("an article's entities link to their canonical entities", async () => {
  const s = await store([
    { text: 'Volvo AB agreed to buy a stake in Saab-Scania AB.', entities: [['e1', 'ORG', 'Volvo AB'], ['e2', 'ORG', 'Saab-Scania AB']] },
    { text: 'Volvo AB shares rose in Stockholm.', entities: [['e1', 'ORG', 'Volvo AB'], ['e2', 'LOC', 'Stockholm']] },
  ]);
  try {
    const volvo = (await s.searchEntities('Volvo', 1))[0].id, sthlm = (await s.searchEntities('Stockholm', 1))[0].id;
    assert.deepEqual(await articleLinks(s, [{ id: 'e1', type: 'ORG', name: 'Volvo AB' }, { id: 'e2', type: 'LOC', name: 'Stockholm' }, { id: 'e3', type: 'ORG', name: 'Never Seen Corp' }]), { e1: volvo, e2: sthlm });
  } finally { await s.close(); }
});

test('deals within a date range overlap it; a deal value is the latest stated one', async () => {
  const d = (id: number, firstSeen: string | null, lastSeen: string | null) => ({ id, firstSeen, lastSeen }) as DealRow;
  const deals = [d(1, '1987-03-01', '1987-03-20'), d(2, '1987-04-02', '1987-04-02'), d(3, null, null)];
  assert.deepEqual(dealsBetween(deals, '1987-03-10', '1987-03-31').map((x) => x.id), [1]);
  assert.deepEqual(dealsBetween(deals, '1987-04-01').map((x) => x.id), [2]);
  assert.deepEqual(dealsBetween(deals, undefined, '1987-03-01').map((x) => x.id), [1]);
  assert.equal(dealsBetween(deals).length, 3);
  const f = (args: Record<string, unknown>, negated = false) => ({ args, negated }) as FactRow;
  const v757 = { value: 757e6, currency: 'USD', text: '757 mln dlrs' };
  assert.deepEqual(dealValue([f({ value: v757 }), f({}), f({ value: { value: 1e9, currency: 'USD', text: 'one billion dlrs' } }, true)]), v757);
  assert.equal(dealValue([f({ acquirer: null, target: 3 })]), null);
});
