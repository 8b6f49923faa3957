import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseHTML } from 'linkedom';
import { REPO_ROOT } from '../ingest/corpora.js';
import { main } from './main.js';

const dir = mkdtempSync(join(tmpdir(), 'dealgraph-export-'));
const db = join(dir, 'export.db');
const DEAL = join(REPO_ROOT, 'test', 'fixtures', 'deal', 'gm-psa.sgm');
async function run(args: string[]) {
  let out = '', err = '';
  const code = await main(args, { out: (s) => { out += s; }, err: (s) => { err += s; } });
  return { code, out, err };
}
before(async () => { assert.equal((await run(['ingest', '--db', db, DEAL])).code, 0); });

test('JSON-LD: schema.org organizations and people, deals as events with their parties\' roles, articles with titles, facts with evidence', async () => {
  const ld = JSON.parse((await run(['export', '--db', db, '--format', 'jsonld'])).out) as { '@context': Record<string, string>; '@graph': Record<string, any>[] };
  assert.equal(ld['@context']['@vocab'], 'https://schema.org/');
  const g = ld['@graph'];
  const gm = g.find((n) => n.name === 'General Motors Corp');
  assert.equal(gm?.['@type'], 'Organization');
  assert.ok(g.some((n) => n['@type'] === 'Person' && n.name === 'Philippe Varin'));
  const deal = g.find((n) => n['@type'] === 'Event' && n.additionalType === 'dg:partnership');
  assert.equal(deal?.['dg:status'], 'ended');
  assert.equal(deal.startDate, '2012-02-22');
  assert.ok(deal['dg:party'].some((p: { roleName: string; 'dg:entity': { '@id': string } }) => p['dg:entity']['@id'] === gm['@id'] && p.roleName === 'party'));
  const art = g.find((n) => n['@type'] === 'NewsArticle' && n.headline === 'PSA SAYS IN TALKS WITH GM');
  assert.equal(art?.datePublished, '2012-02-22');
  const step = g.find((n) => n['dg:deal']?.['@id'] === deal['@id'] && n.isBasedOn['@id'] === art['@id']);
  assert.match(step?.['dg:evidence'], /PSA Peugeot Citroen said it is in talks with General Motors Corp on a strategic partnership/);
});

test('GraphML: well-formed, with entity, deal and article nodes, role and source edges carrying evidence text', async () => {
  const gml = (await run(['export', '--db', db, '--format', 'graphml'])).out;
  const { document } = parseHTML(gml.replace(/^<\?xml[^>]*>\n/, ''));
  const nodes = [...document.querySelectorAll('node')];
  const kind = (n: Element) => n.querySelector('data[key="kind"]')?.textContent;
  const deal = nodes.find((n) => kind(n) === 'deal' && n.querySelector('data[key="dtype"]')?.textContent === 'partnership')!;
  assert.equal(deal.querySelector('data[key="status"]')?.textContent, 'ended');
  assert.ok(nodes.some((n) => kind(n) === 'article' && n.querySelector('data[key="title"]')?.textContent === 'GM AND PSA AGREE ALLIANCE'));
  const edges = [...document.querySelectorAll('edge')];
  assert.ok(edges.some((e) => e.getAttribute('target') === deal.getAttribute('id') && e.querySelector('data[key="rel"]')?.textContent === 'party'));
  const src = edges.filter((e) => e.getAttribute('source') === deal.getAttribute('id'));
  assert.equal(src.length, 3, 'the deal is reported in three articles');
  assert.match(src.map((e) => e.querySelector('data[key="evidence"]')?.textContent).join(' | '), /agreed to form a strategic alliance/);
  const ids = new Set(nodes.map((n) => n.getAttribute('id')));
  assert.ok(edges.every((e) => ids.has(e.getAttribute('source')) && ids.has(e.getAttribute('target'))), 'every edge joins two nodes');
});

test('CSV: one file per table, each with its own header; evidence text in facts', async () => {
  const out = join(dir, 'csv');
  const r = await run(['export', '--db', db, '--format', 'csv', '--out', out]);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /wrote \d+ entities, 1 deals, 3 articles and \d+ facts to .*csv\/ \(entities\.csv, articles\.csv, deals\.csv, deal_parties\.csv, facts\.csv\)/);
  assert.deepEqual(readdirSync(out).sort(), ['articles.csv', 'deal_parties.csv', 'deals.csv', 'entities.csv', 'facts.csv']);
  const head = (f: string) => readFileSync(join(out, f), 'utf8').split('\n')[0];
  assert.equal(head('deals.csv'), 'deal,type,status,value,first_seen,last_seen,facts');
  assert.equal(head('articles.csv'), 'article,ext_id,title,published,url,source,copy_of');
  assert.match(readFileSync(join(out, 'articles.csv'), 'utf8'), /GM SELLS PSA STAKE,2013-12-12/);
  assert.match(readFileSync(join(out, 'facts.csv'), 'utf8'), /partnership.*"?General Motors Corp and PSA Peugeot Citroen said they agreed to form a strategic alliance/);
  const noDir = await run(['export', '--db', db, '--format', 'csv']);
  assert.equal(noDir.code, 1);
  assert.match(noDir.err, /export --format csv: expected --out DIR/);
  const bad = await run(['export', '--db', db, '--format', 'xml']);
  assert.equal(bad.code, 1);
  assert.match(bad.err, /--format: expected jsonld, graphml or csv, found "xml"/);
});
