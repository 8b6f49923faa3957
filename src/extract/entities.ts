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
import type { Span } from '../nlp/index.js';
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

function initials(words: string[]): string {
  return words.filter((w) => w !== 'and' && w !== 'of' && w !== '&' && w !== 'the' && w !== 'de').map((w) => w[0]).join('');
}

const RE_ANGLE = /<([A-Z0-9][^<>\n]{1,80}?)>/g;
const RE_TICKER = /^[A-Z]{1,5}(\.[A-Z])?$/;
const GENERIC_FIRST = new Set('first american national general united international new north south east west central great royal pacific atlantic'.split(' '));

/** Cleans a recognizer span: no surrounding brackets/quotes, no trailing possessive. */
function cleanSpan(text: string, start: number, end: number): [number, number] {
  let s = start, e = end;
  while (s < e && /[<("'\s]/.test(text[s])) s++;
  while (e > s && /[>)"'\s,]/.test(text[e - 1])) e--;
  if (text.slice(e - 2, e) === "'s") e -= 2;
  return [s, e];
}

/**
 * Builds the article's entities from recognizer spans. `spans` are the
 * output of analyze() (names and values); values are ignored here.
 */
export function resolveEntities(text: string, spans: readonly Span[]): ResolvedEntities {
  type Raw = { start: number; end: number; type: EntityType; text: string; words: string[] };
  const raw: Raw[] = [];
  // Reuters angle-bracket company names (not tickers like <MEEI>).
  const angle: [number, number][] = [];
  for (const m of text.matchAll(RE_ANGLE)) {
    const inner = m[1].trim();
    if (RE_TICKER.test(inner)) continue;
    const s = m.index! + 1, e = s + m[1].length;
    angle.push([s, e]);
    raw.push({ start: s, end: e, type: 'ORG', text: collapse(inner), words: nameWords(inner) });
  }
  for (const sp of spans) {
    if (sp.type !== 'ORG' && sp.type !== 'PER' && sp.type !== 'LOC' && sp.type !== 'MISC') continue;
    const [s, e] = cleanSpan(text, sp.start, sp.end);
    if (e <= s) continue;
    if (angle.some(([a, b]) => s < b && a < e)) continue;
    const t = collapse(text.slice(s, e));
    // Tickers in angle brackets (`<MEEI>`) are not names.
    if (text[s - 1] === '<' && RE_TICKER.test(t)) continue;
    const words = nameWords(t);
    if (words.length === 0) continue;
    raw.push({ start: s, end: e, type: sp.type, text: t, words });
  }
  raw.sort((a, b) => a.start - b.start);

  const entities: EntityRec[] = [];
  const mentions: Mention[] = [];
  // Longest names first found first: resolve in order of decreasing word count, then position.
  const order = raw.map((_, i) => i).sort((a, b) => raw[b].words.length - raw[a].words.length || raw[a].start - raw[b].start);
  const assigned = new Int32Array(raw.length).fill(-1);
  for (const i of order) {
    const r = raw[i];
    const key = r.words.join(' ');
    let target = -1, reason = '';
    for (const e of entities) {
      const sameType = e.type === r.type;
      if (sameType && e.key === key) { target = e.index; reason = 'same name'; break; }
      if (r.type === 'ORG' || r.type === 'MISC' || r.type === 'LOC') {
        if (!sameType && !(e.type === 'ORG' && (r.type === 'MISC' || r.type === 'LOC') && r.words.length === 1 && r.text === r.text.toUpperCase())) continue;
        // Acronym: GM = General Motors.
        if (r.words.length === 1 && r.text.length >= 2 && r.text.length <= 5 && r.text === r.text.toUpperCase() && e.words.length >= 2 && initials(e.words) === key) {
          target = e.index; reason = `acronym of ${e.name}`; break;
        }
        // Short form: the first word(s) of a longer company name.
        if (e.type === 'ORG' && r.words.length < e.words.length && e.words.slice(0, r.words.length).join(' ') === key && !(r.words.length === 1 && GENERIC_FIRST.has(key))) {
          target = e.index; reason = `short form of ${e.name}`; break;
        }
      }
      if (r.type !== 'PER' && e.type === 'PER' && r.words.length === 1 && e.words.length >= 2 && e.words[e.words.length - 1] === key && /^\p{Lu}/u.test(r.text) && r.type !== 'LOC') {
        target = e.index; reason = `surname of ${e.name}`; break;
      }
      if (r.type === 'PER' && sameType && r.words.length === 1 && e.words.length >= 2 && e.words[e.words.length - 1] === key) {
        target = e.index; reason = `surname of ${e.name}`; break;
      }
    }
    if (target < 0) {
      target = entities.length;
      entities.push({ index: target, type: r.type, name: r.text, aliases: new Set(), mentions: [], key, words: r.words, reasons: [] });
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
  // Name = the longest form (first such); aliases = the other forms.
  for (const e of entities) {
    let best = e.mentions[0].text;
    for (const m of e.mentions) if (nameWords(m.text).length > nameWords(best).length || (m.text.length > best.length && nameWords(m.text).length === nameWords(best).length)) best = m.text;
    e.name = best;
    for (const m of e.mentions) if (m.text !== best) e.aliases.add(m.text);
  }
  return { entities, mentions };
}
