/**
 * Events of the learnt model as the contract's events (arguments tied to
 * entity ids) and as facts: each event type whose arguments name the parties
 * of a fact type becomes that fact, with the rule `model:events/<type>`.
 * The rules' facts come first; an event fact that restates one (same type and
 * parties) is dropped in extract(), so each fact is stated once.
 */
import type { Span } from '../nlp/index.js';
import type { Money as MoneyValue, Percent } from '../nlp/values.js';
import type { PredictedEvent } from './events/types.js';
import type { ResolvedEntities } from './entities.js';
import { findStatus } from './cues.js';
import type { Event, Fact, FactType, Money, Status } from './schema.js';

const RE_STOCK = /\b(?:shares?|stocks?|share price|ADRs?|securities)\b/i;
const RE_PRONOUN = /^(?:it|its|the company|the firm|the group|itself)$/i;
/** A stock named without its company ("the stock", "its shares", "shares"): news means the article's main company's. */
const RE_BARE_STOCK = /^(?:(?:the|its|their|the company 's|the company's)\s+)?(?:(?:common|class [ab]|ordinary)\s+)?(?:stock|shares?|share price|stock price)$/i;

/** The entity an argument span names: the mention overlapping it most; a pronoun is the article's main company. */
function entityOf(ents: ResolvedEntities, start: number, end: number, text: string, main: number): number | null {
  let best = -1, bestOverlap = 0;
  const ms = ents.mentions;
  let lo = 0, hi = ms.length;
  while (lo < hi) { const mid = (lo + hi) >> 1; if (ms[mid].end <= start) lo = mid + 1; else hi = mid; }
  for (let i = lo; i < ms.length && ms[i].start < end; i++) {
    const ov = Math.min(end, ms[i].end) - Math.max(start, ms[i].start);
    if (ov > bestOverlap) { bestOverlap = ov; best = ms[i].entity; }
  }
  if (best >= 0) return best;
  return main >= 0 && RE_PRONOUN.test(text.trim()) ? main : null;
}

/** The contract's events, with entity ids on arguments that name one. */
export function toContractEvents(evs: readonly PredictedEvent[], ents: ResolvedEntities, main: number): Event[] {
  return evs.map((e, i) => ({
    id: `v${i + 1}`, type: e.type, subtype: e.subtype, trigger: e.trigger,
    args: e.args.map((a) => {
      const ent = entityOf(ents, a.start, a.end, a.text, main);
      return ent === null ? { ...a } : { ...a, entity: `e${ent + 1}` };
    }),
    negated: e.negated, modality: e.modality, confidence: e.confidence, rule: 'model:events',
  }));
}

interface Ctx { ents: ResolvedEntities; values: readonly Span[]; text: string; main: number }

const argOf = (e: Event, ...roles: string[]) => e.args.find((a) => roles.includes(a.role));
/**
 * The company an argument of one of the roles names: a named company (ORG)
 * before "it" (the article's main company). Names the recognizer typed PER,
 * MISC or LOC are not taken: letting them in cost more facts than it gained
 * on the modern gold set's development part.
 */
const orgArg = (c: Ctx, e: Event, ...roles: string[]): string | null => {
  let best: string | null = null, rank = 0;
  for (const a of e.args) {
    if (!roles.includes(a.role) || !a.entity) continue;
    const ent = c.ents.entities[Number(a.entity.slice(1)) - 1];
    if (!ent || ent.type !== 'ORG') continue;
    const r = RE_PRONOUN.test(a.text.trim()) ? 1 : 2;
    if (r > rank) { rank = r; best = a.entity; }
  }
  return best;
};
const RE_SHORT_STOCK = /^(\p{Lu}[\p{L}&.-]*)(?:(?:\s*(?:'s?|’s?))?\s+(?:common\s+)?(?:stock|shares?|share price|stock price))?$/u;
/**
 * "American shares" (or "American" alone): a security named by the first word of one company of the
 * article ("American Airlines Group Inc.") that the recognizer did not take
 * as a company on its own. Only when exactly one company's name starts so.
 */
function shortNameCompany(c: Ctx, e: Event): string | null {
  for (const a of e.args) {
    if (a.role !== 'Security_SecurityValue') continue;
    const ent = a.entity ? c.ents.entities[Number(a.entity.slice(1)) - 1] : null;
    if (ent?.type === 'ORG') continue;
    const m = RE_SHORT_STOCK.exec(a.text.trim());
    if (!m) continue;
    const first = m[1].toLowerCase();
    const hits = c.ents.entities.filter((x) => x.type === 'ORG' && x.words.length > 1 && x.words[0] === first);
    if (hits.length === 1) return `e${hits[0].index + 1}`;
  }
  return null;
}

/** How far back (characters) a bare "the stock" looks for the company last named. */
const RECENT_CHARS = 300;
/** The main company, when the event's security is a stock named without its company ("the stock jumped 21 %"). */
function bareStockCompany(c: Ctx, e: Event): string | null {
  if (c.main < 0 || c.ents.entities[c.main]?.type !== 'ORG') return null;
  const sec = e.args.filter((a) => a.role === 'Security_SecurityValue');
  // No security named but the trigger says it ("the stock jumped"), or only bare stock words.
  const bare = sec.length === 0 ? RE_STOCK.test(e.trigger.text) : sec.every((a) => !a.entity && RE_BARE_STOCK.test(a.text.trim()));
  if (!bare) return null;
  // The company last named before it, nearby (the usual antecedent); else the article's main company.
  const ms = c.ents.mentions;
  for (let i = ms.length - 1; i >= 0; i--) {
    const m = ms[i];
    if (m.end > e.trigger.start) continue;
    if (e.trigger.start - m.end > RECENT_CHARS) break;
    if (c.ents.entities[m.entity]?.type === 'ORG') return `e${m.entity + 1}`;
  }
  return `e${c.main + 1}`;
}

/** The first value span of a type inside an argument of one of the roles. */
function valueIn(c: Ctx, e: Event, type: 'MONEY' | 'PERCENT', roles: string[]): Span | null {
  for (const a of e.args) {
    if (!roles.includes(a.role)) continue;
    const v = c.values.find((s) => s.type === type && s.start >= a.start && s.end <= a.end);
    if (v) return v;
  }
  return null;
}
const moneyOf = (s: Span | null): Money | undefined => {
  if (!s) return undefined;
  const v = s.value as MoneyValue;
  return { value: v.value, currency: v.currency, text: s.text };
};

/** Deal status from the cue words of the trigger's sentence (as the rules read it). */
function dealStatus(c: Ctx, e: Event, sentence: { start: number; end: number }): Status | null {
  const s = c.text.slice(sentence.start, sentence.end).toLowerCase().replace(/\s+/g, ' ');
  return findStatus(s, Math.max(0, e.trigger.start - sentence.start))?.status ?? null;
}

const DIVIDEND_CHANGE: Record<string, 'raise' | 'cut' | 'maintain' | 'pay'> = { YieldRaise: 'raise', YieldReduction: 'cut', YieldStable: 'maintain', Payment: 'pay' };
const RATING_ACTION: Record<string, 'upgrade' | 'downgrade' | 'maintain' | 'target'> = { Upgrade: 'upgrade', Downgrade: 'downgrade', Maintain: 'maintain', PriceTarget: 'target' };

type Built = { type: FactType; args: Record<string, unknown>; status?: Status | null } | null;

/** The fact an event states, or null when its arguments do not name the fact's parties. */
function factOf(c: Ctx, e: Event, sentence: { start: number; end: number }): Built {
  switch (e.type) {
    case 'Merger/Acquisition': {
      const target = orgArg(c, e, 'Target'), acquirer = orgArg(c, e, 'Acquirer');
      if (!target || !acquirer || target === acquirer) return null;
      return { type: 'acquisition', args: { acquirer, target }, status: dealStatus(c, e, sentence) };
    }
    case 'Deal': {
      const parties = [...new Set(e.args.filter((a) => a.role === 'Partner').map((a) => orgArg(c, { ...e, args: [a] }, 'Partner')).filter((x): x is string => !!x))];
      if (parties.length < 2) return null;
      return { type: 'partnership', args: { parties: parties.slice(0, 2) }, status: dealStatus(c, e, sentence) };
    }
    case 'SecurityValue': {
      // A stock move is a share price that moved: SENTiVENT's type also covers valuations and holdings.
      const company = orgArg(c, e, 'Security_SecurityValue') ?? shortNameCompany(c, e) ?? bareStockCompany(c, e);
      // The direction is the subtype's (reading it from the amount's role instead lost a held-aside fact and gained none).
      const up = e.subtype === 'Increase_SecurityValue', down = e.subtype === 'Decrease_SecurityValue';
      const p = valueIn(c, e, 'PERCENT', ['IncreaseAmount_SecurityValue', 'DecreaseAmount_SecurityValue', 'IncreaseAmount', 'DecreaseAmount']);
      const stock = RE_STOCK.test(e.trigger.text) || e.args.some((a) => a.role === 'Security_SecurityValue' && RE_STOCK.test(a.text));
      if (!company || !p || (!up && !down) || !stock) return null;
      const pct = Math.abs((p.value as Percent).value);
      return { type: 'stock_move', args: { company, percent: up ? pct : -pct, direction: up ? 'up' : 'down' } };
    }
    case 'Dividend': {
      const company = orgArg(c, e, 'Company_Dividend');
      if (!company) return null;
      const amount = moneyOf(valueIn(c, e, 'MONEY', ['Amount', 'HistoricalAmount', 'Amount_Dividend', 'IncreaseAmount', 'DecreaseAmount']));
      return { type: 'dividend', args: { company, ...(amount ? { amount } : {}), change: DIVIDEND_CHANGE[e.subtype ?? ''] ?? null, text: e.trigger.text } };
    }
    case 'Rating': {
      const company = orgArg(c, e, 'Security_Rating');
      if (!company) return null;
      const by = orgArg(c, e, 'Analyst');
      return { type: 'rating', args: { company, ...(by && by !== company ? { by } : {}), action: RATING_ACTION[e.subtype ?? ''] ?? null, text: e.trigger.text } };
    }
    case 'Financing': {
      const company = orgArg(c, e, 'Financee');
      if (!company) return null;
      const financer = orgArg(c, e, 'Financer'), amount = moneyOf(valueIn(c, e, 'MONEY', ['Amount_Financing', 'CAPITAL']));
      return { type: 'financing', args: { company, ...(financer && financer !== company ? { financer } : {}), ...(amount ? { amount } : {}), text: e.trigger.text } };
    }
    case 'Legal': {
      const defendant = orgArg(c, e, 'Defendant');
      if (!defendant) return null;
      const complainant = orgArg(c, e, 'Complainant');
      return { type: 'legal_action', args: { defendant, ...(complainant && complainant !== defendant ? { complainant } : {}), text: e.trigger.text } };
    }
    case 'Product/Service': {
      const company = orgArg(c, e, 'Producer'), product = argOf(e, 'ProductService');
      if (e.subtype !== 'Launch' || !company || !product) return null;
      return { type: 'product_launch', args: { company, product: product.text } };
    }
    case 'Facility': {
      const company = orgArg(c, e, 'Company_Facility'), facility = argOf(e, 'Facility');
      if (e.subtype !== 'Open' || !company || !facility) return null;
      const place = argOf(e, 'PLACE');
      const loc = place?.entity && c.ents.entities[Number(place.entity.slice(1)) - 1]?.type === 'LOC' ? place.entity : undefined;
      return { type: 'facility_opening', args: { company, facility: facility.text, ...(loc ? { location: loc } : {}) } };
    }
    default:
      return null;
  }
}

/**
 * The words a fact type's trigger must be, for an event to become that fact. The event model learnt its types on
 * 2019 news (SENTiVENT); on other text it tags "offer", "sale", "repurchase" as product launches, "buy" in "to buy"
 * as a rating, "purchase" as a facility opening. A fact is stated only when its trigger says what the fact says.
 * Some triggers only count with a word of the type near them ("raising" a dividend, a "buy" rating).
 */
const TRIGGER_WORDS: Partial<Record<FactType, RegExp>> = {
  product_launch: /\b(?:launch\w*|introduc\w*|unveil\w*|debut\w*|roll(?:s|ed|ing)? out|rollout|releas\w*|premier\w*|start(?:s|ed|ing)? selling|began selling|begin selling|bring(?:s|ing)? to market)\b/i,
  facility_opening: /\b(?:open\w*|build\w*|built|construct\w*|expan\w*|extend\w*|new (?:plant|factory|store|office|facility)|add\w*)\b/i,
  dividend: /\b(?:dividends?|payouts?|distributions?)\b/i,
  rating: /\b(?:upgrad\w*|downgrad\w*|rating|ratings|rated|rates|recommend\w*|reiterat\w*|initiat\w*|outperform|underperform|overweight|underweight|price target|target price)\b/i,
  financing: /\b(?:financ\w*|loans?|credit|borrow\w*|rais(?:e|es|ed|ing)|debt|offering|issu\w*|bonds?|notes|paper|placement|capital|funding|refinanc\w*)\b/i,
  legal_action: /\b(?:su(?:e|ed|es|ing|it|its)|lawsuits?|court|judg\w*|ruling|rul(?:ed|es)|charg\w*|fin(?:e|ed|es)|penalt\w*|complaints?|probe|investigat\w*|settle\w*|indict\w*|alleg\w*|antitrust|litigation|injunction|appeal\w*|verdict|guilty|subpoena\w*|class action)\b/i,
  // A contract, a supply agreement, an agreement with a regulator is not a partnership: only partnership words, or
  // an agreement or talks with a partnership word near ("agreement to form a joint venture").
  partnership: /\b(?:ventures?|partner\w*|alliances?|collaborat\w*|cooperat\w*|co-operat\w*|tie-ups?|joint\w*|pool\w*|team(?:s|ed|ing)? up)\b/i,
  acquisition: /\b(?:acqui\w*|buy\w*|bought|purchas\w*|takeover|take over|took over|merg\w*|bids?|offers?|tender\w*)\b/i,
};
/** Words of the type near a trigger that alone does not say it ("raising" the dividend, a "buy" rating). */
const TYPE_NEAR: Partial<Record<FactType, { trigger: RegExp; near: RegExp }>> = {
  dividend: { trigger: /\b(?:rais\w*|increas\w*|boost\w*|cut\w*|reduc\w*|maintain\w*|pay\w*|omit\w*|suspend\w*|declar\w*)\b/i, near: /\b(?:dividends?|payouts?|distributions?)\b/i },
  rating: { trigger: /^(?:buy|strong buy|sell|hold|neutral|accumulate)$/i, near: /\b(?:rating|rated|rates|recommend\w*|analysts?|upgrad\w*|downgrad\w*)\b/i },
  partnership: { trigger: /\b(?:agreements?|pacts?|accords?|deals?|signed|talks|negotiat\w*|discuss\w*|set(?:s|ting)? up|form(?:s|ed|ing)?|licens\w*)\b/i, near: /\b(?:joint venture|venture|partnership|alliance|collaboration|cooperation|co-operation|tie-up|consortium)\b/i },
};
/** "it raised its stake in", "the debt ratings": financing words that say something else. */
const RE_NOT_FINANCING = /\b(?:stake|ratings?)\b/i;

function triggerSays(type: FactType, e: Event, text: string): boolean {
  const words = TRIGGER_WORDS[type];
  if (!words) return true;
  const t = e.trigger.text;
  // "to finance a tender offer": what money is for, not money raised.
  if (type === 'financing' && (RE_NOT_FINANCING.test(t) || /^(?:to )?finance$/i.test(t.trim()))) return false;
  if (words.test(t)) return true;
  const near = TYPE_NEAR[type];
  return !!near && near.trigger.test(t.trim()) && near.near.test(text.slice(Math.max(0, e.trigger.start - 80), e.trigger.end + 80));
}

/** Types whose company does what the trigger says, so it is named before the trigger ("Credit National is issuing …"). */
const SUBJECT_FIRST = new Set<FactType>(['financing', 'product_launch', 'facility_opening', 'dividend']);

/**
 * An event's fact must read as the sentence does: its trigger is not a word inside a name ("Federal Home Loan Bank"
 * is no loan), its company of a raise, a launch, an opening or a dividend is named (or referred to) before the trigger
 * in the sentence ("a bank loan of 53 mln dlrs and an International Development Association loan": IDA lends), and
 * the thing launched or opened is not a name of a place or a company ("the New York").
 */
function plausible(c: Ctx, b: NonNullable<Built>, e: Event, sentence: { start: number; end: number }): boolean {
  const ms = c.ents.mentions;
  if (ms.some((m) => m.start <= e.trigger.start && e.trigger.end <= m.end && m.end - m.start > e.trigger.end - e.trigger.start)) return false;
  // "Thomson and RBH bought while …": a buyer and its target both named before an active buying verb are not one deal.
  if (b.type === 'acquisition') {
    const at = (id: unknown) => e.args.find((a) => a.entity === id && (a.role === 'Acquirer' || a.role === 'Target'));
    const acq = at((b.args as { acquirer?: string }).acquirer), tgt = at((b.args as { target?: string }).target);
    if (acq && tgt && acq.end <= e.trigger.start && tgt.end <= e.trigger.start && !/\b(?:was|were|been|being|be)\s+$/i.test(c.text.slice(Math.max(0, e.trigger.start - 12), e.trigger.start))) return false;
  }
  if (!SUBJECT_FIRST.has(b.type)) return true;
  const company = (b.args as { company?: string }).company;
  if (!company) return false;
  const idx = Number(company.slice(1)) - 1;
  const pronoun = e.args.some((a) => a.entity === company && RE_PRONOUN.test(a.text.trim()) && a.start < e.trigger.start);
  const before = c.ents.entities[idx]?.mentions.some((m) => m.end <= e.trigger.start && m.start >= sentence.start);
  if (!pronoun && !before) return false;
  const thing = (b.args as { product?: string; facility?: string }).product ?? (b.args as { facility?: string }).facility;
  if (thing) {
    const arg = e.args.find((a) => a.text === thing);
    if (arg && ms.some((m) => m.start <= arg.start + 4 && arg.end - 1 <= m.end + 4 && (m.type === 'LOC' || m.type === 'ORG') && m.end - m.start >= (arg.end - arg.start) / 2)) return false;
  }
  return true;
}

/** Facts stated by events; `sentenceOf` gives the sentence span around an offset. */
export function factsFromEvents(
  events: readonly Event[], ents: ResolvedEntities, values: readonly Span[], text: string,
  sentenceOf: (offset: number) => { start: number; end: number }, main = -1,
): { fact: Omit<Fact, 'id'>; event: Event }[] {
  const c: Ctx = { ents, values, text, main };
  const out: { fact: Omit<Fact, 'id'>; event: Event }[] = [];
  for (const e of events) {
    const sentence = sentenceOf(e.trigger.start);
    const b = factOf(c, e, sentence);
    if (!b || !triggerSays(b.type, e, text) || !plausible(c, b, e, sentence)) continue;
    const deal = b.type === 'acquisition' || b.type === 'partnership';
    const fact = {
      type: b.type, args: b.args, status: deal ? b.status ?? null : null, negated: e.negated,
      modality: e.modality, time: null, evidence: [{ start: e.trigger.start, end: e.trigger.end }, ...e.args.map((a) => ({ start: a.start, end: a.end }))],
      confidence: Math.round(e.confidence * 0.9 * 1000) / 1000, rule: `model:events/${e.type}`,
    } as unknown as Omit<Fact, 'id'>;
    out.push({ fact, event: e });
  }
  return out;
}
