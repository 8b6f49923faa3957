/**
 * Reuters acquisition templates (ACQUIRED, ACQBUS, ACQLOC, DLRAMT, PURCHASER,
 * SELLER, STATUS) from extractions, the answer-key format, and the classic
 * scoring rule of ../shared/README.md: a key filler is found when one output
 * string of its slot equals one of its alternatives exactly; recall = found /
 * key fillers, precision = found / output strings, micro-averaged.
 */
import { DealgraphError } from '../errors.js';
import { collapse } from './entities.js';
import type { Explanation } from './index.js';
import type { Extraction, Fact } from './schema.js';

export const SLOTS = ['ACQUIRED', 'ACQBUS', 'ACQLOC', 'DLRAMT', 'PURCHASER', 'SELLER', 'STATUS'] as const;
export type Slot = (typeof SLOTS)[number];
export type Template = Record<Slot, string[]>;
/** A key: per slot, the fillers, each a list of alternatives. */
export type KeyTemplate = Record<Slot, string[][]>;

const BUSINESS_HEAD = '(?:company|companies|concern|firm|maker|manufacturer|producer|distributor|operator|provider|chain|retailer|bank|group|supplier|developer|publisher|marketer|designer|holding company|business|unit|subsidiary|wholesaler|processor|refiner|insurer|carrier|utility|airline|broker|dealer)';
const RE_APPOSITIVE = new RegExp(`^\\s*,\\s*(?:a|an)\\s+(?:(?:privately|closely|publicly|family|wholly)[- ]?(?:held|owned)\\s+|[\\w.-]+-based\\s+|\\w+\\s+-\\s*based\\s+|small\\s+|large\\s+|leading\\s+|major\\s+)*((?:[\\w&-]+\\s+){0,5}?[\\w&-]+?)\\s+${BUSINESS_HEAD}\\b`, 'i');
const RE_MAKER_OF = /^\s*,\s*(?:a|an|the)\s+(?:[\w-]+\s+){0,2}?(?:maker|manufacturer|producer|distributor|supplier|operator|provider|developer|publisher|marketer|designer|processor|owner)\s+of\s+((?:[\w&-]+\s+){0,6}?[\w&-]+?)(?=\s*(?:,|\.|;|\bfor\b|\bwith\b|\band\s+(?:the|a|its)\b|$))/i;
const RE_WHICH = /^\s*,\s*(?:which|that)\s+(?:makes|produces|manufactures|provides|distributes|operates|owns|sells|publishes|develops)\s+((?:[\w&-]+\s+){0,5}?[\w&-]+?)(?=\s*(?:,|\.|;|\bin\b|\bfor\b|$))/i;
const RE_LOC_AFTER = /^\s*,?\s*(?:of|based in|headquartered in|located in)\s+$/i;
const LEGAL_WORDS = /^(?:subsidiary|unit|division|company|concern|firm|holding company)$/i;

export interface TemplateContext {
  text: string;
  extraction: Extraction;
  explanations: Explanation[];
}

/** The article's template: from its best acquisition (or merger) fact; empty when it has none. */
export function toTemplate({ text, extraction: x, explanations }: TemplateContext): Template {
  const t: Template = { ACQUIRED: [], ACQBUS: [], ACQLOC: [], DLRAMT: [], PURCHASER: [], SELLER: [], STATUS: [] };
  const ent = new Map(x.entities.map((e) => [e.id, e]));
  const deals = x.facts
    .map((f, i) => ({ f, e: explanations[i] }))
    .filter(({ f }) => (f.type === 'acquisition' || f.type === 'merger') && !f.negated);
  if (deals.length === 0) return t;
  // Best: the lead states the main deal, so the earliest sentence first; then acquisitions before mergers, then confidence.
  const sentenceOf = (f: Fact) => { const at = f.evidence[0].start; let k = 0; for (const b of sentenceStarts(text)) if (b <= at) k++; return k; };
  deals.sort((a, b) => sentenceOf(a.f) - sentenceOf(b.f) || (a.f.type === b.f.type ? 0 : a.f.type === 'acquisition' ? -1 : 1) || b.f.confidence - a.f.confidence || a.f.evidence[0].start - b.f.evidence[0].start);
  const { f, e } = deals[0];
  let acquired: string | undefined, purchaser: string | null | undefined, seller: string | undefined;
  if (f.type === 'acquisition') { acquired = f.args.target; purchaser = f.args.acquirer; seller = f.args.seller; }
  else if (f.type === 'merger') { purchaser = f.args.parties[0]; acquired = f.args.parties[1]; }
  const nameOf = (id: string | null | undefined) => (id ? ent.get(id)?.name : undefined);
  const push = (slot: Slot, s: string | undefined | null) => { if (s && !t[slot].includes(collapse(s))) t[slot].push(collapse(s)); };
  push('ACQUIRED', nameOf(acquired));
  push('PURCHASER', nameOf(purchaser));
  push('SELLER', nameOf(seller));
  if (f.type === 'acquisition' && f.args.value) push('DLRAMT', undisclosedWord(f.args.value.text));
  if (e?.statusText) push('STATUS', e.statusText);
  // Location and business of the acquired company, from its mentions' immediate context.
  const target = acquired ? ent.get(acquired) : undefined;
  if (target) {
    for (const m of target.mentions) {
      const after = text.slice(m.end, m.end + 160);
      if (t.ACQBUS.length === 0) {
        const bus = RE_MAKER_OF.exec(after) ?? RE_WHICH.exec(after) ?? RE_APPOSITIVE.exec(after);
        if (bus && !LEGAL_WORDS.test(bus[1]) && !/\b(?:unit|subsidiary)\b/i.test(bus[1])) push('ACQBUS', bus[1]);
      }
      if (t.ACQLOC.length === 0) {
        const loc = x.entities.filter((l) => l.type === 'LOC').flatMap((l) => l.mentions).filter((lm) => lm.start >= m.end && lm.start - m.end < 30)
          .sort((a, b) => a.start - b.start)[0];
        if (loc && RE_LOC_AFTER.test(text.slice(m.end, loc.start))) {
          // "of Woodward, Oklahoma": take a following ", State" too.
          const rest = /^,\s*([A-Z][\w.]*(?:\s+[A-Z][\w.]*)?)/.exec(text.slice(loc.end, loc.end + 30));
          push('ACQLOC', text.slice(loc.start, loc.end) + (rest && x.entities.some((l) => l.type === 'LOC' && l.mentions.some((q) => q.start === loc.end + rest.index + rest[0].indexOf(rest[1]))) ? ', ' + rest[1] : ''));
        } else {
          const based = /([A-Z][\w.]*(?:\s+[A-Z][\w.]*)?)\s*-\s*based\s+$/.exec(text.slice(Math.max(0, m.start - 40), m.start));
          if (based) push('ACQLOC', based[1]);
        }
      }
    }
  }
  return t;
}

/** Rough sentence starts (after . ! ? followed by space and a capital, and paragraph breaks), for ordering only. */
function sentenceStarts(text: string): number[] {
  const out: number[] = [];
  for (const m of text.matchAll(/[.!?]\s+(?=[A-Z"])|\n\s*\n|\n {2,}/g)) out.push(m.index! + m[0].length);
  return out;
}

function undisclosedWord(s: string): string {
  const m = /\b(undisclosed|not disclosed|not been disclosed|not be disclosed)\b/i.exec(s);
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
