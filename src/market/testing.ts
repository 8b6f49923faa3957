/**
 * Synthetic price series for tests and the bench: weekday calendars (with
 * holidays left out), an index of seeded random returns, and stocks with a
 * known alpha, beta, noise and abnormal returns injected on chosen days.
 */
import type { Series } from './study.js';

/** A seeded generator of standard normal draws (mulberry32 + Box–Muller). */
export function normals(seed: number): () => number {
  let s = seed >>> 0;
  const u = () => { s = (s + 0x6d2b79f5) >>> 0; let t = s; t = Math.imul(t ^ (t >>> 15), t | 1); t ^= t + Math.imul(t ^ (t >>> 7), t | 61); return ((t ^ (t >>> 14)) >>> 0) / 4294967296; };
  return () => Math.sqrt(-2 * Math.log(u() + 1e-12)) * Math.cos(2 * Math.PI * u());
}

/** Weekdays from `start`, `n` of them, skipping the given holidays. */
export function weekdays(start: string, n: number, holidays: ReadonlySet<string> = new Set()): string[] {
  const out: string[] = [];
  for (let t = Date.parse(start + 'T00:00:00Z'); out.length < n; t += 86_400_000) {
    const d = new Date(t), day = d.getUTCDay(), iso = d.toISOString().slice(0, 10);
    if (day !== 0 && day !== 6 && !holidays.has(iso)) out.push(iso);
  }
  return out;
}

/** Closes from returns, starting at `p0` (returns[i] ends on dates[i + 1]). */
export function closesOf(dates: string[], returns: ArrayLike<number>, p0 = 100): Series {
  const close = new Float64Array(dates.length);
  close[0] = p0;
  for (let i = 1; i < dates.length; i++) close[i] = close[i - 1] * (1 + returns[i - 1]);
  return { dates, close };
}

export interface Synthetic { index: Series; stock: Series; m: Float64Array; eps: Float64Array }

/** An index and one stock: r = alpha + beta·m + sigma·ε, plus `inject` (date → abnormal return). */
export function synthetic(o: { dates: string[]; seed: number; alpha: number; beta: number; sigma: number; indexSigma?: number; inject?: Record<string, number> }): Synthetic {
  const z = normals(o.seed), n = o.dates.length - 1;
  const m = new Float64Array(n), eps = new Float64Array(n), r = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    m[i] = 0.0003 + (o.indexSigma ?? 0.01) * z();
    eps[i] = o.sigma * z();
    r[i] = o.alpha + o.beta * m[i] + eps[i] + (o.inject?.[o.dates[i + 1]] ?? 0);
  }
  return { index: closesOf(o.dates, m, 1000), stock: closesOf(o.dates, r, 50), m, eps };
}
