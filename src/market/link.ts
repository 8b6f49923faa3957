/**
 * Linking price symbols to entities, each link with its reason:
 * - tickers next to a company's name in an article's title or text: Reuters'
 *   `FORD MOTOR CO <F>`, press releases' "(NYSE: F)" and "Nasdaq: AAPL";
 * - a `symbol,name` file (the names matched like article names);
 * - by hand (`dealgraph market link ENTITY SYMBOL`).
 */
import { normName } from '../graph/keys.js';
import type { Extraction } from '../extract/schema.js';
import type { Store, SymbolLink } from '../store/types.js';

export interface TickerMention { symbol: string; start: number; end: number }

// `<F>`, `<MAZT.T>`; "(NYSE: F)", "(Nasdaq: AAPL)", "(NYSE:GM)"; "Nasdaq: AAPL".
const RE_TICKERS = /<([A-Z][A-Z0-9]{0,5}(?:\.[A-Z]{1,2})?)>|\((?:NYSE|Nasdaq|NASDAQ|AMEX|NYSE American|NYSE MKT)\s*:\s*([A-Z][A-Z0-9]{0,5}(?:\.[A-Z]{1,2})?)\)|\b(?:NYSE|Nasdaq|NASDAQ|AMEX)\s*:\s*([A-Z][A-Z0-9]{0,5}(?:\.[A-Z]{1,2})?)\b/g;
// Up to six words before a ticker, for an upper-case title the recognizer did not tag.
const RE_NAME_BEFORE = /((?:[A-Za-z&][\w&.'-]*\s+){0,5}[A-Za-z&][\w&.'-]*)\s*,?\s*$/;
/** A ticker must follow the name's end within this many characters. */
const MAX_GAP = 3;

export function tickerMentions(text: string): TickerMention[] {
  const out: TickerMention[] = [];
  for (const m of text.matchAll(RE_TICKERS)) out.push({ symbol: m[1] ?? m[2] ?? m[3], start: m.index!, end: m.index! + m[0].length });
  return out;
}

/** The canonical entity of an article-local one, as the merge matched it. */
async function canonical(store: Store, type: string, name: string): Promise<number | null> {
  const n = normName(name);
  // A name used in full elsewhere first; a short form ("FORD") only when no full name matches.
  return n ? await store.findEntity(type, [n]) ?? await store.findEntity(type, [n], { weak: true }) : null;
}

/** The links one article's tickers give: the company named right before each ticker. */
export async function linksInArticle(store: Store, article: { id: number; title: string | null; text: string; extraction: Extraction }): Promise<SymbolLink[]> {
  const mentions = tickerMentions(article.text);
  if (mentions.length === 0) return [];
  const titleEnd = article.title && article.text.startsWith(article.title) ? article.title.length : 0;
  const out: SymbolLink[] = [];
  for (const t of mentions) {
    const how = t.start < titleEnd ? 'title' : 'text';
    const before = article.extraction.entities.filter((e) => e.type === 'ORG').flatMap((e) => e.mentions.map((m) => ({ e, m })))
      .filter(({ m }) => m.end <= t.start && t.start - m.end <= MAX_GAP).sort((a, b) => b.m.end - a.m.end)[0];
    let entity: number | null = null, name = '';
    if (before) { entity = await canonical(store, 'ORG', before.e.name); name = article.text.slice(before.m.start, before.m.end); }
    if (entity === null) {
      // No tagged name right before it: the longest known company name among the words before it.
      const words = RE_NAME_BEFORE.exec(article.text.slice(Math.max(0, t.start - 80), t.start).split('\n').pop() ?? '')?.[1].split(/\s+/) ?? [];
      // A one-word tail ("… OF AMERICA <AA>") is too loose: one word counts only when it is all there is.
      for (let k = 0; k < words.length && entity === null; k++) {
        if (k > 0 && words.length - k < 2) break;
        name = words.slice(k).join(' '); entity = await canonical(store, 'ORG', name);
      }
    }
    const quoted = article.text.slice(t.start, t.end).replace(/\s+/g, ' ');
    if (entity !== null) out.push({ entity, symbol: t.symbol, how, reason: `${how} of article ${article.id}: "${name.replace(/\s+/g, ' ')} ${quoted}"`, article: article.id });
    // The recognizer may read the ticker itself as a company name ("(NYSE: ZZ)" → ZZ): that entity is the same company.
    for (const e of article.extraction.entities) {
      if (e.type !== 'ORG' || e.name !== t.symbol || !e.mentions.some((m) => m.start >= t.start && m.end <= t.end)) continue;
      const id = await canonical(store, 'ORG', e.name);
      if (id !== null && id !== entity) out.push({ entity: id, symbol: t.symbol, how, reason: `${how} of article ${article.id}: the ticker in "${quoted}" read as a name`, article: article.id });
    }
  }
  return out;
}

/** `symbol,name[,…]` rows (a header line starting `symbol,` is skipped) as links to the entities known by those names. */
export async function linksFromNames(store: Store, text: string, source: string): Promise<{ links: SymbolLink[]; unmatched: string[] }> {
  const links: SymbolLink[] = [], unmatched: string[] = [];
  for (const line of text.replace(/^\uFEFF/, '').split(/\r?\n/)) {
    const [symbol, name] = line.split(',').map((s) => s?.trim());
    if (!symbol || !name || /^symbol$/i.test(symbol)) continue;
    const id = await canonical(store, 'ORG', name);
    if (id === null) { unmatched.push(`${symbol} (${name})`); continue; }
    links.push({ entity: id, symbol, how: 'names', reason: `${source}: ${symbol} is "${name}"`, article: null });
  }
  return { links, unmatched };
}

const HOW_RANK: Record<SymbolLink['how'], number> = { manual: 0, title: 1, text: 1, names: 2 };
/** Words too common in company names to tell two companies apart. */
const GENERIC = new Set(['general', 'american', 'america', 'international', 'national', 'united', 'first', 'new', 'group', 'holdings', 'industries', 'company', 'corporation', 'the', 'and', 'of', 'us', 'u s']);
const distinctive = (name: string) => new Set(normName(name).split(' ').filter((w) => w.length >= 3 && !GENERIC.has(w)));

/**
 * Ticker links that contradict a names file: the same ticker may stand for
 * another company in an article than in the price file (Reuters' `<CMI>` is
 * Club Med, the prices' CMI is Cummins Engine). When a symbol has a names-file
 * or manual link, a ticker link is used only if its entity's name shares a
 * distinctive word with that company's. Returns the refused links' reasons,
 * keyed `entity symbol`.
 */
export async function refusedLinks(store: Store, links: readonly SymbolLink[]): Promise<Map<string, string>> {
  const ref = new Map<string, { name: string; words: Set<string> }>();
  for (const l of links) {
    if (l.how !== 'names' && l.how !== 'manual') continue;
    const e = await store.entity(l.entity);
    if (!e) continue;
    const r = ref.get(l.symbol) ?? { name: e.name, words: new Set<string>() };
    for (const n of [e.name, ...e.aliases]) for (const w of distinctive(n)) r.words.add(w);
    ref.set(l.symbol, r);
  }
  // Articles behind each ticker link: three or more make it trusted (Reuters wrote BankAmerica Corp <BAC> 19 times).
  const articles = new Map<string, Set<number>>();
  for (const l of links) if (l.article) { const k = `${l.entity} ${l.symbol}`; articles.set(k, (articles.get(k) ?? new Set()).add(l.article)); }
  const out = new Map<string, string>();
  for (const l of links) {
    const r = ref.get(l.symbol);
    if (!r || l.how === 'names' || l.how === 'manual' || (articles.get(`${l.entity} ${l.symbol}`)?.size ?? 0) >= TRUSTED_ARTICLES) continue;
    const e = await store.entity(l.entity);
    // The ticker read as a name ("ZZ") is the company the article gives that ticker.
    if (!e || e.name === l.symbol || [...distinctive(e.name)].some((w) => [...r.words].some((x) => sameWord(w, x)))) continue;
    out.set(`${e.id} ${l.symbol}`, `not used: ${l.symbol} is ${r.name} by the names file or by hand, and "${e.name}" (in fewer than ${TRUSTED_ARTICLES} articles) shares no distinctive word with it`);
  }
  return out;
}
const TRUSTED_ARTICLES = 3;
/** Equal, or one a prefix-sharing variant of the other ("electrics"/"electric", "mcdonalds"/"mcdonald"). */
function sameWord(a: string, b: string): boolean {
  if (a === b) return true;
  let k = 0;
  while (k < a.length && k < b.length && a[k] === b[k]) k++;
  return k >= 5 || (k >= 4 && k === Math.min(a.length, b.length));
}

/**
 * Each linked entity's symbol: a manual link first, then the symbol most
 * articles give it, then a names file. Entity ids are resolved to their
 * canonical entity (after merges); only symbols in `priced` count, and ticker
 * links refused by `refusedLinks` are left out.
 */
export async function symbolOf(store: Store, priced: ReadonlySet<string>): Promise<Map<number, { symbol: string; links: SymbolLink[] }>> {
  const all = (await store.market.links()).filter((l) => priced.has(l.symbol));
  const refused = await refusedLinks(store, all);
  const by = new Map<number, Map<string, SymbolLink[]>>();
  for (const l of all) {
    const root = (await store.entity(l.entity))?.id ?? l.entity;
    if (refused.has(`${root} ${l.symbol}`) && l.how !== 'names' && l.how !== 'manual') continue;
    const m = by.get(root) ?? new Map<string, SymbolLink[]>();
    by.set(root, m);
    m.set(l.symbol, [...(m.get(l.symbol) ?? []), l]);
  }
  const out = new Map<number, { symbol: string; links: SymbolLink[] }>();
  for (const [entity, m] of by) {
    const score = (ls: SymbolLink[]) => [Math.min(...ls.map((l) => HOW_RANK[l.how])), -ls.length] as const;
    const best = [...m].sort((a, b) => score(a[1])[0] - score(b[1])[0] || score(a[1])[1] - score(b[1])[1] || a[0].localeCompare(b[0]))[0];
    out.set(entity, { symbol: best[0], links: best[1] });
  }
  return out;
}

/** Reads every stored article that may carry a ticker and stores the links found; returns how many are new. */
export async function autoLink(store: Store): Promise<{ articles: number; found: number; added: number }> {
  let found = 0, added = 0;
  const ids = await store.market.tickerArticles();
  await store.transaction(async () => {
    for (const id of ids) {
      const a = await store.article(id);
      if (!a) continue;
      for (const l of await linksInArticle(store, a)) { found++; if (await store.market.addLink(l)) added++; }
    }
  });
  return { articles: ids.length, found, added };
}
