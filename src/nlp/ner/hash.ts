/**
 * 32-bit hashing for feature indices. Features are never built as strings at
 * run time: each token's word, shape, affixes and so on are hashed once, and a
 * feature is the mix of a template id with one or two such hashes.
 */

/** FNV-1a over text[s..e), lowercased, digits folded to `0`. */
export function hashLowerNorm(text: string, s: number, e: number): number {
  let h = 0x811c9dc5;
  for (let i = s; i < e; i++) {
    let c = text.charCodeAt(i);
    if (c >= 65 && c <= 90) c |= 32;
    else if (c >= 48 && c <= 57) c = 48;
    else if (c > 127) { const l = String.fromCharCode(c).toLowerCase(); c = l.charCodeAt(0); }
    h = Math.imul(h ^ c, 0x01000193);
  }
  return h >>> 0;
}

/** FNV-1a over a whole string as is. */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** Mixes a template id and a value hash into a well-spread 32-bit feature id. */
export function mix(template: number, a: number): number {
  let h = Math.imul(a ^ Math.imul(template + 1, 0x9e3779b1), 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

export function mix2(template: number, a: number, b: number): number {
  return mix(template, Math.imul(a, 0x01000193) ^ Math.imul(b ^ 0x5bd1e995, 0x27d4eb2d));
}

export function mix3(template: number, a: number, b: number, c: number): number {
  return mix(template, Math.imul(Math.imul(a, 0x01000193) ^ b, 0x01000193) ^ Math.imul(c ^ 0x5bd1e995, 0x27d4eb2d));
}
