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

/**
 * MinHash signature (16 values) over word 3-shingles of the normalized text.
 * The fraction of equal values estimates the Jaccard similarity of the two
 * texts' shingle sets. (A 64-bit SimHash was tried first: on 300-character
 * wire stories a one-number correction moved it 6 to 10 bits, too far for its
 * banding to find.)
 */
export const MINHASH_SIZE = 16;
const SEEDS = Array.from({ length: MINHASH_SIZE }, (_, i) => [Math.imul(0x9e3779b1, i + 1) | 1, Math.imul(0x85ebca6b, i + 7)]);

export function minhash(text: string): number[] {
  const words = normalizeText(text).split(' ').filter(Boolean);
  const sig = new Array<number>(MINHASH_SIZE).fill(0xffffffff);
  const n = Math.max(1, words.length - 2);
  for (let i = 0; i < n; i++) {
    let h = 0x811c9dc5;
    const end = Math.min(words.length, i + 3);
    for (let w = i; w < end; w++) { const word = words[w]; for (let k = 0; k < word.length; k++) h = Math.imul(h ^ word.charCodeAt(k), 0x01000193); h = Math.imul(h ^ 32, 0x01000193); }
    for (let j = 0; j < MINHASH_SIZE; j++) {
      let x = Math.imul(h ^ SEEDS[j][1], SEEDS[j][0]);
      x ^= x >>> 15; x = Math.imul(x, 0x2c1b3c6d); x ^= x >>> 12;
      const u = x >>> 0;
      if (u < sig[j]) sig[j] = u;
    }
  }
  return sig;
}

/** Estimated Jaccard similarity of two signatures. */
export function similarity(a: readonly number[], b: readonly number[]): number {
  let eq = 0;
  for (let i = 0; i < MINHASH_SIZE; i++) if (a[i] === b[i]) eq++;
  return eq / MINHASH_SIZE;
}

/**
 * Two texts are near-duplicates at this estimated Jaccard similarity or more.
 * Measured on Reuters-21578: pairs at 0.75 and above were corrections, repeats
 * ("RPT-") and the same story re-sent; between 0.5 and 0.7 were different
 * stories from one template ("jobless claims rose" / "fall", two companies'
 * contract awards), which must not be merged.
 */
export const NEAR_DUP_SIMILARITY = 0.75;

/** LSH bands (8 bands of 2 values): texts with similarity ≥ 0.75 share a band with probability > 0.99. */
export function bands(sig: readonly number[]): number[] {
  const out: number[] = [];
  for (let b = 0; b < MINHASH_SIZE / 2; b++) {
    let h = Math.imul(sig[2 * b] ^ 0x5bd1e995, 0x01000193) ^ sig[2 * b + 1];
    h = Math.imul(h ^ (h >>> 16), 0x45d9f3b) ^ b;
    out.push(h | 0);
  }
  return out;
}

/** Deal types: facts that become deals with a status timeline. */
export const DEAL_TYPES = new Set(['partnership', 'merger', 'acquisition', 'asset_sale', 'asset_purchase']);

/** A deal's key, its parties with their roles, and the group of competing bids it belongs to (acquisitions of one target). */
export interface DealKey { key: string; parties: { entity: number; role: string }[]; group: string | null }

/**
 * The key of the deal a fact belongs to, from canonical entity ids: a deal is
 * its type, its parties and their roles. Partnership and merger parties are a
 * set; an acquisition is its target and its buyer, so competing bids for one
 * target are separate deals in one rival group (`acquisition:<target>`), and a
 * fact that does not name the buyer ("Piedmont received an offer") is keyed
 * `acquisition:<target>:?` (the store lets it join the only named bid, if
 * there is exactly one). A target that is only a description ("a U.S.
 * company": no canonical entity) makes a deal of its article alone (`scope`).
 * The seller is a party with its role, not part of the key ("X buys T" and
 * "X buys T from S" are one deal).
 */
export function dealKey(f: Fact, global: (localId: string) => number | null, scope = ''): DealKey | null {
  if (!DEAL_TYPES.has(f.type)) return null;
  const g = (id: string | null | undefined) => (id ? global(id) : null);
  if (f.type === 'partnership' || f.type === 'merger') {
    const ps = [...new Set(f.args.parties.map(g).filter((x): x is number => x !== null))].sort((a, b) => a - b);
    if (ps.length < 2) return null;
    return { key: `${f.type}:${ps.join('+')}`, parties: ps.map((e) => ({ entity: e, role: 'party' })), group: null };
  }
  if (f.type === 'acquisition') {
    const t = g(f.args.target), a = g(f.args.acquirer), s = g(f.args.seller);
    const parties: { entity: number; role: string }[] = [];
    if (t !== null) parties.push({ entity: t, role: 'target' });
    if (a !== null) parties.push({ entity: a, role: 'acquirer' });
    if (s !== null) parties.push({ entity: s, role: 'seller' });
    if (t === null) return a === null ? null : { key: `acquisition:${scope}:${f.args.target}:${a}`, parties, group: null };
    return { key: `acquisition:${t}:${a ?? '?'}`, parties, group: `acquisition:${t}` };
  }
  if (f.type === 'asset_sale' || f.type === 'asset_purchase') {
    // A thing sold or bought: keyed by the side that always stands in the fact (the seller of a sale, the buyer of a purchase).
    const [lead, other] = f.type === 'asset_sale' ? [{ id: f.args.seller, role: 'seller' }, { id: f.args.buyer, role: 'buyer' }] : [{ id: f.args.buyer, role: 'buyer' }, { id: f.args.seller, role: 'seller' }];
    const l = g(lead.id), o = g(other.id);
    if (l === null) return null;
    const parties = [{ entity: l, role: lead.role }];
    if (o !== null) parties.push({ entity: o, role: other.role });
    return { key: `${f.type}:${l}:${normalizeText(f.args.asset)}`, parties, group: null };
  }
  return null;
}

/** Where a step's date came from: a date the sentence states, or the article's publication date. */
export type DateSource = 'text' | 'article';

/**
 * The date a fact speaks for: the date its own clause states, else the
 * article's publication date. A stated date after the article's (a planned
 * closing, a maturity that slipped past the money-phrase filter) is not when
 * the step happened: the step is dated by its article.
 */
export function factDate(f: Fact, x: Extraction): { date: string | null; source: DateSource | null } {
  const pub = x.article.published ?? null;
  const t = f.time?.value ?? null;
  if (t && (!pub || t <= pub)) return { date: t, source: 'text' };
  return { date: pub, source: pub ? 'article' : null };
}
