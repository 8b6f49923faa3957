/**
 * Event-study arithmetic, as pure functions over typed arrays (MacKinlay 1997,
 * "Event studies in economics and finance"; Campbell, Lo & MacKinlay ch. 4).
 *
 * - Returns are simple daily returns between consecutive days on which both
 *   the stock and the index have a close (a day missing in one series is
 *   dropped from both, so the next return spans it in both).
 * - The event day (0) is the first such day on or after the article's date.
 * - Estimation window: trading days −250..−30 by default; at least 100 returns.
 * - Models: the market model (OLS alpha, beta against the index), market-
 *   adjusted (AR = R − Rm) and mean-adjusted (AR = R − mean R).
 * - CAR over a window, its standard error with the estimation error of the
 *   parameters included (var = σ²·ι'(I + X*(X'X)⁻¹X*')ι for the market model),
 *   and t with the estimation window's degrees of freedom.
 * - Group tests: cross-sectional t, Patell Z, BMP, generalized sign (Cowan 1992).
 */
import { normalP2, studentP2 } from './stats.js';

export interface Series { dates: string[]; close: Float64Array }
/** Returns on the days both series have a close: `dates[i]` is the day return `i` ends. */
export interface Returns { dates: string[]; r: Float64Array; m: Float64Array; first: string | null }
export type Model = 'market' | 'market-adjusted' | 'mean-adjusted';
export const MODELS: readonly Model[] = ['market', 'market-adjusted', 'mean-adjusted'];
export type Window = [number, number];

export interface StudyOptions {
  /** trading days relative to the event day, inclusive */
  estimation: Window;
  minEstimation: number;
  windows: Window[];
  model: Model;
  /** the event day may be at most this many calendar days after the article's date */
  maxGapDays: number;
}
export const DEFAULT_WINDOWS: Window[] = [[0, 0], [-1, 1], [-5, 5]];
export const DEFAULTS: StudyOptions = { estimation: [-250, -30], minEstimation: 100, windows: DEFAULT_WINDOWS, model: 'market', maxGapDays: 7 };

export interface WindowResult { window: Window; from: string; to: string; days: number; car: number; se: number; t: number; p: number }
export interface DayResult { day: number; date: string; r: number; m: number; ar: number; se: number; t: number }
export interface EventStudy {
  ok: true; date: string; eventDate: string; model: Model;
  alpha: number; beta: number; sigma: number;
  estimation: { from: string; to: string; n: number; df: number; positive: number };
  days: DayResult[]; windows: WindowResult[];
}
export interface NoStudy { ok: false; date: string; reason: string }
export type StudyResult = EventStudy | NoStudy;

/** Both series on their common days, as returns. Dates must be ascending (as the store gives them). */
export function align(stock: Series, index: Series): Returns {
  const dates: string[] = [];
  const ps: number[] = [], pm: number[] = [];
  let j = 0;
  for (let i = 0; i < stock.dates.length; i++) {
    const d = stock.dates[i];
    while (j < index.dates.length && index.dates[j] < d) j++;
    if (j < index.dates.length && index.dates[j] === d) { dates.push(d); ps.push(stock.close[i]); pm.push(index.close[j]); }
  }
  const n = Math.max(0, dates.length - 1);
  const r = new Float64Array(n), m = new Float64Array(n);
  for (let i = 0; i < n; i++) { r[i] = ps[i + 1] / ps[i] - 1; m[i] = pm[i + 1] / pm[i] - 1; }
  return { dates: dates.slice(1), r, m, first: dates[0] ?? null };
}

/** Index of the first date on or after `date` (dates.length when none). */
export function lowerBound(dates: readonly string[], date: string): number {
  let lo = 0, hi = dates.length;
  while (lo < hi) { const mid = (lo + hi) >> 1; if (dates[mid] < date) lo = mid + 1; else hi = mid; }
  return lo;
}

const dayNumber = (d: string) => Date.parse(d + 'T00:00:00Z') / 86_400_000;

/** The event day's index in `ret`, or why there is none. */
export function eventDay(ret: Returns, date: string, maxGapDays = DEFAULTS.maxGapDays): number | string {
  if (ret.first === null || ret.dates.length === 0) return 'no day on which both the stock and the index have a close';
  if (date <= ret.first) return `the event (${date}) is not after the first common close (${ret.first}): no return on the event day`;
  const e = lowerBound(ret.dates, date);
  if (e >= ret.dates.length) return `no trading day on or after ${date} (prices end ${ret.dates[ret.dates.length - 1]})`;
  const gap = dayNumber(ret.dates[e]) - dayNumber(date);
  if (gap > maxGapDays) return `the first trading day on or after ${date} is ${ret.dates[e]}, ${gap} days later (a gap in the prices)`;
  return e;
}

interface Fit { alpha: number; beta: number; s2: number; df: number; n: number; mx: number; sxx: number; positive: number }

/** The model's parameters over returns [a, b] (inclusive), with the estimation-window residual variance. */
function fit(ret: Returns, a: number, b: number, model: Model): Fit | string {
  const n = b - a + 1;
  let sx = 0, sy = 0;
  for (let i = a; i <= b; i++) { sx += ret.m[i]; sy += ret.r[i]; }
  const mx = sx / n, my = sy / n;
  let sxx = 0, sxy = 0;
  for (let i = a; i <= b; i++) { const dx = ret.m[i] - mx; sxx += dx * dx; sxy += dx * (ret.r[i] - my); }
  let alpha: number, beta: number, df: number;
  if (model === 'market') {
    if (!(sxx > 0)) return 'the index did not move in the estimation window';
    beta = sxy / sxx; alpha = my - beta * mx; df = n - 2;
  } else if (model === 'market-adjusted') { alpha = 0; beta = 1; df = n - 1; }
  else { alpha = my; beta = 0; df = n - 1; }
  let ssr = 0, positive = 0, meanAr = 0;
  if (model === 'market-adjusted') { for (let i = a; i <= b; i++) meanAr += ret.r[i] - ret.m[i]; meanAr /= n; }
  for (let i = a; i <= b; i++) {
    const ar = ret.r[i] - alpha - beta * ret.m[i];
    if (ar > 0) positive++;
    ssr += (ar - meanAr) * (ar - meanAr);
  }
  return { alpha, beta, s2: ssr / df, df, n, mx, sxx, positive };
}

/** Variance of the sum of abnormal returns over days [a, b], parameter estimation error included. */
function carVariance(f: Fit, ret: Returns, a: number, b: number, model: Model): number {
  const L = b - a + 1;
  if (model === 'market-adjusted') return f.s2 * L;
  if (model === 'mean-adjusted') return f.s2 * (L + (L * L) / f.n);
  let dm = 0;
  for (let i = a; i <= b; i++) dm += ret.m[i] - f.mx;
  return f.s2 * (L + (L * L) / f.n + (dm * dm) / f.sxx);
}

/** One event study: the event day for `date`, the model fitted before it, ARs and CARs over the windows. */
export function studyEvent(ret: Returns, date: string, opts: Partial<StudyOptions> = {}): StudyResult {
  const o = { ...DEFAULTS, ...opts };
  const e = eventDay(ret, date, o.maxGapDays);
  if (typeof e === 'string') return { ok: false, date, reason: e };
  const lo = Math.min(...o.windows.map((w) => w[0])), hi = Math.max(...o.windows.map((w) => w[1]));
  if (e + hi >= ret.dates.length) return { ok: false, date, reason: `the window needs ${hi} trading days after ${ret.dates[e]}, the prices have ${ret.dates.length - 1 - e}` };
  if (e + lo < 0) return { ok: false, date, reason: `the window needs ${-lo} trading days before ${ret.dates[e]}, the prices have ${e}` };
  const a = Math.max(0, e + o.estimation[0]), b = e + o.estimation[1];
  const n = b - a + 1;
  if (n < o.minEstimation) {
    return { ok: false, date, reason: `the estimation window (trading days ${o.estimation[0]}..${o.estimation[1]} relative to ${ret.dates[e]}) has ${Math.max(0, n)} returns, fewer than ${o.minEstimation}: prices start ${ret.first}` };
  }
  const f = fit(ret, a, b, o.model);
  if (typeof f === 'string') return { ok: false, date, reason: f };
  const days: DayResult[] = [];
  for (let k = lo; k <= hi; k++) {
    const i = e + k;
    const ar = ret.r[i] - f.alpha - f.beta * ret.m[i];
    const se = Math.sqrt(carVariance(f, ret, i, i, o.model));
    days.push({ day: k, date: ret.dates[i], r: ret.r[i], m: ret.m[i], ar, se, t: ar / se });
  }
  const windows = o.windows.map((w): WindowResult => {
    let car = 0;
    for (let k = w[0]; k <= w[1]; k++) car += days[k - lo].ar;
    const se = Math.sqrt(carVariance(f, ret, e + w[0], e + w[1], o.model));
    const t = car / se;
    return { window: w, from: ret.dates[e + w[0]], to: ret.dates[e + w[1]], days: w[1] - w[0] + 1, car, se, t, p: studentP2(t, f.df) };
  });
  return {
    ok: true, date, eventDate: ret.dates[e], model: o.model, alpha: f.alpha, beta: f.beta, sigma: Math.sqrt(f.s2),
    estimation: { from: ret.dates[a], to: ret.dates[b], n: f.n, df: f.df, positive: f.positive }, days, windows,
  };
}

export interface GroupTest {
  n: number; meanCar: number; medianCar: number; sdCar: number; positive: number;
  /** cross-sectional t of the mean CAR (df n−1) */
  csT: number; csP: number;
  /** Patell (1976): sum of standardized CARs over the root of the sum of their variances df/(df−2) */
  patellZ: number; patellP: number;
  /** Boehmer, Musumeci & Poulsen (1991): cross-sectional t of the standardized CARs (df n−1) */
  bmpT: number; bmpP: number;
  /** Cowan (1992) generalized sign: positive CARs against the estimation windows' share of positive ARs */
  pHat: number; signZ: number; signP: number;
}

/** The tests an event-study paper reports, for one window over events (one per company and day). */
export function groupTest(events: readonly EventStudy[], windowIndex = 0): GroupTest {
  const n = events.length;
  const cars = new Float64Array(n), scars = new Float64Array(n);
  let patellVar = 0, posEst = 0, nEst = 0, positive = 0;
  events.forEach((ev, i) => {
    const w = ev.windows[windowIndex];
    cars[i] = w.car; scars[i] = w.car / w.se;
    const df = ev.estimation.df;
    patellVar += df / (df - 2);
    posEst += ev.estimation.positive; nEst += ev.estimation.n;
    if (w.car > 0) positive++;
  });
  const meanCar = mean(cars), sdCar = sd(cars);
  const csT = meanCar / (sdCar / Math.sqrt(n));
  const patellZ = sum(scars) / Math.sqrt(patellVar);
  const bmpT = mean(scars) / (sd(scars) / Math.sqrt(n));
  const pHat = nEst ? posEst / nEst : NaN;
  const signZ = (positive - n * pHat) / Math.sqrt(n * pHat * (1 - pHat));
  return {
    n, meanCar, medianCar: median(cars), sdCar, positive,
    csT, csP: studentP2(csT, n - 1), patellZ, patellP: normalP2(patellZ), bmpT, bmpP: studentP2(bmpT, n - 1),
    pHat, signZ, signP: normalP2(signZ),
  };
}

function sum(x: Float64Array): number { let s = 0; for (const v of x) s += v; return s; }
function mean(x: Float64Array): number { return x.length ? sum(x) / x.length : NaN; }
function sd(x: Float64Array): number {
  if (x.length < 2) return NaN;
  const m = mean(x);
  let s = 0;
  for (const v of x) s += (v - m) * (v - m);
  return Math.sqrt(s / (x.length - 1));
}
function median(x: Float64Array): number {
  if (x.length === 0) return NaN;
  const s = Float64Array.from(x).sort();
  const h = s.length >> 1;
  return s.length % 2 ? s[h] : (s[h - 1] + s[h]) / 2;
}
