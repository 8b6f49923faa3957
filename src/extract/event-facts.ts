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
import { findModality, findNegation, findStatus } from './cues.js';
import { isRegulator } from './sentence.js';
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

interface Ctx { ents: ResolvedEntities; values: readonly Span[]; text: string; main: number; sentenceOf?: (offset: number) => { start: number; end: number } }

const argOf = (e: Event, ...roles: string[]) => e.args.find((a) => roles.includes(a.role));
/** Names of laws, rules and treaties the recognizer took for companies ("the Bank Secrecy Act"): no party to anything. */
const RE_NOT_A_COMPANY = /\b(?:Act|Law|Code|Rules?|Regulations?|Treaty|Accord|Amendment|Bill)$/;
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
    if (!ent || ent.type !== 'ORG' || RE_NOT_A_COMPANY.test(ent.name) || isRegulator(ent.name)) continue;
    const pronoun = RE_PRONOUN.test(a.text.trim());
    const r = pronoun ? 1 : 2;
    if (r > rank) { rank = r; best = pronoun ? subjectOf(c, a.start) ?? a.entity : a.entity; }
  }
  return best;
};
/** Index of the first mention starting at or after `pos` (mentions are sorted by start): a binary search, so each look-up stays cheap on long texts. */
function firstMentionFrom(c: Ctx, pos: number): number {
  const ms = c.ents.mentions;
  let lo = 0, hi = ms.length;
  while (lo < hi) { const mid = (lo + hi) >> 1; if (ms[mid].start < pos) lo = mid + 1; else hi = mid; }
  return lo;
}
/**
 * "Honeywell Bull, a … company formed by Honeywell Inc, Compagnie des Machines Bull and NEC Corp, said it introduced …":
 * "it" is the sentence's subject, its first company named before the pronoun (as the rules read "it"), when there is one.
 */
function subjectOf(c: Ctx, at: number): string | null {
  if (!c.sentenceOf) return null;
  const from = c.sentenceOf(at).start, ms = c.ents.mentions;
  for (let i = firstMentionFrom(c, from); i < ms.length; i++) {
    const m = ms[i];
    if (m.start >= at) break;
    const ent = c.ents.entities[m.entity];
    if (ent?.type === 'ORG' && !isRegulator(ent.name) && !RE_NOT_A_COMPANY.test(ent.name)) return `e${m.entity + 1}`;
  }
  return null;
}
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

/** Rating agencies: they rate other companies' debt; they are never the company that raises money, launches or pays. */
const RE_RATING_AGENCY = /\b(?:Standard\s*(?:and|&)\s*Poor|S\s*&\s*P\b|Moody|Fitch|Duff\s*(?:and|&)\s*Phelps|McCarthy,?\s+Crisanti|IBCA|Japan\s+Bond\s+Research|Bond\s+Rating|Rating\s+(?:Agency|Service)|Ratings?\s+(?:Inc|Corp|Ltd|Services?)\b)/i;
/** Whether a name is a rating agency's ("Moody's Investors Service Inc", "Standard and Poor's Corp"). */
export const isRatingAgencyName = (name: string): boolean => RE_RATING_AGENCY.test(name);
const isRatingAgency = (c: Ctx, id: string | null | undefined): boolean => {
  const ent = id ? c.ents.entities[Number(id.slice(1)) - 1] : undefined;
  return !!ent && (RE_RATING_AGENCY.test(ent.name) || [...ent.aliases].some((a) => RE_RATING_AGENCY.test(a)));
};
/** A sentence about a rating or a creditwatch ("placed … on creditwatch", "downgraded its debt"): a rating, not financing. */
const RE_RATING_SENTENCE = /\b(?:credit\s*watch|rating|ratings|rated|upgrad\w*|downgrad\w*)\b/i;
/** After a "-ing" launch word: a bare noun, so the word is an adjective ("launching stations", "introducing brokers"). */
const RE_ADJECTIVE_NEXT = /^\s+(?!(?:a|an|the|its|their|his|her|our|new|two|three|four|five|several|some|more|of|in|on|at|to|for|into|this|these|that|those|it|them)\b)[a-z][a-z-]*s?\b/;
/** Money raised, debt or a venture: what a financing or a partnership is about, not a product launched (in lower case: "Note 8" is a phone). */
const RE_FINANCIAL_THING = /\b(?:commercial\s+paper|paper\s+program|note|notes|bonds?|debentures?|eurobonds?|borrowings?|loans?|credits?|financing|offerings?|shares|stock|warrants|placement|repurchase|buy-?back|dividends?|tender|bid|ventures?|partnerships?|joint|price\s+(?:cuts?|reductions?|increases?|rises?|changes?)|discounts?|rebates?)\b/;
/** Nouns of places of business: what a facility opening opens. */
const RE_FACILITY_NOUN = /\b(?:plants?|factor(?:y|ies)|offices?|stores?|shops?|branch(?:es)?|facilit(?:y|ies)|cent(?:er|re)s?|mills?|refiner(?:y|ies)|mines?|warehouses?|hotels?|restaurants?|hospitals?|laborator(?:y|ies)|labs?|headquarters|outlets?|terminals?|stations?|buildings?|complex(?:es)?|showrooms?|depots?|sites?|works|smelters?|yards?|parks?|campus(?:es)?|clinics?|branches|operations?|subsidiar(?:y|ies)|units?)\b/i;
/** Ends with a count: "buy 150 ", "bought two ". */
const RE_COUNTED = /(?:\b[0-9][0-9,.]*|\b(?:two|three|four|five|six|seven|eight|nine|ten|twelve|several))\s+(?:[a-z-]+\s+)?$/;
/** Words that do not name a product or a service: "launching it". */
const RE_NOT_A_THING = /^(?:it|its|it's|they|them|their|this|that|these|those|one|ones|which|what|itself|themselves|he|she|him|her|something|anything|everything)$/i;
/** A legal action brought or a charge made: its subject is the complainant ("X filed a suit", "X sued", "X has alleged in its lawsuit"). */
const RE_FILE_VERB = /(?<!\b(?:was|were|been|being|be|is|are)\s+)\b(?:fil(?:ed|es|ing|e)|brought|brings?|bringing|lodged|lodges?|initiated|commenced|sued|sues|suing|alleged|alleges|alleging|accused|accuses|accusing|charged|charging|appeal|appeals|appealed|appealing)\b(?!\s+(?:by|against\s+(?:it|him|her|them)\b))/i;
/** "a lawsuit filed by Burlington": the company after "filed by" brought the action. */
const RE_FILED_BY_AFTER = /^\s*(?:[\w-]+\s+){0,3}?(?:filed|brought|lodged|initiated)\s+(?:[\w-]+\s+){0,3}?by\s+(?:the\s+)?$/i;

/** The company named right after "against" following the trigger in its sentence ("suit against Texas Air Corp"). */
function companyAfterAgainst(c: Ctx, e: Event, sentence: { start: number; end: number }): string | null {
  const after = c.text.slice(e.trigger.end, Math.min(sentence.end, e.trigger.end + 120));
  const m = /\bagainst\s+(?:(?:the|its|their)\s+)?/i.exec(after);
  if (!m || /[.;]/.test(after.slice(0, m.index))) return null;
  const at = e.trigger.end + m.index + m[0].length;
  // "the suit brought against it in Delaware Chancery Court": "it" is the sentence's subject; the court is where.
  if (/^(?:it|them)\b/i.test(c.text.slice(at, at + 5))) return subjectOf(c, at);
  let ms: (typeof c.ents.mentions)[number] | undefined;
  for (let i = firstMentionFrom(c, at); i < c.ents.mentions.length && c.ents.mentions[i].start <= at + 40; i++) {
    const ent = c.ents.entities[c.ents.mentions[i].entity];
    if (ent?.type === 'ORG' && !isRegulator(ent.name)) { ms = c.ents.mentions[i]; break; }
  }
  return ms && !/[,;]/.test(c.text.slice(at, ms.start)) ? `e${ms.entity + 1}` : null;
}

/** The company right after "filed by" following the trigger ("a lawsuit filed by Burlington in Canada"). */
function companyFiledBy(c: Ctx, e: Event, sentence: { start: number; end: number }): string | null {
  const ms = c.ents.mentions;
  for (let i = firstMentionFrom(c, e.trigger.end); i < ms.length && ms[i].start <= Math.min(sentence.end, e.trigger.end + 60); i++) {
    const m = ms[i];
    if (c.ents.entities[m.entity]?.type === 'ORG' && RE_FILED_BY_AFTER.test(c.text.slice(e.trigger.end, m.start))) return `e${m.entity + 1}`;
  }
  return null;
}

/** Whether the company `id` is named (or referred to) before the trigger with a verb of bringing an action between ("X said it filed …"). */
function filedBy(c: Ctx, e: Event, sentence: { start: number; end: number }, id: string): boolean {
  const idx = Number(id.slice(1)) - 1;
  let last = -1;
  for (const m of c.ents.entities[idx]?.mentions ?? []) if (m.start >= sentence.start && m.end <= e.trigger.start) last = Math.max(last, m.end);
  for (const a of e.args) if (a.entity === id && a.end <= e.trigger.start) last = Math.max(last, a.end);
  return last >= 0 && RE_FILE_VERB.test(c.text.slice(last, e.trigger.end));
}

/** Whether an argument is only the name of the entity it is tied to ("Samsung", "the company"), nothing more. */
function namesOnly(c: Ctx, a: Event['args'][number]): boolean {
  const ent = a.entity ? c.ents.entities[Number(a.entity.slice(1)) - 1] : undefined;
  const t = a.text.trim().replace(/\s+/g, ' ').replace(/^the /i, '');
  return !!ent && (RE_PRONOUN.test(a.text.trim()) || t === ent.name || ent.aliases.has(t));
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

const RE_DIVIDEND_CUT = /\b(?:omit\w*|suspend\w*|eliminat\w*|cut|cuts|cutting|reduc\w*|lower\w*|halv\w*|skip\w*|pass(?:ed|es)? (?:on|up))\b/i;
const RE_DIVIDEND_RAISE = /\b(?:increas\w*|rais(?:e|es|ed|ing)|boost\w*|higher|hik\w*)\b/i;
/** After an amount: it names a security ("2.575 dlr cumulative convertible preferred stock"). */
const RE_SECURITY_NAME_AFTER = /^\s+(?:(?:cumulative|convertible|exchangeable|preferred|preference|series\s+\w+|class\s+\w+)\s+){1,4}(?:stock|shares?|preferred)?/i;
const RE_MAINTAIN = /\b(?:regular|unchanged|maintain\w*|same|steady|held|kept|keeps?|stable|continu\w*)\b/i;
const DIVIDEND_CHANGE: Record<string, 'raise' | 'cut' | 'maintain' | 'pay'> = { YieldRaise: 'raise', YieldReduction: 'cut', YieldStable: 'maintain', Payment: 'pay' };
const RATING_ACTION: Record<string, 'upgrade' | 'downgrade' | 'maintain' | 'target'> = { Upgrade: 'upgrade', Downgrade: 'downgrade', Maintain: 'maintain', PriceTarget: 'target' };

type Built = { type: FactType; args: Record<string, unknown>; status?: Status | null } | null;

/** The fact an event states, or null when its arguments do not name the fact's parties. */
function factOf(c: Ctx, e: Event, sentence: { start: number; end: number }): Built {
  switch (e.type) {
    case 'Merger/Acquisition': {
      const target = orgArg(c, e, 'Target'), acquirer = orgArg(c, e, 'Acquirer');
      if (!target || !acquirer || target === acquirer) return null;
      // "acquired about 7.6 pct of CPC International Inc's then outstanding stock": less than half a company is a stake
      // (the rules read stakes, with their holder and size).
      const share = e.args.find((a) => a.role === 'Target' && a.entity === target);
      const pct = share ? /^\s*(?:about |some |nearly |almost |another |an additional |a )?([\d.]+)\s*(?:pct|%|percent|per cent)\b/i.exec(share.text) : null;
      if (pct && Number(pct[1]) < 50) return null;
      // "will buy 150 Votrax Call Director Systems": a count of things bought (not of shares) is no company bought.
      const tArg = e.args.find((a) => a.entity === target && a.role === 'Target');
      if (tArg && tArg.start >= e.trigger.start && RE_COUNTED.test(c.text.slice(e.trigger.start, tArg.start)) && !/^\s+(?:[a-z-]+\s+){0,2}(?:shares|stock|common)\b/.test(c.text.slice(tArg.end, tArg.end + 40))) return null;
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
      let amountSpan = valueIn(c, e, 'MONEY', ['Amount', 'HistoricalAmount', 'Amount_Dividend', 'IncreaseAmount', 'DecreaseAmount']);
      // "its 2.575 dlr cumulative convertible exchangeable preferred stock": an amount that names a security pays nothing.
      if (amountSpan && RE_SECURITY_NAME_AFTER.test(c.text.slice(amountSpan.end, amountSpan.end + 60))) amountSpan = null;
      const amount = moneyOf(amountSpan);
      // A dividend "maintained" needs a word that says so ("regular", "unchanged", "same"); an initial or a declared one is paid.
      let change = DIVIDEND_CHANGE[e.subtype ?? ''] ?? null;
      // The words at the trigger say the change ("a 12.5 pct annual dividend increase", "to again omit the quarterly dividend").
      // A cut is read from the words before too ("omit the quarterly dividend"); a raise only from the trigger and after
      // ("dividend increase"), as a raise before it is its own event ("increased its dividend payments").
      const before = c.text.slice(Math.max(sentence.start, e.trigger.start - 25), e.trigger.start), after = c.text.slice(e.trigger.start, Math.min(sentence.end, e.trigger.end + 15));
      if (RE_DIVIDEND_CUT.test(before) || RE_DIVIDEND_CUT.test(after)) change = 'cut';
      else if (RE_DIVIDEND_RAISE.test(after)) change = 'raise';
      if (change === 'maintain' && !RE_MAINTAIN.test(c.text.slice(Math.max(sentence.start, e.trigger.start - 300), Math.min(sentence.end, e.trigger.end + 300)))) change = 'pay';
      return { type: 'dividend', args: { company, ...(amount ? { amount } : {}), change, text: e.trigger.text.replace(/\s+/g, ' ') } };
    }
    case 'Rating': {
      const company = orgArg(c, e, 'Security_Rating');
      if (!company) return null;
      // "Smith Barney, Harris Upham and Co analyst James Wilbur removed Hercules Inc from …": the firm whose analyst acts rates; it is not rated.
      const rated = e.args.find((a) => a.entity === company && a.role === 'Security_Rating');
      if (rated && /^\s*(?:'s\s+)?(?:[\w-]+\s+)?(?:analysts?|economists?|strategists?)\b/i.test(c.text.slice(rated.end, rated.end + 30))) return null;
      const by = orgArg(c, e, 'Analyst');
      return { type: 'rating', args: { company, ...(by && by !== company ? { by } : {}), action: RATING_ACTION[e.subtype ?? ''] ?? null, text: e.trigger.text } };
    }
    case 'Financing': {
      const company = orgArg(c, e, 'Financee');
      if (!company) return null;
      // "S&P said it placed the subordinated debt of X on creditwatch": a rating agency rates debt, it raises none;
      // a sentence about a rating or a creditwatch states a rating, not financing.
      const said = c.text.slice(Math.max(sentence.start, e.trigger.start - 300), Math.min(sentence.end, e.trigger.end + 300));
      if (isRatingAgency(c, company) || RE_RATING_SENTENCE.test(said) || RE_RATING_AGENCY.test(said)) return null;
      const financer = orgArg(c, e, 'Financer'), amount = moneyOf(valueIn(c, e, 'MONEY', ['Amount_Financing', 'CAPITAL']));
      return { type: 'financing', args: { company, ...(financer && financer !== company ? { financer } : {}), ...(amount ? { amount } : {}), text: e.trigger.text } };
    }
    case 'Legal': {
      let defendant = orgArg(c, e, 'Defendant');
      let complainant = orgArg(c, e, 'Complainant');
      // "Gull Air said it filed an anti-trust suit against Texas Air Corp": the company named after "against" is the
      // defendant (whatever the model took for it: "against it in Delaware Chancery Court"), and the one that filed,
      // sued or brought the action is the complainant.
      const against = e.args.some((a) => a.role === 'Defendant') ? companyAfterAgainst(c, e, sentence) : null;
      if (!defendant && !against) return null;
      // "a lawsuit filed by Burlington": Burlington is the complainant.
      const by = companyFiledBy(c, e, sentence);
      if (by) { if (by === (against ?? defendant)) return null; complainant = by; }
      if (against && against !== defendant) {
        if (defendant && !complainant && filedBy(c, e, sentence, defendant)) complainant = defendant;
        defendant = against;
      } else if (defendant && filedBy(c, e, sentence, defendant)) return null; // the company that sues is no defendant
      if (!defendant) return null;
      return { type: 'legal_action', args: { defendant, ...(complainant && complainant !== defendant ? { complainant } : {}), text: e.trigger.text } };
    }
    case 'Product/Service': {
      // The thing launched is a phrase that names it: not "it", "them", nor the company itself ("launching it").
      const company = orgArg(c, e, 'Producer'), product = e.args.find((a) => a.role === 'ProductService' && !RE_NOT_A_THING.test(a.text.trim()) && !(a.entity && a.entity === company && namesOnly(c, a)));
      if (e.subtype !== 'Launch' || !company || !product) return null;
      // "launching stations for missiles": a launch word used as an adjective names no launch.
      if (/ing$/i.test(e.trigger.text.trim()) && RE_ADJECTIVE_NEXT.test(c.text.slice(e.trigger.end, e.trigger.end + 30))) return null;
      // "introduced a commercial paper program", "launching its first international borrowing", "launched a gold recovery
      // venture": money raised or a venture formed is financing or a partnership, not a product.
      const object = c.text.slice(e.trigger.end, Math.min(sentence.end, Math.max(product.end, e.trigger.end) + 30)).split(/[,;.]/)[0];
      if (RE_FINANCIAL_THING.test(product.text) || RE_FINANCIAL_THING.test(object)) return null;
      return { type: 'product_launch', args: { company, product: product.text.replace(/\s+/g, ' ') } };
    }
    case 'Facility': {
      const company = orgArg(c, e, 'Company_Facility'), facility = argOf(e, 'Facility');
      if (e.subtype !== 'Open' || !company || !facility) return null;
      // "will open a new session": the thing opened must be a place of business (a plant, an office, a store …).
      if (!RE_FACILITY_NOUN.test(facility.text)) return null;
      const place = argOf(e, 'PLACE');
      const loc = place?.entity && c.ents.entities[Number(place.entity.slice(1)) - 1]?.type === 'LOC' ? place.entity : undefined;
      return { type: 'facility_opening', args: { company, facility: facility.text.replace(/\s+/g, ' '), ...(loc ? { location: loc } : {}) } };
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
  // Money raised or lent, as an act: "raising", "issuing", "a loan", "an offering", "sell bonds"; a stock of debt
  // ("Allegheny's senior debt", "commercial paper", "cut borrowings") is what a rating or a balance sheet is about.
  financing: /\b(?:financ(?:e|es|ed|ing)|refinanc\w*|loans?(?!\s+(?:portfolio|portfolios|losses|loss|book|demand|growth|quality|officer|officers))|credit\s+(?:facility|facilities|line|lines|agreement)|borrow(?:s|ed|ing)?(?!s)|rais(?:e|es|ed|ing)|offering|issu(?:e|es|ed|ing)|placement|funding|sell(?:s|ing)?\s+(?:bonds?|notes|debt|debentures|shares|stock)|(?:bond|note|debt|rights|share)\s+(?:issue|sale|offering))\b/i,
  // A legal action is stated by a word of suing, charging or penalizing; "court", "ruling", "settle", "charge" say it only with such a word near.
  legal_action: /\b(?:su(?:e|ed|es|ing|it|its)|lawsuits?|litigation|indict\w*|fined|penalt(?:y|ies)|complaints?|injunctions?|class[- ]action|verdicts?|convict\w*|guilty|subpoena\w*|prosecut\w*|grievances?)\b/i,
  // A contract, a supply agreement, an agreement with a regulator is not a partnership: only partnership words, or
  // an agreement or talks with a partnership word near ("agreement to form a joint venture").
  partnership: /\b(?:ventures?|partner\w*|alliances?|collaborat\w*|cooperat\w*|co-operat\w*|tie-ups?|joint\w*|pool\w*|team(?:s|ed|ing)? up)\b/i,
  acquisition: /\b(?:acqui\w*|buy\w*|bought|purchas\w*|takeover|take over|took over|merg\w*|bids?|offers?|tender\w*)\b/i,
};
/** Words of the type near a trigger that alone does not say it ("raising" the dividend, a "buy" rating). */
const TYPE_NEAR: Partial<Record<FactType, { trigger: RegExp; near: RegExp }>> = {
  dividend: { trigger: /\b(?:rais\w*|increas\w*|boost\w*|cut\w*|reduc\w*|maintain\w*|pay\w*|omit\w*|suspend\w*|declar\w*)\b/i, near: /\b(?:dividends?|payouts?|distributions?)\b/i },
  rating: { trigger: /^(?:buy|strong buy|sell|hold|neutral|accumulate)$/i, near: /\b(?:rating|rated|rates|recommend\w*|analysts?|upgrad\w*|downgrad\w*)\b/i },
  legal_action: {
    trigger: /\b(?:court|judg\w*|ruling|rul(?:ed|es)|settle\w*|charg\w*|fin(?:e|es)|appeal\w*|investigat\w*|probe|antitrust|violat\w*|alleg\w*|action|case|claims?)\b/i,
    // A word of an action brought, not of courts in general ("a lower court ruling" on a bond, "a judgment involving a loan").
    near: /\b(?:su(?:e|ed|es|ing|it|its)|lawsuits?|litigation|plaintiffs?|defendants?|indict\w*|injunctions?|complaints?|(?:filed|brought)\s+against|class[- ]action|antitrust\s+(?:suit|action|case)|counts?\s+of|criminal|fraud|violat\w*)\b/i,
  },
  partnership: { trigger: /\b(?:agreements?|pacts?|accords?|deals?|signed|talks|negotiat\w*|discuss\w*|set(?:s|ting)? up|form(?:s|ed|ing)?|licens\w*)\b/i, near: /\b(?:joint venture|venture|partnership|alliance|collaboration|cooperation|co-operation|tie-up|consortium)\b/i },
};
/** After "loan": what a lender holds or loses, not a loan made ("loan portfolio", "loan losses"). */
const RE_LOAN_HELD_AFTER = /^\s+(?:portfolios?|loss|losses|book|demand|growth|quality|officers?|reserves?|delinquencies|charge-offs)\b/i;
/** "it raised its stake in", "the debt ratings": financing words that say something else. */
const RE_NOT_FINANCING = /\b(?:stake|ratings?)\b/i;

function triggerSays(type: FactType, e: Event, text: string): boolean {
  const words = TRIGGER_WORDS[type];
  if (!words) return true;
  const t = e.trigger.text;
  // "to finance a tender offer": what money is for, not money raised.
  if (type === 'financing' && (RE_NOT_FINANCING.test(t) || /^(?:to )?finance$/i.test(t.trim()))) return false;
  // "most of Lazere's loan portfolio", "loan losses": loans held or lost, not money lent or raised.
  if (type === 'financing' && /\bloans?\s*$/i.test(t) && RE_LOAN_HELD_AFTER.test(text.slice(e.trigger.end, e.trigger.end + 20))) return false;
  // "Nakasone's ruling Liberal Democratic Party", "the ruling coalition": an adjective, not a court's ruling.
  if (type === 'legal_action' && /^ruling$/i.test(t.trim()) && /^\s+(?:[A-Z]|(?:party|parties|coalition|government|junta|class|elite|family|council|faction|body|military|communist|socialist|conservative|liberal)\b)/.test(text.slice(e.trigger.end, e.trigger.end + 20))) return false;
  // "alleged fraud on Navy contracts", "alleged violations": an adjective, not an allegation made.
  if (type === 'legal_action' && /^alleged$/i.test(t.trim()) && /^\s+(?!(?:that|in|to|by|the|a|an|its|their)\b)[a-z]/.test(text.slice(e.trigger.end, e.trigger.end + 20))) return false;
  if (words.test(t)) return true;
  const near = TYPE_NEAR[type];
  // The words near, not the trigger itself ("the ruling Golkar party": "ruling" alone says no legal action).
  return !!near && near.trigger.test(t.trim()) && near.near.test(`${text.slice(Math.max(0, e.trigger.start - 80), e.trigger.start)} | ${text.slice(e.trigger.end, e.trigger.end + 80)}`);
}

/** ", a unit of " right before a name: the name is the parent of the company named before it. */
const RE_PARENT_APPOSITIVE = /^\s*(?:<[A-Z0-9.]{1,8}>\s*)?,\s*(?:a|an|the)\s+(?:[\w-]+\s+){0,3}?(?:unit|subsidiary|division|affiliate|arm)\s+of\s+$/i;
/**
 * "Southern Railway Co, a unit of Norfolk Southern Corp, is raising 20.6 mln dlrs": the company that raises, launches
 * or opens is the subject, not its parent named in the apposition. When the fact's company is such a parent, the
 * subject before it takes its place (and is no longer its own financer).
 */
function subjectOverParent(c: Ctx, b: NonNullable<Built>, e: Event, sentence: { start: number; end: number }): void {
  const args = b.args as { company?: string; financer?: string };
  if (!args.company) return;
  const idx = Number(args.company.slice(1)) - 1;
  const ms = c.ents.mentions;
  for (let i = Math.max(1, firstMentionFrom(c, sentence.start)); i < ms.length && ms[i].start < e.trigger.start; i++) {
    const m = ms[i];
    if (m.entity !== idx || m.end > e.trigger.start) continue;
    for (let j = i - 1; j >= 0 && ms[j].start >= sentence.start; j--) {
      const p = ms[j];
      if (p.end > m.start || c.ents.entities[p.entity]?.type !== 'ORG' || p.entity === idx) continue;
      if (!RE_PARENT_APPOSITIVE.test(c.text.slice(p.end, m.start))) break;
      args.company = `e${p.entity + 1}`;
      if (args.financer === args.company) delete args.financer;
      return;
    }
  }
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
  // A rating agency is only ever the one that rates: never the company that raises money, launches, pays, sues or is sued.
  const a0 = b.args as { company?: string; defendant?: string; complainant?: string; parties?: string[]; acquirer?: string; target?: string };
  if ([a0.company, a0.defendant, a0.complainant, a0.acquirer, a0.target, ...(a0.parties ?? [])].some((id) => isRatingAgency(c, id))) return false;
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

/**
 * What is planned, hoped for or possible before the trigger ("the company plans to introduce several products",
 * "is expected to open", "could launch"): the event is not stated as done. A plain future ("will launch", "would
 * introduce") states what the company announced, as the modern gold set reads it, so it is not hedged here.
 */
const RE_INTENT_BEFORE = /\b(?:(?:plans?|planned|planning|intends?|intended|expects?|expected|hopes?|wants?|aims?|seeks?|proposes?|proposed|considers?|considering|would\s+like|is\s+likely|are\s+likely)\s+to|could|may|might)\s+(?:(?:soon|also|then|eventually|later|shortly|not)\s+)?(?:be\s+)?(?:[a-z-]+\s+){0,1}$/;

/**
 * An event fact's modality: the model's, made speculative by an intent or a modal before the trigger in its clause,
 * and read from the hedges and reporting cues of its sentence up to the end of the trigger's clause as the rules
 * read them ("could", "if", "according to") — a hedge in a later clause does not hedge this one.
 */
function modalityOf(c: Ctx, e: Event, sentence: { start: number; end: number }): Fact['modality'] {
  if (e.modality === 'speculative') return 'speculative';
  // Windows of at most CUE_WINDOW characters each side: a "sentence" thousands of characters long (a list, a table)
  // would make every event in it cost its length.
  const from = Math.max(sentence.start, e.trigger.start - CUE_WINDOW);
  const before = c.text.slice(from, e.trigger.start).replace(/\s+/g, ' ');
  const clause = before.slice(Math.max(before.lastIndexOf(';'), before.lastIndexOf(', and '), before.lastIndexOf(', but ')) + 1);
  if (RE_INTENT_BEFORE.test(clause)) return 'speculative';
  const rest = c.text.slice(e.trigger.end, Math.min(sentence.end, e.trigger.end + CUE_WINDOW));
  const stop = rest.search(/;|,\s+(?:and|but|while|although|whereas)\s|\s--\s/);
  const upTo = c.text.slice(from, stop < 0 ? e.trigger.end + rest.length : e.trigger.end + stop);
  const m = findModality(cueWords(upTo)).modality;
  return m === 'asserted' ? e.modality : m;
}

/** How far (characters) before and after a trigger its cues are read. */
const CUE_WINDOW = 300;
/** A sentence's words as the cue lexicons read them: lower case, punctuation apart, single spaces. */
const cueWords = (s: string) => s.toLowerCase().replace(/([,;:()"])/g, ' $1 ').replace(/\s+/g, ' ').trim();

/** The rules' negation cues in the trigger's clause ("no additional charges will be brought", "has not launched"). */
function deniedBefore(c: Ctx, e: Event, sentence: { start: number; end: number }): boolean {
  const before = cueWords(c.text.slice(Math.max(sentence.start, e.trigger.start - CUE_WINDOW), e.trigger.start));
  return findNegation(`${before} ${cueWords(e.trigger.text)}`, before.length + 1) !== null;
}

/** Facts stated by events; `sentenceOf` gives the sentence span around an offset. */
export function factsFromEvents(
  events: readonly Event[], ents: ResolvedEntities, values: readonly Span[], text: string,
  sentenceOf: (offset: number) => { start: number; end: number }, main = -1,
): { fact: Omit<Fact, 'id'>; event: Event }[] {
  const c: Ctx = { ents, values, text, main, sentenceOf };
  const out: { fact: Omit<Fact, 'id'>; event: Event }[] = [];
  for (const e of events) {
    const sentence = sentenceOf(e.trigger.start);
    const b = factOf(c, e, sentence);
    if (b && SUBJECT_FIRST.has(b.type)) subjectOverParent(c, b, e, sentence);
    if (!b || !triggerSays(b.type, e, text) || !plausible(c, b, e, sentence)) continue;
    const deal = b.type === 'acquisition' || b.type === 'partnership';
    const fact = {
      type: b.type, args: b.args, status: deal ? b.status ?? null : null, negated: e.negated || deniedBefore(c, e, sentence),
      modality: modalityOf(c, e, sentence), time: null, evidence: [{ start: e.trigger.start, end: e.trigger.end }, ...e.args.map((a) => ({ start: a.start, end: a.end }))],
      confidence: Math.round(e.confidence * 0.9 * 1000) / 1000, rule: `model:events/${e.type}`,
    } as unknown as Omit<Fact, 'id'>;
    out.push({ fact, event: e });
  }
  return out;
}
