/**
 * Graph-level identity rules, as pure functions: how an article's entity is
 * matched to a canonical entity across articles (by type and normalized
 * names), how facts about the same parties become one deal, and a SimHash of
 * an article's text for near-duplicate detection.
 */
import { nameWords } from '../extract/entities.js';
import type { Extraction, Fact } from '../extract/schema.js';

/** The normalized name used to match entities across articles ("General Motors Corp." → "general motors"). */
export function normName(name: string): string {
  return nameWords(name).join(' ');
}

/** Normalized text for idempotency: case, whitespace and punctuation differences do not make a new article. */
export function normalizeText(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

/** 64-bit SimHash (as two unsigned 32-bit halves) over word 3-shingles. */
export function simhash(text: string): [number, number] {
  const words = normalizeText(text).split(' ').filter(Boolean);
  const acc = new Int32Array(64);
  const n = Math.max(1, words.length - 2);
  for (let i = 0; i < n; i++) {
    const sh = words.slice(i, i + 3).join(' ');
    let h1 = 0x811c9dc5, h2 = 0x01000193 ^ 0x5bd1e995;
    for (let k = 0; k < sh.length; k++) {
      const c = sh.charCodeAt(k);
      h1 = Math.imul(h1 ^ c, 0x01000193);
      h2 = Math.imul(h2 ^ c, 0x5bd1e995) ^ (h2 >>> 15);
    }
    for (let b = 0; b < 32; b++) { acc[b] += (h1 >>> b) & 1 ? 1 : -1; acc[32 + b] += (h2 >>> b) & 1 ? 1 : -1; }
  }
  let hi = 0, lo = 0;
  for (let b = 0; b < 32; b++) { if (acc[b] > 0) lo |= 1 << b; if (acc[32 + b] > 0) hi |= 1 << b; }
  return [hi >>> 0, lo >>> 0];
}

export function hamming(a: [number, number], b: [number, number]): number {
  const pop = (x: number) => { x -= (x >>> 1) & 0x55555555; x = (x & 0x33333333) + ((x >>> 2) & 0x33333333); return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24; };
  return pop((a[0] ^ b[0]) >>> 0) + pop((a[1] ^ b[1]) >>> 0);
}

/** Two texts are near-duplicates when their SimHashes differ in at most this many bits. */
export const NEAR_DUP_BITS = 3;

/** The four 16-bit bands of a SimHash: two hashes within 3 bits share at least one band. */
export function bands(h: [number, number]): number[] {
  return [h[0] >>> 16, h[0] & 0xffff, h[1] >>> 16, h[1] & 0xffff].map((v, i) => i * 65536 + v);
}

/** Deal types: facts that become deals with a status timeline. */
export const DEAL_TYPES = new Set(['partnership', 'merger', 'acquisition', 'asset_sale']);

/**
 * The key of the deal a fact belongs to, from canonical entity ids: the same
 * type and parties make the same deal across articles (partnership and merger
 * parties unordered; acquisition by acquirer and target, an unnamed acquirer
 * matching any).
 */
export function dealKey(f: Fact, global: (localId: string) => number | null): { key: string; parties: { entity: number; role: string }[] } | null {
  if (!DEAL_TYPES.has(f.type)) return null;
  const g = (id: string | null | undefined) => (id ? global(id) : null);
  if (f.type === 'partnership' || f.type === 'merger') {
    const ps = [...new Set(f.args.parties.map(g).filter((x): x is number => x !== null))].sort((a, b) => a - b);
    if (ps.length < 2) return null;
    return { key: `${f.type}:${ps.join('+')}`, parties: ps.map((e) => ({ entity: e, role: 'party' })) };
  }
  if (f.type === 'acquisition') {
    const t = g(f.args.target);
    if (t === null) return null;
    const a = g(f.args.acquirer), s = g(f.args.seller);
    const parties = [{ entity: t, role: 'target' }];
    if (a !== null) parties.push({ entity: a, role: 'acquirer' });
    if (s !== null) parties.push({ entity: s, role: 'seller' });
    return { key: `acquisition:${t}`, parties };
  }
  if (f.type === 'asset_sale') {
    const s = g(f.args.seller);
    if (s === null) return null;
    const b = g(f.args.buyer);
    const parties = [{ entity: s, role: 'seller' }];
    if (b !== null) parties.push({ entity: b, role: 'buyer' });
    return { key: `asset_sale:${s}:${normalizeText(f.args.asset)}`, parties };
  }
  return null;
}

/** The date a fact speaks for: its own time if it has one, else the article's publication date. */
export function factDate(f: Fact, x: Extraction): string | null {
  return f.time?.value ?? x.article.published ?? null;
}
