import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { main } from '../cli/main.js';
import { openStore } from '../store/index.js';
import { marketFixture, INJECTED, BETAS } from './fixture.js';
import { marketCheck } from './check.js';

async function run(args: string[]) {
  let out = '', err = '';
  const code = await main(args, { out: (s) => { out += s; }, err: (s) => { err += s; } });
  return { code, out, err };
}
const fx = await marketFixture();
const db = ['--db', fx.db];

test('market import: closes stored once; a second import adds nothing; a file with a bad row imports nothing', async () => {
  const idx = await run(['market', 'import', ...db, '--index', fx.index]);
  assert.equal(idx.code, 0, idx.err);
  assert.match(idx.out, /420 index closes of 1 index\(es\): 420 added, 0 changed, 0 already stored/);
  const first = await run(['market', 'import', ...db, fx.stocks]);
  assert.match(first.out, /840 closes of 2 symbol\(s\): 840 added, 0 changed, 0 already stored/);
  const again = await run(['market', 'import', ...db, fx.stocks]);
  assert.match(again.out, /840 added|0 added, 0 changed, 840 already stored/);
  assert.match(again.out, /0 added, 0 changed, 840 already stored/);
  const bad = join(fx.dir, 'bad.csv');
  writeFileSync(bad, 'date,symbol,close\n2016-01-04,NEW,10\n2016-01-05,NEW,10.5\n2016-01-06,NEW,ten\n2016-02-30,NEW,11\n');
  const r = await run(['market', 'import', ...db, bad]);
  assert.equal(r.code, 1);
  assert.match(r.err, /bad\.csv:4: expected a positive closing price, found "ten"/);
  assert.match(r.err, /bad\.csv:5: expected a date as YYYY-MM-DD/);
  assert.match(r.err, /found 2 bad; nothing was imported/);
  const sym = await run(['market', 'symbols', ...db, '--format', 'json']);
  assert.deepEqual((JSON.parse(sym.out) as { symbol: string }[]).map((s) => s.symbol), ['SPX', 'F', 'ZZ']);
});

test('market link: tickers in titles and text, by hand, and why each link was made', async () => {
  // Ingest already linked the tickers of the articles it stored; --auto reads them all again and adds nothing.
  const before = JSON.parse((await run(['market', 'links', ...db, '--format', 'json'])).out) as { symbol: string }[];
  assert.deepEqual([...new Set(before.map((l) => l.symbol))].sort(), ['F', 'ZZ']);
  const auto = await run(['market', 'link', ...db, '--auto']);
  assert.equal(auto.code, 0, auto.err);
  assert.match(auto.out, /read 2 articles that may carry tickers: 4 ticker links found, 0 new/);
  const hand = await run(['market', 'link', ...db, 'Acme Widgets', 'ACME']);
  assert.match(hand.out, /Acme Widgets Inc \(#\d+\) → ACME/);
  const links = JSON.parse((await run(['market', 'links', ...db, '--format', 'json'])).out) as { symbol: string; name: string; how: string; priced: boolean; reason: string; articles: number }[];
  const by = Object.fromEntries(links.map((l) => [l.symbol, l]));
  assert.equal(by.F.how, 'title+text');
  assert.equal(by.F.articles, 1);
  assert.match(by.F.reason, /title of article \d+: "FORD MOTOR CO <F>"/);
  const zz = links.filter((l) => l.symbol === 'ZZ');
  assert.deepEqual(zz.map((l) => l.name).sort(), ['ZZ', 'Zeta Corp']);
  assert.match(zz.find((l) => l.name === 'Zeta Corp')!.reason, /text of article \d+: "Zeta Corp \(NYSE: ZZ\)"/);
  assert.match(zz.find((l) => l.name === 'ZZ')!.reason, /the ticker in "\(NYSE: ZZ\)" read as a name/);
  assert.equal(by.ZZ.priced, true);
  assert.equal(by.ACME.how, 'manual');
  assert.equal(by.ACME.priced, false);
  // A names file that gives ZZ to another company: the one-article ticker link of Zeta Corp is shown as not used;
  // the entity "ZZ" (the ticker read as a name) keeps it.
  const names = join(fx.dir, 'names.csv');
  writeFileSync(names, 'symbol,name\nZZ,Beta Systems Inc\nQQQQ,Nobody Known Inc\n');
  const n = await run(['market', 'link', ...db, '--names', names]);
  assert.match(n.out, /1 names matched an entity \(1 new links\); 1 matched none: QQQQ \(Nobody Known Inc\)/);
  const after = JSON.parse((await run(['market', 'links', ...db, '--format', 'json'])).out) as { symbol: string; name: string; how: string; note: string }[];
  assert.match(after.find((l) => l.symbol === 'ZZ' && l.name === 'Zeta Corp')!.note, /not used: ZZ is Beta Systems Inc by the names file or by hand, and "Zeta Corp" \(in fewer than 3 articles\) shares no distinctive word with it/);
  assert.equal(after.find((l) => l.symbol === 'ZZ' && l.name === 'ZZ')!.note, '');
  assert.equal(after.find((l) => l.symbol === 'ZZ' && l.name === 'Beta Systems Inc')!.how, 'names');
});

test('market event: JSON with alpha, beta, each day\'s abnormal return, CAR and t; the weekend date moves to Monday', async () => {
  const r = await run(['market', 'event', ...db, '--symbol', 'ZZ', '--date', '2016-06-04', '--format', 'json']);
  assert.equal(r.code, 0, r.err);
  const j = JSON.parse(r.out);
  assert.equal(j.eventDate, '2016-06-06');
  assert.ok(Math.abs(j.beta - BETAS.ZZ) < 0.05, `beta ${j.beta}`);
  assert.equal(typeof j.alpha, 'number');
  assert.deepEqual(j.windows.map((w: { window: number[] }) => w.window), [[0, 0], [-1, 1], [-5, 5]]);
  const day0 = j.days.find((d: { day: number }) => d.day === 0);
  assert.ok(Math.abs(day0.ar - INJECTED.ZZ['2016-06-06']) < 0.01, `AR(0) ${day0.ar}`);
  assert.ok(j.windows[1].t > 5);
  const table = await run(['market', 'event', ...db, '--symbol', 'F', '--date', '2016-03-14', '--window', '-1,1']);
  assert.match(table.out, /F against SPX, market model; article date 2016-03-14, event day 2016-03-14/);
  assert.match(table.out, /\(-1,1\)\s+2016-03-11\s+2016-03-15/);
  const csvOut = await run(['market', 'event', ...db, '--symbol', 'F', '--date', '2016-03-14', '--window=0,0', '--format', 'csv']);
  assert.match(csvOut.out, /^window,from,to,car,se,t,p\n"\(0,0\)",2016-03-14,2016-03-14,/);
  const early = await run(['market', 'event', ...db, '--symbol', 'F', '--date', '2015-03-02']);
  assert.equal(early.code, 1);
  assert.match(early.err, /has 10 returns, fewer than 100: prices start 2015-01-05/);
  const none = await run(['market', 'event', ...db, '--symbol', 'XX', '--date', '2016-03-14']);
  assert.match(none.err, /expected closes of XX, found none/);
});

test('market study: acquirers with CARs and group tests; the same company\'s overlapping event is said, not counted twice', async () => {
  const r = await run(['market', 'study', ...db, '--type', 'acquisition', '--role', 'acquirer', '--window', '-1,1', '--format', 'json']);
  assert.equal(r.code, 0, r.err);
  const j = JSON.parse(r.out);
  assert.equal(j.facts, 3);
  assert.equal(j.linked, 3);
  const ford = j.studies.filter((s: { symbol: string }) => s.symbol === 'F');
  assert.equal(ford.length, 2);
  assert.equal(ford.filter((s: { excluded?: string }) => s.excluded).length, 1);
  assert.match(ford.find((s: { excluded?: string }) => s.excluded).excluded, /window overlaps that of fact \d+ \(F, event day 2016-03-14\)/);
  assert.equal(j.group.n, 2);
  // Ford: +6% then −5% inside (−1,+1); Zeta: +4%.
  const zz = j.studies.find((s: { symbol: string }) => s.symbol === 'ZZ');
  assert.ok(Math.abs(zz.result.windows[0].car - 0.04) < 0.012);
  assert.ok(Math.abs(j.group.meanCar - (0.01 + 0.04) / 2) < 0.012, `mean CAR ${j.group.meanCar}`);
  const t = await run(['market', 'study', ...db, '--type', 'acquisition', '--role', 'acquirer', '--window', '-1,1', '--list']);
  assert.match(t.out, /acquisition, role acquirer: 3 facts, 3 about a company with prices \(3 company sides\); 3 studied, 0 not .*; 1 left out/);
  for (const name of ['mean CAR', 'median CAR', 'cross-sectional t', 'Patell Z', 'BMP t', 'generalized sign Z']) assert.match(t.out, new RegExp(`${name}\\s`));
  assert.match(t.out, /window overlaps/);
});

test('market study --events: the event model\'s events by type, subtype and argument role', async () => {
  const r = await run(['market', 'study', ...db, '--events', '--type', 'SecurityValue', '--subtype', 'Decrease_SecurityValue', '--role', 'Security_SecurityValue', '--format', 'json']);
  assert.equal(r.code, 0, r.err);
  const j = JSON.parse(r.out);
  assert.ok(j.studies.length >= 1, 'the fall of Ford\'s shares is an event about F');
  for (const x of j.studies) {
    assert.equal(x.kind, 'event');
    assert.equal(x.type, 'SecurityValue/Decrease_SecurityValue');
    assert.equal(x.role, 'Security_SecurityValue');
    assert.equal(x.symbol, 'F');
    assert.equal(x.date, '2016-03-15');
  }
  // Several events of one company on one day are one event in the test.
  assert.equal(j.group.n, 1);
  const bad = await run(['market', 'study', ...db, '--events', '--status', 'agreed']);
  assert.equal(bad.code, 1);
  assert.match(bad.err, /--status applies to facts, not to --events/);
});

test('market-check: the stated direction of a stock move against the sign of that day\'s return', async () => {
  const store = await openStore(fx.db);
  try {
    const c = await marketCheck(store);
    assert.equal(c.n, 1);
    const [m] = c.checked;
    assert.equal(m.stated, 'down');
    assert.equal(m.day, '2016-03-15');
    assert.ok(m.r < 0 && m.agreeDay && m.agree);
    assert.match(m.sentence, /fell 3 pct/);
  } finally { await store.close(); }
});
