/**
 * The extract stage's public face: `extract(article)` turns one article's text
 * into the `dealgraph/extraction@2` contract: resolved entities, and facts
 * each tied to the characters that state them, with the rule that produced
 * them, status, negation, modality and time.
 */
import { analyze, type Span } from '../nlp/index.js';
import type { Money as MoneyValue, Percent } from '../nlp/values.js';
import { collapse, isGenericName, nameWords, orgForShortName, reporterEntities, resolveEntities, type EntityRec, type ResolvedEntities } from './entities.js';
import { isRegulator, sentenceViews, toOffsets, withoutAppositive, type Candidate, type SentenceView } from './sentence.js';
import { RE_SECOND_TITLE, runRules, type RawFact } from './rules.js';
import { findModality, findNegation, findStatus, RE_PER_SHARE_AFTER } from './cues.js';
import { findQuotes } from './quotes.js';
import { findTableResults } from './tables.js';
import { SCHEMA_ID, type Entity, type Extraction, type Fact, type FactType, type Money, type Status } from './schema.js';
import { findEvents } from './events/index.js';
import { factsFromEvents, isRatingAgencyName, toContractEvents } from './event-facts.js';

export interface ArticleInput {
  id: string;
  source: string;
  text: string;
  title?: string | null;
  dateline?: string | null;
  published?: string | null;
}

/** Why a fact was produced: printed by `--explain`. */
export interface Explanation {
  fact: string;
  rule: string;
  trigger: string;
  words: string;
  cues: string[];
  /** the status phrase as written, for deal facts */
  statusText?: string;
  /** a stake bought, raised or cut: part of the company changed hands */
  stakeChange?: 'bought' | 'up' | 'down';
  /** for a stake bought read from an acquisition rule: the deal status its words state */
  stakeStatus?: Status;
}

export interface ExtractResult {
  extraction: Extraction;
  explanations: Explanation[];
  /** per event id: the strongest features of the model's trigger decision (with `explain`) */
  eventReasons: Map<string, string[]>;
}

export interface ExtractOptions {
  /** keep the event model's strongest features for `--explain` */
  explain?: boolean;
}

const TITLE_NORMAL: Record<string, string> = {
  'chief executive officer': 'CEO', 'chief executive': 'CEO', ceo: 'CEO', 'chief operating officer': 'COO', coo: 'COO',
  'chief financial officer': 'CFO', cfo: 'CFO',
};

/**
 * A title in normal form, keeping the words that change it: "vice chairman", "deputy chairman", "former CEO",
 * "acting president" ("Vice Chairman" is not the chairman). Only the base title is normalized ("chief executive
 * officer" → CEO, "board chairman" → chairman).
 */
export function normalTitle(raw: string): string {
  const m = RE_TITLE_PREFIX.exec(raw.toLowerCase())!;
  const prefix = m[1].replace(/vice-/g, 'vice ').replace(/co[- ]+/g, 'co-').replace(/\s+/g, ' ').trim(), base = m[2];
  const norm = TITLE_NORMAL[base] ?? (/chairman$/.test(base) ? 'chairman' : base.replace(/-/g, ' '));
  return !prefix ? norm : prefix.endsWith('-') ? prefix + norm : `${prefix} ${norm}`;
}
/** Words before a title that say when it is held, not what it is ("Outgoing Deputy Treasury Secretary" is a deputy secretary). */
const RE_TITLE_TENURE = /^(?:(?:Outgoing|Incoming|Retiring|Departing|Newly[- ](?:appointed|named|elected)|New|Then|Current)\s+)+/i;
/** The qualifier words at the end of a name run into a title ("Federal Reserve Board Vice"). */
const RE_TITLE_QUALIFIER_TAIL = /\s((?:(?:Former|Deputy|Acting|Interim|Assistant|Associate|Vice|Prime)\s*)+)$/;
const RE_TITLE_QUALIFIER = /^(?:(?:Former|Deputy|Acting|Interim|Assistant|Associate|Under|Vice)\s+)+(?:[A-Z][a-z]+\s+)?[A-Za-z]*$/i;
const RE_TITLE_PREFIX = /^((?:(?:former|deputy|acting|interim|assistant|associate|under|vice|co)[- ]+)*)(.*)$/;

function metricOf(words: string): Fact['type'] extends never ? never : string | null {
  if (/net loss|losses|\bloss\b|\blost\b/.test(words)) return /operating/.test(words) ? 'operating_loss' : 'loss';
  if (/operating (profit|income)/.test(words)) return 'operating_profit';
  if (/net income|net profit|\bnet\b/.test(words)) return 'net_income';
  if (/profit|earned/.test(words)) return 'profit';
  if (/revenue|sales/.test(words)) return 'revenue';
  if (/earnings/.test(words)) return 'earnings';
  return null;
}

export function extract(input: ArticleInput, opts: ExtractOptions = {}): ExtractResult {
  const text = input.text;
  const refDate = input.published ?? undefined;
  const { tokens, spans } = analyze(text, { refDate });
  const ents = resolveEntities(text, spans);
  const values = spans.filter((s) => s.type === 'MONEY' || s.type === 'PERCENT' || s.type === 'DATE');
  const candidates: Candidate[] = [];
  const views = sentenceViews(tokens, ents.mentions, values, candidates);
  // A candidate phrase becomes an ORG entity when a rule uses it as a deal's target.
  const candEntity = new Map<number, number>();
  const entityForCandidate = (k: number): number => {
    let e = candEntity.get(k);
    if (e !== undefined) return e;
    const c = candidates[k];
    const words = nameWords(c.text);
    const key = words.join(' ');
    const found = ents.entities.find((x) => x.type === 'ORG' && x.key === key);
    const mention = { start: c.start, end: c.end, type: 'ORG' as const, entity: 0, text: c.text };
    if (found) { e = found.index; found.mentions.push({ ...mention, entity: e }); }
    else {
      e = ents.entities.length;
      ents.entities.push({ index: e, type: 'ORG', name: c.text, aliases: new Set(), mentions: [{ ...mention, entity: e }], key, words, reasons: ['capitalized phrase used as a deal target'] });
    }
    candEntity.set(k, e);
    return e;
  };

  // The article's main company: the most mentioned ORG (earliest on ties); "the company" falls back to it.
  let main = -1;
  // The company the article is about: the ORG named most often (a regulator such as the SEC is never it).
  for (const e of ents.entities) if (e.type === 'ORG' && !isRegulator(e.name) && (main < 0 || e.mentions.length > ents.entities[main].mentions.length)) main = e.index;

  // The last person mention ending by `at`. Only PER mentions can qualify (a retyped one becomes ORG, never PER),
  // so they are listed once, sorted by start like all mentions; a scan of every mention per pronoun was quadratic.
  let persons: typeof ents.mentions | null = null;
  const lastPersonBefore = (at: number) => {
    persons ??= ents.mentions.filter((m) => m.type === 'PER');
    for (let i = firstStartingAt(persons, at) - 1; i >= 0; i--) if (persons[i].type === 'PER' && persons[i].end <= at) return persons[i];
    return undefined;
  };

  const facts: Fact[] = [];
  const explanations: Explanation[] = [];
  const seen = new Map<string, number>();
  // The evidence starts of each fact, so a fact stated thousands of times is not searched thousands of times.
  const evidenceStarts = new Map<number, Set<number>>();
  let lastSubject = main;

  for (const whole of views) {
    // An all-caps headline restates the lead in telegraphic form: its facts come from the body.
    if (isAllCaps(text.slice(whole.start, whole.end))) continue;
    // The sentence, and the sentence without an appositive or relative clause after a name
    // ("X, a unit of Y, said it agreed to buy Z" → "X said it agreed to buy Z").
    const reduced = withoutAppositive(whole);
    for (const v of reduced ? [whole, reduced.view] : [whole]) {
    // A partnership with a list of partners ("struck with BMW, Ford, Toyota and Fiat") is one partnership per partner.
    const raws = runRules(v.pat).flatMap((r) => {
      const ps = r.args.parties as string[] | undefined;
      if (r.type !== 'partnership' || !ps || ps.length <= 2) return [r];
      return ps.slice(1).map((p) => ({ ...r, args: { parties: [ps[0], p] } }));
    }).flatMap((r) => {
      // "acquired Allied Research Inc of Salem , Ore. , and Consolidated Insurance Services Inc": one acquisition per company bought.
      if (r.type !== 'acquisition' || typeof r.args.target !== 'string' || r.args.unit) return [r];
      const at = slotAt(v.pat, r, r.args.target);
      if (at < 0) return [r];
      const more = /^(?:(?: ,)? (?:of|in|based in|located in) @L\d+(?: , (?:@L\d+|[^ @,]+))?(?: \.)?)?(?: ,)? and (?:the )?(@O\d+|@K\d+|@[LPX]\d+(?= (?:from|for|to|in|at|,|\.)(?: |$)| ?$))(?= |$)/.exec(v.pat.slice(at + r.args.target.length));
      if (!more || more[1] === r.args.acquirer || more[1] === r.args.seller) return [r];
      return [r, { ...r, args: { ...r.args, target: more[1] } }];
    }).flatMap((r) => {
      if (r.type !== 'role') return [r];
      const second = RE_SECOND_TITLE.exec(v.pat.slice(r.start, r.end));
      if (!second) return [r];
      const at = r.start + second.index! + second[0].length - second[1].length;
      return [r, { ...r, args: { ...r.args, title: second[1] }, trigger: at, triggerText: second[1] }];
    });
    for (const r of raws) {
      // A deal read across the appositive takes a name inside it for a party: the reduced sentence reads it right.
      if (reduced && v === whole && r.start < reduced.cutEnd && r.end > reduced.cutEnd) continue;
      // "it" / "the company": the nearest company named before in this sentence, else the last subject.
      const resolveOrg = (ph: unknown): number | null => {
        if (typeof ph !== 'string') return null;
        if (ph === 'they') {
          // The first party named in the sentence before the match.
          const first = /(?:^| )@[OP](\d+)/.exec(v.pat.slice(0, r.start + 1));
          return first ? Number(first[1]) : null;
        }
        if (ph === 'he' || ph === 'she') {
          // The last person named before the match, in this sentence or earlier.
          const before = [...v.pat.slice(0, r.start + 1).matchAll(/(?:^| )@P(\d+)/g)].pop();
          if (before) return Number(before[1]);
          const prev = lastPersonBefore(v.start);
          return prev ? prev.entity : null;
        }
        if (ph === '@A' || ph === 'it') {
          // The sentence's subject: its first company, when it comes before the match.
          const before = /(?:^| )@O(\d+)/.exec(v.pat.slice(0, r.start + 1));
          if (before) return Number(before[1]);
          // "<Unrecognized Name> said it …": the unrecognized name that says it is the subject.
          const said = /^@K(\d+) (?:said|says|announced) (?:it|that it) /.exec(v.pat);
          if (said && said[0].length <= r.start + 8) return entityForCandidate(Number(said[1]));
          // "A group led by New York investor Theodore Cross said it …": the group's leader.
          const leader = /^(?:an? |the )?(?:[a-z-]+ ){0,3}(?:group|partnership|fund|consortium)(?: of (?:[a-z-]+ ){1,4}?)? (?:led|controlled|headed|formed|managed|advised) by (?:[^ @]+ ){0,4}?(?:@L\d+ )?(?:[^ @]+ ){0,2}?@P(\d+)/.exec(v.pat);
          if (leader && leader.index + leader[0].length <= r.start + 1) return Number(leader[1]);
          return lastSubject >= 0 ? lastSubject : null;
        }
        const k = /^@K(\d+)$/.exec(ph);
        if (k) return entityForCandidate(Number(k[1]));
        const m = /^@[OPXL](\d+)$/.exec(ph);
        return m ? Number(m[1]) : null;
      };
      const built = buildFact(r, v, ents, values, resolveOrg, text, input.published ?? null);
      if (!built) continue;
      const { fact, cues, statusText, stakeChange, stakeStatus } = built;
      const key = factKey(fact);
      const prev = seen.get(key);
      if (prev !== undefined) {
        const p = facts[prev];
        // The same fact stated again: the first statement stands (the lead states a deal as it is); a surer rule
        // later only raises the confidence, and its words join the evidence.
        if (fact.confidence > p.confidence) p.confidence = fact.confidence;
        let starts = evidenceStarts.get(prev);
        if (!starts) evidenceStarts.set(prev, starts = new Set(p.evidence.map((e) => e.start)));
        if (!starts.has(fact.evidence[0].start)) { starts.add(fact.evidence[0].start); p.evidence.push(fact.evidence[0]); }
        continue;
      }
      fact.id = `f${facts.length + 1}`;
      seen.set(key, facts.length);
      facts.push(fact);
      explanations.push(explain(fact, r, v, cues, statusText));
      // Buying shares is an acquisition (of part of the company) as well as a stake.
      // Buying shares, raising or cutting a stake: part of the company changes hands (the templates read these as deals).
      // "now holds 14.9 pct of X after acquiring further shares": the holding grew by a purchase.
      // "took a 10 pct stake", "has taken a 10 pct stake in": the stake was bought.
      const nextWord = /^ (taken|acquired|bought|purchased)(?= |$)/.exec(v.pat.slice(r.trigger + r.triggerText.length));
      const boughtWord = /^(?:acquired|bought|took|taken|has taken|has acquired|will take|to take)$/.test(r.triggerText) ? r.triggerText : nextWord?.[1];
      const bought = boughtWord !== undefined || /^(?: [^ ]+){0,12}? after (?:acquiring|buying|purchasing)(?= |$)/.test(v.pat.slice(r.end));
      const change = stakeChange ?? (/^(?:raised|increased|lifted|boosted|raise|increase|lift|boost|raising|increasing|lifting|boosting)$/.test(r.triggerText) ? 'up' : /^(?:cut|reduced|lowered|reduce|lower|cutting|reducing|lowering)$/.test(r.triggerText) ? 'down' : bought ? 'bought' : null);
      if (fact.type === 'stake' && change && fact.args.holder) {
        const phrase = change !== 'bought' ? /^\S+ (?:its|his|her|their) (?:stake|holding|interest|shareholding)/.exec(v.pat.slice(r.trigger)) : null;
        const o = phrase ? toOffsets(v, r.trigger, r.trigger + phrase[0].length) : null;
        const e = explanations[seen.get(key)!];
        e.stakeChange = change;
        // A stake read from an acquisition rule keeps the status its words state ("agreed to acquire a 20 pct stake").
        if (stakeChange) e.stakeStatus = stakeStatus;
        // A holding grown "after acquiring further shares" has no status phrase of its own (the trigger is "holds").
        else e.statusText = o ? collapse(text.slice(o.start, o.end)) : boughtWord;
      }
    }
    }
    // The subject for the next sentence's "the company": the first ORG of this one.
    const first = /(?:^| )@O(\d+)/.exec(whole.pat);
    if (first) lastSubject = Number(first[1]);
  }

  // Earnings tables ("Net 1,683,000 vs 1,524,000") under a title naming the company.
  for (const tr of findTableResults(text, input.title ?? null, ents.mentions, (m) => ents.entities[m.entity].type === 'ORG')) {
    if (tr.fullName) tr.company = titleCompany(ents, text, tr.fullName);
    const fact: Fact = {
      id: `f${facts.length + 1}`, type: 'financial_result',
      args: { company: `e${tr.company + 1}`, metric: tr.metric, amount: tr.amount, ...(tr.period ? { period: tr.period } : {}) },
      status: null, negated: false, modality: 'asserted', time: null, evidence: [{ start: tr.start, end: tr.end }], confidence: 0.8, rule: 'table.earnings',
    };
    const key = factKey(fact);
    if (seen.has(key)) continue;
    seen.set(key, facts.length);
    facts.push(fact);
    explanations.push({ fact: fact.id, rule: fact.rule, trigger: text.slice(tr.start, tr.end).split(/\s/)[0], words: text.slice(tr.start, tr.end), cues: [`a row of the earnings table under the title; period ${tr.period ?? 'unknown'}`] });
  }

  // Quotes.
  for (const q of findQuotes(text, ents.mentions, (m) => ents.entities[m.entity].type === 'PER')) {
    const view = views.find((v) => v.start <= q.start && q.start <= v.end) ?? views[0];
    const mod = view ? findModality(view.pat) : { modality: 'asserted' as const, cue: null };
    const fact: Fact = {
      id: `f${facts.length + 1}`, type: 'quote', args: { speaker: `e${q.speaker + 1}`, text: q.text }, status: null, negated: false,
      modality: mod.modality === 'reported' ? 'reported' : 'asserted', time: null,
      evidence: [{ start: q.start, end: q.end }, q.speakerMention], confidence: q.continued ? 0.7 : 0.8, rule: q.continued ? 'quote.continued' : 'quote.adjacent-speaker',
    };
    facts.push(fact);
    explanations.push({ fact: fact.id, rule: fact.rule, trigger: 'quotation marks', words: text.slice(q.start, Math.min(q.end, q.start + 60)), cues: [q.how] });
  }

  // Drop role facts without an org when the same person has one with an org and the same title.
  const withOrg = new Set(facts.filter((f) => f.type === 'role' && f.args.org).map((f) => `${(f.args as { person: string }).person}|${(f.args as { title: string }).title}`));
  // Drop a sale without its buyer when the same sale is known with the buyer.
  const withBuyer = new Set(facts.filter((f) => f.type === 'acquisition' && f.args.acquirer).map((f) => `${(f.args as { target: string }).target}|${(f.args as { seller?: string }).seller ?? ''}|${f.negated}`));
  // And a purchase without its seller when the same sentence states it with the seller.
  const sellerKey = (f: Fact) => `${(f.args as { acquirer?: string }).acquirer ?? ''}|${(f.args as { target: string }).target}|${f.negated}`;
  const withSeller = facts.filter((f) => f.type === 'acquisition' && f.args.seller);
  const overlaps = (f: Fact, g: Fact) => f.evidence[0].start < g.evidence[0].end && g.evidence[0].start < f.evidence[0].end;
  // A source that reports the news ("Kyodo news agency said", "Le Monde newspaper") is never a party to a deal or a stake.
  const reporters = reporterEntities(text, ents);
  // Nor is a rating agency ("Moody's cited Fleet's announced merger with Norstar"): it rates the parties.
  for (const e of ents.entities) if (e.type === 'ORG' && isRatingAgencyName(e.name)) reporters.add(e.index);
  const reportedBy = (f: { type: string; args: unknown }) => (DEAL_TYPES.has(f.type) || f.type === 'stake') && entityArgs(f).some((e) => reporters.has(Number(e.slice(1)) - 1));
  // A stake of unstated size read from "acquired … shares of X" beside the same stake with its percentage ("or 8.0 pct").
  // A company and its own unit are not partners ("ILG said its Air Europe subsidiary was in negotiations with …").
  const units = new Set(facts.filter((f) => f.type === 'subsidiary').map((f) => [f.args.parent, f.args.child].sort().join('|')));
  const withOwnUnit = (f: { type: string; args: unknown }) => f.type === 'partnership' && units.has([...(f.args as { parties: string[] }).parties].sort().join('|'));
  const sized = facts.filter((f) => f.type === 'stake' && f.args.percent !== null);
  const unsizedDup = (f: Fact) => f.type === 'stake' && f.args.percent === null
    && sized.some((g) => g.type === 'stake' && g.args.holder === f.args.holder && g.args.company === f.args.company && overlaps(f, g));
  const keep = facts.map((f) => !reportedBy(f) && !unsizedDup(f) && !withOwnUnit(f) && !(f.type === 'role' && !f.args.org && withOrg.has(`${f.args.person}|${f.args.title}`))
    && !(f.type === 'acquisition' && !f.args.acquirer && withBuyer.has(`${f.args.target}|${f.args.seller ?? ''}|${f.negated}`))
    && !(f.type === 'acquisition' && f.args.acquirer && !f.args.seller && withSeller.some((g) => sellerKey(g) === sellerKey(f) && overlaps(f, g))));
  const finalFacts: Fact[] = [], finalExpl: Explanation[] = [];
  facts.forEach((f, i) => { if (keep[i]) { const id = `f${finalFacts.length + 1}`; finalFacts.push({ ...f, id }); finalExpl.push({ ...explanations[i], fact: id }); } });

  // The learnt event model reads the same tokens and names; its facts join the rules' unless they restate one.
  const predicted = findEvents(text, { analysis: { tokens, spans }, explain: opts.explain });
  const events = toContractEvents(predicted, ents, main);
  const eventReasons = new Map<string, string[]>();
  if (opts.explain) predicted.forEach((p, i) => eventReasons.set(events[i].id, p.why ?? []));
  // The sentence around an offset: views are sorted by start, so a binary search (the event facts ask for it per argument).
  const sentenceOf = (o: number) => {
    let lo = 0, hi = views.length;
    while (lo < hi) { const mid = (lo + hi) >> 1; if (views[mid].start <= o) lo = mid + 1; else hi = mid; }
    const v = views[lo - 1];
    return v && v.start <= o && o < v.end ? v : { start: 0, end: text.length };
  };
  const known = coverIndex(finalFacts);
  for (const { fact, event } of factsFromEvents(events, ents, values, text, sentenceOf, main)) {
    // An all-caps headline restates the lead in telegraphic form ("TRANSAMERICA BOARD TO BUY OWN STOCK"): as for the rules, its facts come from the body.
    const sv = sentenceOf(event.trigger.start);
    if (known.covers(fact) || reportedBy(fact) || withOwnUnit(fact) || isAllCaps(text.slice(sv.start, sv.end))) continue;
    const id = `f${finalFacts.length + 1}`;
    finalFacts.push({ ...fact, id } as Fact);
    known.add(finalFacts[finalFacts.length - 1]);
    finalExpl.push({ fact: id, rule: fact.rule, trigger: event.trigger.text, words: event.args.map((a) => `${a.role}=${a.text}`).join('; '),
      cues: [`event ${event.id} (${event.type}${event.subtype ? '/' + event.subtype : ''}), confidence ${event.confidence}`] });
  }

  const entities: Entity[] = ents.entities.map((e) => ({
    id: `e${e.index + 1}`, type: e.type, name: e.name, aliases: [...e.aliases],
    mentions: e.mentions.map((m) => ({ start: m.start, end: m.end })),
    ...(e.typeReason ? { typeReason: e.typeReason } : {}),
  }));
  return {
    extraction: {
      schema: SCHEMA_ID,
      article: { id: input.id, source: input.source, title: input.title ?? null, dateline: input.dateline ?? null, published: input.published ?? null, chars: text.length },
      entities,
      events,
      facts: finalFacts,
    },
    explanations: finalExpl,
    eventReasons,
  };
}

/** The entity of a company named in full in a table's title ("FAMILY STEAK HOUSES OF FLORIDA INC"): found by its key, or added. */
function titleCompany(ents: ResolvedEntities, text: string, span: { start: number; end: number }): number {
  const name = collapse(text.slice(span.start, span.end));
  const words = nameWords(name), key = words.join(' ');
  const found = ents.entities.find((x) => x.type === 'ORG' && x.key === key);
  if (found) return found.index;
  const index = ents.entities.length;
  const mention = { start: span.start, end: span.end, type: 'ORG' as const, entity: index, text: name };
  ents.entities.push({ index, type: 'ORG', name, aliases: new Set(), mentions: [mention], key, words, reasons: ['the company named in full in the title of its earnings table'] });
  return index;
}

const DEAL_TYPES = new Set(['acquisition', 'merger', 'partnership', 'asset_sale', 'asset_purchase']);
const entityArgs = (f: { args: unknown }): string[] => Object.values(f.args as Record<string, unknown>).flatMap((v) => (Array.isArray(v) ? v : [v]))
  .filter((v): v is string => typeof v === 'string' && /^e\d+$/.test(v));

/**
 * Which facts from events a fact so far already covers: for deals, any deal
 * sharing a party (the rules read deal direction better on wire copy, so an
 * event's deal never adds a second reading of the same companies); for stock
 * moves, the same company; otherwise the same type and arguments. Looked up in
 * sets, not by scanning every fact for each event (that grew with the square
 * of an article's length).
 */
function coverIndex(facts: readonly Fact[]) {
  const dealParties = new Set<string>(), moved = new Set<string>(), keys = new Set<string>();
  const index = {
    add(f: Fact): void {
      // A stake names the same parties a deal would (shares bought are read as a stake, not an acquisition).
      if (DEAL_TYPES.has(f.type) || f.type === 'stake') for (const e of entityArgs(f)) dealParties.add(e);
      if (f.type === 'stock_move') moved.add((f.args as { company: string }).company);
      keys.add(factKey(f));
    },
    covers(g: Omit<Fact, 'id'>): boolean {
      if (DEAL_TYPES.has(g.type)) return entityArgs(g).some((e) => dealParties.has(e));
      if (g.type === 'stock_move') return moved.has((g.args as { company: string }).company);
      return keys.has(factKey({ ...g, id: '' } as Fact));
    },
  };
  for (const f of facts) index.add(f);
  return index;
}

function isAllCaps(s: string): boolean {
  const letters = s.replace(/[^A-Za-z]/g, '');
  return letters.length >= 8 && letters === letters.toUpperCase();
}

function factKey(f: Fact): string {
  const a = f.args as Record<string, unknown>;
  // What kind of stake, and whether its percentage is a bound, do not make another fact.
  const parts = Object.keys(a).filter((k) => k !== 'value' && k !== 'text' && k !== 'kind' && k !== 'bound').sort().map((k) => `${k}=${Array.isArray(a[k]) ? [...(a[k] as string[])].sort().join('+') : JSON.stringify(a[k])}`);
  return `${f.type}|${parts.join('|')}|${f.negated}`;
}

function explain(f: Fact, r: RawFact, v: SentenceView, cues: string[], statusText?: string): Explanation {
  return { fact: f.id, rule: r.rule, trigger: r.triggerText, words: v.pat.slice(r.start, r.end), cues, ...(statusText ? { statusText } : {}) };
}

function money(values: readonly Span[], ph: unknown): Money | undefined {
  if (typeof ph !== 'string') return undefined;
  const m = /^@M(\d+)$/.exec(ph);
  if (!m) return undefined;
  const s = values[Number(m[1])];
  const v = s.value as MoneyValue;
  return { value: v.value, currency: v.currency, text: collapse(s.text) };
}
function percent(values: readonly Span[], ph: unknown): number | undefined {
  if (typeof ph !== 'string') return undefined;
  const m = /^@C(\d+)$/.exec(ph);
  return m ? (values[Number(m[1])].value as Percent).value : undefined;
}

function buildFact(
  r: RawFact, v: SentenceView, ents: ResolvedEntities, values: readonly Span[],
  org: (ph: unknown) => number | null, text: string, published: string | null = null,
): { fact: Fact; cues: string[]; statusText?: string; stakeChange?: 'bought'; stakeStatus?: Status } | null {
  const a = r.args;
  const id = (i: number | null) => (i === null ? null : `e${i + 1}`);
  const isType = (i: number | null, ...types: string[]) => i !== null && types.includes(ents.entities[i].type);
  const cues: string[] = [];
  let args: Record<string, unknown>;
  let confidence = r.confidence;
  let type: FactType = r.type;
  let stakeChange: 'bought' | undefined;
  if ((Object.values(a) as unknown[]).some((x) => x === '@A' || x === 'it')) { confidence *= 0.9; cues.push('"it"/"the company" = the company named before'); }
  if ((Object.values(a) as unknown[]).some((x) => typeof x === 'string' && x.startsWith('@K'))) { confidence *= 0.85; cues.push('target is a capitalized phrase the recognizer did not tag'); }
  // Short or mistyped names of a company named in full elsewhere in the article resolve to it.
  const full = (i: number | null): number | null => {
    if (i === null) return null;
    const e = ents.entities[i];
    if (e.type === 'ORG' && e.words.length > 1) return i;
    const f = orgForShortName(ents, e);
    return f ? f.index : i;
  };
  // "the selling shareholders", "buying pressure": the verb form is an adjective, not a deal.
  if (r.deal && /^(?:selling|buying|purchasing|purchase|sale)$/.test(r.triggerText) && RE_ADJECTIVE_USE.test(v.pat.slice(r.trigger + r.triggerText.length))) return null;
  // "will take over as its director-general", "took over from Smith", "will take over for Grubb as president": a post taken, not a company.
  if (r.deal && /^(?:take|took|takes|taking|taken) over$/.test(r.triggerText) && /^ (?:as|from|for)(?= |$)/.test(v.pat.slice(r.trigger + r.triggerText.length))) return null;
  if (r.type === 'acquisition' && typeof a.target === 'string') {
    // (A second company bought, "X and Y", stands after the match: found from the trigger on.)
    const at0 = slotAt(v.pat, r, a.target), at = at0 >= 0 ? at0 : wholePieceAt(v.pat, a.target, r.trigger);
    // "Thomson and RBH bought while Packers Trading and Refco sold": the target is not across a clause break.
    if (at > r.trigger && RE_CLAUSE_WORD.test(v.pat.slice(r.trigger + r.triggerText.length, at))) return null;
    // "a seat sold on the New York Futures Exchange": a name after "on", "through", "under" is where, not what.
    if (at > 0 && RE_NOT_OBJECT_BEFORE.test(v.pat.slice(Math.max(0, at - 20), at))) return null;
    // "TWA's bid was an attempt to interfere with its buyout of Piedmont": another deal word between the subject and
    // the trigger makes the subject's deal that one, and "its" someone else's.
    if (r.rule === 'acq.noun-svo' && typeof a.acquirer === 'string') {
      const ab0 = slotAt(v.pat, r, a.acquirer);
      if (ab0 >= 0 && ab0 < r.trigger && RE_APPROVER_VERB.test(v.pat.slice(ab0 + a.acquirer.length, r.trigger))) {
        // "CytRx Corp said … the Bank of Sweden approved its acquisition of Biopool AB": "its" is the subject's.
        const subject = / its (?:[^ @]+ )?$/.test(v.pat.slice(0, r.trigger)) ? /^(@O\d+) /.exec(v.pat) : null;
        if (!subject || subject[1] === a.acquirer) return null;
        a.acquirer = subject[1];
      }
      const acquirer = String(a.acquirer), ab = slotAt(v.pat, r, acquirer);
      if (ab >= 0 && ab < r.trigger && RE_OTHER_DEAL_WORD.test(v.pat.slice(ab + acquirer.length, r.trigger))) return null;
    }
  }
  // "Sayam Bank has existed since August 1984 when the Finance Ministry took over … Asia Trust Bank": a clause with a
  // subject of its own ("when the …") between the company and the deal verb makes the verb that subject's.
  if ((r.deal || r.type === 'stake') && r.trigger > r.start && RE_OWN_SUBJECT_CLAUSE.test(v.pat.slice(r.start, r.trigger))) return null;
  // "British Airways was sold to the public by the Conservative government": in a passive sale the subject is what is
  // sold, never its seller.
  if ((r.type === 'acquisition' || r.type === 'asset_sale') && typeof a.seller === 'string' && slotAt(v.pat, r, a.seller) === r.start
    && r.triggerText === 'sold' && /(?:^| )(?:was|were|is|are|been|being|be)(?: [a-z]+)? $/.test(v.pat.slice(Math.max(0, r.trigger - 20), r.trigger))) return null;
  // "Gelco Corp decided to sell Gelco Express Ltd as part of its program to sell off four units": a company that is
  // itself the object of a sale is not the seller of the next one.
  if ((r.type === 'asset_sale' || r.type === 'acquisition') && typeof a.seller === 'string' && /^@O/.test(a.seller) && slotAt(v.pat, r, a.seller) === r.start
    && /(?:^| )(?:sell|sells|sold|selling|to sell|buy|bought|acquire|acquired|purchase|purchased)(?: (?:its|the))? $/.test(v.pat.slice(Math.max(0, r.start - 20), r.start))) return null;
  // "is offering to sell its shares of X": an offer to sell, so its subject sells; it is not a bid for X.
  if (r.type === 'acquisition' && /^(?:offer|offers|offered|offering|bid|bids)$/.test(r.triggerText) && /^ to (?:sell|dispose)(?= |$)/.test(v.pat.slice(r.trigger + r.triggerText.length))) return null;
  // "…, the company said": "the company" after the deal's words is the speaker, not the company bought or sold.
  // "… for selling the football club, Carling said": a name after the deal's words followed by "said" is the speaker too.
  for (const k of ['target', 'acquirer', 'seller', 'buyer']) {
    const ph = a[k];
    if (typeof ph !== 'string' || !/^(?:@A|it|@[OKLPX]\d+)$/.test(ph)) continue;
    const at = slotAt(v.pat, r, ph);
    if (at >= 0 && at > r.trigger && RE_SPEECH_AFTER.test(v.pat.slice(at + ph.length)) && (/^(?:@A|it)$/.test(ph) || / , $/.test(v.pat.slice(0, at)))) return null;
  }
  // "the 1984 takeover of Getty Oil Co by Texaco": the by-phrase names the buyer, so the sentence's subject is not it.
  if (r.rule === 'acq.svo' && typeof a.target === 'string' && /^(?:takeover of|take over|purchase|acquisition)/.test(r.triggerText)) {
    const at = slotAt(v.pat, r, a.target);
    if (at >= 0 && /^(?: [^ @]+){0,3} by (?:[^ @]+ ){0,2}@[OP]\d+/.test(v.pat.slice(at + a.target.length))) return null;
  }
  // "the plan calls for the sale of substantially all of the assets of the company to a new company": the assets are sold, not the company.
  if (r.type === 'acquisition' && r.rule === 'acq.to-sell' && typeof a.target === 'string') {
    const at = slotAt(v.pat, r, a.target);
    if (at > r.trigger && / assets (?:and [a-z]+ )?of(?: the)? $/.test(v.pat.slice(r.trigger, at))) return null;
  }
  // "requires Bally to buy Trump's remaining shares": a holding bought from its owner; the owner is not bought.
  if (r.type === 'acquisition' && typeof a.target === 'string') {
    const at = slotAt(v.pat, r, a.target);
    if (at > r.trigger && !/@C\d+/.test(v.pat.slice(r.trigger, at)) && /^ 's(?: [a-z-]+){0,2} (?:shares|stake|interest|holding|holdings|stock)(?= |$)/.test(v.pat.slice(at + a.target.length, at + a.target.length + 40))) return null;
  }
  // "Ford Motor Credit will buy 150 Votrax Call Director Systems": a count of things bought (not of shares) is no company bought.
  if (r.type === 'acquisition' && typeof a.target === 'string') {
    const at = slotAt(v.pat, r, a.target);
    if (at > r.trigger && RE_COUNT_BEFORE.test(v.pat.slice(r.trigger + r.triggerText.length, at)) && !RE_SHARES_AFTER.test(v.pat.slice(at + a.target.length, at + a.target.length + 40))) return null;
  }
  // "purchase the output of the Sterling facility": what is bought is what the place makes, not the place.
  if (r.type === 'acquisition' && typeof a.target === 'string') {
    const at = slotAt(v.pat, r, a.target);
    if (at > r.trigger && RE_PRODUCT_OF.test(v.pat.slice(r.trigger + r.triggerText.length, at))) return null;
  }
  switch (r.type) {
    case 'acquisition': {
      // "Phoenix Steel Corp said a group of investors offered to buy its Clayton mill": an unnamed buyer; the company selling announced it.
      if (typeof a.acquirer === 'string' && /^@O/.test(a.acquirer)) {
        const ab = slotAt(v.pat, r, a.acquirer);
        const between = ab >= 0 && r.trigger > ab ? v.pat.slice(ab + a.acquirer.length, r.trigger) : '';
        if (RE_UNNAMED_SUBJECT.test(between)) {
          cues.push('the buyer is not named: the company that said it is not the buyer');
          const ta = typeof a.target === 'string' ? slotAt(v.pat, r, a.target) : -1;
          if (!a.seller && ta > 0 && / its(?: [^ @]+){0,2} $/.test(v.pat.slice(Math.max(0, ta - 30), ta))) a.seller = a.acquirer;
          a.acquirer = null;
        }
      }
      // "pay 630 mln dlrs for the European corn wet milling business of CPC International Inc": a place or nationality
      // naming a business bought, not a company: the business is an asset, and the company after "of" sells it.
      if (typeof a.target === 'string' && /^@[XL]\d+$/.test(a.target) && a.acquirer && !a.unit) {
        const at = slotAt(v.pat, r, a.target);
        const biz = at < 0 ? null : RE_BUSINESS_AFTER.exec(v.pat.slice(at + a.target.length));
        const buyer = full(org(a.acquirer));
        if (biz && buyer !== null && isType(buyer, 'ORG', 'PER')) {
          const o = toOffsets(v, at, at + a.target.length + biz[1].length);
          const sel = biz[2] ? full(org(biz[2])) : full(org(a.seller));
          type = 'asset_purchase';
          args = { buyer: id(buyer)!, asset: collapse(text.slice(o.start, o.end)) };
          if (sel !== null && sel !== buyer && isType(sel, 'ORG')) args.seller = id(sel);
          const val = moneyNear(values, v, r, text);
          if (val) args.value = val;
          cues.push(`"${ents.entities[org(a.target)!]?.name ?? a.target}" names a business bought, not a company`);
          break;
        }
      }
      refineParties(v.pat, r, a, cues, (ph) => { const i = org(ph); return i === null ? '' : ents.entities[i].name; });
      const acq = full(org(a.acquirer));
      let sel = full(org(a.seller));
      let tgt = org(a.target);
      if (tgt === null) return null;
      // "agreed to buy ten pizza restaurants in southeastern Colorado": the place is where the thing bought is, not the thing.
      if (ents.entities[tgt].type === 'LOC' && full(tgt) === tgt && acq !== null && typeof a.target === 'string') {
        const at = slotAt(v.pat, r, a.target);
        const from = r.trigger + r.triggerText.length;
        const between = at > from ? v.pat.slice(from, at) : '';
        const thing = RE_THING_IN.exec(between);
        if (!thing) {
          if (RE_PLACE_PREP.test(between)) return null; // "in Colorado" after words that are not a thing bought
        } else {
        const o = toOffsets(v, from + thing.index! + thing[0].indexOf(thing[1]), from + thing.index! + thing[0].indexOf(thing[1]) + thing[1].length);
        type = 'asset_purchase';
        args = { buyer: id(acq)!, asset: collapse(text.slice(o.start, o.end)), location: id(tgt)! };
        if (sel !== null && sel !== acq) args.seller = id(sel);
        const val = moneyNear(values, v, r, text);
        if (val) args.value = val;
        cues.push(`"${ents.entities[tgt].name}" is where the asset is`);
        break;
        }
      }
      const tf = full(tgt);
      if (tf !== tgt) { cues.push(`"${ents.entities[tgt].name}" is a short name of ${ents.entities[tf!].name}`); tgt = tf!; }
      if (!isType(tgt, 'ORG')) {
        // A named thing being bought is a company or an asset, whatever the recognizer said.
        const e = ents.entities[tgt];
        if ((e.type === 'PER' || e.type === 'MISC') && e.words.length < 2) return null; // "Smith", "Canadian": not a thing being bought
        if (e.mentions.some((m) => RE_HONORIFIC.test(m.text) || RE_HONORIFIC_BEFORE.test(text.slice(Math.max(0, m.start - 16), m.start)))) return null; // "Colonel Oliver North": a person
        if (isGenericName(e.name)) return null; // "buy U.S. grain", "sell in the U.S.": a place, not a company bought
        // "the sale of four banking offices in Vancouver", "New York-area": a place where things are, not a company.
        const ta = typeof a.target === 'string' ? slotAt(v.pat, r, a.target) : -1;
        if (e.type === 'LOC' && (/-(?:area|based|region)$/i.test(e.name) || (ta > 0 && RE_PLACE_BEFORE.test(v.pat.slice(Math.max(0, ta - 12), ta))))) return null;
        cues.push(`target "${e.name}" retyped ${e.type} → ORG (it is being bought)`);
        e.reasons.push(`retyped ${e.type} → ORG: target of a deal`);
        e.typeReason = `read as ${e.type}, settled as ORG: the target of a deal ("${r.triggerText}")`;
        e.retyped = true;
        e.type = 'ORG';
        for (const m of e.mentions) m.type = 'ORG';
        confidence *= 0.85;
      } else if (ents.entities[tgt].retyped) confidence *= 0.85; // as sure as the first time
      if (acq !== null && (acq === tgt || !isType(acq, 'ORG', 'PER'))) return null;
      // A company selling itself ("X … to seek purchasers of the company") has no seller of its own.
      if (sel !== null && sel === tgt && acq === null) sel = null;
      if (sel !== null && (sel === tgt || sel === acq)) { if (!a.unit) return null; }
      if (a.unit) {
        // "X sold its unit to Y": the target is X's unit, not named as a company; keep X as seller only.
        args = { acquirer: id(acq), target: id(tgt)!, seller: id(sel) ?? undefined };
        confidence *= 0.7;
      } else args = { acquirer: id(acq), target: id(tgt)! };
      if (sel !== null && !a.unit) args.seller = id(sel);
      const val = moneyNear(values, v, r, text);
      if (val) args.value = val;
      // "the purchase of the remaining 50 pct stake of X": the share bought.
      // "a 20 pct investment in X", "a 12 pct stake in X": the share written before the trigger noun.
      const pctAt = a.percent ? null : /^(?:[^ @]+ ){0,4}?(@C\d+) (?:stake|interest|holding|of)\b/.exec(v.pat.slice(r.trigger + r.triggerText.length + 1, r.end))
        ?? /(?:^| )(@C\d+) (?:[a-z-]+ )?$/.exec(v.pat.slice(Math.max(r.start, r.trigger - 24), r.trigger));
      const pctPh = a.percent ?? pctAt?.[1];
      const pct = percent(values, pctPh);
      const bound = percentBound(values, pctPh, text);
      if (pct !== undefined) args.percent = pct;
      if (pct !== undefined && bound) args.bound = bound;
      for (const k of Object.keys(args)) if (args[k] === undefined) delete args[k];
      // Shares bought, a stake taken, money invested: part of a company changed hands, which is a stake, not an acquisition.
      const why = acq !== null ? stakeBought(v, r, a, pct, bound) : null;
      if (why) {
        type = 'stake';
        args = { holder: id(acq), company: id(tgt)!, percent: pct ?? null, kind: 'equity', ...(pct !== undefined && bound ? { bound } : {}), ...(val ? { value: val } : {}), ...(sel !== null && !a.unit ? { seller: id(sel) } : {}) };
        cues.push(`a stake bought, not an acquisition: ${why}`);
        stakeChange = 'bought';
      }
      break;
    }
    case 'merger': case 'partnership': {
      const ps = [...new Set((a.parties as string[]).map(org).filter((x): x is number => x !== null))];
      if (ps.length < 2 || !ps.every((p) => isType(p, 'ORG'))) return null;
      args = { parties: ps.map((p) => id(p)!) };
      break;
    }
    case 'stake': {
      // "Dixons had reported that 54 pct of Cyclops' stock had been tendered": "had" is an auxiliary, and shares tendered to an offer are not held.
      if (/^(?:has|have|had)$/.test(r.triggerText) && /^ (?:been|reported|said|announced|disclosed|stated|indicated|noted|told|estimated)(?= )/.test(v.pat.slice(r.trigger + r.triggerText.length))) return null;
      if (/(?:^| )(?:tendered|been tendered)(?= |$)/.test(v.pat.slice(r.end, clauseAround(v.pat, r.end)[1]))) return null;
      // "a stake in Fichtel und Sachs's holding company, Sachs AG": the stake is in the company named after the descriptor.
      if (typeof a.company === 'string' && /^@O/.test(a.company)) {
        const at = slotAt(v.pat, r, a.company);
        const owned = at >= 0 ? /^ 's(?: [a-z-]+){0,3}? (?:holding company|parent|subsidiary|unit|affiliate)(?: ,)? (@O\d+)(?= |$)/.exec(v.pat.slice(at + a.company.length)) : null;
        if (owned) { cues.push(`"'s … ${owned[1]}": the stake is in the company named after the descriptor`); a.company = owned[1]; }
      }
      const h = full(org(a.holder)), c = full(org(a.company)), pct = percent(values, a.percent);
      if (h === null || c === null || h === c || pct === undefined || !isType(c, 'ORG')) return null;
      const words = v.pat.slice(r.start, r.end);
      const bound = percentBound(values, a.percent, text);
      args = { holder: id(h), company: id(c), percent: pct, kind: /voting/.test(words) ? 'voting' : /equity|shares|stock|capital/.test(words) ? 'equity' : null, ...(bound ? { bound } : {}) };
      break;
    }
    case 'subsidiary': {
      // "before selling its Ormet Corp subsidiary": a unit sold is no longer one (the sale is the deal's fact).
      if (RE_SOLD_BEFORE.test(v.pat.slice(Math.max(0, r.start - 30), r.start))) return null;
      const p = org(a.parent), c = org(a.child);
      if (p === null || c === null || p === c || !isType(p, 'ORG') || !isType(c, 'ORG')) return null;
      args = { parent: id(p), child: id(c) };
      break;
    }
    case 'role': {
      // "Preston, who is President Reagan's postmaster general": the title is Reagan's, and Preston's is the one after it.
      if (/^ @P\d+ 's(?= )/.test(v.pat.slice(r.trigger + String(a.title).length))) return null;
      const p = org(a.person), o = org(a.org);
      if (p === null || !isType(p, 'PER')) return null;
      if (o !== null && !isType(o, 'ORG')) return null;
      const raw = String(a.title);
      let tOff = toOffsets(v, r.trigger, r.trigger + raw.length);
      // "Deputy Assistant Treasury Secretary": capitalized words the pattern took for a name, when they qualify the title.
      // "Outgoing Deputy Treasury Secretary": up to two such phrases, after words that only say when the post is held.
      const cand = /(?:^| )((?:@[KG]\d+ ){1,2})$/.exec(v.pat.slice(Math.max(0, r.trigger - 24), r.trigger));
      for (let pieces = cand ? cand[1].trim().split(' ') : []; pieces.length; pieces = pieces.slice(1)) {
        const run = pieces.join(' '), at = r.trigger - run.length - 1, o = toOffsets(v, at, at + run.length);
        const words = text.slice(o.start, o.end), tenure = RE_TITLE_TENURE.exec(words)?.[0].length ?? 0;
        if (RE_TITLE_QUALIFIER.test(words.slice(tenure))) { tOff = { start: o.start + tenure, end: tOff.end }; break; }
        // "Federal Reserve Board Vice Chairman": a name the recognizer ran into the title's qualifier keeps it.
        const tail = pieces.length === 1 ? RE_TITLE_QUALIFIER_TAIL.exec(words) : null;
        if (tail && tail[1].length < words.length) { tOff = { start: o.end - tail[1].length, end: tOff.end }; break; }
      }
      const titleText = collapse(text.slice(tOff.start, tOff.end));
      // A department named inside the title ("Deputy Assistant Treasury Secretary") stands as a placeholder in the pattern.
      const title = normalTitle(/@/.test(raw) || titleText.length > raw.length ? titleText.toLowerCase() : raw);
      args = { person: id(p), title, title_text: titleText };
      if (o !== null) args.org = id(o);
      break;
    }
    case 'financial_result': {
      const c = org(a.company);
      const amount = money(values, a.amount);
      if (c === null || !amount || !isType(c, 'ORG')) return null;
      const metric = metricOf(v.pat.slice(r.start, r.end));
      if (!metric) return null;
      args = { company: id(c), metric, amount };
      const alt = money(values, a.alt);
      if (alt) args.alt_amount = alt;
      // The period: the sentence's first date, not one of the comparison after the amount ("… was 791 mln dlrs
      // compared to a loss of 253 mln dlrs in 1985" speaks of the year before).
      const amountSpan = values[Number(String(a.amount).slice(2))];
      let date: Span | undefined;
      for (let i = firstStartingAt(values, v.start); !date && i < values.length && values[i].start <= v.end; i++) {
        const d = values[i];
        if (d.type !== 'DATE' || d.end > v.end) continue;
        // "the dividend … declared Tuesday, Newmont said Magma had a net loss … in 1986": a day is when something was said, not a period.
        if (RE_DAY_DATE.test(d.text.trim())) continue;
        if (amountSpan && d.start > amountSpan.end && RE_COMPARISON.test(text.slice(amountSpan.end, d.start))) continue;
        date = d;
      }
      if (date) args.period = collapse(date.text);
      // A segment between the company and the verb: "PSA's automotive business lost …".
      const between = /^(?:@O\d+|@A) 's ((?:[a-z-]+ ){0,3}(?:business|division|unit|operations|arm|segment))\b/.exec(v.pat.slice(r.start, r.trigger));
      if (between) args.segment = between[1];
      break;
    }
    case 'stock_move': {
      const c = org(a.company), pct = percent(values, a.percent);
      if (c === null || pct === undefined || !isType(c, 'ORG')) return null;
      const up = /rose|rise|rising|gain|jump|climb|soar|surg|advanc|up/.test(String(a.verb));
      args = { company: id(c), percent: up ? Math.abs(pct) : -Math.abs(pct), direction: up ? 'up' : 'down' };
      break;
    }
    case 'asset_purchase': {
      const buyer = full(org(a.buyer)), sel = full(org(a.seller));
      if (buyer === null || !isType(buyer, 'ORG', 'PER')) return null;
      if (sel !== null && (sel === buyer || !isType(sel, 'ORG'))) return null;
      const asset = String(a.asset).trim();
      if (/^(?:assets|operations|business|businesses|division)$/.test(asset)) return null; // names nothing
      // "X said a group of investors offered to buy its Clayton mill": X sells to a buyer it does not name.
      const ab = typeof a.buyer === 'string' ? slotAt(v.pat, r, a.buyer) : -1;
      if (ab >= 0 && r.trigger > ab && RE_UNNAMED_SUBJECT.test(v.pat.slice(ab + String(a.buyer).length, r.trigger))) {
        if (!/ its $/.test(v.pat.slice(r.trigger + r.triggerText.length, r.trigger + r.triggerText.length + 5))) return null;
        type = 'asset_sale';
        args = { seller: id(buyer)!, asset: assetAsWritten(v, r, asset, text) };
        cues.push('the buyer is not named: the company that said it sells its own asset');
        const val = moneyNear(values, v, r, text);
        if (val) args.value = val;
        break;
      }
      args = { buyer: id(buyer)!, asset: assetAsWritten(v, r, asset, text) };
      if (sel !== null) args.seller = id(sel);
      const val = moneyNear(values, v, r, text);
      if (val) args.value = val;
      break;
    }
    case 'asset_sale': {
      // "to an investment group led by Rotan Mosle Inc's Rotan Mosle Technology Partners Ltd affiliate": the unit buys.
      const bu = unitAfterPossessive(v.pat, r, a.buyer);
      if (bu && bu !== a.seller) { cues.push(`the buyer is ${a.buyer}'s unit ${bu}`); a.buyer = bu; }
      const sel = org(a.seller), buyer = org(a.buyer);
      if (sel === null || !isType(sel, 'ORG')) return null;
      if (buyer !== null && (buyer === sel || !isType(buyer, 'ORG', 'PER'))) return null;
      const asset = String(a.asset).trim();
      if (/^(?:stake|interest|shares?|assets)$/.test(asset)) return null;
      args = { seller: id(sel), asset: assetAsWritten(v, r, asset, text) };
      if (buyer !== null) args.buyer = id(buyer);
      const val = moneyNear(values, v, r, text);
      if (val) args.value = val;
      break;
    }
    case 'layoff': {
      const c = org(a.company);
      if (c === null || !isType(c, 'ORG')) return null;
      const n = Number(String(a.count).replace(/,/g, ''));
      const off = toOffsets(v, r.trigger, r.end);
      args = { company: id(c), count: Number.isFinite(n) ? n : null, text: collapse(text.slice(off.start, off.end)) };
      break;
    }
    case 'plant_closure': {
      const c = org(a.company);
      if (c === null || !isType(c, 'ORG')) return null;
      const off = toOffsets(v, r.trigger, r.end);
      args = { company: id(c), plant: collapse(text.slice(off.start, off.end)).replace(/^\S+\s+/, '') };
      break;
    }
    default:
      return null;
  }

  // Status, negation, modality and time from the cues around the trigger.
  let status: Status | null = null;
  let statusText: string | undefined;
  let negated = false;
  // A title or a parent is not denied by a "not" elsewhere in the sentence ("will not be offered a third term by President Reagan").
  const neg = type === 'role' || type === 'subsidiary' ? findNegation(v.pat.slice(r.start, r.end), r.trigger - r.start) : findNegation(v.pat, r.trigger);
  if (neg) { negated = true; cues.push(`negation "${neg.text}"`); }
  // A title or a parent company is stated as a fact even in a hedged sentence ("Dean Witter analyst Clarence Morrison
  // sees some potential"): only a hedge inside the match itself ("is expected to be named president") hedges it.
  // "X reported net income of …": the company reporting its own results is no third-party report.
  // A holding stated before a hedge ("disclosed ownership of 6.2 pct … and said it might seek to increase it") is held.
  const mod: { modality: Fact['modality']; cue: string | null } = findModality(type === 'role' || type === 'subsidiary' ? v.pat.slice(r.start, r.end)
    : type === 'financial_result' ? v.pat.slice(0, r.start) + ' ' + v.pat.slice(r.end) : type === 'stake' && !stakeChange ? v.pat.slice(0, r.end)
    // "acquired a five pct stake in X, and is considering a move to seek control": a hedge in a later clause does not hedge this one.
    : v.pat.slice(0, clauseAround(v.pat, Math.max(r.trigger, r.end - 1))[1]));
  // "… might be lower than those for the first quarter, when Tandem earned 27.1 mln dlrs": a result stated with a past
  // verb happened; only a hedge inside its own words hedges it.
  if (type === 'financial_result' && mod.modality === 'speculative' && RE_PAST_RESULT.test(r.triggerText) && !/(?:^| )(?:if|would|could|may|might)(?= )/.test(v.pat.slice(r.start, r.end))) {
    const own = findModality(v.pat.slice(r.start, r.end));
    mod.modality = own.modality; mod.cue = own.cue;
  }
  // "said it expects to report a net loss of 820,000 dlrs": a result expected is not yet reported.
  if (type === 'financial_result' && mod.modality !== 'speculative' && RE_RESULT_EXPECTED.test(v.pat.slice(r.start, r.end))) { mod.modality = 'speculative'; mod.cue = 'expects to report'; }
  // "Sanwa plans to increase its stake in BPI to four pct": a stake intended is not held.
  if (type === 'stake' && mod.modality === 'asserted' && RE_STAKE_INTENT.test(v.pat.slice(Math.max(0, r.trigger - 40), r.trigger))) { mod.modality = 'speculative'; mod.cue = 'plans to'; }
  if (mod.cue) cues.push(`${mod.modality} "${mod.cue}"`);
  if (r.deal) {
    // Status cues from the trigger's clause first; the rest of the sentence only when the rule has no default.
    const [cs, ce] = clauseAround(v.pat, r.trigger);
    const inClause = findStatus(v.pat.slice(cs, ce), r.trigger - cs);
    let st = inClause ? { ...inClause, pos: inClause.pos + cs } : r.defaultStatus ? null : findStatus(v.pat, r.trigger);
    // "had been discussing a possible Redland bid for Monier but the talks broke off": a later clause ends the talks.
    const ended = st && (st.status === 'in_talks' || st.status === 'rumored') ? RE_LATER_FAILED.exec(v.pat.slice(ce)) : null;
    if (st && ended) { const at = ce + ended.index + ended[0].length - ended[0].trimStart().length; st = { status: 'failed', value: 'failed', text: ended[0].trim(), pos: at }; }
    if (st) {
      status = st.status;
      cues.push(`status "${st.text}" → ${st.status}`);
      const o = toOffsets(v, st.pos, st.pos + st.text.length);
      statusText = collapse(text.slice(o.start, o.end));
      // A cue that only names the deal ("offer", "agreement") says less than the intent on the deal verb ("will offer").
      if (RE_NAMING_CUE.test(st.text)) statusText = intentPhrase(v, r, text) ?? statusText;
    }
    else {
      // "Toshiba will set up a partnership with …", "plans to form a venture": one to come is not active yet.
      const intent = r.type === 'partnership' && !r.defaultStatus ? RE_PARTNER_INTENT.exec(v.pat.slice(cs, r.trigger)) : null;
      // "Texaco's buyout of Getty Oil Co in 1984": a deal of a year before the article's is done.
      const when = r.type === 'acquisition' && published ? nearestDate(values, v, r, text) : null;
      const past = !!when && /^\d{4}/.test(String((when.value as { value?: string }).value ?? '')) && String((when.value as { value: string }).value).slice(0, 4) < published!.slice(0, 4);
      status = (r.defaultStatus as Status | undefined) ?? (r.type === 'acquisition' ? (/ed$|took|bought|sold/.test(r.triggerText) || past ? 'completed' : 'agreed')
        : r.type === 'partnership' ? (intent ? (intent[1] ? 'in_talks' : 'agreed') : 'active') : 'agreed');
      if (intent) cues.push(`"${intent[0].trim()}": a partnership to come, not active yet`);
      cues.push(`no status cue; ${status} by default for "${r.triggerText}"`);
      statusText = intentPhrase(v, r, text);
    }
  }
  // A stake bought has no deal status; the status its words state is kept for the explanation (and the templates).
  const stakeStatus = stakeChange ? status ?? undefined : undefined;
  if (stakeChange) status = null;
  const date = nearestDate(values, v, r, text);
  const off = toOffsets(v, r.start, r.end);
  const fact = {
    id: '', type, args, status, negated, modality: mod.modality,
    time: date ? { text: collapse(date.text), value: (date.value as { value: string }).value } : null,
    evidence: [off], confidence: Number((confidence * (mod.modality === 'speculative' ? 0.85 : 1)).toFixed(2)), rule: r.rule,
  } as Fact;
  return { fact, cues, statusText, stakeChange, stakeStatus };
}

/** Before a partnership's noun or verb in its clause: it is to come ("will set up a … partnership"); group 1 when only intended ("plans to form"). */
const RE_PARTNER_INTENT = /(?:^| )(?:(plans?|planned|planning|intends?|intended|wants?|hopes?|expects?|seeks?|proposes?|proposed|aims?|would like) to|will|would|shall|is to|are to|is going to|are going to)(?! (?:continue|remain|keep|maintain|expand|extend|strengthen|renew|broaden|deepen)(?= ))(?: [^ @]+){0,6}? $/;
/** A subordinate clause that names its own subject: "when the Finance Ministry", "because a group". */
const RE_OWN_SUBJECT_CLAUSE = /(?:^| )(?:when|where|whereas|because|unless|until|once) (?:the|a|an|his|her|their|@[GLPX]\d+)(?= )/;
/** Right before an amount (pattern words): it is a result or a charge, not a price ("a gain of @M3 on the sale"). */
const RE_RESULT_MONEY_BEFORE = /(?:^| )(?:gain|gains|loss|losses|profit|profits|charge|charges|writedown|write-down|write-off|writeoff|provision|earnings|income|revenue|revenues|sales|turnover|assets|liabilities)(?: [a-z-]+)? of (?:about |some |approximately |nearly |almost |an estimated )?$/;
/** Words before a thing bought that count it: "buy 150 Votrax Call Director Systems", "bought two". */
const RE_COUNT_BEFORE = /(?:^| )(?:[0-9][0-9,.]*|two|three|four|five|six|seven|eight|nine|ten|twelve|dozens of|hundreds of|several)(?: [a-z-]+)? $/;
/** Right before "its X unit": the unit was sold ("before selling its Ormet Corp subsidiary"). */
const RE_SOLD_BEFORE = /(?:^| )(?:sold|selling|divested|divesting|spun off|spinning off|disposed of|sale of|disposal of|divestiture of|spinoff of|spin-off of)(?: (?:all|part) of)? $/;
/** A result the company expects, estimates or forecasts (inside the match): not reported yet. */
const RE_RESULT_EXPECTED = /(?:^| )(?:expects?|expected|expecting|anticipates?|anticipated|estimates?|estimated|forecasts?|projects?|projected|predicts?|sees) (?:to )?(?:report|post|show|have|earn|record|make|incur|be)(?= |$)/;
/** A person's honorific or rank, in the name or right before it: such a name is a person, never a company bought. */
const RE_HONORIFIC = /^(?:Colonel|Col\.?|Mr\.?|Mrs\.?|Ms\.?|Dr\.?|General|Gen\.?|Lieutenant|Lt\.?|Major|Captain|Senator|Sen\.?|Sir|Lord|Lady|Judge|Rev\.?)\s/;
const RE_HONORIFIC_BEFORE = /\b(?:Colonel|Col\.|Mr\.?|Mrs\.?|Ms\.?|Dr\.?|General|Gen\.|Lieutenant|Lt\.|Major|Captain|Senator|Sen\.|Sir|Lord|Lady|Judge|Rev\.)\s+$/;
/** Result verbs in the past tense: what a company earned, lost or reported. */
const RE_PAST_RESULT = /^(?:earned|lost|posted|reported|recorded|booked|incurred|made|had|turned in)$/;
/** In the rest of a sentence: its talks or offer ended ("but the talks broke off two weeks ago"). */
const RE_LATER_FAILED = /(?:^| )(?:the |those |these |its |their )?(?:talks|negotiations|discussions|offer|bid|deal|merger|proposal|agreement|plans?)(?: [^ @]+){0,3}? (?:broke off|were broken off|was broken off|collapsed|failed|ended|were terminated|was terminated|was withdrawn|were withdrawn|were called off|was called off|was rejected|was abandoned|were abandoned)(?= |$)/;
const RE_STAKE_INTENT = /(?:^| )(?:(?:plans?|planned|planning|intends?|intended|wants?|seeks?|seeking|expects?|hopes?|proposes?|would like) to (?:[a-z]+ )?|will|would|is to|are to)(?: [a-z]+)? $/;
const RE_DAY_DATE = /^(?:(?:last|next|this|on)\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|today|yesterday|tomorrow|tonight)$/i;
const RE_COMPARISON = /\b(?:compared|versus|vs\.?|against|from|than|a year (?:earlier|ago)|year-earlier|previous|prior)\b/i;
const RE_PRODUCT_OF = / (?:output|production|products|supplies|services|power|electricity|capacity|crude|oil|gas|coal|grain|wheat|corn|sugar|copper|steel) (?:of|from) (?:the |its )?(?:[^ @]+ )?$/;
const RE_PLACE_BEFORE = /(?:^| )(?:in|at|near|outside|across|throughout|around) (?:the )?$/;
const RE_ADJECTIVE_USE = /^ (?:shareholders?|stockholders?|holders?|price|prices|pressure|season|costs?|expenses?|agents?|group|groups|syndicate|activity|spree|programs?|power|rates?|interest|limits?|orders?|certificates?|agreements?|plans?|contracts?|options?|rights|commitments?|requirements?|obligations?)(?= |$)/;
const RE_CLAUSE_WORD = /(?:^| )(?:while|whereas|although|because|but|;)(?= |$)/;
const RE_NOT_OBJECT_BEFORE = /(?:^| )(?:on|through|via|under|against|onto|during) (?:the )?$/;
/** Between a company and "its acquisition": a third party that rules on the deal ("approved", "overturned", "cleared"). */
const RE_APPROVER_VERB = /(?:^| )(?:approved|approves|approve|cleared|clears|blocked|blocks|overturned|overturns|rejected|opposed|opposes|reviewed|reviewing|challenged|challenges|criticized|welcomed|supported|backed|authorized|sanctioned|investigating|examining|ruled on)(?: [^ @]+){0,2} $/;
const RE_OTHER_DEAL_WORD = /(?:^| )(?:bid|offer|proposal|tender offer|merger|takeover)(?= |$)/;
const RE_SPEECH_AFTER = /^ (?:said|says|added|reported|announced|noted|stated|told)(?= |$)/;

/** Rules whose purchase is of part of a company: a stake taken, money invested, shares subscribed. */
const STAKE_RULES = new Set(['acq.stake-in', 'acq.took-stake', 'acq.invested-in', 'acq.investment-in', 'acq.received-investment', 'acq.subscribe']);
/** Rules that read "X bought … Y" and may be a purchase of Y's shares. */
const SHARE_RULES = new Set(['acq.n-shares', 'acq.person-bought', 'acq.svo', 'acq.from']);
const RE_SELL_TRIGGER = /^(?:sell|sells|sold|selling|to sell|agreed to sell|sale of|divest|divested|divests)$/;
const RE_BUY_TRIGGER = /^(?:acquire|acquired|acquires|acquiring|buy|buys|bought|buying|purchase|purchased|purchases|purchasing|has acquired|has bought|had acquired|had bought|will buy|to buy|to purchase|to acquire)$/;
/** "through a stock exchange", "in a stock swap": how a company is paid for, not its shares bought. */
const RE_SHARES_AFTER = /^(?: (?!through|via|in|for|with|by|under)[a-z-]+){0,2} (?:shares|stock|common|ordinary|preferred|stake|warrants)(?! (?:exchange|swap|transaction|deal|merger|purchase|acquisition|offer))(?= |$)/;
const RE_SHARES_BEFORE = /(?:^| )(?:shares|stock|common shares|common stock|ordinary shares) (?:of|in) (?:the )?$/;
const RE_FOR_INVESTMENT = /(?:^| )(?:for investment(?: purposes)?|as an investment|investment purposes)(?= |$)/;

/**
 * Why an acquisition fact is a stake bought, or null when it is a purchase of the company: its rule reads a stake
 * or an investment (with less than half the company, when a percentage is given), or its buying verb has the
 * company's shares for object ("acquired 2,292,599 Piedmont Aviation Inc shares", "bought shares of X for
 * investment purposes"). Bids, offers and tenders for shares stay acquisitions (attempts at the company).
 */
function stakeBought(v: SentenceView, r: RawFact, a: Record<string, unknown>, pct: number | undefined, bound: string | undefined): string | null {
  if (pct !== undefined && pct >= 50 && bound !== 'lt' && bound !== 'le') return null; // control of the company: an acquisition
  if (STAKE_RULES.has(r.rule)) return `rule ${r.rule} reads a stake or an investment`;
  // "to sell 13 pct of Shearson Lehman Brothers Inc to Nippon Life": less than half a company sold is a stake the buyer takes.
  if (pct !== undefined && RE_SELL_TRIGGER.test(r.triggerText)) return `${pct} pct sold: less than half the company`;
  // "acquired about 7.6 pct of CPC's then outstanding stock": less than half the company bought is a stake (not a bid for it).
  if (pct !== undefined && RE_BUY_TRIGGER.test(r.triggerText) && !/(?:^| )(?:offer|offers|offered|offering|bid|bids|tender|proposal|proposed) (?:[^ @]+ ){0,2}$/.test(v.pat.slice(Math.max(0, r.trigger - 30), r.trigger))) return `${pct} pct bought: less than half the company`;
  if (!SHARE_RULES.has(r.rule) || !RE_BUY_TRIGGER.test(r.triggerText) || typeof a.target !== 'string') return null;
  // "its offer to purchase up to 6,332,471 common shares of Purolator": a bid for the company, not a stake bought.
  if (/(?:^| )(?:offer|offers|offered|offering|bid|bids|tender|tendering|proposal|proposed) (?:[^ @]+ ){0,2}$/.test(v.pat.slice(Math.max(0, r.trigger - 30), r.trigger))) return null;
  if (RE_FOR_INVESTMENT.test(v.pat)) return '"for investment purposes"';
  const at = slotAt(v.pat, r, a.target);
  if (at < 0) return null;
  if (RE_SHARES_AFTER.test(v.pat.slice(at + a.target.length, at + a.target.length + 40))) return 'the company\'s shares were bought';
  if (RE_SHARES_BEFORE.test(v.pat.slice(Math.max(0, at - 40), at))) return 'shares of the company were bought';
  if (r.rule === 'acq.person-bought') return 'a person bought shares of the company';
  return null;
}

/** "less than 10 pct", "up to 51 pct", "more than 5 pct", "at least 20 pct": the percentage is a bound, kept as written. */
function percentBound(values: readonly Span[], ph: unknown, text: string): 'lt' | 'le' | 'gt' | 'ge' | undefined {
  if (typeof ph !== 'string') return undefined;
  const m = /^@C(\d+)$/.exec(ph);
  if (!m) return undefined;
  const s = values[Number(m[1])];
  const before = text.slice(Math.max(0, s.start - 24), s.start).toLowerCase().replace(/\s+/g, ' ');
  const within = s.text.toLowerCase();
  const w = (re: RegExp) => re.test(before) || re.test(within);
  if (w(/(?:less than|fewer than|under|below|just under) $|^(?:less than|under|below) /)) return 'lt';
  if (w(/(?:up to|no more than|not more than|at most|a maximum of) $|^(?:up to) /)) return 'le';
  if (w(/(?:more than|over|above|in excess of|just over) $|^(?:more than|over) /)) return 'gt';
  if (w(/(?:at least|no less than|not less than|a minimum of) $/)) return 'ge';
  return undefined;
}

/**
 * An asset's words as written: their place in the pattern after the trigger (whole pieces: "sale of a controlling
 * interest" must not find the "a" inside "sale"), mapped back to the text ("its U.S. refractories operations").
 */
function assetAsWritten(v: SentenceView, r: RawFact, asset: string, text: string): string {
  const at = wholePieceAt(v.pat, asset, r.trigger);
  if (at < 0) return asset;
  const o = toOffsets(v, at, at + asset.length);
  return collapse(text.slice(o.start, o.end));
}

/** Where `piece` (whole space-separated pieces) first stands in `pat` at or after `from`, or -1. */
function wholePieceAt(pat: string, piece: string, from: number): number {
  for (let i = pat.indexOf(piece, from); i >= 0; i = pat.indexOf(piece, i + 1)) {
    if ((i === 0 || pat[i - 1] === ' ') && (i + piece.length === pat.length || pat[i + piece.length] === ' ')) return i;
  }
  return -1;
}

/** Where placeholder `ph` stands in the match (the first whole-token occurrence from the match start), or -1. */
function slotAt(pat: string, r: RawFact, ph: string): number {
  // A whole word `ph` whose leading space (or the start) is in [r.start - 1, r.end]. The search stops at
  // r.end: a regex over the rest of the sentence made each fact cost the sentence's length.
  const from = Math.max(0, r.start - 1);
  for (let j = pat.indexOf(ph, from === 0 ? 0 : from + 1); j >= 0 && j - 1 <= r.end; j = pat.indexOf(ph, j + 1)) {
    if ((j === 0 || pat[j - 1] === ' ') && (j + ph.length === pat.length || pat[j + ph.length] === ' ')) return j;
  }
  return -1;
}

/**
 * The words right after a deal's target often name it better or name its owner:
 * "Rexnord Inc's Fairfield Manufacturing Co" (the unit is bought from its parent),
 * "its South African subsidiary Robertsons Pty Ltd" (the name after the descriptor),
 * "the Measurement Systems Division of Page-Wilson Corp" and "X from Y" (the seller).
 */
/** Between a purchase verb and a place: "ten pizza restaurants in", "a gypsum wallboard plant located in", "a branch in the" (not a stake or shares). */
const RE_BUSINESS_AFTER = /^((?: (?!(?:from|on|in|of|to|for|by|with|at|the|a|an|its)(?= ))[a-z][a-z-]*){0,5}? (?:business|businesses|division|operations|activities|unit|assets|plant|plants|mill|mills|works|refinery|mine|mines|complex|hotel|hospital|building|field|fields|terminal|terminals|facility|facilities|properties|stores|station))(?: (?:of|from) (?:the )?(@O\d+))?(?= |$)/;
const RE_UNNAMED_SUBJECT = /^ said (?:that )?(?:a|an) (?:[^ @]+ ){0,3}?(?:group|investors|investor|buyer|bidder|consortium|partnership|company|firm|concern)(?: of (?:[^ @]+ ){0,2}?(?:investors|institutions|companies))? (?!(?:of|in|that|which|who)(?= ))/;
const RE_UNIT_NAME = /\b(?:Division|Divison|Unit)$/;
const RE_INTENT_BEFORE = /(?:^| )(will|plans? to|planned to|decided to|intends? to|offering to|is|are|was|were) $/;
const RE_INTENT_VERB = /^(?:sell|selling|acquire|acquiring|buy|buying|purchase|purchasing|offer|offering|merge|merging)$/;
/** "to sell" after "decided", "plans", "offering": the word before joins the phrase. */
const RE_INTENT_TO = /(?:^| )(decided|plans|planned|intends|intended|offering|offered) $/;
const RE_NAMING_CUE = /^(?:offer|bid|tender offer|agreement|proposal)$/;
/**
 * The intent written on the deal verb, as the status phrase: "will sell", "plans to sell", "decided to sell",
 * "offering to sell", "is selling" → "selling", "will be acquired"; none when the verb has no such word before it.
 */
function intentPhrase(v: SentenceView, r: RawFact, text: string): string | undefined {
  const t = r.triggerText;
  let from = -1;
  if (/^(?:will|to) be (?:acquired|bought|purchased|taken over)$/.test(t)) from = r.trigger + (t.startsWith('to') ? 3 : 0);
  else if (/^to (?:sell|acquire|buy|purchase|merge)$/.test(t)) {
    const to = RE_INTENT_TO.exec(v.pat.slice(0, r.trigger));
    if (to) from = r.trigger - to[1].length - 1;
  } else if (RE_INTENT_VERB.test(t)) {
    const before = v.pat.slice(0, r.trigger);
    const intent = RE_INTENT_BEFORE.exec(before);
    if (intent) from = /^(?:is|are|was|were)$/.test(intent[1]) ? (/ing$/.test(t) ? r.trigger : -1) : before.length - intent[0].length + (intent[0].startsWith(' ') ? 1 : 0);
  }
  if (from < 0) return undefined;
  const o = toOffsets(v, from, r.trigger + t.length);
  return collapse(text.slice(o.start, o.end));
}
const RE_THING_IN = /^ (?:(?:a|an|the|its|their|his|her) )?((?:[a-z0-9][a-z0-9,-]* ){0,5}?(?!(?:stake|interest|shares|stock|holdings?|equity|pct)\b)[a-z][a-z-]*) (?:located |based )?(?:in|at|near) (?:the )?(?:(?:north|south|east|west|central|northern|southern|eastern|western|southeastern|southwestern|northeastern|northwestern|downtown|suburban) )?$/;
const RE_PLACE_PREP = / (?:in|at|near) (?:the )?(?:[a-z]+ )?$/;
const RE_ASSET_AFTER = /^ (?:[0-9][^ ]*|(?:[a-z][a-z-]* ){0,3}?(?:plant|plants|mill|mills|works|refinery|refineries|mine|mines|aircraft|jets|planes|stores|properties|field|fields|terminal|terminals|facility|facilities|building|buildings|complex|branches|branch|offices|outlets|restaurants|hotels|stations|hospitals)(?= |$))/;
/** "Monsanto Co's G.D. Searle and Co subsidiary": the company named right after a party's possessive, or null. */
function unitAfterPossessive(pat: string, r: RawFact, ph: unknown): string | null {
  if (typeof ph !== 'string' || !/^@O/.test(ph)) return null;
  const at = slotAt(pat, r, ph);
  return at >= 0 ? /^ 's (@O\d+)(?= |$)/.exec(pat.slice(at + ph.length))?.[1] ?? null : null;
}

function refineParties(pat: string, r: RawFact, a: Record<string, unknown>, cues: string[], nameOf: (ph: string) => string): void {
  // "Far West Financial Corp said its Far West Savings and Loan Association unit has agreed to acquire …": the parent buys.
  if (typeof a.acquirer === 'string' && /^@O/.test(a.acquirer)) {
    const ab = slotAt(pat, r, a.acquirer);
    const parent = ab >= 0 ? /(?:^| )(@O\d+) said its $/.exec(pat.slice(0, ab)) : null;
    if (parent && /^ (?:unit|subsidiary)\b/.test(pat.slice(ab + a.acquirer.length))) { cues.push('the parent that announced its unit\'s deal is the buyer'); a.acquirer = parent[1]; }
  }
  // "an investment by Monsanto Co's G.D. Searle and Co subsidiary": the unit named after the possessive acts.
  const au = unitAfterPossessive(pat, r, a.acquirer);
  if (au && au !== a.target) { cues.push(`the buyer is ${a.acquirer}'s unit ${au}`); a.acquirer = au; }
  if (typeof a.target !== 'string' || a.unit) return;
  const at = slotAt(pat, r, a.target);
  if (at < 0) return;
  let after = pat.slice(at + a.target.length);
  // "the Geneva works plant", "five Boeing Co 727-100's": the name only says where or whose; the thing sold is an asset.
  if (RE_ASSET_AFTER.test(after)) { a.target = null; return; }
  if (/^@L/.test(String(a.target))) {
    // "acquire Englewood , Colo. , homebuilder Winley Inc": the place describes the company named after it.
    const described = /^(?: , (?:@L\d+|[a-z.]+)(?: \.)?)? , (?:[a-z-]+ ){1,3}(@O\d+)(?= |$)/.exec(after);
    if (described) { a.target = described[1]; after = after.slice(described[0].length); }
  }
  // "buy Piedmont suitor US Air": the name before "suitor", "rival", "partner" only says whose; the company after it is bought.
  const whose = /^ (?:suitor|rival|competitor|partner|customer|supplier|shareholder) (@O\d+)(?= |$)/.exec(after);
  if (whose && whose[1] !== a.acquirer) { cues.push(`"${nameOf(String(a.target))} ${whose[0].trim().split(' ')[0]}": the company after it is the target`); a.target = whose[1]; after = after.slice(whose[0].length); }
  const owned = /^ 's(?: (?:wholly-owned|wholly|owned|majority-owned|[a-z]+)){0,4}?(?: ,)? (@O\d+)(?= |$)/.exec(after);
  const named = /^@[XLK]/.test(String(a.target)) ? /^(?: [a-z-]+){0,4}? (?:subsidiary|unit|division|affiliate|business|arm)(?: ,)? (@O\d+)(?= |$)/.exec(after) : null;
  if (owned && owned[1] !== a.acquirer) {
    cues.push(`"'s": the target belongs to ${a.target}`);
    if (!a.seller) a.seller = a.target;
    a.target = owned[1];
    after = after.slice(owned[0].length);
  } else if (named && named[1] !== a.acquirer) {
    cues.push('the name after the descriptor is the target');
    a.target = named[1];
    after = after.slice(named[0].length);
  }
  if (a.seller) return;
  // "its unit of X", and "the Measurement Systems Division of Page-Wilson Corp" (the division's own name says what it is).
  const of = /^ (?:division|unit|subsidiary|business|operations|affiliate) of (?:the )?(@O\d+)(?= |$)/.exec(after)
    ?? (/^@O/.test(String(a.target)) && RE_UNIT_NAME.test(nameOf(String(a.target))) ? /^ of (?:the )?(@O\d+)(?= |$)/.exec(after) : null);
  // "from Rothmans International Plc", "from the Canadian subsidiary of Rothmans International Plc".
  const from = /^(?: (?!to |by |for )(?:[^ @]+|@[LDMCX]\d+)){0,8}? from (?:the |its )?(?:(?:[^ @]+|@[XL]\d+) ){0,2}?(?:(?:subsidiary|unit|affiliate|parent) of (?:the )?)?(@O\d+)(?= |$)/.exec(after);
  const s = of?.[1] ?? from?.[1];
  if (s && s !== a.acquirer && s !== a.target) { a.seller = s; cues.push(of ? 'the unit\'s owner is the seller' : '"from": the seller'); }
}

/** The clause around pattern position `at`: bounded by ";", ", and", ", but", ", while" and the like. */
function clauseAround(pat: string, at: number): [number, number] {
  const re = / (?:;|, and|, but|, while|, although|, whereas|but|--) /g;
  let s = 0, e = pat.length;
  for (const m of pat.matchAll(re)) {
    if (m.index! + m[0].length <= at) s = m.index! + m[0].length;
    else if (m.index! > at) { e = m.index!; break; }
  }
  return [s, e];
}

/** A date that belongs to a security or a money phrase ("debentures due 2002", "notes maturing in 1995", "the 1992 notes"), not to an event. */
const RE_SECURITY_BEFORE = /(?:\b(?:due|matur(?:ing|es?|ity)|expir(?:ing|es?|ation)|redeemable|callable|payable|convertible\s+(?:until|through))|\b(?:debentures?|notes?|bonds?|eurobonds?|warrants?|loans?|debt|securities|paper))\s+(?:(?:in|on|by|until|through|of)\s+)?$/i;
const RE_SECURITY_AFTER = /^\s*(?:(?:convertible|subordinated|senior|guaranteed|secured)\s+)*(?:notes?|debentures?|bonds?|eurobonds?|warrants?|maturity|maturities)\b/i;
function inSecurityPhrase(text: string, s: Span): boolean {
  return RE_SECURITY_BEFORE.test(text.slice(Math.max(0, s.start - 40), s.start)) || RE_SECURITY_AFTER.test(text.slice(s.end, s.end + 40));
}

function nearestDate(values: readonly Span[], v: SentenceView, r: RawFact, text: string): Span | null {
  const trig = toOffsets(v, r.trigger, r.trigger + Math.max(1, r.triggerText.length)).start;
  // Only a date in the trigger's own clause dates the fact.
  const [cs, ce] = clauseAround(v.pat, r.trigger);
  const lo = toOffsets(v, cs, cs + 1).start, hi = toOffsets(v, Math.max(cs, ce - 1), ce).end;
  const from = Math.max(v.start, lo), to = Math.min(v.end, hi);
  let best: Span | null = null;
  // Values are sorted by start: only those from `from` on can lie in the clause (a scan of all was quadratic on long texts).
  for (let i = firstStartingAt(values, from); i < values.length && values[i].start <= to; i++) {
    const s = values[i];
    if (s.type !== 'DATE' || s.end > to || inSecurityPhrase(text, s)) continue;
    if (!best || Math.abs(s.start - trig) < Math.abs(best.start - trig)) best = s;
  }
  return best;
}

/** Index of the first span starting at or after `at` in spans sorted by start. */
function firstStartingAt(spans: readonly { start: number }[], at: number): number {
  let lo = 0, hi = spans.length;
  while (lo < hi) { const mid = (lo + hi) >> 1; if (spans[mid].start < at) lo = mid + 1; else hi = mid; }
  return lo;
}

/**
 * The deal's value: a MONEY inside the match, else one after "for", else a
 * deal-sized amount elsewhere in the sentence that is not a sales, assets,
 * debt or profit figure ("the 265 mln dlr bid for …"). A per-share price
 * gives way to the total that follows it ("3.28 dlrs a share, or 16.5 mln dlrs").
 */
function moneyNear(values: readonly Span[], v: SentenceView, r: RawFact, text: string): Money | undefined {
  const pick = (ph: string, at: number): Money | undefined => {
    // "posted a gain of 14.3 mln dlrs on the sale of …": a gain, loss or charge on the deal is not its price.
    if (RE_RESULT_MONEY_BEFORE.test(v.pat.slice(Math.max(0, at - 40), at))) return undefined;
    const m = money(values, ph);
    const span = values[Number(ph.slice(2))];
    if (m && m.value !== null && m.value < 1000 && (/-a-share$/i.test(span.text) || RE_PER_SHARE_AFTER.test(text.slice(span.end, span.end + 60)))) {
      const total = /^ @M\d+ (?:a|per) share(?: [^ @]+){0,3}? (?:,|or|for a total of|totalling|totaling) (?:about |approximately |a total of )?(@M\d+)/.exec(' ' + v.pat.slice(at));
      if (total) return money(values, total[1]);
      return undefined;
    }
    if (m && m.value !== null && m.value < 1000 && /^ @M\d+ (?:a|per) share/.test(' ' + v.pat.slice(at))) {
      const total = /^ @M\d+ (?:a|per) share(?: [^ @]+){0,3}? (?:,|or|for a total of|totalling|totaling) (?:about |approximately |a total of )?(@M\d+)/.exec(' ' + v.pat.slice(at));
      if (total) return money(values, total[1]);
      return undefined; // a price per share is not the deal's value
    }
    if (m && m.value !== null && m.value < 1000 && /^ @M\d+(?: -)? (?:a|per)(?: -)? share/.test(' ' + v.pat.slice(at))) return undefined;
    return m;
  };
  const inMatch = /@M(\d+)/.exec(v.pat.slice(r.start, r.end));
  if (inMatch) return pick(`@M${inMatch[1]}`, r.start + inMatch.index);
  const tail = v.pat.slice(r.trigger);
  const forM = /(?:^| )for (?:about |approximately |around |some |an estimated |a total of |up to |over |more than )?(?:an? )?(@M\d+)/.exec(tail);
  if (forM) return pick(forM[1], r.trigger + forM.index + forM[0].length - forM[1].length);
  for (const m of v.pat.matchAll(/(?:^| )(@M(\d+))/g)) {
    const val = money(values, m[1]);
    if (!val || val.value === null || val.value < 100_000) continue;
    const before = v.pat.slice(Math.max(0, m.index! - 40), m.index!);
    if (/(?:sales|revenues?|assets|debt|loss|losses|profit|profits|earnings|income|turnover|liabilities|capital|valued at|worth) (?:[^ @]+ ){0,3}$/.test(before + ' ')) continue;
    // "ordered Texaco to pay Pennzoil 10.53 billion dlrs for … interfering with Pennzoil's planned acquisition": damages, not a price.
    if (/(?:^| )(?:pay|paid|pays|paying|damages|award|awarded|fine|fined|judgment|penalty|penalties|settlement)(?: [^ @]+| @[OPXLG]\d+){0,3} $/.test(before + ' ')) continue;
    return val;
  }
  return undefined;
}

export type { Extraction, Fact, Entity } from './schema.js';
export { SCHEMA_ID } from './schema.js';
export type { EntityRec };
