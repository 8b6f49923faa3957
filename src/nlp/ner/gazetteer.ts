/**
 * Gazetteers as features: phrase lists (countries, cities, demonyms, first
 * names, listed companies, company suffixes…) matched over lowercased tokens.
 * A match only adds a feature (`this token starts/continues a CITY phrase`);
 * the model learns how much to trust each list, so a list never decides alone.
 * The lists are built at training time from npm packages and stored inside the
 * model file, so the runtime needs none of those packages.
 */
import { tokenize } from '../tokenize.js';

export const GAZ_CATEGORIES = [
  'COUNTRY', 'CITY', 'REGION', 'DEMONYM', 'FIRSTNAME', 'SURNAME', 'COMPANY', 'ORGSUFFIX', 'ORGWORD', 'ACRONYM_ORG',
  'EXCHANGE', 'LANGUAGE',
] as const;
export type GazCategory = (typeof GAZ_CATEGORIES)[number];
export const MAX_GAZ_TOKENS = 6;

/** Lowercased tokens of a phrase joined by single spaces (the matching key). */
export function gazKey(phrase: string): string {
  const t = tokenize(phrase);
  const parts: string[] = [];
  for (let i = 0; i < t.length; i++) parts.push(phrase.slice(t.start[i], t.end[i]).toLowerCase());
  return parts.join(' ');
}

export class Gazetteer {
  /** phrase key → bitmask of categories */
  readonly phrases = new Map<string, number>();
  /** proper prefixes of multi-token phrases, for early exit */
  private readonly prefixes = new Set<string>();

  constructor(lists?: Partial<Record<GazCategory, string[]>>) {
    if (lists) for (const [cat, keys] of Object.entries(lists)) for (const k of keys ?? []) this.addKey(cat as GazCategory, k);
  }

  add(cat: GazCategory, phrase: string): void {
    const key = gazKey(phrase);
    if (key) this.addKey(cat, key);
  }

  addKey(cat: GazCategory, key: string): void {
    const bit = 1 << GAZ_CATEGORIES.indexOf(cat);
    if (bit === 0 || !key) return;
    const parts = key.split(' ');
    if (parts.length > MAX_GAZ_TOKENS) return;
    this.phrases.set(key, (this.phrases.get(key) ?? 0) | bit);
    for (let i = 1; i < parts.length; i++) this.prefixes.add(parts.slice(0, i).join(' '));
  }

  /** Lists per category (keys), for storing in the model file. */
  toLists(): Record<string, string[]> {
    const out: Record<string, string[]> = {};
    for (const c of GAZ_CATEGORIES) out[c] = [];
    for (const [k, mask] of this.phrases) for (let b = 0; b < GAZ_CATEGORIES.length; b++) if (mask & (1 << b)) out[GAZ_CATEGORIES[b]].push(k);
    for (const c of GAZ_CATEGORIES) out[c].sort();
    return out;
  }

  /**
   * For lowercased tokens `lower[from..to)`, writes into `begin[i]`/`inside[i]`
   * the bitmask of categories whose longest phrase starting at some j ≤ i
   * begins at i / covers i after its start.
   */
  match(lower: readonly string[], from: number, to: number, begin: Uint32Array, inside: Uint32Array): void {
    for (let i = from; i < to; i++) {
      let key = lower[i];
      const m1 = this.phrases.get(key);
      if (m1 !== undefined) begin[i] |= m1;
      for (let len = 2; len <= MAX_GAZ_TOKENS && i + len <= to; len++) {
        if (!this.prefixes.has(key)) break;
        key += ' ' + lower[i + len - 1];
        const m = this.phrases.get(key);
        if (m !== undefined) {
          begin[i] |= m;
          for (let k = i + 1; k < i + len; k++) inside[k] |= m;
        }
      }
    }
  }
}
