/**
 * Fact rules: prepared regexes over sentence pattern strings (sentence.ts).
 * A rule is written as a template where
 *   {ORG}  an ORG placeholder or "the company"-style anaphor (captured)
 *   {ORG!} an ORG placeholder only; {PER} {LOC} {MONEY} {PCT} {DATE} likewise
 *   {gN}   a gap of 0..N tokens that contains no ORG placeholder or anaphor
 *   {wN}   a gap of 0..N tokens of any kind
 * Every template compiles once, at module load. A rule's `build` turns a match
 * into a raw fact (entity indices, value indices); status, negation, modality
 * and time are added by the caller from the cues around the trigger.
 */
import type { FactType } from './schema.js';

export interface Match {
  /** captured placeholders / words, in template order */
  groups: string[];
  /** pattern-string range of the whole match, and of the trigger word(s) */
  start: number;
  end: number;
  trigger: number;
  triggerText: string;
}

export interface RawFact {
  type: FactType;
  args: Record<string, unknown>;
  /** the match that produced it */
  rule: string;
  confidence: number;
  trigger: number;
  triggerText: string;
  start: number;
  end: number;
  /** status to use when no cue decides it (e.g. "existing partnerships" → active) */
  defaultStatus?: string;
  /** whether status/negation/modality apply */
  deal?: boolean;
}

export interface Rule {
  id: string;
  type: FactType;
  re: RegExp;
  /** The trigger alone: a sentence without it cannot match, and testing it is far cheaper than the whole rule. */
  pre: RegExp | null;
  confidence: number;
  build(m: Match): RawFact | null;
}

const SLOT: Record<string, string> = {
  '{ORG}': '(@O\\d+|@A|it)',
  // A place or nationality before a descriptor and a name ("shares of West German chemical group Henkel") is not the target.
  '{TGT}': '(@O\\d+|@K\\d+|@[LPX]\\d+(?!(?: [a-z][a-z-]*){0,3} (?:company|group|firm|concern|maker|producer|manufacturer|bank|carrier|airline|developer|distributor|retailer|insurer|publisher|chain|unit|subsidiary)(?: ,)? @O\\d)|@A)',
  '{ORG!}': '(@O\\d+)',
  '{HOLDER}': '(@O\\d+|@P\\d+|@A|it|he|she|they)',
  '{PER}': '(@P\\d+)',
  '{LOC}': '(@L\\d+)',
  '{MONEY}': '(@M\\d+)',
  '{PCT}': '(@C\\d+)',
  '{DATE}': '(@D\\d+)',
};

/** Compiles a template; the trigger is the group named by `(?<t>…)`. */
function compile(template: string): RegExp {
  let src = template
    .replace(/\{g(\d+)\}/g, (_, n) => `(?: (?!@O|@A)[^ ]+){0,${n}}?`)
    .replace(/\{w(\d+)\}/g, (_, n) => `(?: [^ ]+){0,${n}}?`);
  for (const [k, v] of Object.entries(SLOT)) src = src.split(k).join(v);
  // 'd': match indices, so the trigger's position is exact even when its word also occurs earlier in the match.
  return new RegExp(`(?<=^| )${src}(?= |$)`, 'gd');
}

const ACQ_VERB = '(?:acquire|acquired|acquires|acquiring|buy|buys|bought|buying|purchase|purchased|purchases|purchasing|take over|took over|takes over|taking over|taken over|takeover of|(?:assume|assumed|assumes|assuming|gain|gained|gains|gaining|take|took|taken|takes|taking|acquire|acquired|win|won|wins|seize|seized) (?:full |majority |effective )?control of)';
const ACQ_NOUN = '(?:acquisition|purchase|takeover|buyout|buy-out|acquisitions)';
const SELL_VERB = '(?:sell|sells|sold|selling|divest|divested|divests)';
const MERGE = '(?:merge|merged|merges|merging)';
const PARTNER_NOUN = '(?:partnership|partnerships|alliance|alliances|joint venture|joint-venture|joint [a-z]+ venture|venture|cooperation|co-operation|cooperation agreement|tie-up|tie-ups|collaboration)';
const STAKE_NOUN = '(?:stake|interest|holding|shareholding|equity stake|equity interest|pct|%|percent|per cent)';
const HOLD_VERB = '(?:holds|held|owns|owned|has|have|had|controls|controlled|holding|owning|with)';
const UNIT_NOUN = '(?:unit|subsidiary|subsidiaries|division|arm|affiliate|units|branch|offshoot)';
const TITLE_BASE = "(?:prime minister|managing board chairman|supervisory board chairman|board chairman|vice-president|vice-chairman|vice chairman|group executive|chief executive officer|chief executive|chief operating officer|chief financial officer|ceo|coo|cfo|chairman|chairwoman|president|vice president|executive vice president|senior vice president|managing director|director general|director|head|founder|chief economist|treasurer|general manager|spokesman|spokeswoman|secretary|minister|governor|economist|analyst)";
/** A title with the words that change what it says: "former chairman", "deputy governor", "acting president", "co-chairman" (a vice title is one of the base titles). */
const TITLE = `(?:(?:(?:former|deputy|acting|interim|assistant|associate|under) ){1,3}(?:[a-z]+ |@[OXLGK]\\d+ )?)?(?:co-)?${TITLE_BASE}`;
const METRIC = '(?:net income|net profit|net loss|operating profit|operating loss|operating income|pre-tax profit|pretax profit|profit|profits|loss|losses|revenue|revenues|sales|earnings|net)';
/** "an 80 pct interest in", "all the issued capital of", "two Florida-based banks ,": words between a deal noun's "of"/"for" and the company. */
const STAKE_OF = String.raw`(?: (?:[^ @]+|@[CM]\d+)){0,8}? (?:interest|stake|capital|shares|stock|units|holding|holdings|equity|shareholding|assets|liabilities|operations) (?:in|of)(?: the)?`;
const APPOSED = String.raw`(?: [^ @]+){1,4} ,`;
/** "of computer hardware distribution firm X": a descriptor before the name. */
const DESCRIBED = String.raw`(?: [a-z-]+){1,5} (?:firm|company|concern|group|maker|producer|manufacturer|distributor|retailer|bank|operator|chain|carrier|airline|insurer|publisher|developer|brewer)`;
/** "for the publicly held 49 pct of X", "the remaining 20 pct of": a share given as a percentage. */
const PCT_OF = String.raw`(?: (?:the|a|an|all|its))?(?: [a-z-]+){0,3}? @C\d+(?: [a-z-]+){0,2}? (?:of|in)`;
/** "38 mln shares in the Australian brewing firm X": shares, then a descriptor. */
const STAKE_DESCRIBED = String.raw`${STAKE_OF}(?: (?:the|a|an))?(?: @[XL]\d+)?${DESCRIBED}`;
/** Before a subject slot: the company is not the object of a preposition ("the arm of BP , raised …"). */
const NOT_OBJECT = '(?<!(?:^| )(?:of|by|to|from|with|for|in) )';
const RESULT_VERB = '(?:lost|earned|posted|reported|made|had|recorded|booked|incurred|turned in)';
const MOVE_UP = '(?:rose|rise|rising|gained|gains|jumped|jump|climbed|soared|surged|advanced|was up|were up|closed up|ended up|up)';
const MOVE_DOWN = '(?:fell|fall|falling|dropped|drop|declined|slipped|plunged|tumbled|slumped|lost|was down|were down|closed down|ended down|down|eased)';

/** A second, coordinated title after the first: "chairman and (chief executive officer)". */
export const RE_SECOND_TITLE = new RegExp(`(?:^| )${TITLE} and (${TITLE})(?= |$)`);

interface Def { id: string; type: FactType; t: string; c: number; b: (g: string[], trigger: string) => Record<string, unknown> | null; deal?: boolean; status?: string }

const DEFS: Def[] = [
  // ---- acquisitions
  { id: 'acq.passive', type: 'acquisition', c: 0.85, deal: true, t: `{TGT}{g8} (?<t>(?:was|were|has been|had been|will be|would be|to be|is being|is to be|being) (?:acquired|bought|purchased|taken over))(?: (?:for|at) (?:about |approximately |some )?@M\\d+(?: (?:a|per) share)?)? by(?:{g3}| (?:a |an )?(?:[a-z-]+ ){0,2}?(?:company|group|concern|partnership|entity|firm|corporation) (?:formed|set up|organized|created|controlled|led|owned) by) {ORG}`, b: (g) => ({ target: g[0], acquirer: g[1] }) },
  { id: 'acq.noun-of-by', type: 'acquisition', c: 0.8, deal: true, t: `(?<t>${ACQ_NOUN}|bid|offer|tender offer) (?:of|for){g3} {TGT}{g8} by{g3} {ORG}`, b: (g) => ({ target: g[0], acquirer: g[1] }) },
  { id: 'acq.sell-to', type: 'acquisition', c: 0.85, deal: true, t: `${NOT_OBJECT}{ORG}{g10} (?<t>${SELL_VERB}|agreed to sell|to sell|sale of|disposition of|divestiture of)(?:{g6}|${STAKE_OF}|${STAKE_DESCRIBED}) {TGT}{g4} to(?:{g3}| (?:a |an )?(?:[a-z-]+ ){0,2}?(?:company|group|concern|partnership|entity|firm|corporation) (?:formed|set up|organized|created|controlled|led|owned) by) {ORG}`, b: (g) => ({ seller: g[0], target: g[1], acquirer: g[2] }) },
  { id: 'acq.sell-appositive', type: 'acquisition', c: 0.8, deal: true, t: `{ORG}{g10} (?<t>${SELL_VERB}|agreed to sell|to sell) (?:its|the|a|one of its)(?: (?:(?!@O|@A)[^ ]+|@O\\d+(?= [a-z]))){0,6}? (?:business|unit|subsidiary|division|operations|affiliate|system|subsidiaries|units|businesses|divisions)(?: ,)? {TGT}(?: \\( @O\\d+ \\))?(?:(?: [^@ ]+){0,6}? to{g3} {ORG}|)`, b: (g) => ({ seller: g[0], target: g[1], acquirer: g[2] ?? null }) },
  { id: 'acq.tender-shares', type: 'acquisition', c: 0.75, deal: true, t: `{ORG}{g12} (?<t>tender offer|offer|bid|offering){g10} (?:shares|stock|stake|interest|common) (?:in|of) {TGT}`, b: (g) => ({ acquirer: g[0], target: g[1] }) },
  { id: 'acq.tendered', type: 'acquisition', c: 0.7, deal: true, t: `{ORG}{g8} (?:shares|stock) (?:in|of) {TGT} (?:were|was|had been|have been) (?:validly |properly )?(?<t>tendered)`, b: (g) => ({ acquirer: g[0], target: g[1] }) },
  { id: 'acq.sell-unit-to', type: 'acquisition', c: 0.6, deal: true, t: `{ORG}{g10} (?<t>${SELL_VERB}|agreed to sell|to sell) (?:its|the|a){g6} ${UNIT_NOUN}{g4} to{g3} {ORG}`, b: (g) => ({ seller: g[0], acquirer: g[1], target: g[0], unit: true }) },
  { id: 'acq.from', type: 'acquisition', c: 0.85, deal: true, t: `${NOT_OBJECT}{ORG}{g12} (?<t>${ACQ_VERB}){g6} {TGT}{g6} from{g3} {ORG}`, b: (g) => ({ acquirer: g[0], target: g[1], seller: g[2] }) },
  { id: 'acq.stake-in', type: 'acquisition', c: 0.75, deal: true, t: `{ORG}{g12} (?<t>${ACQ_VERB}){g4} {PCT}{g3} (?:stake|interest|holding|share|of the shares|of the stock|of the common|of)(?: [^ @]+){0,5}? (?:in|of)(?: (?:the|a|an)(?: (?:[^ @]+|@[XLK]\\d+)){1,7}?)? {TGT}`, b: (g) => ({ acquirer: g[0], percent: g[1], target: g[2] }) },
  // "Senior Engineering Group Plc said it reached agreement with Cronus Industries Inc to acquire South Western Engineering Co"
  { id: 'acq.agreement-with-to', type: 'acquisition', c: 0.85, deal: true, t: `{ORG}{g10} (?:agreement|letter of intent|agreed|an accord|a deal|negotiations|talks) with {ORG!} (?<t>to (?:acquire|buy|purchase)){g6} {TGT}`, b: (g) => ({ acquirer: g[0], seller: g[1], target: g[2] }) },
  // "Henley Group Inc said it ended talks with Sante Fe Southern Pacific Corp concerning the possible acquisition of its Southern Pacific Transportation Co subsidiary"
  { id: 'acq.talks-with-about', type: 'acquisition', c: 0.85, deal: true, t: `{ORG}{g10} (?:agreement|letter of intent|an accord|a deal|negotiations|talks|discussions) with {ORG!} (?:concerning|on|about|regarding|over|for) (?:the |a |an )?(?:possible |proposed |planned |potential )?(?<t>acquisition|purchase|sale) of(?: (?:its|the|a|an))?(?: [^ @]+){0,3}? {TGT}`, b: (g) => ({ acquirer: g[0], seller: g[1], target: g[2] }) },
  { id: 'acq.svo', type: 'acquisition', c: 0.8, deal: true, t: `(?<!(?:^| )with ){ORG}{g12} (?!(?<=(?:^| )(?:be|been|being|was|were|is|are|get|got) )(?:acquired|bought|purchased|taken)(?= |$))(?<t>${ACQ_VERB}){g10}(?<! from| to| by| with) {TGT}`, b: (g) => ({ acquirer: g[0], target: g[1] }) },
  { id: 'acq.poss-noun', type: 'acquisition', c: 0.75, deal: true, t: `{ORG} 's{g3} (?<t>${ACQ_NOUN}|bid|offer|tender offer) (?:of|for)(?:{g3}|${STAKE_OF}) {TGT}`, b: (g) => ({ acquirer: g[0], target: g[1] }) },
  { id: 'acq.noun-svo', type: 'acquisition', c: 0.7, deal: true, t: `(?<!(?:^| )with ){ORG}{g12} (?:its |the |a |an )?(?:proposed |planned |pending |previously announced |\\S+ )?(?<t>${ACQ_NOUN}|tender offer|takeover bid|takeover offer|bid|offer) (?:of|for)(?:{g3}|${STAKE_OF}|${PCT_OF}|${APPOSED}|${DESCRIBED}) {TGT}`, b: (g) => ({ acquirer: g[0], target: g[1] }) },
  { id: 'acq.to-sell', type: 'acquisition', c: 0.7, deal: true, t: `${NOT_OBJECT}{ORG}{g12} (?<t>${SELL_VERB}|agreed to sell|to sell|sale of|disposition of|divestiture of)(?:{g5}|${STAKE_OF}(?: the)?)(?<! to) {TGT}(?! to(?: (?!@O|@A)[^ ]+){0,3}? @[OP]\\d+)`, b: (g) => ({ seller: g[0], target: g[1], acquirer: null }) },

  // "bought 300,000 Hillards ordinary shares", "its offer of 13 dlrs a share for 3.3 mln Princeville shares"
  { id: 'acq.n-shares', type: 'acquisition', c: 0.75, deal: true, t: `{ORG}{g12} (?<t>${ACQ_VERB}|tender offer|offer|bid|tendering)(?: (?:for|of))?(?: (?:[^ @]+|@M\\d+)){0,6}? (?:about |some |up to |an additional |another |all )?[0-9][0-9,.]*(?: mln| million)? {TGT}(?: [a-z]+)? (?:shares|stock|ordinary shares|common shares)`, b: (g) => ({ acquirer: g[0], target: g[1] }) },
  // "Ranco Inc said shareholders approved a merger into Siebe PLC", "merged its unit, Flyfaire International Inc, into Shefra Inc"
  { id: 'acq.merge-into', type: 'acquisition', c: 0.75, deal: true, t: `{ORG}{g20} (?<t>${MERGE}|merger) into (?:(?:a|an) (?:[a-z-]+ ){0,2}?(?:company|concern|entity|corporation|partnership) (?:formed|set up|organized|created|controlled|owned) by )?{ORG!}`, b: (g) => ({ target: g[0], acquirer: g[1] }) },
  { id: 'acq.merge-x-into', type: 'acquisition', c: 0.8, deal: true, t: `(?<t>${MERGE}|merger of)(?: its| the)?(?: [^ @]+){0,3}?(?: ,)? {TGT}(?: , (?:a |an )?(?:[^ @]+ ){0,3}?(?:subsidiary|unit) of @O\\d+)?(?: ,)?(?: [^ @]+){0,6}? into {ORG!}`, b: (g) => ({ target: g[0], acquirer: g[1] }) },
  // "under which Allied Bancshares will be merged into a unit of First Interstate Bancorp"
  { id: 'acq.merged-into', type: 'acquisition', c: 0.75, deal: true, t: `{TGT} (?:will be|would be|is to be|was|were|has been|had been|to be|is being|be) (?<t>merged) (?:into|with) (?:a |an )?(?:(?:newly formed |newly-formed |wholly[- ]owned |new )?(?:unit|subsidiary|affiliate) of )?{ORG!}`, b: (g) => ({ target: g[0], acquirer: g[1] }) },
  // "Cooper Life Sciences said it expects to merge with a wholly-owned subsidiary of Cooper Cos"
  { id: 'acq.merge-with-unit-of', type: 'acquisition', c: 0.75, deal: true, t: `{ORG}{g10} (?<t>${MERGE}|merger|to merge) with (?:a |an )?(?:newly formed |newly-formed |new )?(?:wholly[- ]owned |majority[- ]owned )?(?:unit|subsidiary|affiliate) of {ORG!}`, b: (g) => ({ target: g[0], acquirer: g[1] }) },
  // "Allied Corp said it retained Goldman Sachs to seek a buyer for its Bendix unit"
  { id: 'acq.seek-buyer', type: 'acquisition', c: 0.65, deal: true, status: 'in_talks', t: `{ORG}{g10}(?: (?:retained|hired|engaged|appointed|named|asked) @O\\d+)? (?<t>(?:to seek|seek|seeking|to find|find|finding|look for|looking for) (?:a |an )?(?:buyer|buyers|purchaser|purchasers)) (?:for|of) (?:its )?(?:[a-z-]+ ){0,2}?{TGT}`, b: (g) => ({ seller: g[0], target: g[1], acquirer: null }) },
  // "plan to merge with and become a wholly owned subsidiary of Harvard Industries Inc"
  { id: 'acq.become-unit', type: 'acquisition', c: 0.75, deal: true, t: `{ORG}{g10} (?<t>become|becoming|became) (?:a |an )?(?:[a-z-]+ ){0,2}?(?:subsidiary|unit) of (?:privately held |privately-held |closely held )?{ORG!}`, b: (g) => ({ target: g[0], acquirer: g[1] }) },
  // "approved the merger agreement making Hughes Supply Inc an indirect wholly owned unit of Fuqua Industries Inc"
  { id: 'acq.making-unit', type: 'acquisition', c: 0.75, deal: true, t: `(?<t>making|make|makes|made) {ORG!} (?:a |an )?(?:[a-z-]+ ){0,3}?(?:subsidiary|unit) of {ORG!}`, b: (g) => ({ target: g[0], acquirer: g[1] }) },
  // "Rexham Corp said it received an unsolicited offer of 43 dlrs a share from Nortek Inc", "rejected the proposal of Theta Corp"
  { id: 'acq.offer-from', type: 'acquisition', c: 0.7, deal: true, t: `{ORG}{g12} (?:received|receives|rejected|rejects|rejecting|accepted|accepts|is studying|will study|studying|reviewed|reviewing|not to accept|to reject|to accept|considering|evaluating) (?:an? |the |two |its )?(?:(?:[^ @]+|@M\\d+) ){0,4}?(?<t>offers|offer|bids|bid|proposals|proposal|tender offer|takeover bid|takeover offer|merger proposal|merger offers|merger offer|buyout proposal|acquisition proposal)(?: (?:[^ @]+|@[MC]\\d+|@A)){0,10}? (?:from|by|of) (?:privately held |privately-held |closely held )?(@O\\d+|@P\\d+)`, b: (g) => ({ target: g[0], acquirer: g[1] }) },
  // "American Motors Corp said its directors reviewed a Chrysler Corp merger proposal"
  { id: 'acq.org-proposal', type: 'acquisition', c: 0.7, deal: true, t: `{ORG}{g12} (?:a|an|the) {ORG!} (?:merger |takeover |buyout |acquisition |tender |cash )?(?<t>proposal|offer|bid)(?! for| to)`, b: (g) => ({ target: g[0], acquirer: g[1] }) },
  // "its U.S. subsidiary intends to tender for the 24 pct of Texaco Canada it does not already own"
  { id: 'acq.tender-for-pct', type: 'acquisition', c: 0.7, deal: true, t: `{ORG}{g12} (?<t>tender for|bid for|offer for|make an offer for|to buy|to acquire) (?:the |all )?(?:remaining |outstanding |publicly held )?{PCT} (?:of|in) {TGT}`, b: (g) => ({ acquirer: g[0], percent: g[1], target: g[2] }) },
  // "Purolator stock jumped 5-3/8 on a 35 dlr per share takeover offer from E.F. Hutton LBO Inc"
  { id: 'acq.stock-on-offer', type: 'acquisition', c: 0.7, deal: true, t: `{ORG!}(?: 's)? (?:stock|shares|share price)(?: [^ @]+){0,4}? on (?:a |an |the )?(?:(?:[^ @]+|@M\\d+) ){0,4}?(?<t>takeover offer|takeover bid|tender offer|offer|bid|proposal) (?:from|by) {ORG!}`, b: (g) => ({ target: g[0], acquirer: g[1] }) },
  // "Carling O'Keefe's board is meeting to consider Elders IXL Ltd's 25 dlr takeover offer"
  { id: 'acq.consider-poss-offer', type: 'acquisition', c: 0.7, deal: true, t: `{ORG}{g12} (?:consider|considering|review|reviewing|study|studying|evaluate|evaluating|reject|rejected|rejects|accept|accepted|accepts|oppose|opposes|opposed|weigh|weighing|received|receives|has received) (@O\\d+|@P\\d+) 's (?:(?:[^ @]+|@M\\d+) ){0,4}?(?<t>takeover offer|takeover bid|tender offer|merger proposal|offer|bid|proposal)`, b: (g) => ({ target: g[0], acquirer: g[1] }) },
  // "Louisiana Pacific Corp has agreed to pay 3,475,000 dlrs for the bankrupt Harris Pine Sawmill"
  { id: 'acq.pay-for', type: 'acquisition', c: 0.75, deal: true, t: `{ORG}{g8} (?<t>agreed to pay|will pay|to pay|paid|pays|pay) (?:[^ @]+ ){0,5}?{MONEY}(?: (?:[^ @]+|@[DK]\\d+)){0,4}? for (?:the |a |an |all of |about |some )?(?:(?:[^ @]+|@C\\d+) ){0,3}?{TGT}`, b: (g) => ({ acquirer: g[0], target: g[2] }) },
  // "Safeguard Scientifics Inc said it made a 2.5 mln dlr equity investment in Sanchez Computer Associates Inc"
  // "Olivetti said it invested 3.5 mln dlrs in Ipsoft"
  { id: 'acq.invested-in', type: 'acquisition', c: 0.6, deal: true, t: `{ORG}{g12} (?<t>invested|has invested|will invest|to invest|agreed to invest) (?:(?:[^ @]+|@M\\d+) ){0,3}?{MONEY} in {TGT}`, b: (g) => ({ acquirer: g[0], target: g[2] }) },
  // "its Medicontrol Corp subsidiary received a 500,000 dlr investment by Monsanto Co's G.D. Searle and Co subsidiary"
  { id: 'acq.received-investment', type: 'acquisition', c: 0.6, deal: true, t: `{ORG}{g8} (?:received|receives|has received|will receive|is to receive|to receive) (?:a|an) (?:(?:[^ @]+|@M\\d+) ){0,3}?(?<t>equity investment|investment|capital infusion) (?:by|from){g3} {ORG!}`, b: (g) => ({ target: g[0], acquirer: g[1] }) },
  { id: 'acq.investment-in', type: 'acquisition', c: 0.65, deal: true, t: `{ORG}{g8} (?:made|make|makes|will make|completed|agreed to make) (?:a|an) (?:(?:[^ @]+|@[MC]\\d+) ){0,3}?(?<t>equity investment|investment) in {TGT}`, b: (g) => ({ acquirer: g[0], target: g[1] }) },
  { id: 'acq.person-bought', type: 'acquisition', c: 0.7, deal: true, t: `(@P\\d+|he|she)(?: [^ @]+){0,3}? (?<t>bought|acquired|purchased|has acquired|has bought|had acquired|had bought|offering to purchase|offering to buy|offered to purchase|offered to buy|offered to acquire|offering to acquire|will buy|to buy|to purchase|to acquire)(?: [^ @]+){0,6}? (?:shares|stock|common stock|common shares|stake|interest)(?: [^ @]+){0,3}? (?:of|in) {TGT}`, b: (g) => ({ acquirer: g[0], target: g[1] }) },
  { id: 'acq.its-buyout-by', type: 'acquisition', c: 0.75, deal: true, t: `{ORG}{g8} (?:its|@A 's) (?:proposed |planned |pending |possible |previously announced )?(?<t>buyout|buy-out|acquisition|takeover|purchase) by(?: [^ @]+){0,3}? (@O\\d+|@P\\d+)`, b: (g) => ({ target: g[0], acquirer: g[1] }) },
  { id: 'acq.poss-by', type: 'acquisition', c: 0.75, deal: true, t: `{TGT} 's (?:proposed |planned |pending |possible )?(?<t>buyout|buy-out|acquisition|purchase|takeover|sale) by{g3} (@O\\d+|@P\\d+)`, b: (g) => ({ target: g[0], acquirer: g[1] }) },

  // "Equiticorp Tasman Ltd said it will offer 4.15 dlrs a share cash for all the issued capital of Monier Ltd"
  { id: 'acq.offer-for', type: 'acquisition', c: 0.7, deal: true, t: `{ORG}{g8} (?<t>offer|offers|offered|offering|bid|bids|to bid|bidding) (?:(?:[^ @]+|@M\\d+) ){0,6}?for(?:{g3}|${STAKE_OF}|${STAKE_DESCRIBED}) {TGT}`, b: (g) => ({ acquirer: g[0], target: g[1] }) },
  // "Mobex Corp said 2,088,461 Grant Industries Inc common shares, about 87 pct of the 2.4 mln outstanding, have been tendered"
  { id: 'acq.said-tendered', type: 'acquisition', c: 0.7, deal: true, t: `{ORG!} said{g2} [0-9][0-9,.]*(?: mln| million)? {TGT}(?: common| ordinary)? (?:shares|stock)(?: (?:[^ @]+|@C\\d+)){0,12}? (?:have been|had been|were|was) (?<t>tendered)`, b: (g) => ({ acquirer: g[0], target: g[1] }) },
  // "MTech Corp said it has received 33,467 shares of Commercial Resources Corp in response to its tender offer"
  { id: 'acq.received-shares', type: 'acquisition', c: 0.7, deal: true, t: `{ORG}{g8} (?:received|has received|had received|accepted|has accepted|had accepted|purchased|is accepting|accepting|accepting and paying for|is accepting and paying for|paid for|paying for) (?:about |some |approximately )?[0-9][0-9,.]*(?: mln| million)? (?:(?:common )?(?:shares|stock)(?: ,)?(?: or {PCT})? (?:of|in) {TGT}|{TGT}(?: common)? (?:shares|stock))(?: (?:[^ @]+|@M\\d+)){0,8}? (?<t>tender offer|offer|bid)`, b: (g) => ({ acquirer: g[0], percent: g[1], target: g[2] ?? g[3] }) },
  // "LIfetime Corp said Retirement Housing Corp has accepted its previously announced acquisition offer"
  { id: 'acq.accepted-its', type: 'acquisition', c: 0.75, deal: true, t: `{ORG!} said {ORG!} (?:has |had |have )?(?:accepted|rejected|approved|agreed to) (?:its|their) (?:[^ @]+ ){0,3}?(?<t>acquisition offer|takeover offer|tender offer|merger proposal|offer|bid|proposal)`, b: (g) => ({ acquirer: g[0], target: g[1] }) },
  // "the management group led by chairman Samuel J. Heyman intends to reconsider its proposal to acquire GAF", "chairman Carl C. Icahn has withdrawn his proposal to acquire the TWA shares"
  { id: 'acq.person-proposal', type: 'acquisition', c: 0.7, deal: true, t: `(?:led by|headed by|chairman|financier|investor)(?: [^ @]+){0,2}? {PER}{g8} (?:his|its|their) (?:[^ @]+ ){0,2}?(?:proposal|offer|bid) (?<t>to (?:acquire|buy|purchase|take over))(?: the| all| all of)?(?: [^ @]+){0,2}? {ORG}`, b: (g) => ({ acquirer: g[0], target: g[1] }) },
  // "Merrill Lynch Capital Partners will take Borg-Warner Corp private"
  { id: 'acq.take-private', type: 'acquisition', c: 0.75, deal: true, t: `{ORG}{g8} (?<t>take|takes|took|taking|to take) {TGT} private`, b: (g) => ({ acquirer: g[0], target: g[1] }) },

  // "said it received an unsolicited proposal from a third party to acquire the company at 30 dlrs per share"
  { id: 'acq.received-proposal-to', type: 'acquisition', c: 0.65, deal: true, t: `{ORG}{g8} (?:received|has received|had received|receives) (?:an? |the )?(?:[^ @]+ ){0,3}?(?:proposal|offer|bid|expression of interest)(?: from(?:(?: [^ @]+){0,6}? (@O\\d+|@P\\d+)|(?: [^ @]+){1,4}?))? (?<t>to (?:acquire|buy|purchase|take over)) {TGT}`, b: (g) => ({ target: g[2], acquirer: g[1] ?? null }) },

  // "agreed in principle to give control of the company to Peter Smith, a New York investor"
  { id: 'acq.give-control', type: 'acquisition', c: 0.7, deal: true, t: `{ORG}{g10} (?<t>give|gives|gave|giving|cede|ceded|hand|handed|transfer|transferred) (?:effective |majority |full )?control of {TGT} to(?: [^ @]+){0,3}? (@O\\d+|@P\\d+)`, b: (g) => ({ target: g[1], acquirer: g[2] }) },

  // "Comdisco Inc said it sold 11.3 mln shares, or 19.9 pct, of its common stock to Prudential Insurance Co": the seller's own shares change hands
  { id: 'acq.sold-own-shares', type: 'acquisition', c: 0.7, deal: true, t: `{ORG}{g6} (?<t>sold|sells|agreed to sell|to sell|will sell|has sold) (?:about |some )?(?:[0-9][0-9,.]*|one|two|three|four|five|six|seven|eight|nine|ten)(?: mln| million)? (?:new |newly issued |additional )?(?:common |preferred |ordinary |voting )?shares(?: , or {PCT} ,)? of its (?:common |preferred |voting )?(?:stock|shares) to(?:{g3}| (?:a|an) (?:[a-z-]+ ){0,2}?(?:group|company|partnership|concern|firm|fund) (?:named|called|known as)) {ORG}`, b: (g) => ({ target: g[0], percent: g[1], acquirer: g[2] }) },
  // "its chairman John Doe sold 78,375 shares of Acme Corp common stock to Beta Corp"
  { id: 'acq.sold-shares-of', type: 'acquisition', c: 0.7, deal: true, t: `{HOLDER}{g4} (?<t>sold|sells|agreed to sell|has sold) (?:about |some |its )?(?:[0-9][0-9,.]*|one|two|three|four|five|six|seven|eight|nine|ten)(?: mln| million)? (?:common |preferred |ordinary )?shares (?:(?:it|he|they) (?:held|holds|owned|owns) )?(?:of|in) {TGT}(?: common| preferred| ordinary)?(?: stock| shares)?(?: to{g3} {ORG}|(?= ,| \\.|$))`, b: (g) => ({ seller: g[0], target: g[1], acquirer: g[2] ?? null }) },
  // "Ranger Industries, in rejecting a 15 dlr a share takeover bid by New York investor Carl Icahn"
  { id: 'acq.bid-by', type: 'acquisition', c: 0.7, deal: true, t: `{ORG}{g8} (?:urged shareholders to reject|will recommend to shareholders|recommend to shareholders|recommended to shareholders|rejecting|rejected|rejects|reject|accepting|accepted|accepts|reviewing|reviewed|considering|opposes|opposed|opposing|fighting|to reject|to accept) (?:a |an |the |its )?(?:(?:[^ @]+|@M\\d+) ){0,6}?(?<t>takeover bid|takeover offer|tender offer|bid|offer|proposal)(?: (?:made|launched|announced)(?: (?:[^ @]+|@[DK]\\d+)){0,3}?)? by (?:[^ @]+ ){0,2}?(?:@L\\d+ )?(?:[^ @]+ )?(@P\\d+|@O\\d+)`, b: (g) => ({ target: g[0], acquirer: g[1] }) },
  // "Allianz AG has taken a stake in Luxembourg-based finance company Cofinindus": a stake bought, size unknown (a stake of a given size is a stake fact)
  { id: 'acq.took-stake', type: 'acquisition', c: 0.65, deal: true, t: `{ORG}(?: (?!(?:@O\\d+|@A|it|but|while|and)(?: |$))[^ ]+){0,8}? (?<t>has taken|have taken|took|taken|will take|to take|has acquired|acquired|bought|has bought|to buy|to acquire) (?:a |an )?(?:minority |majority |small |controlling |substantial |large |further |new |strategic )?(?:stake|holding|interest|shareholding)(?: worth(?: [^ @]+){1,4}?)? in (?:(?:[^ @]+|@[XL]\\d+) ){0,7}?{TGT}`, b: (g) => ({ acquirer: g[0], target: g[1] }) },

  // "Chesapeake Corp said it has retained Salomon Inc to help it sell Plainwell Paper Co Inc": the adviser is not the seller
  { id: 'acq.retained-to-sell', type: 'acquisition', c: 0.7, deal: true, status: 'in_talks', t: `{ORG}{g6} (?:retained|hired|engaged|appointed|named) @O\\d+(?: [^ @]+){0,4}? (?<t>sell|to sell) (?:its |the )?(?:[a-z-]+ ){0,3}?{TGT}`, b: (g) => ({ seller: g[0], target: g[1], acquirer: null }) },

  // "said it will subscribe to 30 mln shares in listed Hong Kong property developer, Hong Kong Land Co"
  { id: 'acq.subscribe', type: 'acquisition', c: 0.65, deal: true, t: `{ORG}{g8} (?<t>subscribe to|subscribe for|subscribed to|subscribed for|subscribing to|to subscribe to|to subscribe for) (?:[^ @]+ ){0,5}?(?:shares|stock|units) (?:in|of)(?: (?:[^ @]+|@[XL]\\d+)){0,5}?(?: ,)? (@O\\d+|@K\\d+)`, b: (g) => ({ acquirer: g[0], target: g[1] }) },
  // "the proposed acquisition by Elders IXL Ltd of Allied-Lyons Plc"
  { id: 'acq.noun-by-of', type: 'acquisition', c: 0.75, deal: true, t: `(?<t>${ACQ_NOUN}|bid|offer|takeover bid|tender offer) by{g3} {ORG!} (?:of|for)(?:{g3}|${STAKE_OF}) {TGT}`, b: (g) => ({ acquirer: g[0], target: g[1] }) },

  // "Marcade Group Inc said chairman Jack Clark has sold 1,800,000 common shares to Ahmanson for 3 mln dlrs"
  { id: 'acq.officer-sold-shares', type: 'acquisition', c: 0.65, deal: true, t: `{ORG!} said (?:its )?(?:chairman|president|chief executive|founder|director|vice chairman)(?: [^ @]+){0,4}? {PER}(?: has| had)? (?<t>sold|agreed to sell|will sell) (?:about )?[0-9][0-9,.]*(?: mln| million)? (?:common |ordinary )?shares to{g3} {ORG}`, b: (g) => ({ target: g[0], seller: g[1], acquirer: g[2] }) },

  // "the 20 dlr per share acquisition offer it received from Smith, Jones and Brown"
  { id: 'acq.offer-it-received', type: 'acquisition', c: 0.7, deal: true, t: `{ORG}{g12} (?<t>acquisition offer|takeover offer|tender offer|merger proposal|offer|bid|proposal) (?:it|that it|which it) (?:has |had )?received from (@O\\d+|@P\\d+)`, b: (g) => ({ target: g[0], acquirer: g[1] }) },
  // "said it has made an offer to the board of Allegheny International to acquire all outstanding shares"
  { id: 'acq.offer-to-board', type: 'acquisition', c: 0.7, deal: true, t: `{ORG}{g8} (?:made|make|makes|making|submitted|delivered) (?:an? |its )?(?:[^ @]+ ){0,2}?(?:offer|proposal|bid) to (?:the )?(?:board|shareholders|holders|directors)(?: of directors)? of {TGT} (?<t>to (?:acquire|buy|purchase|merge))`, b: (g) => ({ acquirer: g[0], target: g[1] }) },
  // "a tender offer of Hanson Trust for SCM Corp"
  { id: 'acq.offer-of-for', type: 'acquisition', c: 0.7, deal: true, t: `(?<t>tender offer|takeover offer|takeover bid|offer|bid) (?:of|by) {ORG!} for(?:{g3}|${STAKE_OF}) {TGT}`, b: (g) => ({ acquirer: g[0], target: g[1] }) },

  // "block the proposed merger of Texas Air with a subsidiary of Eastern Air Lines"
  { id: 'acq.merger-of-with-unit', type: 'acquisition', c: 0.75, deal: true, t: `(?<t>merger|merging) of {TGT} (?:with|into) (?:a |an )?(?:[a-z-]+ ){0,2}?(?:subsidiary|unit|affiliate) of {ORG!}`, b: (g) => ({ target: g[0], acquirer: g[1] }) },
  // "it has withdrawn and terminated its 47 dlr per share takeover offer to Hughes Tool Co"
  { id: 'acq.offer-to', type: 'acquisition', c: 0.7, deal: true, t: `{ORG}{g10} (?:its |a |an |the )?(?:(?:[^ @]+|@M\\d+) ){0,5}?(?<t>takeover offer|tender offer|merger offer|merger proposal|offer|bid) to {TGT}(?! to)`, b: (g) => ({ acquirer: g[0], target: g[1] }) },

  // ---- asset purchases: the thing bought is not a named company ("three retail savings branches from X's unit")
  // "signed a letter of intent to exchange 2.2 mln of its shares for all Kappa Networks stock", "exchanged 4.5 mln common shares for 21 pct of X"
  { id: 'acq.exchange-shares', type: 'acquisition', c: 0.7, deal: true, t: `{ORG}{g10} (?<t>exchange|exchanged|exchanges|exchanging)(?: (?:[^ @]+|@[MC]\\d+)){0,8}? (?:shares|stock) for (?:(?:all|all of|all the|the)(?: (?:outstanding|common|capital|issued))* {TGT}(?: 's)?(?: (?:outstanding|common|capital|issued))* (?:stock|shares)|{PCT}(?: [^ @]+){0,3}? of{g3} {TGT})`, b: (g) => ({ acquirer: g[0], target: g[1] ?? g[3], percent: g[2] }) },
  // "its board has concluded that the merger proposal submitted by Kappa Corp merits further consideration"
  { id: 'acq.proposal-by', type: 'acquisition', c: 0.65, deal: true, t: `{ORG!} said its board{g8} (?:the |a |an )?(?:[^ @]+ ){0,2}?(?<t>merger proposal|acquisition proposal|takeover proposal|buyout proposal|takeover offer|merger offer|takeover bid) (?:submitted|made) by {ORG!}(?! for)`, b: (g) => ({ target: g[0], acquirer: g[1] }) },
  // "2,223,996 shares of Kappa Corp's common stock were tendered to and accepted for payment by Omega Inc"
  { id: 'acq.tendered-to', type: 'acquisition', c: 0.7, deal: true, t: `(?:shares|stock) (?:in|of) {TGT}(?: 's)?(?: common| capital)?(?: stock| shares)? (?:were|was|had been|have been) (?:validly |properly )?(?<t>tendered)(?: to)?(?: and accepted for payment)? by {HOLDER}`, b: (g) => ({ target: g[0], acquirer: g[1] }) },
  // "said 52 pct of Kappa Corp's outstanding common shares have been deposited under its takeover bid"
  { id: 'acq.deposited', type: 'acquisition', c: 0.7, deal: true, t: `{ORG!}(?: \\))? said{g2} (?:[0-9][0-9,.]*(?: mln| million)?|{PCT} of) {TGT}(?: 's)?(?: outstanding)?(?: common| ordinary)? (?:shares|stock)(?: (?:[^ @]+|@C\\d+)){0,8}? (?:have been|had been|were|was) (?<t>deposited|tendered)`, b: (g) => ({ acquirer: g[0], percent: g[1], target: g[2] }) },
  { id: 'asset.buy', type: 'asset_purchase', c: 0.65, deal: true, t: `{ORG}{g12} (?<t>${ACQ_VERB}|agreed to buy|to buy|to acquire|to purchase|purchase of|acquisition of)(?: (?:the|a|an|its|certain|all|two|three|four|five|six|seven|eight|nine|ten|[0-9][0-9,]*))? ((?!(?:these|those|this|that|such|which|other|any|some|more|further|additional) )(?:@[XLPO]\\d+ )?(?:[a-z][a-z-]* ){0,5}?(?:branches|branch|plants|plant|mills|mill|stores|hospitals|hospital|hotels|hotel|restaurants|refinery|refineries|newspapers|newspaper|stations|station|facility|facilities|fields|field|mines|mine|terminals|terminal|warehouses|properties|systems|outlets|offices|centers|centres|division|operations|business|businesses|assets|firms|companies|concerns)(?! (?:division|divisions|unit|units|business|businesses|operations|group|subsidiary|subsidiaries)(?= |$)))(?:(?: [^@ ]+){0,6}? from{g3} {ORG}|)`, b: (g) => ({ buyer: g[0], asset: g[1], seller: g[2] }) },

  // "agreed to purchase an 80 pct interest in a privately-held specialty plastics manufacturing company": an unnamed company bought.
  { id: 'asset.buy-private', type: 'asset_purchase', c: 0.6, deal: true, t: `{ORG}{g12} (?<t>${ACQ_VERB}|agreed to buy|to buy|to acquire|to purchase|purchase of|acquisition of)(?: (?:an? |the )?{PCT}(?: [a-z-]+)? (?:interest|stake) in)? (?:a|an) ((?:privately[- ]held|privately[- ]owned|closely[- ]held|family[- ]owned) (?:[a-z-]+ ){0,5}?(?:company|firm|concern|distributor|maker|manufacturer|producer|operator|chain|retailer|group))(?:(?: [^@ ]+){0,8}? from{g3} {ORG}|)`, b: (g) => ({ buyer: g[0], asset: g[2], seller: g[3] }) },
  // ---- asset sales: the thing sold is not a named company ("its computer systems division", "five rural hospitals")
  { id: 'asset.sell', type: 'asset_sale', c: 0.7, deal: true, t: `${NOT_OBJECT}{ORG}{g10} (?<t>${SELL_VERB}|agreed to sell|to sell|sale of|disposition of|divestiture of)(?: (?:(?:the |certain |substantially all (?:of )?the )?assets (?:and [a-z]+ )?of (?:its|the)|its|the|certain|all of its|part of its|substantially all of its|some of its))? ((?:[0-9][0-9,]* )?(?:@[XLO]\\d+ )?(?:[a-z0-9][a-z0-9,-]* ){0,6}?(?:offices|branches|outlets|centers|systems|facilities|facility|mines|fields|terminals|warehouses|division|divisions|unit|units|group|business|businesses|operations|assets|plant|plants|mill|mills|stores|hospitals|properties|property|subsidiaries|subsidiary|interests|interest|stake|newspapers|stations|hotels|restaurants|refinery|line|lines|operation|reserves|leases|rights|patents|trademarks|franchises)(?! (?:division|divisions|unit|units|business|businesses|operations|group|subsidiary|subsidiaries)(?= |$)))(?:(?: (?:[^@ ]+|@[LCMD]\\d+)){0,10}? to(?:{g3}| (?:a|an) (?:[a-z-]+ ){0,2}?(?:group|consortium|partnership|company) (?:led|formed|organized|controlled) by| (?:a|an) (?:[a-z-]+ ){0,3}?(?:company|concern|group|entity|corporation) ,) {ORG}|)`, b: (g) => ({ seller: g[0], asset: g[1], buyer: g[2] }) },

  // "agreed in principle to sell 80 pct of its working interest in certain producing and non-producing natural gas properties"
  { id: 'asset.sell-interest-in', type: 'asset_sale', c: 0.65, deal: true, t: `{ORG}{g10} (?<t>${SELL_VERB}|agreed to sell|to sell|sale of) (?:a |an )?{PCT}(?: of (?:its|the|their))?(?: [a-z-]+){0,2}? (?:interest|stake) in (?:a |an |the |certain |its )?((?:[a-z0-9][a-z0-9,-]* ){0,6}(?:properties|property|field|fields|mine|mines|project|projects|prospect|leases|acreage|wells|block|blocks|permit|claims)(?: of (?:mineral|oil|gas|oil and gas) properties)?)(?:(?: [^@ ]+){0,8}? to{g3} {ORG}|)`, b: (g) => ({ seller: g[0], asset: g[2], buyer: g[3] }) },

  // ---- mergers
  { id: 'merger.and', type: 'merger', c: 0.8, deal: true, t: `{ORG!} and {ORG!}{g10} (?<t>${MERGE}|merger)`, b: (g) => ({ parties: [g[0], g[1]] }) },
  // "Robert Halmi Inc said it and Hal Roach Studios Inc signed a definitive agreement to merge"
  { id: 'merger.it-and', type: 'merger', c: 0.8, deal: true, t: `{ORG!} (?:said|says|announced) it and {ORG!}{g8} (?<t>${MERGE}|merger|to merge)`, b: (g) => ({ parties: [g[0], g[1]] }) },
  // "Touche Ross and Co, an accounting firm, and Nolan Norton and Co, a planning concern, said they have merged"
  { id: 'merger.and-apposed', type: 'merger', c: 0.75, deal: true, t: `{ORG!}(?: , (?:an? |the )(?:[^ @]+ ){1,10}?,)? and {ORG!}(?: , (?:an? |the )(?:[^ @]+ ){1,10}?,)?(?: [^ @]+){0,4}? (?<t>have merged|had merged|merged|agreed to merge|will merge|plan to merge|to merge)`, b: (g) => ({ parties: [g[0], g[1]] }) },
  { id: 'merger.with', type: 'merger', c: 0.8, deal: true, t: `{ORG}{g10} (?<t>${MERGE}|merger|merger agreement|merger talks|merger negotiations|to merge) with{g3} {ORG}`, b: (g) => ({ parties: [g[0], g[1]] }) },
  { id: 'merger.boards', type: 'merger', c: 0.8, deal: true, t: `{ORG}{g6} (?:its|the) (?:board|boards|shareholders|directors)(?: of directors)? and (?:(?:the )?(?:board|shareholders|directors)(?: of directors)? of(?: the)?|those of) {ORG!}{g10} (?<t>${MERGE}|merger)`, b: (g) => ({ parties: [g[0], g[1]] }) },
  { id: 'merger.of', type: 'merger', c: 0.75, deal: true, t: `(?<t>merger|merging) (?:of|between){g2} {ORG} (?:and|with) {ORG!}`, b: (g) => ({ parties: [g[0], g[1]] }) },

  // ---- partnerships (lists: "with BMW , Ford , Toyota and Fiat" are expanded by the caller)
  { id: 'partner.and', type: 'partnership', c: 0.75, deal: true, t: `{ORG!} and {ORG!}{g10} (?<t>${PARTNER_NOUN})`, b: (g) => ({ parties: [g[0], g[1]] }) },
  { id: 'partner.with', type: 'partnership', c: 0.75, deal: true, t: `{ORG}{g12} (?<t>${PARTNER_NOUN}|cooperate|co-operate|team up|teamed up|collaborate|partner|partnered|joined forces){g8} with{g2} {ORG}((?: , {ORG!})*(?: ,)? and {ORG!})?`, b: (g) => ({ parties: [g[0], g[1], ...(g[2] ? g[2].match(/@O\d+/g) ?? [] : [])] }) },
  { id: 'partner.talks-on', type: 'partnership', c: 0.75, deal: true, t: `{ORG}{g12} (?:talks|negotiations|discussions|negotiating) with{g2} {ORG!}{g3} (?:on|about|over|for|to form) (?:a |an |the )?(?:possible |potential |strategic |global |broad |joint |technical |capital )*(?<t>${PARTNER_NOUN})`, b: (g) => ({ parties: [g[0], g[1]] }) },
  { id: 'merger.talks-on', type: 'merger', c: 0.75, deal: true, t: `{ORG}{g12} (?:talks|negotiations|discussions|negotiating) with{g2} {ORG!}{g3} (?:on|about|over) (?:a |an |the )?(?:possible |potential )?(?<t>merger|merging)`, b: (g) => ({ parties: [g[0], g[1]] }) },
  { id: 'acq.talks-to-acquire', type: 'acquisition', c: 0.75, deal: true, t: `{ORG}{g8} (?:is |was |are |were )?(?:in )?(?:talks|negotiations|negotiating|discussions) (?<t>to (?:acquire|buy|purchase|take over)){g6} {TGT}`, b: (g) => ({ acquirer: g[0], target: g[1] }) },
  { id: 'partner.between', type: 'partnership', c: 0.7, deal: true, t: `(?<t>${PARTNER_NOUN}) between{g2} {ORG!} and {ORG!}`, b: (g) => ({ parties: [g[0], g[1]] }) },
  { id: 'partner.struck', type: 'partnership', c: 0.7, deal: true, status: 'active', t: `(?<t>${PARTNER_NOUN}){g4} {ORG} (?:has|have|had) (?:struck|formed|signed|set up|established) with{g2} {ORG!}((?: , {ORG!})*(?: ,)? and {ORG!})?`, b: (g) => ({ parties: [g[0], g[1], ...(g[2] ? g[2].match(/@O\d+/g) ?? [] : [])] }) },

  // ---- stakes
  { id: 'stake.holds', type: 'stake', c: 0.8, t: `{ORG}{g8} (?<t>${HOLD_VERB}|raised (?:its|his|their) stake to|increased (?:its|his|their) stake to|cut (?:its|his|their) stake to|(?:its|a) stake of|stake to){g4} {PCT}(?: [^ @]+){0,6}? (?:in|of) {ORG}`, b: (g) => ({ holder: g[0], percent: g[1], company: g[2] }) },
  { id: 'stake.pct-in', type: 'stake', c: 0.7, t: `{ORG}(?: [^ @]+){0,4}? {PCT} (?<t>${STAKE_NOUN})(?: [^ @]+){0,3}? (?:in|of) {ORG}`, b: (g) => ({ holder: g[0], percent: g[1], company: g[2] }) },
  { id: 'stake.owned-by', type: 'stake', c: 0.8, t: `{ORG!}(?: ,)?(?: [^ @]+){0,3}? (?:is |was )?{PCT} (?<t>owned|held|controlled) by{g3} {ORG}`, b: (g) => ({ company: g[0], percent: g[1], holder: g[2] }) },
  { id: 'stake.has-pct', type: 'stake', c: 0.75, t: `{ORG}{g4} (?<t>has|have|holds|hold|owns|own|took|takes|take|acquired|bought|with) (?:a |an |its )?{PCT}(?: -)? (?:stake|interest|holding|shareholding) in {ORG}`, b: (g) => ({ holder: g[0], percent: g[1], company: g[2] }) },
  { id: 'stake.shares-or-pct', type: 'stake', c: 0.8, t: `{HOLDER}{g12} (?<t>acquired|bought|holds|owns|has|had|now holds|now owns|held|owned)(?: [^ @]+){0,8}? (?:shares|stock|common shares|common stock) (?:of|in) {ORG}(?: [^ @]+){0,6}?(?: ,)? or (?:about |approximately |nearly |almost |some )?{PCT}`, b: (g) => ({ holder: g[0], company: g[1], percent: g[2] }) },
  { id: 'stake.raised-to', type: 'stake', c: 0.8, t: `{HOLDER}{g8} (?<t>raised|increased|lifted|boosted|cut|reduced|lowered|raise|increase|lift|boost|reduce|lower|raising|increasing|lifting|boosting|cutting|reducing|lowering) (?:its|his|her|their) (?:voting |equity |common |stock )?(?:stake|holding|holdings|interest|shareholding) in (?:the )?{ORG}(?: common stock| common shares| shares| stock)?(?: by (?:about |some |nearly |almost )?@C\\d+ ,)? to(?: [^ @]+){0,6}?(?: ,)? (?:or )?(?:about |approximately )?{PCT}`, b: (g) => ({ holder: g[0], company: g[1], percent: g[2] }) },
  // "Foote Mineral Co said its largest shareholder, Rio Tinto-Zinc Corp, has increased its stake to 83 pct"
  { id: 'stake.shareholder-raised', type: 'stake', c: 0.75, t: `{ORG!} said its (?:largest |biggest |principal |major |main )?(?:shareholder|stockholder)(?: ,)? {ORG!}(?: ,)? (?:has |had )?(?<t>raised|increased|lifted|boosted|cut|reduced|lowered) (?:its|his|her|their) (?:stake|holding|interest|shareholding) to(?: [^ @]+){0,3}? {PCT}`, b: (g) => ({ company: g[0], holder: g[1], percent: g[2] }) },
  // "Allianz AG will take a stake of about 20 pct in the French butane distribution company Cofinindus SA"
  { id: 'stake.of-pct', type: 'stake', c: 0.7, t: `{ORG}{g8} (?<t>has|have|holds|hold|owns|own|took|takes|take|taken|taking|acquired|bought|with|has taken|will take|to take) (?:a |an |its )?(?:[a-z]+ )?(?:stake|interest|holding|shareholding) of (?:about |some |around |nearly |almost )?{PCT} in (?:(?:the|a|an|[^ @]+|@[XL]\\d+) ){0,9}?{ORG}`, b: (g) => ({ holder: g[0], percent: g[1], company: g[2] }) },
  { id: 'stake.family', type: 'stake', c: 0.7, t: `(@[OPX]\\d+) (?:family|families|group) (?<t>holds|owns|controls|has){g3} {PCT}(?: [^ @]+){0,6}? (?:in|of) {ORG}`, b: (g) => ({ holder: g[0], percent: g[1], company: g[2] }) },

  // ---- subsidiaries
  { id: 'sub.poss-unit', type: 'subsidiary', c: 0.8, t: `{ORG!} 's(?: [^ @]+){0,3}? (?<t>${UNIT_NOUN})(?: ,)? {ORG!}`, b: (g) => ({ parent: g[0], child: g[1] }) },
  { id: 'sub.a-unit-of', type: 'subsidiary', c: 0.85, t: `{ORG!}(?: ,)? (?:a|an|the)(?: [^ @]+){0,3}? (?<t>${UNIT_NOUN}) of {ORG}`, b: (g) => ({ child: g[0], parent: g[1] }) },
  { id: 'sub.unit-name', type: 'subsidiary', c: 0.75, t: `{ORG!}(?: [^ @]+){0,2}? (?<t>${UNIT_NOUN}) {ORG!}`, b: (g) => ({ parent: g[0], child: g[1] }) },
  { id: 'sub.is-unit-of', type: 'subsidiary', c: 0.85, t: `{ORG!}(?: \\( [^ ]+ \\))?(?: ,)? (?:is |was |became |, )?(?:a|an|the)(?: [^ @]+){0,3}? (?<t>${UNIT_NOUN}|arm) of {ORG!}`, b: (g) => ({ child: g[0], parent: g[1] }) },
  { id: 'sub.its-unit', type: 'subsidiary', c: 0.7, t: `(?:{ORG!} 's|its|@A 's) (?:[^ @]+ ){0,3}?{ORG!} (?<t>${UNIT_NOUN})`, b: (g) => ({ parent: g[0] ?? '@A', child: g[1] }) },
  { id: 'sub.another', type: 'subsidiary', c: 0.75, t: `{ORG!}(?: ,)? (?:another|also an?|an?|the) {ORG!} (?<t>${UNIT_NOUN})(?= ,| \\.|$| said| which| that)`, b: (g) => ({ child: g[0], parent: g[1] }) },
  { id: 'sub.owned', type: 'subsidiary', c: 0.8, t: `{ORG!}(?: ,)? (?:a |an )?(?<t>wholly-owned|wholly owned|majority-owned|majority owned)(?: [^ @]+){0,2}? (?:by|of) {ORG}`, b: (g) => ({ child: g[0], parent: g[1] }) },

  // ---- roles (a coordinated second title, "chairman and chief executive officer", is a second fact: see the caller)
  { id: 'role.named-as', type: 'role', c: 0.8, t: `{PER}(?: [^ @]+){0,3}? (?:was|has been|were|is|will be) (?:named|appointed|elected|promoted to|made) (?:as )?(?:the )?(?:new )?(?:acting )?(?<t>${TITLE})(?: and ${TITLE})?(?: (?:of|at) {ORG})?`, b: (g, t) => ({ person: g[0], title: t, org: g[1] ?? '@A' }) },
  { id: 'role.remains', type: 'role', c: 0.7, t: `{PER}(?: [^ @]+){0,2}? (?:remains|remained|will remain|continues as|served as|has served as|is|was) (?:the )?(?<t>${TITLE})(?: and ${TITLE})?(?: (?:of|at) {ORG})?`, b: (g, t) => ({ person: g[0], title: t, org: g[1] }) },
  { id: 'role.org-title-per', type: 'role', c: 0.85, t: `{ORG!}(?: \\( [^ ]+ \\))?(?: 's)? (?<t>${TITLE})(?: and ${TITLE})? {PER}`, b: (g, t) => ({ org: g[0], title: t, person: g[1] }) },
  { id: 'role.per-title-of', type: 'role', c: 0.85, t: `{PER}(?: ,)? (?:the )?(?:new |acting |interim )?(?<t>${TITLE})(?: and ${TITLE})? (?:of|at) {ORG}`, b: (g, t) => ({ person: g[0], title: t, org: g[1] }) },
  { id: 'role.per-org-title', type: 'role', c: 0.8, t: `{PER}(?: ,)? {ORG!} 's (?<t>${TITLE})`, b: (g, t) => ({ person: g[0], org: g[1], title: t }) },
  { id: 'role.title-per', type: 'role', c: 0.6, t: `(?<t>${TITLE})(?: and ${TITLE})? {PER}`, b: (g, t) => ({ title: t, person: g[0] }) },
  { id: 'role.named', type: 'role', c: 0.8, t: `{ORG}{g6} (?:named|appointed|elected|promoted) {PER}(?: ,)? (?:as )?(?:its )?(?:new )?(?<t>${TITLE})`, b: (g, t) => ({ org: g[0], person: g[1], title: t }) },

  // ---- financial results
  { id: 'fin.subject-verb', type: 'financial_result', c: 0.75, t: `${NOT_OBJECT}{ORG}(?: 's)?(?: [^ @]+){0,4}? (?<t>${RESULT_VERB})(?: an?)?(?: [^ @]+){0,3}? (?:${METRIC} (?:of )?)?{MONEY}(?: \\( {MONEY} \\))?`, b: (g, t) => ({ company: g[0], verb: t, amount: g[1], alt: g[2] }) },
  { id: 'fin.metric-was', type: 'financial_result', c: 0.7, t: `${NOT_OBJECT}{ORG}(?: 's)?(?: [^ @]+){0,4}? (?<t>${METRIC})(?: [^ @]+){0,5}? (?:of|was|were|to|totalled|totaled|totaling|reached|rose to|fell to|increased to|declined to|amounted to) {MONEY}(?: \\( {MONEY} \\))?`, b: (g, t) => ({ company: g[0], metric: t, amount: g[1], alt: g[2] }) },

  { id: 'fin.money-metric', type: 'financial_result', c: 0.7, t: `${NOT_OBJECT}{ORG}(?: 's)?(?: [^ @]+){0,3}? (?:reported|posted|had|recorded|suffered|showed|announced)(?: an?)? {MONEY}(?: [^ @]+){0,2}? (?<t>net loss|net profit|loss|profit|net income|operating loss|operating profit)`, b: (g, t) => ({ company: g[0], metric: t, amount: g[1] }) },
  { id: 'fin.metric-first', type: 'financial_result', c: 0.6, t: `^(?:[^ @]+ ){0,4}?(?<t>net income|net profit|net loss|operating profit|operating loss|operating income|pre-tax profit|pretax profit|sales|revenues?|profit)(?: [^ @]+){0,4}? (?:rose|fell|increased|decreased|declined|dropped|jumped|climbed|was|were|totalled|totaled|reached|amounted)(?: [^ @]+){0,5}? (?:to |at |of )?(?:about |just under |just over |some |nearly |almost )?{MONEY}`, b: (g, t) => ({ company: '@A', metric: t, amount: g[0] }) },
  // ---- stock moves
  { id: 'stock.move', type: 'stock_move', c: 0.8, t: `{ORG}(?: 's)? (?:(?:share|stock) price|shares|stock|share|common stock|common shares)(?: [^ @]+){0,3}? (?<t>${MOVE_UP}|${MOVE_DOWN})(?: as much as| by| nearly| almost| about| some| more than)? {PCT}`, b: (g, t) => ({ company: g[0], verb: t, percent: g[1] }) },
  { id: 'stock.shares-of', type: 'stock_move', c: 0.75, t: `(?:shares|stock) (?:of|in) {ORG}(?: [^ @]+){0,3}? (?<t>${MOVE_UP}|${MOVE_DOWN})(?: as much as| by| nearly| almost| about| some| more than)? {PCT}`, b: (g, t) => ({ company: g[0], verb: t, percent: g[1] }) },

  // ---- layoffs, plant closures, cost cuts
  { id: 'layoff.cut-jobs', type: 'layoff', c: 0.7, t: `{ORG}{g10} (?<t>cut|cuts|cutting|eliminate|eliminates|eliminating|lay off|laid off|lays off|laying off|shed|sheds|shedding|slash|slashes|axe|reduce|reducing)(?: about| some| up to| nearly| more than| roughly| an estimated)? ([0-9][0-9,.]*|@M\\d+|[a-z]+)(?: [^ @]+){0,2}? (?:jobs|workers|employees|positions|staff|people)`, b: (g) => ({ company: g[0], count: g[1] }) },
  { id: 'layoff.idle', type: 'layoff', c: 0.65, t: `{ORG}{g10} (?<t>idling|idle|furlough|furloughing|laying off|lay off)(?: about| some| nearly)? ([0-9][0-9,.]*)(?: [^ @]+){0,1}? (?:workers|employees|people|staff)`, b: (g) => ({ company: g[0], count: g[1] }) },
  { id: 'layoff.of-total', type: 'layoff', c: 0.65, t: `{ORG}{g10} (?<t>cut|cuts|cutting|eliminate|shed)(?: about| some| nearly)? ([0-9][0-9,.]*) (?:of|out of) (?:a |its )?(?:total )?(?:of )?[0-9][0-9,.]* (?:jobs|workers|employees)`, b: (g) => ({ company: g[0], count: g[1] }) },
  { id: 'layoff.workforce', type: 'layoff', c: 0.65, t: `{ORG}{g10} (?<t>reduce|reducing|cut|cutting|trim|trimming) (?:its |the )?(?:work force|workforce|payroll|staff) by(?: a further| another| about| some)? ([0-9][0-9,.]*)`, b: (g) => ({ company: g[0], count: g[1] }) },
  { id: 'plant.close', type: 'plant_closure', c: 0.7, t: `{ORG}{g10} (?<t>close|closes|closed|closing|shut|shuts|shutting|shut down|to close) (?:its|a|the|two|three|several)(?: [^ @]+){0,3}? (plant|plants|factory|factories|mill|mills|refinery|refineries|smelter|mine|mines|facility|facilities)(?: (?:in|at) {LOC})?`, b: (g) => ({ company: g[0], what: g[1], where: g[2] }) },
];

export const RULES: Rule[] = DEFS.map((d) => {
  const re = compile(d.t);
  return {
    id: d.id, type: d.type, re, pre: triggerAlone(re.source), confidence: d.c,
    build(m: Match): RawFact | null {
      const args = d.b(m.groups, m.triggerText);
      if (!args) return null;
      return { type: d.type, args, rule: d.id, confidence: d.c, trigger: m.trigger, triggerText: m.triggerText, start: m.start, end: m.end, defaultStatus: d.status, deal: d.deal };
    },
  };
});

/** Runs every rule over a pattern string. */
export function runRules(pat: string): RawFact[] {
  const out: RawFact[] = [];
  for (const r of RULES) {
    if (r.pre && !r.pre.test(pat)) continue;
    r.re.lastIndex = 0;
    const ti = TRIGGER_INDEX.get(r)!;
    for (const m of pat.matchAll(r.re)) {
      const t = m.groups?.t ?? '';
      const tPos = t ? m.indices!.groups!.t![0] : m.index!;
      const groups = m.slice(1).filter((_, i) => i !== ti);
      const f = r.build({ groups, start: m.index!, end: m.index! + m[0].length, trigger: tPos, triggerText: t });
      if (f) out.push(f);
    }
  }
  return out;
}

/** A regex for the trigger group `(?<t>…)` of a compiled rule on its own, or null when it has none. */
function triggerAlone(src: string): RegExp | null {
  const at = src.indexOf('(?<t>');
  if (at < 0) return null;
  let depth = 0;
  for (let i = at; i < src.length; i++) {
    if (src[i] === '\\') { i++; continue; }
    if (src[i] === '(') depth++;
    else if (src[i] === ')' && --depth === 0) return new RegExp(`(?:^| )(?:${src.slice(at + 5, i)})(?= |$)`);
  }
  return null;
}

/** Index (among positional captures) of the named trigger group `(?<t>…)`. */
function triggerIndex(src: string): number {
  const at = src.indexOf('(?<t>');
  if (at < 0) return -1;
  let n = 0;
  for (let i = 0; i < at; i++) {
    if (src[i] === '\\') { i++; continue; }
    if (src[i] !== '(') continue;
    if (src[i + 1] !== '?') n++;
    else if (src[i + 2] === '<' && src[i + 3] !== '=' && src[i + 3] !== '!') n++;
  }
  return n;
}
const TRIGGER_INDEX = new Map<Rule, number>(RULES.map((r) => [r, triggerIndex(r.re.source)]));
