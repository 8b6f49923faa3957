/**
 * Entity resolution within one article: every mention of one company or
 * person becomes one entity. Rules (each merge records why):
 * - same key: lowercase, punctuation and company suffixes (Inc, Corp, Ltd…) removed;
 * - acronym: `GM` = initials of `General Motors`;
 * - short form: `PSA` / `Meridian` = the first word(s) of `PSA Peugeot Citroen` / `Meridian Energy Inc`;
 * - surname: `Varin` = the last word of the person `Philippe Varin`.
 * Reuters marks some company names in angle brackets (`<Castone Development
 * Corp>`): those are taken as ORG mentions over the recognizer's spans.
 * No library does this for news (wink-nlp and compromise have no coreference
 * for company aliases), so it is written here.
 */
import { headlineEnd, titleCaseHeadlineEnd, type Span } from '../nlp/index.js';
import type { EntityType } from './schema.js';

export interface Mention {
  start: number;
  end: number;
  type: EntityType;
  /** index into ResolvedEntities.entities */
  entity: number;
  text: string;
}

export interface EntityRec {
  index: number;
  type: EntityType;
  /** fullest surface form */
  name: string;
  aliases: Set<string>;
  mentions: Mention[];
  /** normalized key of the name, and its words */
  key: string;
  words: string[];
  /** why other mentions were merged into it */
  reasons: string[];
  /** a deal made it an ORG (a reason says so; the flag saves searching thousands of reasons) */
  retyped?: boolean;
  /** why its type is what it is, when the article's mentions disagreed (one name as ORG and LOC, a company's word as a person) */
  typeReason?: string;
}

export interface ResolvedEntities {
  entities: EntityRec[];
  /** every mention, sorted by start */
  mentions: Mention[];
}

const SUFFIXES = new Set(
  ('inc incorporated corp corporation co cos company companies ltd limited plc llc lp ag sa nv spa gmbh kgaa bv ab as asa oy oyj ' +
    'bhd pty plc. pte sarl srl kk holdings holding group').split(' '),
);
const RE_NONWORD = /[^\p{L}\p{N}&]+/gu;
const RE_WS = /\s+/g;

export function collapse(s: string): string {
  return s.replace(RE_WS, ' ').trim();
}

/** Lowercased words without punctuation, `'s`, a leading "the" and company suffixes. */
export function nameWords(name: string): string[] {
  let w = name.toLowerCase().replace(/['’]s\b/g, '').replace(RE_NONWORD, ' ').trim().split(' ').filter(Boolean);
  if (w[0] === 'the' && w.length > 1) w = w.slice(1);
  while (w.length > 1 && SUFFIXES.has(w[w.length - 1])) w = w.slice(0, -1);
  return w;
}

/**
 * `f` remembered per argument: a long article names the same company
 * thousands of times. Only names of ordinary length are kept, at most `limit`
 * of them, so the memory stays small. Callers must not modify the results.
 */
function memo<T>(f: (s: string) => T, limit = 50_000): (s: string) => T {
  const m = new Map<string, T>();
  return (s) => {
    if (s.length > 200) return f(s);
    let v = m.get(s);
    if (v === undefined) { v = f(s); if (m.size >= limit) m.clear(); m.set(s, v); }
    return v;
  };
}
const wordsOf = memo(nameWords);

/** The trailing legal-suffix words of a name, lowercased ("Norton co Pty Ltd" → co pty ltd). */
const suffixWords = memo(suffixWordsOf);
function suffixWordsOf(name: string): string[] {
  const w = nameWordsWithSuffix(name);
  let k = w.length;
  while (k > 1 && SUFFIXES.has(w[k - 1])) k--;
  return w.slice(k);
}
function suffixesDiffer(a: string, b: string): boolean {
  const x = suffixWords(a), y = suffixWords(b);
  return x.length > 0 && y.length > 0 && x.length !== y.length;
}

/** Lowercased words with the company suffix kept ("Equiticorp Tasman Ltd" → ETL). */
function nameWordsWithSuffix(name: string): string[] {
  return name.toLowerCase().replace(/['’]s\b/g, '').replace(RE_NONWORD, ' ').trim().split(' ').filter(Boolean);
}

const RE_OF_TOWN = /^ of (?:North |South |East |West )?[A-Z][a-z]+(?: [A-Z][a-z]+)?(?![\p{L}-])/u;

function initials(words: string[]): string {
  return words.filter((w) => w !== 'and' && w !== 'of' && w !== '&' && w !== 'the' && w !== 'de').map((w) => w[0]).join('');
}

const RE_DIVISION_OF = /^((?:[A-Z][\w&'-]*\s+){1,5}(?:Division|Divison))\s+of\s+(?:the\s+)?[A-Z][\w&.'-]*(?:\s+[A-Z][\w&.'-]*){0,5}\s+(?:Inc|Corp|Co|Ltd|Plc|PLC|AG|Corporation|Company|Group)\.?$/;
const RE_CALL_LETTERS = /(?<![\p{L}\p{N}-])[KW][A-Z]{2,3}-(?:TV|FM|AM)(?![\p{L}\p{N}-])/gu;
const RE_ANGLE = /<([A-Z0-9][^<>\n]{1,80}?)>/g;
/**
 * A company name ending in a legal suffix: capitalized words (with `'s`, `&`,
 * `-`, `.` inside, and `of`/`and`/`de`/`the` between them) then Inc/Corp/Ltd…
 * Reuters names companies this way, and the recognizer sometimes splits them
 * (`Heinl` PER + `Nursery Inc` ORG); these spans win over its spans.
 */
const RE_COMPANY = new RegExp(
  String.raw`(?<![\p{L}\p{N}/])(?:(?:[A-Z][\p{L}\p{N}&.'’/-]*|[0-9]+[\p{L}&-]*|\([A-Z][\p{L}.]*(?:\s+[A-Z][\p{L}.]*){0,2}\))(?:\s+|-)(?:(?:of|and|&|de|du|der|des|und|the|y|e|for)\s+)?){0,7}(?:(?:[A-Z][\p{L}\p{N}&.'’-]*|\([A-Z][\p{L}.]*(?:\s+[A-Z][\p{L}.]*){0,2}\))\s+)` +
  String.raw`(?:(?:Inc|Incorporated|Corp|Corporation|Co|Cos|Company|Ltd|Limited|PLC|Plc|plc|LP|L\.P|AG|SA|S\.A|NV|N\.V|SpA|GmbH|KGaA|BV|B\.V|AB|A/S|ASA|Oy|Bhd|Pty|Pte|Sarl|SARL|Group|Holdings|Bancorp|Bancshares|Industries|Enterprises|Associates|Partners|Trust|Bank)\b|(?:inc|corp|ltd|co)(?![\w-]))\.?`,
  'gu',
);
/** A word that may stand in a company name: Titlecase, a short acronym, a number, or a connector. */
const NAME_WORD = /^(?:[A-Z]\p{Ll}[\p{L}'’.&/-]*|Mc[A-Z]\p{Ll}+|[A-Z]{2,4}\p{Ll}[\p{L}'’&-]*|[A-Z0-9&.'’-]{1,8}|[0-9][\p{L}0-9&-]*|of|and|&|de|du|der|des|und|the|y|e|for)$/u;
const RE_SUFFIX_WORD = /^(?:Inc|Incorporated|Corp|Corporation|Co|Cos|Company|Ltd|Limited|PLC|Plc|plc|LP|AG|SA|NV|SpA|GmbH|KGaA|BV|AB|ASA|Oy|Bhd|Pty|Pte|Group|Holdings|Holding|inc|corp|ltd|co)\.?$/;
const RE_HAS_SUFFIX = /\s(?:Inc|Incorporated|Corp|Corporation|Co|Cos|Company|Ltd|Limited|PLC|Plc|plc|LP|AG|SA|NV|SpA|GmbH|KGaA|BV|AB|ASA|Oy|Bhd|Pty|Pte|inc|corp|ltd|co)\.?$/;
const RE_MORE_SUFFIX = /^\s+(?:Inc|Corp|Co|Ltd|PLC|Plc|AG|SA|NV|LP|Pty|Bhd|Partnership|Limited|Corporation|Company|Incorporated|KG|and\s+Co(?:\.|\b)(?:\s+KG\b)?)\b\.?/;
const COMPANY_STOP = new Set(['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday', 'Separately', 'Meanwhile', 'Earlier', 'Later', 'Also', 'Today', 'Yesterday', 'The', 'A', 'An', 'It', 'Its', 'In', 'On', 'At', 'For', 'And', 'But', 'Shares', 'Under', 'With', 'By', 'From', 'To', 'Of', 'As', 'If', 'When', 'After', 'Both', 'Neither', 'Such', 'That', 'This', 'These', 'Those', 'Their', 'His', 'Her']);
const RE_TICKER = /^[A-Z0-9]{1,6}(?:\.[A-Z]{1,3})?$/;
const GENERIC_FIRST = new Set('first american national general united international new north south east west central great royal pacific atlantic'.split(' '));

/** Cleans a recognizer span: no surrounding brackets/quotes, no trailing possessive. */
function cleanSpan(text: string, start: number, end: number): [number, number] {
  let s = start, e = end;
  while (s < e && /[<("'\s]/.test(text[s])) s++;
  while (e > s && /[>)"'\s,]/.test(text[e - 1])) e--;
  while (e > s + 1 && text[e - 1] === '.' && text[e - 2] === '.') e--;
  if (e > s + 1 && text[e - 1] === '.' && text[e - 2] === '.') e--;
  if (text.slice(e - 2, e) === "'s") e -= 2;
  return [s, e];
}

/**
 * Builds the article's entities from recognizer spans. `spans` are the
 * output of analyze() (names and values); values are ignored here.
 */
/** An ORG entity that `e` (a short name, perhaps mistyped) abbreviates: same key, or the first word(s) of its name. */
export function orgForShortName(ents: ResolvedEntities, e: EntityRec): EntityRec | null {
  if (RE_HAS_SUFFIX.test(e.name)) return null; // "Texaco Inc" is a full name, not short for "Texaco Canada Inc"
  let best: EntityRec | null = null;
  for (const o of ents.entities) {
    if (o === e || o.type !== 'ORG') continue;
    const same = o.key === e.key;
    const prefix = e.words.length < o.words.length && o.words.slice(0, e.words.length).join(' ') === e.key && !(e.words.length === 1 && GENERIC_FIRST.has(e.key));
    if ((same || prefix) && (!best || o.mentions.length > best.mentions.length)) best = o;
  }
  if (best || e.words.length !== 1 || e.key.length < 4 || GENERIC_WORD.has(e.key)) return best;
  // "Becher" for "Kurt A. Becher GmbH and Co KG", "Myers" for "L.E. Myers Co Group": a distinctive inner word of exactly one company's name.
  const inner = ents.entities.filter((o) => o !== e && o.type === 'ORG' && o.words.length >= 2 && o.words.slice(1).includes(e.key));
  return inner.length === 1 ? inner[0] : null;
}
const GENERIC_WORD = new Set([...GENERIC_FIRST, ...'international industries group holdings holding financial systems resources communications energy petroleum oil gas bank banks savings trust capital products services technology technologies corp company partners associates investment investments insurance securities development properties electric power airlines enterprises manufacturing'.split(' ')]);

/**
 * Name spans already taken, pairwise disjoint, kept sorted by start in blocks
 * of at most 2·BLOCK: an overlap test is two binary searches and an insert
 * moves at most a block, so an article with many thousands of names costs
 * about n·log n (every span was once compared with every earlier one, and
 * names found by a rescan arrive out of text order).
 */
class DisjointSpans {
  private static readonly BLOCK = 256;
  private readonly blocks: { starts: number[]; ends: number[] }[] = [];

  /** The last span starting before `at`, as [block, index], or null. */
  private before(at: number): [number, number] | null {
    let lo = 0, hi = this.blocks.length;
    while (lo < hi) { const mid = (lo + hi) >> 1; if (this.blocks[mid].starts[0] < at) lo = mid + 1; else hi = mid; }
    if (lo === 0) return null;
    const { starts } = this.blocks[lo - 1];
    let i = 0, j = starts.length;
    while (i < j) { const mid = (i + j) >> 1; if (starts[mid] < at) i = mid + 1; else j = mid; }
    return [lo - 1, i - 1];
  }

  /** Disjoint and sorted, so only the last span starting before `e` can reach into [s, e). */
  overlaps(s: number, e: number): boolean {
    const at = this.before(e);
    return at !== null && this.blocks[at[0]].ends[at[1]] > s;
  }

  add(s: number, e: number): void {
    if (this.blocks.length === 0) { this.blocks.push({ starts: [s], ends: [e] }); return; }
    const at = this.before(s);
    const k = at ? at[0] : 0, i = at ? at[1] + 1 : 0;
    const b = this.blocks[k];
    b.starts.splice(i, 0, s);
    b.ends.splice(i, 0, e);
    if (b.starts.length < 2 * DisjointSpans.BLOCK) return;
    const half = DisjointSpans.BLOCK;
    this.blocks.splice(k + 1, 0, { starts: b.starts.splice(half), ends: b.ends.splice(half) });
  }
}

interface TrieNode { ids: number[]; next: Map<string, TrieNode> }
type Candidate = { type: EntityType; text: string; words: string[] };

/**
 * The entities found so far, indexed by every way a mention can join one: its
 * key, its initials, its leading words (a trie) and a person's surname. Each
 * list holds entity indices in creation order, so its first entry is the
 * entity the old scan over all earlier entities found first; a mention costs
 * its own length, not the number of entities (quadratic on long articles).
 */
class EntityIndex {
  private readonly byKey = new Map<string, number[]>();
  private readonly byInitials = new Map<string, number[]>();
  private readonly bySuffixedInitials = new Map<string, number[]>();
  private readonly bySurname = new Map<string, number[]>();
  /** ORG names by their leading words: a node at depth d lists the names of more than d words that start so. */
  private readonly prefixes: TrieNode = { ids: [], next: new Map() };

  constructor(private readonly entities: readonly EntityRec[]) {}

  add(e: EntityRec): void {
    const push = (m: Map<string, number[]>, k: string) => { const l = m.get(k); if (l) l.push(e.index); else m.set(k, [e.index]); };
    push(this.byKey, `${e.type} ${e.key}`);
    if (e.words.length >= 2) {
      push(this.byInitials, `${e.type} ${initials(e.words)}`);
      push(this.bySuffixedInitials, `${e.type} ${initials(nameWordsWithSuffix(e.name))}`);
      if (e.type === 'PER') push(this.bySurname, e.words[e.words.length - 1]);
    }
    if (e.type !== 'ORG') return;
    let node = this.prefixes;
    for (let d = 0; d < e.words.length - 1; d++) {
      let child = node.next.get(e.words[d]);
      if (!child) { child = { ids: [], next: new Map() }; node.next.set(e.words[d], child); }
      child.ids.push(e.index);
      node = child;
    }
  }

  /**
   * The earliest entity `r` joins, and why. Per entity the rules are tried in
   * the order same name, acronym, short form, surname; the earliest entity any
   * rule accepts wins, with the first rule that accepts it.
   */
  find(r: Candidate, key: string): { target: number; reason: string } {
    const found = [this.sameName(r, key), this.acronym(r, key), this.shortForm(r, key), this.surname(r, key)];
    let target = -1;
    for (const f of found) if (f >= 0 && (target < 0 || f < target)) target = f;
    if (target < 0) return { target, reason: '' };
    const name = this.entities[target].name;
    const reason = ['same name', `acronym of ${name}`, `short form of ${name}`, `surname of ${name}`][found.indexOf(target)];
    return { target, reason };
  }

  /** Same key and type; the same name with more legal suffix words is a different company ("Norton co" / "Norton co Pty Ltd"). */
  private sameName(r: Candidate, key: string): number {
    for (const i of this.byKey.get(`${r.type} ${key}`) ?? []) if (!suffixesDiffer(r.text, this.entities[i].name)) return i;
    return -1;
  }

  /**
   * The types a company-like mention may join: its own, and an ORG for a
   * one-word capitalized MISC or LOC ("GM" tagged as a place). A person's name
   * never joins a company's, nor the reverse.
   */
  private joinable(r: Candidate): EntityType[] {
    if (r.type !== 'ORG' && r.type !== 'MISC' && r.type !== 'LOC') return [];
    const caps = r.type !== 'ORG' && r.words.length === 1 && r.text === r.text.toUpperCase();
    return caps ? [r.type, 'ORG'] : [r.type];
  }

  /** GM = General Motors; ETL = Equiticorp Tasman Ltd (initials with the suffix, three letters or more). */
  private acronym(r: Candidate, key: string): number {
    if (!(r.words.length === 1 && r.text.length >= 2 && r.text.length <= 5 && r.text === r.text.toUpperCase())) return -1;
    let best = -1;
    for (const t of this.joinable(r)) {
      const a = this.byInitials.get(`${t} ${key}`)?.[0] ?? -1;
      const b = key.length >= 3 ? this.bySuffixedInitials.get(`${t} ${key}`)?.[0] ?? -1 : -1;
      for (const x of [a, b]) if (x >= 0 && (best < 0 || x < best)) best = x;
    }
    return best;
  }

  /** The first word(s) of a longer company name (a name with its own legal suffix is not a short form). */
  private shortForm(r: Candidate, key: string): number {
    if (!this.joinable(r).includes('ORG') || RE_HAS_SUFFIX.test(r.text) || (r.words.length === 1 && GENERIC_FIRST.has(key))) return -1;
    let node: TrieNode | undefined = this.prefixes;
    for (const w of r.words) if (!(node = node.next.get(w))) return -1;
    return node.ids[0] ?? -1;
  }

  /** `Varin` = the last word of the person `Philippe Varin`. */
  private surname(r: Candidate, key: string): number {
    return r.type === 'PER' && r.words.length === 1 ? this.bySurname.get(key)?.[0] ?? -1 : -1;
  }
}

type Raw = { start: number; end: number; type: EntityType; text: string; words: string[] };

/** Maxima over positions, with point updates: a segment tree. */
class MaxTree {
  private readonly n: number;
  private readonly t: Float64Array;
  constructor(values: number[]) {
    this.n = Math.max(1, values.length);
    this.t = new Float64Array(2 * this.n).fill(-Infinity);
    values.forEach((v, i) => { this.t[this.n + i] = v; });
    for (let i = this.n - 1; i > 0; i--) this.t[i] = Math.max(this.t[2 * i], this.t[2 * i + 1]);
  }
  set(i: number, v: number): void {
    for (i += this.n, this.t[i] = v, i >>= 1; i > 0; i >>= 1) this.t[i] = Math.max(this.t[2 * i], this.t[2 * i + 1]);
  }
  /** Maximum over [lo, hi). */
  max(lo: number, hi: number): number {
    let m = -Infinity;
    for (lo += this.n, hi += this.n; lo < hi; lo >>= 1, hi >>= 1) {
      if (lo & 1) m = Math.max(m, this.t[lo++]);
      if (hi & 1) m = Math.max(m, this.t[--hi]);
    }
    return m;
  }
}

/** Index of the first of `starts` (ascending) that is at least `at`. */
function lowerBound(starts: readonly number[], at: number): number {
  let lo = 0, hi = starts.length;
  while (lo < hi) { const mid = (lo + hi) >> 1; if (starts[mid] < at) lo = mid + 1; else hi = mid; }
  return lo;
}

/**
 * "Citizens Bank of Roseville": a bank's name takes the town after it, unless
 * another company or person name reaches into the town, and the town's own
 * place mention goes. The names are indexed by start (with the furthest end
 * of those before, kept current as banks grow), so each bank costs log n, not
 * a scan of every name.
 */
function withBankTowns(text: string, raw: Raw[]): Raw[] {
  const byStart = (keep: (r: Raw) => boolean) => raw.map((r, i) => ({ r, i })).filter((x) => keep(x.r)).sort((a, b) => a.r.start - b.r.start || a.i - b.i);
  const names = byStart((r) => r.type !== 'LOC' && r.type !== 'MISC'), places = byStart((r) => r.type === 'LOC' || r.type === 'MISC');
  const nameStarts = names.map((x) => x.r.start), placeStarts = places.map((x) => x.r.start);
  const ends = new MaxTree(names.map((x) => x.r.end));
  const at = new Map(names.map((x, p) => [x.r, p]));
  const removed = new Set<Raw>();
  for (const r of raw) {
    if (r.type !== 'ORG' || !/\bBank$/.test(r.text)) continue;
    const town = RE_OF_TOWN.exec(text.slice(r.end, r.end + 40));
    if (!town) continue;
    const townEnd = r.end + town[0].length;
    // Another name starting before the town's end and ending after the bank's: it reaches into the town.
    const p = at.get(r)!, k = lowerBound(nameStarts, townEnd);
    if (Math.max(ends.max(0, Math.min(p, k)), ends.max(p + 1, k)) > r.end) continue;
    // The town's own place mention is now inside the name.
    for (let j = lowerBound(placeStarts, r.end); j < places.length && places[j].r.start < townEnd; j++) if (places[j].r.end <= townEnd) removed.add(places[j].r);
    r.end = townEnd;
    ends.set(p, r.end);
    r.text = collapse(text.slice(r.start, r.end));
    r.words = nameWords(r.text);
  }
  return removed.size ? raw.filter((r) => !removed.has(r)) : raw;
}

/**
 * The recognizer's spans, indexed for the questions the company chunker asks
 * about each name it finds (is this place a recognized LOC, does a name run
 * across this point): binary searches and prefix maxima instead of a scan of
 * every span per name, which was quadratic on long texts.
 */
class SpanIndex {
  private readonly starts: number[];
  private readonly maxEnd: number[];
  private readonly locs: readonly Span[];
  private readonly locStarts: number[];
  private readonly locMaxEnd: number[];
  private readonly orgs: readonly Span[];
  private readonly orgEnds: number[];

  constructor(spans: readonly Span[]) {
    const all = [...spans].sort((a, b) => a.start - b.start);
    const prefixMax = (xs: readonly Span[]) => { let m = -Infinity; return xs.map((x) => (m = Math.max(m, x.end))); };
    this.starts = all.map((x) => x.start);
    this.maxEnd = prefixMax(all);
    this.locs = all.filter((x) => x.type === 'LOC');
    this.locStarts = this.locs.map((x) => x.start);
    this.locMaxEnd = prefixMax(this.locs);
    this.orgs = spans.filter((x) => x.type === 'ORG').sort((a, b) => a.end - b.end);
    this.orgEnds = this.orgs.map((x) => x.end);
  }

  /** A LOC span that starts at or before `a` and ends at or after `e`. */
  locCovering(a: number, e: number): boolean {
    const k = lowerBound(this.locStarts, a + 1);
    return k > 0 && this.locMaxEnd[k - 1] >= e;
  }

  /** Any span that starts before `s` and ends after `e`. */
  anyOverlapping(s: number, e: number): boolean {
    const k = lowerBound(this.starts, s);
    return k > 0 && this.maxEnd[k - 1] > e;
  }

  /** An ORG span that starts before `a` and ends in [lo, hi]. */
  orgEndingIn(a: number, lo: number, hi: number): boolean {
    for (let i = lowerBound(this.orgEnds, lo); i < this.orgs.length && this.orgEnds[i] <= hi; i++) if (this.orgs[i].start < a) return true;
    return false;
  }

  /** A LOC span that starts in [lo, hi) and ends in [endLo, endHi]. */
  locStartingIn(lo: number, hi: number, endLo: number, endHi: number): boolean {
    for (let i = lowerBound(this.locStarts, lo); i < this.locs.length && this.locStarts[i] < hi; i++) {
      if (this.locs[i].end >= endLo && this.locs[i].end <= endHi) return true;
    }
    return false;
  }
}

/**
 * In a title-case headline the recognizer runs a name into the capitalized
 * words after it ("American Airlines Backtracks a Bit"): a headline name
 * whose first words are a name of the body is cut back to them.
 */
function trimHeadlineNames(text: string, raw: Raw[]): Raw[] {
  const end = titleCaseHeadlineEnd(text);
  if (end < 0) return raw;
  const body = new Set(raw.filter((r) => r.start > end).map((r) => r.words.join(' ')));
  return raw.map((r) => {
    if (r.end > end || r.words.length < 2 || body.has(r.words.join(' '))) return r;
    for (let k = r.words.length - 1; k >= 1; k--) {
      if (!body.has(r.words.slice(0, k).join(' '))) continue;
      const cut = prefixEnd(text, r.start, r.end, k);
      if (cut < 0) break;
      const t = collapse(text.slice(r.start, cut));
      return { ...r, end: cut, text: t, words: wordsOf(t) };
    }
    return r;
  });
}

/** The end offset of the first k words of text[start, end), or -1. */
function prefixEnd(text: string, start: number, end: number, k: number): number {
  const re = /[\p{L}\d][\p{L}\d'’&.-]*/gu;
  re.lastIndex = start;
  let m: RegExpExecArray | null = null;
  for (let i = 0; i < k; i++) { m = re.exec(text); if (!m || m.index >= end) return -1; }
  return m!.index + m![0].length;
}

export function resolveEntities(text: string, spans: readonly Span[]): ResolvedEntities {
  let raw: Raw[] = [];
  // Reuters angle-bracket company names (not tickers like <MEEI>).
  const angle = new DisjointSpans();
  for (const m of text.matchAll(RE_ANGLE)) {
    const inner = m[1].trim();
    if (RE_TICKER.test(inner) || inner.includes('=')) continue; // tickers, and stray SGML tags in corrupt bodies
    const s = m.index! + 1, e = s + m[1].length;
    angle.add(s, e);
    raw.push({ start: s, end: e, type: 'ORG', text: collapse(inner), words: wordsOf(inner) });
  }
  // Broadcast stations by their call letters ("WOR-TV", "KHJ-TV", "WABC-FM"): companies bought and sold, which the recognizer misses.
  for (const m of text.matchAll(RE_CALL_LETTERS)) {
    if (angle.overlaps(m.index!, m.index! + m[0].length)) continue;
    angle.add(m.index!, m.index! + m[0].length);
    raw.push({ start: m.index!, end: m.index! + m[0].length, type: 'ORG', text: m[0], words: wordsOf(m[0]) });
  }
  const near = new SpanIndex(spans);
  // Company names with legal suffixes (outside angle brackets): from the suffix back over name-like words.
  const companyMatches: { index: number; len: number }[] = [];
  const rescanned = new Set<string>(); // each region once: a rescan must not find the same name again forever
  const scan = (from: number, to: number) => {
    RE_COMPANY.lastIndex = 0;
    for (const m of text.slice(from, to).matchAll(RE_COMPANY)) companyMatches.push({ index: from + m.index!, len: m[0].length });
  };
  scan(0, text.length);
  // A name never runs from the headline into the body ("… Third Quarter Guidance\nAmerican Airlines Group Inc.").
  const headEnd = headlineEnd(text);
  for (let qi = 0; qi < companyMatches.length; qi++) {
    const m = { index: companyMatches[qi].index, 0: text.substr(companyMatches[qi].index, companyMatches[qi].len) };
    let e = m.index! + m[0].length;
    // Extend over further suffixes: "Banner Industries Inc", "Holding Co Ltd".
    for (;;) {
      const more = RE_MORE_SUFFIX.exec(text.slice(e, e + 16));
      if (!more) break;
      e += more[0].length;
    }
    const words = [...text.slice(m.index!, e).matchAll(/\S+/g)].map((w) => ({ w: w[0], s: m.index! + w.index! }));
    let k = words.length - 1;
    // The run of suffixes ("GmbH and Co KG").
    while (k > 0 && (RE_SUFFIX_WORD.test(words[k - 1].w) || (words[k - 1].w === 'and' && k >= 2 && RE_SUFFIX_WORD.test(words[k - 2].w)))) k--;
    while (k > 0) {
      const prev = words[k - 1], gap = text.slice(prev.s + prev.w.length, words[k].s);
      if (headEnd >= 0 && prev.s < headEnd && words[k].s > headEnd) break;
      const bare = prev.w.replace(/[,;:]$/, '');
      // "SHV (United Kingdom) Holding Co Ltd": a parenthesized place inside the name.
      const core = bare.replace(/^\((?=[A-Z])/, '').replace(/(?<=[\p{L}.])\)$/u, '');
      // "First Interstate Bancorp and Allied Bancshares Inc": two companies, not one.
      if (bare === 'and' && k >= 2 && /^(?:Bancorp|Bancshares|Bankshares|Bancorporation)$/.test(words[k - 2].w)) break;
      if (bare !== prev.w || /\n\s*\n/.test(gap) || COMPANY_STOP.has(core) || (RE_SUFFIX_WORD.test(bare) && !(/^(?:Group|Holding|Holdings)$/.test(bare) && words[k].w === 'of')) || /-based$|-owned$|-held$/.test(bare) || !NAME_WORD.test(core) || /^(?:Inc|Corp|Co|Ltd|PLC|Plc|AG|SA|NV)['’]s$/.test(bare) || (/^[0-9]/.test(bare) && /[0-9][,.]$/.test(text.slice(Math.max(0, prev.s - 2), prev.s)))) break;
      k--;
    }
    // Parentheses must pair up inside the name: drop words up to an unmatched one.
    for (;;) {
      let depth = 0, bad = -1;
      for (let j = k; j < words.length; j++) {
        for (const ch of words[j].w) { if (ch === '(') depth++; else if (ch === ')') { depth--; if (depth < 0 && bad < 0) bad = j; } }
      }
      if (bad < 0 && depth === 0) break;
      if (bad >= 0) k = bad + 1; else { const open = words.findIndex((x, j) => j >= k && x.w.includes('(')); k = open + 1; }
      if (k >= words.length) break;
    }
    if (k >= words.length) continue;
    // Connectors cannot start a name.
    while (k < words.length - 1 && /^(?:of|and|&|de|du|der|des|the|y|e|for)$/.test(words[k].w)) k++;
    // "… Inc of New York and Gleason Plant Security Inc": a company's place before "and" is not part of the name after it.
    if (/\b(?:Inc|Corp|Co|Ltd|Plc|PLC|Cos|Company|Corporation|Bank|Association)\.?\s+of\s+$/.test(text.slice(Math.max(0, words[k].s - 20), words[k].s))) {
      for (let j = k + 1; j < words.length - 2; j++) {
        if (words[j].w !== 'and') continue;
        const a = words[k].s, b = words[j - 1].s + words[j - 1].w.length;
        if (near.locCovering(a, b - 1)) { k = j + 1; break; }
      }
    }
    // "Compagnie des Machines Bull of France and NEC Corp": a company "of" a place, then "and": two companies.
    for (let j = words.length - 2; j > k + 1; j--) {
      if (words[j].w !== 'and') continue;
      const ofAt = words.findIndex((x, i) => i >= k && i < j && x.w === 'of');
      if (ofAt < 0 || ofAt + 1 >= j) continue;
      const a = words[ofAt + 1].s, b = words[j - 1].s + words[j - 1].w.length;
      // The place, or a name the recognizer ended at the place.
      if (near.locCovering(a, b - 1) || near.orgEndingIn(a, b - 1, b + 1)) { k = j + 1; break; }
    }
    // "Sweden's Electrolux AB", "Sante Fe's Southern Pacific Transportation Co": a place's possessive before
    // the name is not part of it ("Heinl's Nursery Inc", "Wendy's International Inc" stay whole).
    for (let j = words.length - 3; j >= k; j--) {
      if (!/['’]s$/.test(words[j].w)) continue;
      const before = words[j].s + words[j].w.length - 2;
      const rest = words.slice(j + 1).map((x) => x.w).filter((x) => !RE_SUFFIX_WORD.test(x));
      if (rest.length === 0 || (rest.length === 1 && GENERIC_WORD.has(rest[0].toLowerCase()))) continue; // "Wendy's International Inc"
      if (near.locStartingIn(words[k].s - 1, before, before - 1, before + 1) && !near.anyOverlapping(before, before + 2)) { k = j + 1; break; }
    }
    let s = words[k].s;
    // What the greedy match ran over before the name may hold another name ("Federal Industries Ltd's Russelsteel Inc").
    if (s > m.index! + 3 && !rescanned.has(`${m.index}:${s}`)) { rescanned.add(`${m.index}:${s}`); scan(m.index!, s); }
    if (words.length - k < 2) continue;
    // A final period is the sentence's full stop unless a lowercase word or a comma follows (`Apple Inc. said`).
    if (text[e - 1] === '.' && !/^\.?\s*[a-z,]/.test(text.slice(e, e + 3)) && !/\.[A-Z]\.$/.test(text.slice(s, e))) e--;
    if (angle.overlaps(s, e)) continue;
    angle.add(s, e);
    raw.push({ start: s, end: e, type: 'ORG', text: collapse(text.slice(s, e)), words: wordsOf(text.slice(s, e)) });
  }
  for (const sp of spans) {
    if (sp.type !== 'ORG' && sp.type !== 'PER' && sp.type !== 'LOC' && sp.type !== 'MISC') continue;
    const [s, e] = cleanSpan(text, sp.start, sp.end);
    if (e <= s) continue;
    if (angle.overlaps(s, e)) continue;
    const t = collapse(text.slice(s, e));
    // Tickers in angle brackets (`<MEEI>`) are not names.
    if (text[s - 1] === '<' && RE_TICKER.test(t)) continue;
    const words = wordsOf(t);
    if (words.length === 0) continue;
    raw.push({ start: s, end: e, type: sp.type, text: t, words });
  }
  // "Imperial Continental Gas Association." at a sentence end: the period is the full stop ("N.V." keeps its own).
  for (const r of raw) if (/\p{Ll}\.$/u.test(r.text) && !/\.\p{L}+\.$/u.test(r.text)) { r.end--; r.text = r.text.slice(0, -1); }
  // "Central National Bank of Buckhannon", "Citizens Bank of Roseville": a bank's town is part of its name.
  raw = withBankTowns(text, raw);
  // "Measurement Systems Division of Page-Wilson Corp": a division and the company it belongs to are two names.
  raw = raw.flatMap((r) => {
    const d = r.type === 'ORG' ? RE_DIVISION_OF.exec(r.text) : null;
    const at = d ? text.indexOf(' of ', r.start + d[1].length - 1) : -1;
    if (!d || at < 0 || at >= r.end) return [r];
    const second = at + 4;
    return [
      { start: r.start, end: r.start + d[1].length, type: 'ORG', text: d[1], words: nameWords(d[1]) },
      { start: second, end: r.end, type: 'ORG', text: collapse(text.slice(second, r.end)), words: nameWords(text.slice(second, r.end)) },
    ];
  });
  raw.sort((a, b) => a.start - b.start);
  raw = trimHeadlineNames(text, raw);

  const entities: EntityRec[] = [];
  const mentions: Mention[] = [];
  // Longest names first found first: resolve in order of decreasing word count, then position.
  // All-caps multi-word spans (headlines: "PSA AGREE ALLIANCE") are resolved last, so short forms join the names written in the body.
  const caps = raw.map((r) => r.words.length > 1 && r.text === r.text.toUpperCase() && /[A-Z]{2}/.test(r.text));
  const order = raw.map((_, i) => i).sort((a, b) => Number(caps[a]) - Number(caps[b]) || raw[b].words.length - raw[a].words.length || raw[a].start - raw[b].start);
  const assigned = new Int32Array(raw.length).fill(-1);
  const index = new EntityIndex(entities);
  for (const i of order) {
    const r = raw[i];
    const key = r.words.join(' ');
    let { target, reason } = index.find(r, key);
    if (target < 0) {
      target = entities.length;
      entities.push({ index: target, type: r.type, name: r.text, aliases: new Set(), mentions: [], key, words: r.words, reasons: [] });
      index.add(entities[target]);
    } else if (reason) {
      entities[target].reasons.push(`${r.text}: ${reason}`);
    }
    assigned[i] = target;
  }
  for (let i = 0; i < raw.length; i++) {
    const r = raw[i];
    const e = entities[assigned[i]];
    const m: Mention = { start: r.start, end: r.end, type: e.type, entity: e.index, text: r.text };
    e.mentions.push(m);
    mentions.push(m);
  }
  const settled = settleTypes(text, entities, raw, assigned);
  if (settled) return settled;
  nameEntities(entities);
  return { entities, mentions };
}

/** Name = the longest form (first such); aliases = the other forms. */
function nameEntities(entities: EntityRec[]): void {
  for (const e of entities) {
    let best = e.mentions[0].text;
    for (const m of e.mentions) if (wordsOf(m.text).length > wordsOf(best).length || (m.text.length > best.length && wordsOf(m.text).length === wordsOf(best).length)) best = m.text;
    e.name = best;
    for (const m of e.mentions) if (m.text !== best) e.aliases.add(m.text);
  }
}

const TYPE_RANK: Record<EntityType, number> = { ORG: 3, PER: 2, LOC: 1, MISC: 0 };
const RE_COMPANY_CONTEXT = /^(?:\s*['’]s\s+(?:shares|stock|board|directors|subsidiary|unit|offer|bid|shareholders|stake)\b|\s+(?:said|says)\s+(?:it|its)\b|\s+(?:shares|stock)\s+(?:rose|fell|closed|were|was)\b|\s+(?:Inc|Corp|Co|Ltd|PLC|Plc)\b|\s*,\s+(?:the|a|an)\s+(?:[\w-]+\s+){0,3}(?:company|firm|group|concern|corporation|bank|maker|producer|manufacturer|carrier|airline|retailer|insurer|utility|brewer)\b)/;

/**
 * One entity per thing in an article: the same name never stands as an ORG, a place and a person at once, and a
 * company named by one word ("Halvorsen said it …", the first word of "Halvorsen Resources Ltd") is not a person.
 * Each conflict is settled once, for every mention, and the entity keeps the reason (`typeReason`): a name the
 * company chunker or Reuters' angle brackets read as a company is one; otherwise company context ("X said it",
 * "X's shares") or a longer company name it is the first word of makes it ORG; otherwise the type most of its
 * mentions have (ORG before PER before LOC on a tie). Returns the merged entities and mentions, or null when
 * the article has no conflict.
 */
function settleTypes(text: string, entities: EntityRec[], raw: Raw[], assigned: Int32Array): ResolvedEntities | null {
  // The same name as written (its words with any legal suffix: "U.S." the place and "U.S. Company" are two names).
  const byName = new Map<string, Set<EntityRec>>();
  for (const e of entities) for (const m of e.mentions) {
    const k = nameWordsWithSuffix(m.text).join(' ');
    const l = byName.get(k);
    if (l) l.add(e); else byName.set(k, new Set([e]));
  }
  const into = new Map<number, number>();
  const reasonOf = new Map<number, string>();
  for (const set of byName.values()) {
    const group = [...set].filter((e) => !into.has(e.index));
    if (group.length < 2 || new Set(group.map((e) => e.type)).size < 2) continue;
    // An all-caps headline's reading counts only when the body never names it: "ALABAMA INVESTOR UPS …" is the place of "Birmingham, Alabama".
    const body = (m: Mention) => m.text !== m.text.toUpperCase() || !/\p{L}{2}/u.test(m.text);
    const anyBody = group.some((e) => e.mentions.some(body));
    const count = (t: EntityType) => group.filter((e) => e.type === t).reduce((n, e) => n + e.mentions.filter((m) => !anyBody || body(m)).length, 0);
    const companyRead = group.some((e) => e.type === 'ORG' && e.mentions.some((m) => RE_HAS_SUFFIX.test(m.text) || text[m.start - 1] === '<'));
    const companyContext = group.some((e) => e.mentions.some((m) => RE_COMPANY_CONTEXT.test(text.slice(m.end, m.end + 30))));
    const types = [...new Set(group.map((e) => e.type))];
    let winner: EntityType, why: string;
    if (types.includes('ORG') && (companyRead || companyContext)) { winner = 'ORG'; why = companyRead ? 'written as a company name' : 'company context ("said it", "\'s shares", ", the Canadian company")'; }
    else { winner = types.sort((a, b) => count(b) - count(a) || TYPE_RANK[b] - TYPE_RANK[a])[0]; why = `most of its mentions (${types.map((t) => `${t} ${count(t)}`).join(', ')})`; }
    const target = group.filter((e) => e.type === winner).sort((a, b) => b.mentions.length - a.mentions.length || a.index - b.index)[0];
    const reason = `one name read as ${types.join(' and ')} in this article: settled as ${winner}, ${why}`;
    reasonOf.set(target.index, reason);
    for (const e of group) if (e !== target) into.set(e.index, target.index);
  }
  // A one-word person that is the first word of a company's name, or stands where a company does ("Halvorsen said it").
  for (const e of entities) {
    if (e.type !== 'PER' || e.words.length !== 1 || into.has(e.index)) continue;
    const org = entities.find((o) => o.type === 'ORG' && !into.has(o.index) && o.words.length > 1 && o.words[0] === e.key);
    const context = e.mentions.some((m) => RE_COMPANY_CONTEXT.test(text.slice(m.end, m.end + 30)));
    if (!org && !context) continue;
    if (org) { into.set(e.index, org.index); reasonOf.set(org.index, `"${e.name}" read as a person is the first word of this company's name: one company`); }
    else { e.type = 'ORG'; for (const m of e.mentions) m.type = 'ORG'; e.typeReason = `one word read as a person stands where a company does ("${e.name} said it", "${e.name}'s shares"): settled as ORG`; }
  }
  if (into.size === 0 && !entities.some((e) => e.typeReason)) return null;
  const root = (i: number) => { while (into.has(i)) i = into.get(i)!; return i; };
  const kept = entities.filter((e) => !into.has(e.index));
  const newIndex = new Map(kept.map((e, i) => [e.index, i]));
  const out: EntityRec[] = kept.map((e, i) => ({ ...e, index: i, mentions: [], aliases: new Set(), typeReason: reasonOf.get(e.index) ?? e.typeReason }));
  const mentions: Mention[] = [];
  for (let i = 0; i < raw.length; i++) {
    const r = raw[i];
    const e = out[newIndex.get(root(assigned[i]))!];
    const m: Mention = { start: r.start, end: r.end, type: e.type, entity: e.index, text: r.text };
    e.mentions.push(m);
    mentions.push(m);
  }
  for (const e of out) if (e.typeReason) e.reasons.push(e.typeReason);
  nameEntities(out);
  return { entities: out, mentions };
}

/** Nationalities, countries and regions as they stand before a generic noun ("a U.S. company", "West German group"). */
const PLACE_WORDS = new Set(('u s us usa uk america american americans britain british england english japan japanese france french germany german ' +
  'west east north south northern southern western eastern central canada canadian australia australian europe european european asia asian ' +
  'swiss switzerland dutch netherlands italy italian spain spanish sweden swedish norway norwegian denmark danish finland finnish belgium belgian ' +
  'hong kong china chinese taiwan taiwanese korea korean singapore malaysian mexico mexican brazil brazilian argentine soviet arab saudi kuwaiti ' +
  'new york texas california london tokyo paris foreign domestic overseas international national regional local').split(' '));
/** Nouns that describe a kind of party without naming one. */
const GENERIC_HEADS = new Set(('company companies corp corporation firm firms concern concerns group groups investor investors investment bank banks ' +
  'buyer buyers bidder bidders purchaser purchasers consortium partnership partnerships institution institutions holding holdings unit subsidiary ' +
  'affiliate party parties entity individual individuals interests shareholder shareholders stockholder stockholders fund funds maker makers ' +
  'manufacturer producer producers operator distributor insurer insurers brokerage syndicate suitor suitors businessman businessmen government').split(' '));
const GENERIC_MODS = new Set(('a an the one two three four several some other another certain unnamed unidentified undisclosed unknown third ' +
  'private privately held closely publicly public major large big small leading new unrelated outside management of and ' +
  'oil gas chemical steel industrial financial insurance investment holding parent trading mining computer electronics real estate').split(' '));

/**
 * A description, not a name: "a U.S. company", "an investor group", "U.S. Company", "West German group", "the U.S.".
 * Such a phrase is not an entity a deal can be keyed on across articles (five unrelated deals would share it).
 */
export function isGenericName(name: string): boolean {
  const words = name.toLowerCase().replace(/['’]s\b/g, '').replace(/[^\p{L}\p{N}]+/gu, ' ').trim().split(' ').filter(Boolean);
  if (words.length === 0) return true;
  if (words.every((w) => PLACE_WORDS.has(w) || w === 'the')) return true;
  return words.some((w) => GENERIC_HEADS.has(w)) && words.every((w) => GENERIC_HEADS.has(w) || GENERIC_MODS.has(w) || PLACE_WORDS.has(w));
}

/** "Kyodo news agency", "Le Monde newspaper", "Izvestia, the government daily,": the name with its kind of news source (an apposition closed by a comma). */
const RE_REPORTER_AFTER = /^(?:\s+(?:news\s+agency|newspaper|news\s+service|wire\s+service|magazine|(?:daily|weekly)\s+(?:said|reported|quoted))\b|\s*,\s+(?:(?:a|an|the)\s+)?(?:[\p{L}-]+\s+){0,3}?(?:news\s+agency|newspaper|news\s+service|wire\s+service|magazine|daily|weekly)\s*,)/u;
const RE_REPORTER_NAME = /\b(?:news\s+agency|newspaper|news\s+service|press\s+agency)\b/i;
/** Names that are news titles ("Kyodo", "The Wall Street Journal", "New York Times"): reporters when they report or are quoted. */
const RE_NEWS_TITLE = /\b(?:Journal|Times|Post|Herald|Tribune|Gazette|Telegraph|Economist|Press|News|Kyodo|Tass|TASS|Xinhua|Jiji|Reuters|Bloomberg|Agence|Nihon\s+Keizai|Shimbun|Handelsblatt|Handelsblad|Dagblad|Zeitung|Asahi|Yomiuri|Mainichi|Nikkei|Izvestia|Pravda|Le\s+Monde|Les\s+Echos|Figaro)\b/;
const RE_REPORTS_AFTER = /^\s+(?:has\s+|had\s+|also\s+)?(?:reported|quoted|said\s+in\s+(?:a|an|its)\s+(?:report|article|story|editorial))\b/;
/** "<name> report saying", "<name> story that": a report, story or article the name published (with "a"/"an"/"the" before the name). */
const RE_REPORT_NOUN_AFTER = /^\s+(?:report|story|article|editorial|commentary)\s+(?:saying|said|says|that|which|quoting|published|in\s+which)\b/;
const RE_REPORT_DETERMINER_BEFORE = /\b(?:a|an|the)\s+(?:(?:recent|new|latest|weekend|published|front-page|earlier|Sunday|Saturday|Monday|Tuesday|Wednesday|Thursday|Friday|unconfirmed)\s+)?$/i;
const RE_REPORTER_BEFORE = /\b(?:according\s+to|quoted\s+by|reported\s+by|told|in\s+an\s+interview\s+with)\s+(?:the\s+)?$/i;

/**
 * Entities that report the news in this article: "Kyodo news agency said", "Le Monde newspaper", "according to the
 * Financial Times", "the Journal reported that". A source that reports a deal is never a party to it.
 */
export function reporterEntities(text: string, ents: ResolvedEntities): Set<number> {
  const out = new Set<number>();
  for (const m of ents.mentions) {
    if (ents.entities[m.entity].type !== 'ORG' && ents.entities[m.entity].type !== 'MISC') continue;
    const after = text.slice(m.end, m.end + 80), before = text.slice(Math.max(0, m.start - 40), m.start);
    const news = RE_NEWS_TITLE.test(m.text) && !/\b(?:Inc|Corp|Co|Ltd|PLC|Plc|Cos|Company)\.?$/.test(m.text);
    // "an NRC Handelsblad report saying …", "a Kyodo story said": the name is the source of a report it published.
    const reportOf = RE_REPORT_NOUN_AFTER.test(after) && RE_REPORT_DETERMINER_BEFORE.test(before);
    if (RE_REPORTER_NAME.test(m.text) || RE_REPORTER_AFTER.test(after) || reportOf || (news && (RE_REPORTS_AFTER.test(after) || RE_REPORTER_BEFORE.test(before)))) out.add(m.entity);
  }
  return out;
}
