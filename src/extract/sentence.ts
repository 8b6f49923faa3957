/**
 * A sentence as a pattern string for the fact rules: lowercased tokens joined
 * by single spaces, with every entity mention replaced by a placeholder
 * (`@O3` = ORG entity 3, `@P`/`@L`/`@X` for PER/LOC/MISC), values by `@M2`
 * (MONEY), `@C0` (PERCENT), `@D1` (DATE) indexing the article's value list, and
 * "the company"/"the group"… by `@A` (resolved by the rules). Each piece keeps
 * its character offsets, so any regex match maps back to the article text.
 */
import type { Tokens } from '../nlp/tokenize.js';
import type { Span } from '../nlp/index.js';
import type { Mention } from './entities.js';

export interface SentenceView {
  index: number;
  start: number;
  end: number;
  pat: string;
  /** per piece: start in pat, and original offsets */
  pieceAt: Int32Array;
  origStart: Int32Array;
  origEnd: Int32Array;
}

export const TYPE_LETTER: Record<string, string> = { ORG: 'O', PER: 'P', LOC: 'L', MISC: 'X', MONEY: 'M', PERCENT: 'C', DATE: 'D' };
const ANAPHORS = new Map([
  ['the company', 1], ['the group', 1], ['the firm', 1], ['the concern', 1], ['the bank', 1], ['the carmaker', 1],
  ['the automaker', 1], ['the insurer', 1], ['the retailer', 1], ['the utility', 1], ['the airline', 1], ['the partnership', 0],
]);

/**
 * Regulators, courts and governments oversee deals but are not parties to
 * them: "X told the Securities and Exchange Commission it bought…". They get
 * their own placeholder (`@G`) so no deal rule takes them for a company.
 */
export const RE_REGULATOR = /\b(?:Commission|Department|Ministry|Court|Agency|Authority|Administration|Federal Reserve|Fed|Treasury|Government|Parliament|Congress|Senate|Securities and Exchange|SEC|FTC|Bundeskartellamt|Monopolies)\b/;
/** A name ending in a company's legal form ("Federated Department Stores Inc", "Agency Rent-A-Car Inc") is a company, not a regulator. */
const RE_LEGAL_FORM_END = /\b(?:Inc|Corp|Co|Cos|Ltd|PLC|Plc|plc|AG|SA|NV|N\.V|BV|SpA|GmbH|KK|Stores|Holdings|Industries)\.?$/;
/** A regulator, court or government's name, not a company that has one of their words in its name. */
export const isRegulator = (name: string): boolean => RE_REGULATOR.test(name) && !RE_LEGAL_FORM_END.test(name.trim());

/** A capitalized phrase the recognizer did not tag (`the Golden Nugget Casino Hotel`): `@K<n>` in pattern strings. */
export interface Candidate { start: number; end: number; text: string }

const CAND_STOP = new Set(('the a an it its he she they we i in on at for and but or of to by as if this that these those there their his her ' +
  'shares share stock class series common preferred net revs mln billion dlrs pct company corp inc ltd co group unit reuter mr mrs ms dr ' +
  // job titles stay words, for the role rules
  'ceo cfo coo chairman chairwoman president chief executive officer vice senior managing director treasurer secretary minister governor spokesman spokeswoman founder').split(' '));
const RE_DESCRIPTOR = /-(?:based|quoted|listed|registered|owned|controlled|held|chartered)$/i;
const CONNECT = new Set(['of', 'and', '&', 'de', 'du']);

/**
 * Builds the views of all sentences. `values` are analyze()'s MONEY/PERCENT/DATE
 * spans in article order; unrecognized capitalized phrases are appended to `candidates`.
 */
/**
 * The first MISC or LOC mention starting at `pos`. `mentions` are sorted by
 * start, so this is a binary search (a scan per "the" was quadratic on long texts).
 */
function placeMentionAt(mentions: readonly Mention[], pos: number): Mention | undefined {
  let lo = 0, hi = mentions.length;
  while (lo < hi) { const mid = (lo + hi) >> 1; if (mentions[mid].start < pos) lo = mid + 1; else hi = mid; }
  for (let i = lo; i < mentions.length && mentions[i].start === pos; i++) if (mentions[i].type === 'MISC' || mentions[i].type === 'LOC') return mentions[i];
  return undefined;
}

export function sentenceViews(tok: Tokens, mentions: readonly Mention[], values: readonly Span[], candidates: Candidate[] = []): SentenceView[] {
  const text = tok.text;
  const views: SentenceView[] = [];
  let mi = 0, vi = 0;
  for (let s = 0; s < tok.sentences; s++) {
    const a = tok.sent[s], b = tok.sent[s + 1];
    if (a >= b) continue;
    const sStart = tok.start[a], sEnd = tok.end[b - 1];
    const parts: string[] = [];
    const pAt: number[] = [], oS: number[] = [], oE: number[] = [];
    let len = 0;
    const push = (p: string, os: number, oe: number) => {
      if (parts.length) len += 1;
      pAt.push(len); oS.push(os); oE.push(oe);
      parts.push(p);
      len += p.length;
    };
    while (mi < mentions.length && mentions[mi].end <= sStart) mi++;
    while (vi < values.length && values[vi].end <= sStart) vi++;
    let t = a;
    while (t < b) {
      const ts = tok.start[t];
      // A value or mention starting at (or covering) this token?
      while (vi < values.length && values[vi].end <= ts) vi++;
      while (mi < mentions.length && mentions[mi].end <= ts) mi++;
      const v = vi < values.length && values[vi].start <= ts && values[vi].end > ts ? values[vi] : null;
      const m = !v && mi < mentions.length && mentions[mi].start <= ts && mentions[mi].end > ts ? mentions[mi] : null;
      // "Miami-based", "London-quoted": a descriptor, not a party: it stays a word.
      if (!v && m && RE_DESCRIPTOR.test(m.text)) {
        push(text.slice(m.start, m.end).toLowerCase().replace(/\s+/g, '-'), Math.max(m.start, sStart), Math.min(m.end, sEnd));
        while (t < b && tok.start[t] < m.end) t++;
        continue;
      }
      if (v || m) {
        const sp = (v ?? m)!;
        const ph = v ? `@${TYPE_LETTER[v.type]}${vi}` : isRegulator(m!.text) ? `@G${m!.entity}` : `@${TYPE_LETTER[m!.type]}${m!.entity}`;
        push(ph, Math.max(sp.start, sStart), Math.min(sp.end, sEnd));
        while (t < b && tok.start[t] < sp.end) t++;
        continue;
      }
      const raw = text.slice(ts, tok.end[t]);
      // Reuters angle brackets around a name ("sold its holding in <Slater Walker Ltd>"): the name stands alone.
      if (raw === '<' && t + 1 < b && mi < mentions.length && mentions[mi].start === tok.start[t + 1]) { t++; continue; }
      if (raw === '>' && parts.length && /^@[OPLXG]\d+$/.test(parts[parts.length - 1]) && text.slice(oE[oE.length - 1], ts).trim() === '') { t++; continue; }
      // A Reuters ticker, "<BA>", is not a word of the sentence.
      if (raw === '<') {
        const close = text.indexOf('>', ts);
        if (close > ts && close - ts <= 12 && /^<[A-Z0-9.]{1,8}>$/.test(text.slice(ts, close + 1))) {
          while (t < b && tok.start[t] <= close) t++;
          continue;
        }
      }
      const w = raw.toLowerCase();
      // Unrecognized capitalized phrase: a candidate name.
      if (isTitle(raw) && !CAND_STOP.has(w) && !/-(?:based|owned|held|controlled|listed|registered)$/.test(w)) {
        let e = t + 1, last = t;
        while (e < b) {
          const x = text.slice(tok.start[e], tok.end[e]);
          if (isTitle(x) && !CAND_STOP.has(x.toLowerCase()) && !/-(?:based|owned|held)$/i.test(x)) { last = e; e++; continue; }
          if (CONNECT.has(x) && e + 1 < b && isTitle(text.slice(tok.start[e + 1], tok.end[e + 1]))) { e++; continue; }
          break;
        }
        // Stop before any value or mention inside the run.
        let stop = last;
        while (stop > t && ((vi < values.length && values[vi].start < tok.end[stop] && values[vi].start >= ts) || (mi < mentions.length && mentions[mi].start < tok.end[stop] && mentions[mi].start >= ts))) stop--;
        const multi = stop > t;
        if (multi || t > a) {
          candidates.push({ start: ts, end: tok.end[stop], text: text.slice(ts, tok.end[stop]).replace(/\s+/g, ' ') });
          push(`@K${candidates.length - 1}`, ts, tok.end[stop]);
          t = stop + 1;
          continue;
        }
      }
      if (w === 'the' && t + 1 < b) {
        const two = 'the ' + text.slice(tok.start[t + 1], tok.end[t + 1]).toLowerCase();
        if (ANAPHORS.get(two) === 1) { push('@A', ts, tok.end[t + 1]); t += 2; continue; }
        // "the French group", "the U.S. carmaker": a nationality or place between "the" and the noun.
        const mid = placeMentionAt(mentions, tok.start[t + 1]);
        if (mid) {
          let k = t + 1;
          while (k < b && tok.start[k] < mid.end) k++;
          if (k < b && ANAPHORS.get('the ' + text.slice(tok.start[k], tok.end[k]).toLowerCase()) === 1) { push('@A', ts, tok.end[k]); t = k + 1; continue; }
        }
      }
      push(w, ts, tok.end[t]);
      t++;
    }
    views.push({ index: s, start: sStart, end: sEnd, pat: parts.join(' '), pieceAt: Int32Array.from(pAt), origStart: Int32Array.from(oS), origEnd: Int32Array.from(oE) });
  }
  return views;
}

function isTitle(x: string): boolean {
  const c = x.charCodeAt(0);
  if (!(c >= 65 && c <= 90)) return false;
  if (x.length === 1) return false;
  const d = x.charCodeAt(1);
  return (d >= 97 && d <= 122) || (x.length <= 4 && x === x.toUpperCase() && /^[A-Z&]+$/.test(x));
}

/** Original [start, end) of the pattern-string range [ps, pe). */
export function toOffsets(v: SentenceView, ps: number, pe: number): { start: number; end: number } {
  // First piece ending after ps, last piece starting before pe.
  let lo = 0, hi = v.pieceAt.length - 1, first = 0;
  while (lo <= hi) { const mid = (lo + hi) >> 1; if (v.pieceAt[mid] <= ps) { first = mid; lo = mid + 1; } else hi = mid - 1; }
  let last = first;
  while (last + 1 < v.pieceAt.length && v.pieceAt[last + 1] < pe) last++;
  return { start: v.origStart[first], end: v.origEnd[last] };
}

/**
 * An appositive or relative clause right after a name, between commas:
 * "X , a unit of Y , said …", "X , which is acting with Y , has bought …",
 * "X , IC Gas , said …". Returns the sentence without it, and where the cut
 * was in the original pattern (the clause's range).
 */
const RE_APPOSITIVE = / , (?:(?:a|an|the|which|who|whose|one of|parent of|owner of)(?: [^ ,;]+){1,18}?|@O\d+) ,(?= )/g;
export function withoutAppositive(v: SentenceView): { view: SentenceView; cutStart: number; cutEnd: number } | null {
  RE_APPOSITIVE.lastIndex = 0;
  for (const m of v.pat.matchAll(RE_APPOSITIVE)) {
    const before = v.pat.slice(0, m.index!);
    if (!/(?:^| )@[OPK]\d+$/.test(before)) continue;
    const tail = v.pat.slice(m.index! + m[0].length);
    // A list ("X , the Y , and Z") or a clause that runs to the end is not an aside.
    if (/^ (?:and|or)\b|^ @O\d+ (?:,|and|or)\b/.test(tail) || tail.trim() === '' || tail.trim() === '.') continue;
    const cutStart = m.index!, cutEnd = m.index! + m[0].length;
    const keep: number[] = [];
    for (let i = 0; i < v.pieceAt.length; i++) if (v.pieceAt[i] < cutStart + 1 || v.pieceAt[i] >= cutEnd) keep.push(i);
    const parts = v.pat.split(' ');
    if (parts.length !== v.pieceAt.length) return null;
    const pAt: number[] = [];
    let len = 0;
    const kept = keep.map((i, j) => { if (j) len += 1; pAt.push(len); len += parts[i].length; return parts[i]; });
    return {
      view: { index: v.index, start: v.start, end: v.end, pat: kept.join(' '), pieceAt: Int32Array.from(pAt), origStart: Int32Array.from(keep.map((i) => v.origStart[i])), origEnd: Int32Array.from(keep.map((i) => v.origEnd[i])) },
      cutStart, cutEnd,
    };
  }
  return null;
}
