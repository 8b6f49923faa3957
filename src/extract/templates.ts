/**
 * Reuters acquisition templates (ACQUIRED, ACQBUS, ACQLOC, DLRAMT, PURCHASER,
 * SELLER, STATUS) from extractions, the answer-key format, and the classic
 * scoring rule of ../shared/README.md: a key filler is found when one output
 * string of its slot equals one of its alternatives exactly; recall = found /
 * key fillers, precision = found / output strings, micro-averaged.
 */
import { DealgraphError } from '../errors.js';
import { RE_PER_SHARE_AFTER } from './cues.js';
import { collapse } from './entities.js';
import type { Explanation } from './index.js';
import type { Extraction, Fact } from './schema.js';

export const SLOTS = ['ACQUIRED', 'ACQBUS', 'ACQLOC', 'DLRAMT', 'PURCHASER', 'SELLER', 'STATUS'] as const;
export type Slot = (typeof SLOTS)[number];
export type Template = Record<Slot, string[]>;
/** A key: per slot, the fillers, each a list of alternatives. */
export type KeyTemplate = Record<Slot, string[][]>;


export interface TemplateContext {
  text: string;
  extraction: Extraction;
  explanations: Explanation[];
}

/** The article's template: from its best acquisition (or merger) fact; empty when it has none. */
export function toTemplate({ text, extraction: x, explanations }: TemplateContext): Template {
  const t: Template = { ACQUIRED: [], ACQBUS: [], ACQLOC: [], DLRAMT: [], PURCHASER: [], SELLER: [], STATUS: [] };
  const ent = new Map(x.entities.map((e) => [e.id, e]));
  // Deals: acquisitions, mergers, and stakes bought, raised or cut (shares changing hands).
  let deals = x.facts
    .map((f, i) => ({ f: asDeal(f, explanations[i]), e: explanations[i] }))
    .filter(({ f }) => (f.type === 'acquisition' || f.type === 'merger') && !f.negated);
  // An asset sale only when no company changes hands.
  if (deals.length === 0) deals = x.facts.map((f, i) => ({ f, e: explanations[i] })).filter(({ f }) => (f.type === 'asset_sale' || f.type === 'asset_purchase') && !f.negated);
  if (deals.length === 0) return t;
  // Best: the lead states the main deal, so the earliest sentence first; then acquisitions before mergers, then confidence.
  const sentenceOf = (f: Fact) => { const at = f.evidence[0].start; let k = 0; for (const b of sentenceStarts(text)) if (b <= at) k++; return k; };
  deals.sort((a, b) => sentenceOf(a.f) - sentenceOf(b.f) || (a.f.type === b.f.type ? 0 : a.f.type === 'acquisition' ? -1 : 1) || b.f.confidence - a.f.confidence || a.f.evidence[0].start - b.f.evidence[0].start);
  const { f, e } = deals[0];
  let acquired: string | undefined, purchaser: string | null | undefined, seller: string | undefined;
  let acquiredText: string | undefined;
  if (f.type === 'acquisition') { acquired = f.args.target; purchaser = f.args.acquirer; seller = f.args.seller; }
  else if (f.type === 'asset_sale') {
    acquiredText = f.args.asset; purchaser = f.args.buyer; seller = f.args.seller;
    // "sell substantially all its assets", "the sale of a controlling interest in its common stock": the company sells itself.
    const ev = text.slice(f.evidence[0].start, f.evidence[0].end + 60).replace(/\s+/g, ' ');
    if (RE_SELLS_ITSELF.test(f.args.asset) || /\b(?:controlling|majority) (?:interest|stake) in its (?:own )?(?:[a-z]+ ){0,3}?(?:stock|shares)\b/.test(ev)) { acquired = seller; acquiredText = undefined; seller = undefined; }
  }
  else if (f.type === 'asset_purchase') { acquiredText = f.args.asset; purchaser = f.args.buyer; seller = f.args.seller; }
  else if (f.type === 'merger') {
    purchaser = f.args.parties[0]; acquired = f.args.parties[1];
    // Which side of a merger is bought: an acquisition of one by the other stated elsewhere in the article, or
    // "shareholders of X will receive …" / "X will become a unit of Y".
    const [p0, p1] = f.args.parties;
    const g = x.facts.find((h) => (h.type === 'acquisition' && !h.negated && ((h.args.acquirer === p1 && h.args.target === p0) || (h.args.acquirer === p0 && h.args.target === p1)))
      || (h.type === 'stake' && !h.negated && ((h.args.holder === p1 && h.args.company === p0) || (h.args.holder === p0 && h.args.company === p1))));
    // (or a stake one already holds in the other: "Independence now owns about 40 pct of South Atlantic")
    if (g && g.type === 'acquisition') { purchaser = g.args.acquirer ?? purchaser; acquired = g.args.target; }
    else if (g && g.type === 'stake') { purchaser = g.args.holder; acquired = g.args.company; }
    else {
      const holdersOf = (id: string) => (ent.get(id)?.mentions ?? []).some((m) => RE_HOLDERS_BEFORE.test(text.slice(Math.max(0, m.start - 40), m.start).replace(/\s+/g, ' ')) && RE_RECEIVE_AFTER.test(text.slice(m.end, m.end + 60).replace(/\s+/g, ' '))
        || RE_HOLDERS_AFTER.test(text.slice(m.end, m.end + 60).replace(/\s+/g, ' ')));
      if (holdersOf(p0) && !holdersOf(p1)) { purchaser = p1; acquired = p0; }
    }
  }
  const places = new Set(x.entities.filter((l) => l.type === 'LOC').map((l) => l.name));
  let strippedTown: string | undefined;
  const nameOf = (id: string | null | undefined) => {
    const e = id ? ent.get(id) : undefined;
    if (!e) return undefined;
    // "First Presidential Savings and Loan Association of Sarasota": the keys name the company without its town ("Bank of X" keeps it).
    const m = /^(.+?) of ((?:the )?[A-Z][\w.]*(?: [A-Z][\w.]*)?)$/.exec(e.name);
    if (m && !/\bBank$/i.test(m[1]) && m[1].split(' ').length >= 2) {
      const after = e.mentions.map((mm) => text.slice(mm.end, mm.end + 12));
      if (places.has(m[2]) || after.some((a) => /^,\s+[A-Z][a-z]*\.?[\s,]/.test(a))) {
        if (id === acquired) {
          // The town left out of the name is where the company is: "... Association of Woodward, Oklahoma".
          const st = e.mentions.map((mm) => RE_STATE_AFTER.exec(text.slice(mm.end, mm.end + 24))).find(Boolean);
          strippedTown = m[2] + (st ? ', ' + st[1] : '');
        }
        return m[1];
      }
    }
    return e.name;
  };
  const push = (slot: Slot, s: string | undefined | null) => { if (s && !t[slot].includes(collapse(s))) t[slot].push(collapse(s)); };
  push('ACQUIRED', nameOf(acquired) ?? acquiredText);
  // Several companies bought together in the same sentence by the same buyer ("acquired X and Y").
  if (f.type === 'acquisition') {
    for (const { f: g } of deals) {
      if (g === f || g.type !== 'acquisition' || sentenceOf(g) !== sentenceOf(f) || g.args.acquirer !== f.args.acquirer || g.args.seller !== f.args.seller || g.status !== f.status) continue;
      push('ACQUIRED', nameOf(g.args.target));
    }
  }
  // Another sentence about the same company bought may name the buyer or seller the lead left out.
  if (f.type === 'acquisition') {
    for (const { f: g } of deals) {
      if (g === f || g.type !== 'acquisition' || g.args.target !== f.args.target) continue;
      if (!purchaser && g.args.acquirer && g.args.acquirer !== seller) purchaser = g.args.acquirer;
      if (!seller && g.args.seller && g.args.seller !== purchaser) seller = g.args.seller;
    }
  }
  // A unit changing hands is sold by its parent ("Page-Wilson Corp's Measurement Systems Division").
  if (f.type === 'acquisition' && !seller) {
    const parent = x.facts.find((g) => g.type === 'subsidiary' && !g.negated && g.args.child === f.args.target && g.args.parent !== purchaser);
    if (parent && parent.type === 'subsidiary') seller = parent.args.parent;
  }
  // "The company said the sale to a subsidiary of Senior Engineering Group PLC will take place this month": a buyer named later.
  if (!purchaser && (f.type === 'acquisition' || f.type === 'asset_sale')) {
    const orgs = x.entities.filter((o) => o.type === 'ORG' && o.id !== seller && o.id !== acquired);
    let best: { id: string; at: number } | null = null;
    for (const o of orgs) for (const m of o.mentions) {
      if (m.start < f.evidence[0].start || !RE_SALE_TO_BEFORE.test(text.slice(Math.max(0, m.start - 80), m.start).replace(/\s+/g, ' '))) continue;
      if (!best || m.start < best.at) best = { id: o.id, at: m.start };
    }
    if (best) purchaser = best.id;
  }
  push('PURCHASER', nameOf(purchaser));
  push('SELLER', nameOf(seller));
  if ((f.type === 'acquisition' || f.type === 'asset_sale' || f.type === 'asset_purchase') && f.args.value) push('DLRAMT', undisclosedWord(f.args.value.text));
  else {
    // "Terms were not disclosed" anywhere in the article; else an amount the deal is for, paid, valued at or worth.
    const u = RE_UNDISCLOSED.exec(text);
    if (u) push('DLRAMT', undisclosedWord(u[1] ?? u[2]));
    else push('DLRAMT', dealAmount(text));
  }
  const st = e?.statusText ? keyStatus(e.statusText) : null;
  if (st) push('STATUS', st);
  // Location and business of the acquired company, from its mentions' immediate context.
  const target = acquired ? ent.get(acquired) : undefined;
  // The place of an asset bought: the first mention of it inside the deal's evidence.
  const where = f.type === 'asset_purchase' && f.args.location ? ent.get(f.args.location) : undefined;
  if (where) {
    const locs = x.entities.filter((l) => l.type === 'LOC').flatMap((l) => l.mentions).sort((a, b) => a.start - b.start);
    const m = where.mentions.find((mm) => mm.start >= f.evidence[0].start && mm.end <= f.evidence[0].end) ?? where.mentions[0];
    push('ACQLOC', placeAsWritten(text, m, locs));
  }
  if (strippedTown) push('ACQLOC', strippedTown);
  // An asset's place: "its Oklahoma-based oil and gas unit", "water properties … in four southwestern Kansas communities".
  if ((f.type === 'asset_sale' || f.type === 'asset_purchase') && t.ACQLOC.length === 0) {
    const based = /^(?:[\w-]+ )*?([A-Z][\w.]*(?: [A-Z][\w.]*)?)-based\b/.exec(f.args.asset);
    if (based) push('ACQLOC', based[1]);
    else {
      const ev = f.evidence[0];
      const locs = x.entities.filter((l) => l.type === 'LOC').flatMap((l) => l.mentions).sort((a, b) => a.start - b.start);
      const assetAt = text.indexOf(f.args.asset, ev.start);
      const l = assetAt < 0 ? undefined : locs.find((m) => m.start > assetAt && m.start < assetAt + f.args.asset.length + 80 && RE_IN_PLACE_BEFORE.test(text.slice(Math.max(assetAt, m.start - 60), m.start).replace(/\s+/g, ' ')));
      if (l) {
        push('ACQLOC', placeAsWritten(text, l, locs));
      }
    }
  }
  if (target) {
    const nations = new Set(x.entities.filter((l) => l.type === 'MISC' || l.type === 'LOC').map((l) => l.name));
    const locs = x.entities.filter((l) => l.type === 'LOC' || (l.type === 'MISC' && /^(?:U\.S\.|[A-Z][a-z]+)$/.test(l.name))).flatMap((l) => l.mentions).sort((a, b) => a.start - b.start);
    const mentions = [...target.mentions, ...shortMentions(text, target.name, target.mentions)].sort((a, b) => a.start - b.start);
    // "to buy a gypsum wallboard plant in Seattle": the deal names a place where the thing bought is.
    const first = mentions[0];
    if (!RE_COMPANY_WORD.test(target.name) && RE_FACILITY_IN.test(text.slice(Math.max(0, first.start - 60), first.start).replace(/\s+/g, ' '))) {
      push('ACQLOC', withState(text, first, locs));
    }
    for (const m of mentions) {
      if (t.ACQLOC.length === 0) { const loc = locationOf(text, m, locs, nations); if (loc) push('ACQLOC', loc); }
      if (t.ACQBUS.length === 0) { const bus = businessOf(text, m); if (bus) push('ACQBUS', bus); }
    }
  }
  return t;
}

/**
 * The status phrase as the keys write it: "agreement in principle" without
 * "reached an", "agreed" for "agreed to merge"; none for words that only name
 * the deal or a share purchase ("offer", "bid", "tender offer", "agreement", "bought"),
 * which the keys leave out or phrase otherwise. A stake change stays as
 * written ("raised its stake").
 */
function keyStatus(s: string): string | null {
  const p = /\b(agreement in princip(?:le|al))\b/i.exec(s);
  if (p) return p[1];
  if (/^agreed to merge$/i.test(s)) return 'agreed';
  if (/^(?:bought|offer|offered|bid|tender offer|agreement|proposal|proposed|considering|discussions)$/i.test(s)) return null;
  return s;
}

/** A stake fact whose shares changed hands, as the acquisition (or sale) it is in the templates' terms. */
function asDeal(f: Fact, e: Explanation | undefined): Fact {
  if (f.type !== 'stake' || !e?.stakeChange) return f;
  const a = f.args;
  const args = e.stakeChange === 'down' ? { acquirer: null, seller: a.holder, target: a.company, percent: a.percent ?? undefined }
    : { acquirer: a.holder, target: a.company, percent: a.percent ?? undefined, ...(a.seller ? { seller: a.seller } : {}), ...(a.value ? { value: a.value } : {}) };
  // "will take a 20 pct stake": agreed, not done.
  return { ...f, type: 'acquisition', args, status: e.stakeStatus ?? (/^(?:will|to) /.test(e.statusText ?? '') ? 'agreed' : 'completed') } as Fact;
}

/** Rough sentence starts (after . ! ? followed by space and a capital, and paragraph breaks), for ordering only. */
function sentenceStarts(text: string): number[] {
  const out: number[] = [];
  for (const m of text.matchAll(/[.!?]\s+(?=[A-Z"])|\n\s*\n|\n {2,}/g)) out.push(m.index! + m[0].length);
  return out;
}

/** "shareholders of X will receive", "X shareholders would receive", "each X share will be converted": X is the company bought. */
const RE_HOLDERS_BEFORE = /\b(?:shareholders|stockholders|holders) of (?:each share of )?$/i;
const RE_RECEIVE_AFTER = /^(?:'s)?(?: common)?(?: stock)?,? (?:will|would|are to|to) (?:receive|get|be offered)\b/i;
const RE_HOLDERS_AFTER = /^(?:'s)?(?: common)? (?:shareholders|stockholders|holders|share|shares|stock) (?:(?:will|would|are to|to) (?:receive|get|be converted|be exchanged)|(?:have |has )?(?:approved|voted)|(?:will|would) vote)\b/i;
const RE_SELLS_ITSELF = /^(?:(?:substantially |virtually )?all (?:of )?)?(?:its|their) (?:assets|business|businesses|operations)$/;
const RE_SALE_TO_BEFORE = /\b(?:the|its|this) (?:proposed |planned |pending )?sale (?:[a-z]+ ){0,4}?to (?:(?:a|an|the) )?(?:(?:wholly[- ]owned |newly[- ]formed )?(?:subsidiary|unit|affiliate) of |(?:company formed|group led) by )?$/;
/** "… in four southwestern ", "… in the ", "… located in ": a place follows. */
const RE_IN_PLACE_BEFORE = /\b(?:in|near)(?: the)?(?: [a-z0-9-]+){0,2}? (?:(?:north|south|east|west)(?:ern|east|west|eastern|western)?|central)? ?$/;
const RE_STATE_AFTER = /^,\s*((?:[A-Z][a-z]{1,4}\.|[A-Z]\.[A-Z]\.|[A-Z][a-z]+(?: [A-Z][a-z]+)?))(?=[\s,.;]|$)/;
const RE_DIRECTION_BEFORE = /\b((?:north|south|east|west)(?:ern|east|west|eastern|western)?|central)\s+$/i;
const RE_COMPANY_WORD = /\b(?:Inc|Corp|Corporation|Co|Cos|Company|Ltd|Limited|PLC|Plc|AG|SA|NV|BV|SpA|GmbH|Group|Holdings?|Bank|Bancorp|Partners|Associates|Industries|Systems|Trust|Association)\b/;
/** "a gypsum wallboard plant in ", "ten pizza restaurants in ", "its branch in ". */
const RE_FACILITY_IN = /\b(?:plants?|mills?|facility|facilities|refinery|restaurants?|stores?|hotels?|branch|branches|properties|field|fields|mines?|stations?|newspapers?|complex|factory|factories|hospitals?|centers?|centres?|terminals?|warehouses?) (?:located |based )?in (?:the )?$/;
const RE_LOC_LINK = /^(?:\s*,?\s*(?:a|an)\s+[^.;()]{0,70}?)?(?:\s+(?!said|says|told|announced|reported|is|was|has|had|will|would)[a-z][\w-]*){0,3}\s*,?\s*(?:in|of|(?:(?:is|was)\s+)?(?:based|located|headquartered)\s+(?:(?:mainly|primarily|principally|largely)\s+)?in|near)\s+(?:the\s+)?(?:(?:north|south|east|west)(?:ern|east|west|eastern|western)?\s+|central\s+)?$/;
/** "X, a Philadelphia-based company", "Hayes, a Jackson, Mich.-based maker". */
const RE_BASED_AFTER = /^\s*(?:,|\s+is|\s+was)\s*(?:a|an)\s+(?:[a-z-]+\s+){0,2}([A-Z][\w.]*(?:\s+[A-Z][\w.]*)?(?:,\s*[A-Z][\w.]*)?)-based\b/;
/** "its Canadian courier unit, X", "X, a Canadian wood window manufacturer": a nationality describing the company. */
const RE_NATION_BEFORE = /\b(?:its|the|a|an)\s+([A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)\s+(?:[a-z][\w-]*\s+){0,4}(?:business|division|unit|subsidiary|company|affiliate|concern|firm)\s*,?\s*$/;
const RE_NATION_AFTER = /^\s*,\s*(?:a|an)\s+([A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)\s+[a-z]/;
const RE_BASED_BEFORE = /([A-Z][\w.]*(?:\s+[A-Z][\w.]*)?)\s*-\s*based\s+(?:[a-z]+\s+){0,3}$/;

type Loc = { start: number; end: number };
/** "X in Atlantic City, New Jersey", "X of Salem, Ore.", "a firm based in Malvern, Pa", "Miami-based X", "Englewood, Colo., homebuilder X". */
function locationOf(text: string, m: Loc, locs: Loc[], nations?: Set<string>): string | null {
  const rest = /[.;]\s+[A-Z"]|\n\s*\n/.exec(text.slice(m.end));
  const sentenceEnd = rest ? m.end + rest.index : text.length;
  for (const l of locs) {
    if (l.start < m.end) continue;
    if (l.start > sentenceEnd || l.start - m.end > 110) break;
    // "Vernell's, based in Bellevue": the name's own "'s" when the recognizer left it out.
    const between = text.slice(m.end, l.start).replace(/^'s(?=\s*,)/, '');
    // "Marketing Technologies Group Inc, Rockville Center, N.Y.": a town and state set off by commas right after the name.
    const townState = /^\s*,\s*$/.test(between) && RE_STATE_AFTER.test(text.slice(l.end, l.end + 24));
    if (!townState && !RE_LOC_LINK.test(between)) continue;
    return placeAsWritten(text, l, locs);
  }
  const based = RE_BASED_BEFORE.exec(text.slice(Math.max(0, m.start - 60), m.start)) ?? RE_BASED_AFTER.exec(text.slice(m.end, m.end + 60));
  if (based) return collapse(based[1]);
  const nation = RE_NATION_BEFORE.exec(text.slice(Math.max(0, m.start - 80), m.start).replace(/\s+/g, ' ')) ?? RE_NATION_AFTER.exec(text.slice(m.end, m.end + 40));
  if (nation && nations?.has(nation[1])) return nation[1];
  // "Englewood, Colo., homebuilder Winley Inc": a place and a descriptor right before the name.
  const prevLoc = [...locs].reverse().find((l) => l.end <= m.start && m.start - l.end < 40 && /^\s*(?:,\s*[A-Z][\w.]*(?:\s+[A-Z][\w.]*)?\s*)?,\s*(?:[a-z-]+\s+){1,3}$/.test(text.slice(l.end, m.start)));
  if (prevLoc) {
    const st = /^,\s*([A-Z][\w.]*(?:\s+[A-Z][\w.]*)?)\s*,/.exec(text.slice(prevLoc.end, m.start));
    return collapse(text.slice(prevLoc.start, prevLoc.end) + (st ? ', ' + st[1] : ''));
  }
  return null;
}

const RE_GENERIC_HEAD = /^(?:First|American|National|General|United|International|Federal|Western|Eastern|Northern|Southern|Central|New|North|South|East|West|Great|Royal|Standard|Continental|Pacific|Atlantic|Allied|Consolidated|Security|Capital|Home|State|City|Union|Citizens|Peoples|Commercial|Financial|Industrial|Bank|Savings|Trust|Group|Holdings?|Company|Corporation|The)$/;
/**
 * Where the article names the company by its first word alone ("Flagship is based in Philadelphia",
 * "Vernell's, based in Bellevue"), which the recognizer often leaves untagged: the places to read its
 * location and business from, besides its tagged mentions.
 */
function shortMentions(text: string, name: string, tagged: readonly Loc[]): Loc[] {
  // The first word, or its part before a hyphen ("Hayes" for "Hayes-Albion Corp").
  const head = /^([A-Z][a-z][\w']{2,}?)(?:'s)?(?=[\s-]|$)/.exec(name)?.[1];
  if (!head || RE_GENERIC_HEAD.test(head) || name === head) return [];
  const out: Loc[] = [];
  for (const m of text.matchAll(new RegExp(`\\b${head.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?:'s)?(?![\\w-])`, 'g'))) {
    const start = m.index!, end = start + m[0].length;
    if (tagged.some((t) => start < t.end && end > t.start)) continue;
    // Only the name standing alone, not the start of another name ("Flagship Cleaning Services", "Flagship Bank").
    if (/^\s+[A-Z]/.test(text.slice(end, end + 3))) continue;
    out.push({ start, end });
  }
  return out;
}

/** A place with the direction word before it ("southeastern Colorado", "northwestern United States") and its state. */
function placeAsWritten(text: string, l: Loc, locs: Loc[]): string {
  const dir = RE_DIRECTION_BEFORE.exec(text.slice(Math.max(0, l.start - 20), l.start));
  return (dir ? dir[1] + ' ' : '') + withState(text, l, locs);
}

/** "Urbana" + ", Md." / ", New Jersey" when a state or country follows. */
function withState(text: string, l: Loc, locs: Loc[]): string {
  const name = text.slice(l.start, l.end);
  const next = locs.find((n) => n.start > l.end && n.start - l.end <= 3 && /^\s*,\s*$/.test(text.slice(l.end, n.start)));
  if (next) {
    const state = text.slice(next.start, next.end);
    // "Salem, Ore., and": the abbreviation's period, unless it also ends the sentence ("based in Malvern, Pa.").
    const dot = /^[A-Z][a-z]{1,4}$/.test(state) && /^\.(?=\s*[,;)]|\s+[a-z])/.test(text.slice(next.end, next.end + 4)) ? '.' : '';
    return collapse(name + ', ' + state + dot);
  }
  const abbr = /^,\s*((?:[A-Z][a-z]{1,4}\.|[A-Z]\.[A-Z]\.|[A-Z][a-z]+))(?=[\s,.;]|$)/.exec(text.slice(l.end, l.end + 20));
  if (!abbr) return collapse(name);
  const after = text.slice(l.end + abbr[0].length, l.end + abbr[0].length + 4);
  const state = /^[A-Z][a-z]{1,4}\.$/.test(abbr[1]) && !/^(?:\s*[,;)]|\s+[a-z])/.test(after) ? abbr[1].slice(0, -1) : abbr[1];
  return collapse(`${name}, ${state}`);
}

const BUS_STOP = String.raw`(?=\s+(?:to|in|with|based|which|that|from|at|through|under|since|serving)\b|\s*[,.;()"]|\s*$)`;
const ADJ = String.raw`(?:(?:privately|closely|publicly|family|wholly|majority)[- ]?(?:held|owned)\s+|(?:[A-Z][\w.]*,?\s+)*[\w.]+\s*-\s*based\s+|(?:leading|major|private|small|large|diversified|U\.S\.|British|Canadian|West German|Japanese|French|regional|national|independent)\s+)*`;
const HEAD = String.raw`(?:company|companies|concern|firm|group|business|operator|chain|retailer|bank|holding company|corporation)`;
const RE_BUS_OF = new RegExp(String.raw`^\s*(?:,|\s+is|\s+was|\s+are)\s+(?:one of\s+)?(?:a|an|the)\s+${ADJ}(?:[\w.'’-]+\s+){0,2}?(?:maker|makers|manufacturer|manufacturers|producer|producers|distributor|supplier|operator|provider|developer|publisher|marketer|designer|processor|owner|retailer)\s+of\s+([\w&/'-]+(?:\s+[\w&/'-]+){0,8}?)${BUS_STOP}`, 'i');
const RE_BUS_HEAD = new RegExp(String.raw`^\s*(?:,|\s+is|\s+was)\s+(?:a|an)\s+${ADJ}([\w&/'-]+(?:\s+[\w&/'-]+){0,5}?)\s+${HEAD}\b`, 'i');
const RE_BUS_SPECIAL = new RegExp(String.raw`^\s*,\s*(?:a|an)\s+[^,.;]{0,50}?\s+(?:specializing|specialising|engaged|involved)\s+in\s+([\w&/'-]+(?:\s+[\w&/'-]+){0,6}?)${BUS_STOP}`, 'i');
const BUS_VERBS = String.raw`(?:makes|produces|manufactures|provides|develops|operates|owns and operates|distributes|publishes|sells|markets|designs|supplies|leases|builds|remarkets)`;
/** \"X makes Y\", \"X, which leases and remarkets Y\", \"X, a Philadelphia-based company which leases Y\". */
const RE_BUS_VERB = new RegExp(String.raw`^(?:\s*,\s*(?:(?:a|an)\s+[^,.;]{0,50}?\s+(?:company|firm|concern)\s+)?(?:which|that)\s+|\s+)(?:also\s+)?${BUS_VERBS}(?:\s+and\s+${BUS_VERBS})?\s+(?:about\s+|some\s+)?(?:[\d,]+\s+)?([\w&/'-]+(?:\s+[\w&/'-]+){0,6}?)${BUS_STOP}`, 'i');
/**
 * "Caledonian Airmotive repairs and rebuilds aircraft engines", "BresLube collects used lubricating oils": with a verb
 * other than making or selling, the keys write the business with its verb.
 */
const OTHER_BUS_VERBS = String.raw`(?:repairs|rebuilds|overhauls|collects|transports|processes|refines|recycles|installs|services|constructs|explores for|drills|mines|ships|trades|imports|exports|prints|packages|designs and builds)`;
const RE_BUS_VERB_KEPT = new RegExp(String.raw`^(?:\s*,\s*(?:based in [^,.;]{1,40},\s*)?(?:which|that)?\s*|\s+)(?:also\s+)?(${OTHER_BUS_VERBS}(?:\s+and\s+[a-z]+s)?\s+(?:[\d,]+\s+)?[\w&/'-]+(?:\s+[\w&/'-]+){0,8}?)${BUS_STOP}`, 'i');
const RE_BUS_LIST = new RegExp(String.raw`^((?:,\s*[a-z][\w&/'-]*(?:\s+[a-z][\w&/'-]*){0,3}?)+,?\s+and\s+[a-z][\w&/'-]*(?:\s+[a-z][\w&/'-]*){0,3}?)${BUS_STOP}`);
const RE_BUS_MAKER = new RegExp(String.raw`^\s*(?:,|\s+is|\s+was)\s+(?:a|an)\s+${ADJ}((?:[a-z][\w-]*,?\s+(?:and\s+)?){1,5}?(?:manufacturer|maker|producer|distributor|homebuilder|supplier))\b`, 'i');
/** "Guinness PLC's brewery division", "its heat transfer equipment business, Southwestern Engineering Co". */
const RE_BUS_UNIT_AFTER = /^\s*(?:'s)?\s+((?:[a-z][\w-]*,?\s+(?:and\s+)?){1,5}?)(?:business|division|unit|operations|subsidiary)\b/;
const RE_BUS_UNIT_BEFORE = /\b(?:its|the)\s+(?:[A-Z][a-z]+\s+)?((?:[a-z][\w-]*,?\s+(?:and\s+)?){1,5}?)(?:business|division|unit|subsidiary)\s*,?\s*$/;
/** "for supermarket chain operator Hillards Plc", "to buy cement maker X": what the company does, as a title before its name. */
const RE_BUS_ROLE_BEFORE = /\b(?:for|acquire|buy|of|with|purchase|bought|acquired)\s+((?:[a-z][\w-]*\s+){1,3}?)(?:operator|maker|manufacturer|producer|distributor|retailer|concern|group)\s+$/;
const RE_BUS_BEFORE = /(?:,|-based)\s+((?:[a-z][\w-]*\s+){1,3})$/;
const NOT_BUSINESS = /^(?:which|that|who|about|some|approximately|nearly|[0-9]|subsidiary|unit|division|company|concern|firm|group|holding company|holding|the|a|an|its|their|majority|minority|number|total|with|by|each|after|but|following|plan|values?|public|private|privately|wholly|closely|publicly)\b|\b(?:subsidiary|unit|shares?|stake|interest|pct|percent|based|held|owned|by|the|a|an|with|each|of|to|and|or)$/i;

/** What the acquired company does: "a maker of X", "a X concern", "X provides Y", "homebuilder X". */
function businessOf(text: string, m: Loc): string | null {
  const after = text.slice(m.end, m.end + 200).replace(/\s+/g, ' ');
  for (const re of [RE_BUS_OF, RE_BUS_SPECIAL, RE_BUS_VERB_KEPT, RE_BUS_VERB, RE_BUS_MAKER, RE_BUS_HEAD, RE_BUS_UNIT_AFTER]) {
    const b = re.exec(after);
    if (!b || NOT_BUSINESS.test(b[1].trim())) continue;
    // "a producer of salt, animal feed and seeds": a list the capture stopped in.
    const list = re === RE_BUS_OF || re === RE_BUS_VERB || re === RE_BUS_VERB_KEPT ? RE_BUS_LIST.exec(after.slice(b.index + b[0].length)) : null;
    return (b[1].trim() + (list ? list[1] : '')).replace(/,$/, '');
  }
  const unit = RE_BUS_UNIT_BEFORE.exec(text.slice(Math.max(0, m.start - 80), m.start).replace(/\s+/g, ' '));
  if (unit && !NOT_BUSINESS.test(unit[1].trim())) return unit[1].trim().replace(/,$/, '');
  const role = RE_BUS_ROLE_BEFORE.exec(text.slice(Math.max(0, m.start - 60), m.start).replace(/\s+/g, ' '));
  if (role && !NOT_BUSINESS.test(role[1].trim())) return role[1].trim();
  const before = RE_BUS_BEFORE.exec(text.slice(Math.max(0, m.start - 40), m.start).replace(/\s+/g, ' '));
  if (before && !NOT_BUSINESS.test(before[1].trim()) && !/^(?:the|its|a|an|and|or|of|to|said|with|from)\b/.test(before[1].trim())) return before[1].trim();
  return null;
}

/** "Terms were not disclosed", "Terms of Pesch's offer have not been disclosed", "Terms were not released", "for undisclosed terms". */
const RE_UNDISCLOSED = /\b(?:terms|price|details)\b[^.;]{0,80}? (?:were|was|have|has|will|would|are|is)(?: not)? (?:be |been )?(undisclosed|not disclosed|not been disclosed|not be disclosed|not released|withheld)\b|\bfor (?:an? )?(undisclosed (?:sum|amount|price|cash sum|terms|consideration))\b/i;

const NUM = String.raw`(?:\d[\d,]*(?:\.\d+)?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|hundred)`;
const CURRENCY = String.raw`(?:(?:U\.S\.|Canadian|Australian|Hong Kong|New Zealand|Singapore|Swiss|French|Belgian) )?(?:dlrs?|stg|yen|marks|francs|guilders|lire|crowns|pesetas|rupees)`;
const AMOUNT = String.raw`${NUM}(?: (?:mln|billion|million))? ${CURRENCY}`;
const RE_DEAL_AMOUNT = new RegExp(String.raw`(?:\b(?:for|paid|pay|pays|paying|investing|valued at|value at|values [^.;]{1,40}? at|worth|consideration of|in return for|[Aa] total of|cost of|price (?:is|was|of|includes))|(?:\b(?:a|an|the)|\w'(?:s\b)?)(?= (?:[a-z]+ )?${AMOUNT} (?:bid|offer|deal|transaction|investment|takeover|acquisition|purchase|merger|equity investment)\b))(?: (?:about|approximately|around|an estimated|some|more than|over|nearly|almost|up to|a total of|a proposed))*\s+(${AMOUNT})(?!(?: cash)?\s*(?:-\s*)?(?:a|per|each)\b\s*(?:-\s*)?(?:share|unit)|\w)`, 'g');
const RE_NOT_PRICE = /\b(?:sales|revenues?|assets|debt|loss|losses|profits?|earnings|income|turnover|liabilities|dividends?)\b[^.;]{0,30}$/i;

/** "for about 240 mln dlrs", "paid about 6.1 mln dlrs", "valued at more than 83 mln dlrs", "the 265 mln dlr bid": the first amount a deal is for. */
function dealAmount(text: string): string | undefined {
  const flat = text.replace(/\s+/g, ' ');
  for (const m of flat.matchAll(RE_DEAL_AMOUNT)) {
    if (RE_NOT_PRICE.test(flat.slice(Math.max(0, m.index! - 40), m.index!))) continue;
    if (RE_PER_SHARE_AFTER.test(flat.slice(m.index! + m[0].length, m.index! + m[0].length + 60))) continue;
    return m[1];
  }
  return undefined;
}

/** The amount as the keys write undisclosed ones: "undisclosed sum", "not disclosed". */
function undisclosedWord(s: string): string {
  // "an undisclosed amount", "undisclosed terms", "an undisclosed price": the keys write "undisclosed" ("undisclosed sum" as written).
  const m = /\b(undisclosed (?:cash )?sum|undisclosed|not disclosed|not been disclosed|not be disclosed|not released|withheld)\b/i.exec(s);
  return m ? m[1] : s;
}

/** Writes templates in the answer keys' format. */
export function formatTemplate(name: string, t: Template): string {
  const lines = [`TEXT: ${name}`];
  for (const s of SLOTS) {
    if (t[s].length === 0) lines.push(`${s}: ---`);
    else for (const v of t[s]) lines.push(`${s}: "${v}"`);
  }
  return lines.join('\n') + '\n';
}

/** Parses an answer key file. */
export function parseKey(text: string, source = 'key'): { name: string; key: KeyTemplate } {
  const key: KeyTemplate = { ACQUIRED: [], ACQBUS: [], ACQLOC: [], DLRAMT: [], PURCHASER: [], SELLER: [], STATUS: [] };
  let name = '';
  for (const [i, raw] of text.split('\n').entries()) {
    const line = raw.trim();
    if (!line) continue;
    const m = /^([A-Z]+):\s*(.*)$/.exec(line);
    if (!m) throw new DealgraphError(`${source}:${i + 1}: expected "SLOT: value", found ${JSON.stringify(line)}`);
    if (m[1] === 'TEXT') { name = m[2].trim(); continue; }
    if (!(SLOTS as readonly string[]).includes(m[1])) throw new DealgraphError(`${source}:${i + 1}: expected one of ${SLOTS.join(', ')}, found ${m[1]}`);
    if (m[2].trim() === '---') continue;
    const alts = [...m[2].matchAll(/"([^"]*)"/g)].map((a) => a[1]);
    if (alts.length) key[m[1] as Slot].push(alts);
  }
  return { name, key };
}

export interface SlotScore { found: number; keyFillers: number; outputs: number; recall: number; precision: number; f: number }

export function scoreTemplates(pairs: { key: KeyTemplate; out: Template }[]): Record<Slot | 'TOTAL', SlotScore> {
  const acc: Record<string, { found: number; keyFillers: number; outputs: number }> = {};
  for (const s of [...SLOTS, 'TOTAL']) acc[s] = { found: 0, keyFillers: 0, outputs: 0 };
  for (const { key, out } of pairs) {
    for (const s of SLOTS) {
      const found = key[s].filter((alts) => out[s].some((o) => alts.includes(o))).length;
      for (const k of [s, 'TOTAL']) { acc[k].found += found; acc[k].keyFillers += key[s].length; acc[k].outputs += out[s].length; }
    }
  }
  const res = {} as Record<Slot | 'TOTAL', SlotScore>;
  for (const [k, { found, keyFillers, outputs }] of Object.entries(acc)) {
    const recall = keyFillers ? found / keyFillers : 0, precision = outputs ? found / outputs : 0;
    res[k as Slot] = { found, keyFillers, outputs, recall, precision, f: recall + precision ? (2 * recall * precision) / (recall + precision) : 0 };
  }
  return res;
}

export function formatSlotScores(r: Record<Slot | 'TOTAL', SlotScore>): string {
  const rows = ['slot        recall  precision      F   found  key  output'];
  for (const s of [...SLOTS, 'TOTAL'] as const) {
    const x = r[s];
    rows.push(`${s.padEnd(10)} ${x.recall.toFixed(3).padStart(7)} ${x.precision.toFixed(3).padStart(10)} ${x.f.toFixed(3).padStart(6)} ${String(x.found).padStart(7)} ${String(x.keyFillers).padStart(4)} ${String(x.outputs).padStart(7)}`);
  }
  return rows.join('\n');
}

export type { Fact };
