import { test } from 'node:test';
import assert from 'node:assert/strict';
import { align, eventDay, groupTest, studyEvent, type EventStudy, type Series } from './study.js';
import { synthetic, weekdays, closesOf } from './testing.js';

const DATES = weekdays('2015-01-05', 400, new Set(['2015-05-25', '2015-07-03', '2015-09-07']));
const near = (a: number, b: number, tol: number, what: string) => assert.ok(Math.abs(a - b) <= tol, `${what}: expected ${b} ± ${tol}, found ${a}`);

test('the market model recovers known betas and alphas, and injected abnormal returns', () => {
  const cases = [
    { seed: 1, alpha: 0.0002, beta: 0.6, sigma: 0.004, jump: 0.05 },
    { seed: 2, alpha: -0.0005, beta: 1.0, sigma: 0.006, jump: -0.08 },
    { seed: 3, alpha: 0.001, beta: 1.8, sigma: 0.002, jump: 0.03 },
    { seed: 4, alpha: 0, beta: -0.4, sigma: 0.005, jump: 0.1 },
  ];
  for (const c of cases) {
    const event = DATES[320];
    const s = synthetic({ dates: DATES, ...c, inject: { [event]: c.jump } });
    const r = studyEvent(align(s.stock, s.index), event);
    assert.ok(r.ok, JSON.stringify(r));
    // 221 estimation returns: beta's standard error is about sigma / (0.01·√221).
    near(r.beta, c.beta, 4 * c.sigma / (0.01 * Math.sqrt(221)), `beta (seed ${c.seed})`);
    near(r.alpha, c.alpha, 4 * c.sigma / Math.sqrt(221) + 1e-4, `alpha (seed ${c.seed})`);
    near(r.sigma, c.sigma, 0.15 * c.sigma, `sigma (seed ${c.seed})`);
    assert.equal(r.eventDate, event);
    const day0 = r.days.find((d) => d.day === 0)!;
    near(day0.ar, c.jump, 4 * c.sigma, `AR(0) (seed ${c.seed})`);
    const w = r.windows.find((x) => x.window[0] === -1 && x.window[1] === 1)!;
    near(w.car, c.jump, 4 * c.sigma * Math.sqrt(3), `CAR(-1,1) (seed ${c.seed})`);
    assert.ok(Math.abs(w.t) > 4, `t of a ${c.jump} jump over noise ${c.sigma}: ${w.t}`);
    assert.ok(w.p < 1e-3);
    assert.deepEqual(r.windows.map((x) => x.days), [1, 3, 11]);
  }
});

test('with no noise the abnormal return is exactly the injected one, under each model', () => {
  const event = DATES[300];
  // A tiny noise keeps sigma above zero; the fitted line is then the true one to 1e-6.
  const s = synthetic({ dates: DATES, seed: 9, alpha: 0.001, beta: 1.3, sigma: 1e-9, inject: { [event]: 0.04 } });
  const r = studyEvent(align(s.stock, s.index), event) as EventStudy;
  near(r.beta, 1.3, 1e-6, 'beta');
  near(r.alpha, 0.001, 1e-8, 'alpha');
  near(r.days.find((d) => d.day === 0)!.ar, 0.04, 1e-7, 'AR(0)');
  near(r.days.find((d) => d.day === 1)!.ar, 0, 1e-7, 'AR(1)');
  // Market-adjusted: AR = R − Rm; mean-adjusted: AR = R − mean R of the estimation window.
  const ret = align(s.stock, s.index);
  const e = DATES.indexOf(event) - 1;
  const ma = studyEvent(ret, event, { model: 'market-adjusted' }) as EventStudy;
  near(ma.days.find((d) => d.day === 0)!.ar, ret.r[e] - ret.m[e], 1e-12, 'market-adjusted AR');
  assert.equal(ma.beta, 1); assert.equal(ma.alpha, 0);
  const mean = studyEvent(ret, event, { model: 'mean-adjusted' }) as EventStudy;
  let sum = 0;
  for (let i = e - 250; i <= e - 30; i++) sum += ret.r[i];
  near(mean.days.find((d) => d.day === 0)!.ar, ret.r[e] - sum / 221, 1e-12, 'mean-adjusted AR');
});

test('calendar: weekend and holiday article dates move to the next trading day', () => {
  const s = synthetic({ dates: DATES, seed: 5, alpha: 0, beta: 1, sigma: 0.01 });
  const ret = align(s.stock, s.index);
  const cases: [string, string][] = [
    ['2016-01-09', '2016-01-11'], // Saturday → Monday
    ['2016-01-10', '2016-01-11'], // Sunday → Monday
    ['2015-09-07', '2015-09-08'], // Labor Day (a holiday in this calendar) → Tuesday
    ['2015-09-05', '2015-09-08'], // Saturday before it → Tuesday
    ['2016-01-12', '2016-01-12'], // a trading day is its own event day
  ];
  for (const [date, day] of cases) assert.equal(ret.dates[eventDay(ret, date) as number], day, date);
});

test('calendar: an event before the first price, after the last, in a gap, or with too short a history says why', () => {
  const s = synthetic({ dates: DATES, seed: 6, alpha: 0, beta: 1, sigma: 0.01 });
  const ret = align(s.stock, s.index);
  const cases: [string, RegExp][] = [
    ['2014-12-01', /not after the first common close \(2015-01-05\)/],
    ['2015-01-05', /not after the first common close/],
    ['2030-01-01', /no trading day on or after 2030-01-01/],
    [DATES[60], /estimation window \(trading days -250..-30 relative to 2015-03-30\) has 30 returns, fewer than 100: prices start 2015-01-05/],
    [DATES[396], /the window needs 5 trading days after/],
  ];
  for (const [date, re] of cases) {
    const r = studyEvent(ret, date);
    assert.equal(r.ok, false, date);
    assert.match((r as { reason: string }).reason, re, date);
  }
  // A gap of weeks in the prices is not bridged silently.
  const gap = DATES.filter((d) => d < '2015-10-01' || d > '2015-11-15');
  const g = synthetic({ dates: gap, seed: 6, alpha: 0, beta: 1, sigma: 0.01 });
  const rg = studyEvent(align(g.stock, g.index), '2015-10-05');
  assert.equal(rg.ok, false);
  assert.match((rg as { reason: string }).reason, /is 2015-11-16, 42 days later/);
});

test('calendar: a day missing in one series is dropped from both, and the next return spans it in both', () => {
  const dates = ['2020-01-02', '2020-01-03', '2020-01-06', '2020-01-07'];
  const stock: Series = { dates: ['2020-01-02', '2020-01-03', '2020-01-06', '2020-01-07'], close: Float64Array.from([10, 11, 12, 13.2]) };
  const index: Series = { dates: ['2020-01-02', '2020-01-06', '2020-01-07'], close: Float64Array.from([100, 104, 104]) };
  const r = align(stock, index);
  assert.deepEqual(r.dates, ['2020-01-06', '2020-01-07']);
  near(r.r[0], 0.2, 1e-12, 'stock return over the missing day'); near(r.m[0], 0.04, 1e-12, 'index return over it');
  near(r.r[1], 0.1, 1e-12, 'next stock return'); near(r.m[1], 0, 1e-12, 'next index return');
  assert.equal(r.first, dates[0]);
  // An index missing the whole history of the stock: no common days.
  assert.match(eventDay(align(stock, { dates: [], close: new Float64Array() }), '2020-01-06') as string, /no day on which both/);
});

test('group tests: injected abnormal returns across events are significant; none are not', () => {
  const mk = (jump: number, seeds: number[]) => seeds.map((seed) => {
    const event = DATES[300 + (seed % 7)];
    const s = synthetic({ dates: DATES, seed, alpha: 0, beta: 1 + (seed % 3) / 5, sigma: 0.01, inject: { [event]: jump } });
    return studyEvent(align(s.stock, s.index), event, { windows: [[-1, 1]] }) as EventStudy;
  });
  const seeds = Array.from({ length: 40 }, (_, i) => 100 + i);
  const hit = groupTest(mk(0.03, seeds));
  assert.equal(hit.n, 40);
  near(hit.meanCar, 0.03, 0.01, 'mean CAR');
  for (const [k, v] of Object.entries({ csP: hit.csP, patellP: hit.patellP, bmpP: hit.bmpP, signP: hit.signP })) assert.ok(v < 0.001, `${k} = ${v}`);
  assert.ok(hit.positive >= 35);
  const none = groupTest(mk(0, seeds));
  for (const [k, v] of Object.entries({ csP: none.csP, patellP: none.patellP, bmpP: none.bmpP })) assert.ok(v > 0.01, `${k} = ${v} with nothing injected`);
  // One event: no cross-sectional spread, so those tests are not numbers.
  const one = groupTest(mk(0.03, [7]));
  assert.equal(one.n, 1);
  assert.ok(Number.isNaN(one.csT) && Number.isNaN(one.bmpT));
  assert.ok(Number.isFinite(one.patellZ));
});

test('a price series of constant closes cannot fit the market model, and says so', () => {
  const dates = DATES.slice(0, 300);
  const flat = closesOf(dates, new Float64Array(299));
  const r = studyEvent(align(flat, flat), dates[280]);
  assert.equal(r.ok, false);
  assert.match((r as { reason: string }).reason, /index did not move/);
});
