/**
 * The shared Store test suite: every implementation runs it against a real
 * database (no mocks). `open` returns a fresh, empty store; `reopen` the same
 * database again (to check that data and corrections persist).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Store } from './types.js';
import { SCHEMA_ID, type Extraction } from '../extract/schema.js';
import { mergeExtraction } from '../graph/merge.js';
import { bands, minhash } from '../graph/keys.js';

function extraction(published: string, entities: Extraction['entities'], facts: Extraction['facts']): Extraction {
  return { schema: SCHEMA_ID, article: { id: 'a', source: 's', title: null, dateline: null, published, chars: 10 }, entities, events: [], facts };
}
const ent = (id: string, type: 'ORG' | 'PER', name: string, aliases: string[] = []) => ({ id, type, name, aliases, mentions: [{ start: 0, end: 1 }] });
const deal = (id: string, parties: string[], status: string) => ({
  id, type: 'partnership' as const, args: { parties }, status: status as 'agreed', negated: false, modality: 'asserted' as const,
  time: null, evidence: [{ start: 0, end: 5 }], confidence: 0.8, rule: 'test',
});

export function storeSuite(name: string, open: () => Promise<Store>, reopen: () => Promise<Store>, opts: { skip?: string } = {}): void {
  let n = 0;
  const add = (s: Store, x: Extraction, text = `article ${++n} ${x.article.published}`) => s.transaction(async () => {
    const id = await s.insertArticle({ extId: `a${n}`, source: `test:${n}`, url: null, title: `Article ${n}`, dateline: null, published: x.article.published, text, textHash: `h${n}-${text.length}`, signature: minhash(text), bands: bands(minhash(text)), nearDupOf: null, extraction: x });
    await mergeExtraction(s, id, x, false);
    return id;
  });

  test(`${name}: articles, entities across articles, aliases and merge reasons`, { skip: opts.skip }, async () => {
    const s = await open();
    try {
      await add(s, extraction('2012-02-22', [ent('e1', 'ORG', 'General Motors', ['GM']), ent('e2', 'ORG', 'PSA Peugeot Citroen', ['PSA'])], []));
      await add(s, extraction('2012-02-29', [ent('e1', 'ORG', 'General Motors Corp', ['GM']), ent('e2', 'ORG', 'Peugeot', []), ent('e3', 'PER', 'Peugeot')], []));
      const gm = await s.searchEntities('GM', 5);
      assert.equal(gm[0].name, 'General Motors Corp', 'the fullest form seen is the name');
      assert.equal(gm[0].articles, 2);
      assert.ok((await s.mergeLog(gm[0].id)).some((m) => /earlier article/.test(m.reason)));
      // The Peugeot person is kept apart from companies; "Peugeot" alone is not PSA's alias yet.
      const peugeot = await s.searchEntities('Peugeot', 10);
      assert.ok(peugeot.some((e) => e.type === 'PER'));
      assert.equal((await s.counts()).articles, 2);
      assert.equal(await s.articleByHash('nope'), null);
    } finally { await s.close(); }
  });

  test(`${name}: a deal across three articles has a status timeline; --as-of sees what was known then`, { skip: opts.skip }, async () => {
    const s = await open();
    try {
      const ents = [ent('e1', 'ORG', 'General Motors', ['GM']), ent('e2', 'ORG', 'PSA Peugeot Citroen', ['PSA'])];
      await add(s, extraction('2012-02-22', ents, [deal('f1', ['e1', 'e2'], 'in_talks')]));
      await add(s, extraction('2012-02-29', ents, [deal('f1', ['e2', 'e1'], 'agreed')]));
      await add(s, extraction('2013-12-12', ents, [deal('f1', ['e1', 'e2'], 'ended')]));
      const deals = await s.deals({});
      assert.equal(deals.length, 1);
      assert.equal(deals[0].status, 'ended');
      assert.equal(deals[0].firstSeen, '2012-02-22');
      assert.deepEqual((await s.dealFacts(deals[0].id)).map((f) => f.status), ['in_talks', 'agreed', 'ended']);
      assert.equal((await s.deals({ asOf: '2012-03-01' }))[0].status, 'agreed');
      assert.equal((await s.deals({ asOf: '2012-01-01' })).length, 0);
      assert.equal((await s.deals({ status: 'agreed' })).length, 0);
      const gm = (await s.searchEntities('General Motors', 1))[0];
      assert.equal((await s.deals({ entity: gm.id })).length, 1);
      assert.ok((await s.neighbors(gm.id)).some((x) => x.via === 'partnership'));
    } finally { await s.close(); }
  });

  test(`${name}: an asset purchase is a deal of its buyer (and seller), found by either`, { skip: opts.skip }, async () => {
    const s = await open();
    try {
      const ents = [ent('e1', 'ORG', 'Louisiana Pacific Corp'), ent('e2', 'ORG', 'Norwest Gypsum Co')];
      const fact = { id: 'f1', type: 'asset_purchase' as const, args: { buyer: 'e1', asset: 'gypsum wallboard plant', seller: 'e2' }, status: 'agreed' as const, negated: false, modality: 'asserted' as const, time: null, evidence: [{ start: 0, end: 5 }], confidence: 0.7, rule: 'test' };
      await add(s, extraction('1987-04-01', ents, [fact]));
      const deals = await s.deals({ type: 'asset_purchase' });
      assert.equal(deals.length, 1);
      assert.deepEqual(deals[0].parties.map((p) => [p.name, p.role]).sort(), [['Louisiana Pacific Corp', 'buyer'], ['Norwest Gypsum Co', 'seller']]);
      const seller = (await s.searchEntities('Norwest Gypsum', 1))[0];
      assert.equal((await s.deals({ entity: seller.id })).length, 1);
    } finally { await s.close(); }
  });

  test(`${name}: manual merge and split hold after later ingests and after reopening`, { skip: opts.skip }, async () => {
    let s = await open();
    const a = await add(s, extraction('2012-01-01', [ent('e1', 'ORG', 'Chrysler Corp'), ent('e2', 'ORG', 'American Motors Corp', ['AMC'])], []));
    void a;
    const chrysler = (await s.searchEntities('Chrysler', 1))[0].id;
    const amc = (await s.searchEntities('American Motors', 1))[0].id;
    await s.mergeEntities(chrysler, amc);
    assert.equal((await s.searchEntities('AMC', 1))[0].id, chrysler);
    // Many at once: each id to its canonical entity (a merged id to its root); a non-id (a percent) or unknown id is left out.
    const many = await s.entities([amc, chrysler, 19.6, 999_999]);
    assert.deepEqual([...many.keys()].sort((x, y) => x - y), [chrysler, amc].sort((x, y) => x - y));
    assert.equal(many.get(amc)!.id, chrysler);
    assert.deepEqual(many.get(amc), await s.entity(chrysler));
    await s.close();
    s = await reopen();
    try {
      await add(s, extraction('2012-02-01', [ent('e1', 'ORG', 'AMC')], []));
      assert.equal(await s.findEntity('ORG', ['amc']), chrysler, 'a merged name stays merged in later ingests');
      const split = await s.splitEntity(chrysler, 'AMC');
      await add(s, extraction('2012-03-01', [ent('e1', 'ORG', 'AMC')], []));
      assert.equal(await s.findEntity('ORG', ['amc']), split, 'a split name stays apart in later ingests');
      assert.notEqual(split, chrysler);
      await assert.rejects(() => s.splitEntity(chrysler, 'Not An Alias'), /expected an alias of/);
    } finally { await s.close(); }
  });

  test(`${name}: events are stored with canonical entities, found by entity and type, and follow a manual merge`, { skip: opts.skip }, async () => {
    const s = await open();
    try {
      const ents = [ent('e1', 'ORG', 'Goldman Sachs Group Inc'), ent('e2', 'ORG', 'Netflix Inc')];
      const x = extraction('2019-01-18', ents, []);
      x.events = [
        { id: 'v1', type: 'Rating', subtype: 'Upgrade', trigger: { start: 14, end: 22, text: 'upgraded' }, negated: false, modality: 'asserted', confidence: 0.8, rule: 'model:events',
          args: [{ role: 'Analyst', start: 0, end: 13, text: 'Goldman Sachs', entity: 'e1' }, { role: 'Security_Rating', start: 23, end: 30, text: 'Netflix', entity: 'e2' }, { role: 'TIME', start: 31, end: 39, text: 'Thursday' }] },
        { id: 'v2', type: 'SecurityValue', subtype: 'Increase_SecurityValue', trigger: { start: 50, end: 54, text: 'rose' }, negated: false, modality: 'asserted', confidence: 0.7, rule: 'model:events',
          args: [{ role: 'Security_SecurityValue', start: 40, end: 47, text: 'Netflix', entity: 'e2' }] },
      ];
      await add(s, x);
      const netflix = (await s.searchEntities('Netflix', 1))[0].id, goldman = (await s.searchEntities('Goldman Sachs', 1))[0].id;
      assert.deepEqual((await s.events({ entity: netflix })).map((e) => e.type).sort(), ['Rating', 'SecurityValue']);
      assert.deepEqual((await s.events({ entity: netflix, type: 'Rating' })).map((e) => e.subtype), ['Upgrade']);
      const r = (await s.events({ entity: goldman }))[0];
      assert.equal(r.args.find((a) => a.role === 'Security_Rating')!.entity, netflix);
      assert.equal(r.args.find((a) => a.role === 'TIME')!.entity, null);
      assert.equal(r.article!.published, '2019-01-18');
      assert.equal((await s.events({ type: 'Rating', asOf: '2019-01-01' })).length, 0);
      assert.equal((await s.events({ limit: 1 })).length, 1);
      await s.mergeEntities(netflix, goldman);
      assert.equal((await s.events({ entity: goldman })).length, 2, 'the merged-away id finds the events of the entity it joined');
    } finally { await s.close(); }
  });

  test(`${name}: articles page newest first, all or those naming an entity, with their total; an article's text alone`, { skip: opts.skip }, async () => {
    const s = await open();
    try {
      const ids: number[] = [];
      for (const [i, d] of ['2001-05-01', '2001-03-01', '2001-04-01'].entries()) ids.push(await add(s, extraction(d, [ent('e1', 'ORG', 'Volvo AB'), ...(i === 1 ? [] : [ent('e2', 'ORG', 'Saab AB')])], [])));
      const all = await s.listArticles({ limit: 2 });
      assert.equal(all.total, 3);
      assert.deepEqual(all.items.map((a) => a.published), ['2001-05-01', '2001-04-01']);
      assert.deepEqual((await s.listArticles({ limit: 2, offset: 2 })).items.map((a) => a.id), [ids[1]]);
      const saab = (await s.searchEntities('Saab', 1))[0].id;
      const of = await s.listArticles({ entity: saab });
      assert.equal(of.total, 2);
      assert.deepEqual(of.items.map((a) => a.id), [ids[0], ids[2]]);
      assert.equal(of.items[0].title, `Article ${n - 2}`);
      assert.equal(of.items[0].chars, `article ${n - 2} 2001-05-01`.length);
      assert.equal(await s.articleText(ids[2]), `article ${n} 2001-04-01`);
      assert.equal(await s.articleText(999_999), null);
      await s.mergeEntities((await s.searchEntities('Volvo', 1))[0].id, saab);
      assert.equal((await s.listArticles({ entity: saab })).total, 3, 'a merged-away id lists the articles of the entity it joined');
    } finally { await s.close(); }
  });

  const acq = (id: string, args: { acquirer: string | null; target: string; seller?: string }, status: string, more: { negated?: boolean; time?: { text: string; value: string } } = {}) => ({
    id, type: 'acquisition' as const, args, status: status as 'agreed', negated: more.negated ?? false, modality: 'asserted' as const,
    time: more.time ?? null, evidence: [{ start: 0, end: 5 }], confidence: 0.8, rule: 'test',
  });

  test(`${name}: competing bids for one target are separate deals linked as rivals; an unnamed bid joins the only named one`, { skip: opts.skip }, async () => {
    const s = await open();
    try {
      const ents = [ent('e1', 'ORG', 'Piedmont Aviation Inc'), ent('e2', 'ORG', 'USAir Group Inc'), ent('e3', 'ORG', 'Norfolk Southern Corp'), ent('e4', 'ORG', 'Trans World Airlines Inc')];
      // "USAir has offered 71 dlrs cash per share for half of Piedmont"; "Piedmont ... received an offer" (no buyer named yet).
      await add(s, extraction('1987-03-03', ents, [acq('f1', { acquirer: 'e2', target: 'e1' }, 'in_talks')]));
      await add(s, extraction('1987-03-03', ents, [acq('f1', { acquirer: null, target: 'e1' }, 'in_talks')]));
      assert.equal((await s.deals({})).length, 1, 'a bid without its buyer joins the only named bid for the target');
      // "Piedmont also received an offer from Norfolk Southern Corp"; "Trans World Airlines Inc offered to either buy Piedmont …".
      await add(s, extraction('1987-03-04', ents, [acq('f1', { acquirer: 'e3', target: 'e1' }, 'in_talks'), acq('f2', { acquirer: 'e4', target: 'e1' }, 'in_talks')]));
      // "USAir Group Inc said it has acquired 2,292,599 Piedmont Aviation Inc shares".
      await add(s, extraction('1987-03-09', ents, [acq('f1', { acquirer: 'e2', target: 'e1' }, 'completed')]));
      const deals = await s.deals({ type: 'acquisition' });
      assert.equal(deals.length, 3, 'USAir, Norfolk Southern and TWA: three bids, three deals');
      const buyer = (d: (typeof deals)[number]) => d.parties.find((p) => p.role === 'acquirer')!.name;
      const byBuyer = new Map(deals.map((d) => [buyer(d), d]));
      assert.deepEqual([...byBuyer.keys()].sort(), ['Norfolk Southern Corp', 'Trans World Airlines Inc', 'USAir Group Inc']);
      const usair = byBuyer.get('USAir Group Inc')!;
      assert.equal(usair.status, 'completed');
      assert.equal(usair.facts, 3);
      assert.equal(byBuyer.get('Norfolk Southern Corp')!.status, 'in_talks');
      for (const d of deals) assert.deepEqual([...d.rivals].sort((a, b) => a - b), deals.filter((o) => o !== d).map((o) => o.id).sort((a, b) => a - b), `${buyer(d)}'s rivals`);
      assert.deepEqual((await s.dealRivals(usair.id)).length, 2);
      // With rivals, a bid that names no buyer is a deal of its own: it cannot say whose it is.
      await add(s, extraction('1987-03-10', ents, [acq('f1', { acquirer: null, target: 'e1' }, 'in_talks')]));
      assert.equal((await s.deals({ type: 'acquisition' })).length, 4);
    } finally { await s.close(); }
  });

  test(`${name}: a description ("U.S. Company", "an investor group") is no canonical entity, so unrelated deals do not share it`, { skip: opts.skip }, async () => {
    const s = await open();
    try {
      await add(s, extraction('1987-03-01', [ent('e1', 'ORG', 'Exco International Plc'), ent('e2', 'ORG', 'U.S. Company')], [acq('f1', { acquirer: 'e1', target: 'e2' }, 'in_talks')]));
      await add(s, extraction('1987-03-02', [ent('e1', 'ORG', 'Fujitsu Ltd'), ent('e2', 'ORG', 'U.S. Company')], [acq('f1', { acquirer: 'e1', target: 'e2' }, 'in_talks')]));
      await add(s, extraction('1987-03-03', [ent('e1', 'ORG', 'an investor group'), ent('e2', 'ORG', 'Tonka Corp')], [acq('f1', { acquirer: 'e1', target: 'e2' }, 'in_talks')]));
      const deals = await s.deals({});
      assert.equal(deals.length, 3);
      assert.ok(deals.every((d) => d.parties.every((p) => !/U\.S\. Company|investor group/.test(p.name))), 'no deal names a description as a party');
      assert.equal((await s.searchEntities('U.S. Company', 5)).filter((e) => e.name === 'U.S. Company').length, 0);
    } finally { await s.close(); }
  });

  test(`${name}: the headline status is the latest dated step's; a denial shows as denied; each step says where its date came from`, { skip: opts.skip }, async () => {
    const s = await open();
    try {
      const ents = [ent('e1', 'ORG', 'Texaco Inc'), ent('e2', 'ORG', 'Pennzoil Co')];
      // "traders said Texaco was rumored to bid for Pennzoil", then "Texaco denied it was in talks to buy Pennzoil".
      await add(s, extraction('1987-03-02', ents, [acq('f1', { acquirer: 'e1', target: 'e2' }, 'rumored')]));
      await add(s, extraction('1987-03-05', ents, [acq('f1', { acquirer: 'e1', target: 'e2' }, 'in_talks', { negated: true })]));
      let [d] = await s.deals({});
      assert.equal(d.status, 'denied');
      assert.equal((await s.deals({ asOf: '1987-03-03' }))[0].status, 'rumored');
      // A date a sentence states after its article's ("debentures due 2002" slipping through) never dates the step.
      await add(s, extraction('1987-03-09', ents, [acq('f1', { acquirer: 'e1', target: 'e2' }, 'agreed', { time: { text: '2002', value: '2002' } })]));
      [d] = await s.deals({});
      assert.equal(d.status, 'agreed');
      assert.equal(d.lastSeen, '1987-03-09');
      await add(s, extraction('1987-03-10', ents, [acq('f1', { acquirer: 'e1', target: 'e2' }, 'completed', { time: { text: 'March 9', value: '1987-03-09' } })]));
      const steps = await s.dealFacts(d.id);
      assert.deepEqual(steps.map((f) => [f.date, f.dateSource]), [['1987-03-02', 'article'], ['1987-03-05', 'article'], ['1987-03-09', 'article'], ['1987-03-09', 'text']]);
      assert.equal((await s.deals({}))[0].status, 'completed');
    } finally { await s.close(); }
  });

  test(`${name}: a failed transaction stores nothing`, { skip: opts.skip }, async () => {
    const s = await open();
    try {
      const before = (await s.counts()).articles;
      await assert.rejects(() => s.transaction(async () => {
        await add(s, extraction('2012-01-01', [ent('e1', 'ORG', 'Ford Motor Co')], []));
        throw new Error('boom');
      }));
      assert.equal((await s.counts()).articles, before);
      assert.equal((await s.searchEntities('Ford', 1)).length, 0);
    } finally { await s.close(); }
  });
}
