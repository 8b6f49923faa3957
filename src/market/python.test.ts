/**
 * The independent check: test/market/check_study.py recomputes our event
 * studies from the same closes with pandas, statsmodels and scipy (Debian's
 * python3-statsmodels and python3-scipy). Skips with one line where they are
 * absent.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT, corpusPath, corporaPresent } from '../ingest/corpora.js';
import { align, groupTest, studyEvent, type EventStudy, type Model, type Series, type StudyOptions } from './study.js';
import { normalP2, studentP2 } from './stats.js';
import { parsePrices } from './prices.js';
import { synthetic, weekdays } from './testing.js';

const SCRIPT = join(REPO_ROOT, 'test', 'market', 'check_study.py');
/** Debian's interpreter first: a pyenv or venv python3 on PATH does not see Debian's packages. */
const PYTHON = ['/usr/bin/python3', 'python3'].find((py) => spawnSync(py, ['-c', 'import statsmodels, scipy, pandas'], { stdio: 'ignore' }).status === 0);

interface Case { id: string; stock: Series; index: Series; date: string; model: Model; estimation: [number, number]; minEstimation: number; windows: [number, number][] }
const plain = (s: Series) => ({ dates: s.dates, close: Array.from(s.close) });

function syntheticCases(): Case[] {
  const dates = weekdays('2016-01-04', 420, new Set(['2016-05-30', '2016-07-04', '2016-09-05', '2016-11-24', '2016-12-26', '2017-01-02']));
  const out: Case[] = [];
  const models: Model[] = ['market', 'market-adjusted', 'mean-adjusted'];
  for (let k = 0; k < 24; k++) {
    const event = dates[300 + (k % 9) * 3];
    const s = synthetic({ dates, seed: 1000 + k, alpha: (k % 5 - 2) * 2e-4, beta: 0.4 + (k % 6) * 0.3, sigma: 0.004 + (k % 4) * 0.003, inject: { [event]: k % 2 ? 0.03 : -0.01 } });
    // Some series miss days the other has: dropped from both.
    const stock = k % 3 === 0 ? { dates: s.stock.dates.filter((_, i) => i % 37 !== 5), close: s.stock.close.filter((_, i) => i % 37 !== 5) } : s.stock;
    const index = k % 4 === 1 ? { dates: s.index.dates.filter((_, i) => i % 41 !== 7), close: s.index.close.filter((_, i) => i % 41 !== 7) } : s.index;
    // Article dates on weekends move to Monday.
    const date = k % 5 === 0 ? new Date(Date.parse(event + 'T00:00:00Z') - 86_400_000 * ((new Date(event).getUTCDay() + 6) % 7 === 0 ? 2 : 0)).toISOString().slice(0, 10) : event;
    out.push({ id: `synthetic-${k}`, stock, index, date, model: models[k % 3], estimation: [-250, -30], minEstimation: 100, windows: [[0, 0], [-1, 1], [-5, 5]] });
  }
  // Too short a history, and an event before the first price: both must say no.
  const s = synthetic({ dates, seed: 77, alpha: 0, beta: 1, sigma: 0.01 });
  out.push({ id: 'short-history', stock: s.stock, index: s.index, date: dates[90], model: 'market', estimation: [-250, -30], minEstimation: 100, windows: [[-1, 1]] });
  out.push({ id: 'before-first-price', stock: s.stock, index: s.index, date: '2015-06-01', model: 'market', estimation: [-250, -30], minEstimation: 100, windows: [[-1, 1]] });
  return out;
}

/** Real closes (Ford, IBM, Apple) around real dates, when the corpora are present. */
function realCases(): Case[] {
  if (!corporaPresent()) return [];
  const read = (f: string, index = false) => parsePrices(readFileSync(corpusPath('prices', f), 'utf8'), { index }).rows;
  const idx = read('indexes.csv', true).filter((r) => r.symbol === 'SPX' && r.date >= '1985-01-01' && r.date <= '2020-01-01');
  const series = (rows: { date: string; close: number }[]): Series => ({ dates: rows.map((r) => r.date), close: Float64Array.from(rows.map((r) => r.close)) });
  const spx = series(idx);
  const old = read('us-stocks-1985-1988.csv'), recent = read('us-stocks-2014-2019.csv');
  const picks: [string, { symbol: string }[], string, Model][] = [
    ['F', old, '1987-03-02', 'market'], ['IBM', old, '1987-10-19', 'market'], ['GE', old, '1987-04-11', 'mean-adjusted'],
    ['AAPL', recent, '2016-04-27', 'market'], ['AAPL', recent, '2018-11-03', 'market-adjusted'],
  ];
  return picks.map(([symbol, rows, date, model]) => ({
    id: `${symbol}-${date}`, stock: series((rows as { symbol: string; date: string; close: number }[]).filter((r) => r.symbol === symbol)), index: spx, date, model,
    estimation: [-250, -30], minEstimation: 100, windows: [[0, 0], [-1, 1], [-5, 5]],
  }));
}

test('event studies agree with pandas + statsmodels + scipy (test/market/check_study.py)', { skip: PYTHON ? false : 'skipped: the independent check needs python3 with statsmodels, scipy and pandas (apt-get install -y python3-statsmodels python3-scipy)' }, (t) => {
  const cases = [...syntheticCases(), ...realCases()];
  const results = cases.map((c) => studyEvent(align(c.stock, c.index), c.date, { estimation: c.estimation, minEstimation: c.minEstimation, windows: c.windows, model: c.model } as StudyOptions));
  assert.ok(results.filter((r) => r.ok).length >= cases.length - 2, 'most fixture studies succeed');
  // Groups: the market-model synthetic events, and all successful ones, for each window.
  const ok = cases.map((c, i) => ({ c, r: results[i] })).filter((x) => x.r.ok);
  const groups = [
    { name: 'market-model group', members: ok.filter((x) => x.c.model === 'market' && x.c.id.startsWith('synthetic')) },
    { name: 'all-models group', members: ok.filter((x) => x.c.windows.length === 3) },
  ].flatMap((g) => [0, 1, 2].map((w) => ({ name: `${g.name} window ${w}`, window: w, cases: g.members.map((x) => x.c.id), ours: groupTest(g.members.map((x) => x.r as EventStudy), w) })));
  const dists = [
    ...[[0.5, 3], [-2.1, 10], [2.0, 219], [4.7, 26], [-12, 219], [30, 5], [1e-3, 1], [8.5, 100]].map(([x, df]) => ({ kind: 't', x, df, ours: studentP2(x, df) })),
    ...[0, 0.3, -1.96, 2.5758, 5, -8.2, 12, 37].map((x) => ({ kind: 'normal', x, ours: normalP2(x) })),
  ];
  const dir = mkdtempSync(join(tmpdir(), 'dealgraph-study-'));
  try {
    const file = join(dir, 'fixture.json');
    writeFileSync(file, JSON.stringify({ cases: cases.map((c, i) => ({ ...c, stock: plain(c.stock), index: plain(c.index), ours: results[i] })), groups, dists }));
    const run = spawnSync(PYTHON!, [SCRIPT, file], { encoding: 'utf8' });
    assert.equal(run.status, 0, run.stdout + run.stderr);
    assert.match(run.stdout, /; 0 disagree/);
    t.diagnostic(run.stdout.trim());
    assert.match(run.stdout, new RegExp(`^check_study: ${cases.length} studies, ${groups.length} groups`, 'm'));
  } finally { rmSync(dir, { recursive: true, force: true }); }
});
