/**
 * Finds MONEY, PERCENT and DATE expressions in raw news text (Reuters 1987 wire
 * style — `20 mln dlrs`, `244 mln stg`, `48.3 pct` — and modern style — `€92m`,
 * `US$5bn`, `14%`), with character offsets and normalized values.
 *
 * MONEY and PERCENT come from one prepared regex (plus one for "undisclosed"
 * phrases); DATE candidates come from one cheap prepared regex, and only the
 * month-name / weekday candidates are handed to chrono-node, on short windows
 * around them, with chrono's time, slash-date and range parsers removed. Years
 * alone, ISO / `26-FEB-1987` dates and `last month`-style phrases are resolved
 * here, so their granularity is exact.
 *
 * Currency names: no currency-list package is installed (node_modules holds
 * only chrono-node, wink-nlp, compromise and their dependencies), and the ISO
 * lists there would not know wire-service words such as `dlrs`, `stg` or
 * 1987's pre-euro currencies anyway, so the table below is written by hand.
 */
import * as chrono from 'chrono-node';
import { DealgraphError } from '../errors.js';

export type ValueType = 'MONEY' | 'PERCENT' | 'DATE';
export interface Money { value: number | null; currency: string | null; /* ISO 4217 */ min?: number; max?: number; undisclosed?: boolean }
export interface Percent { value: number; min?: number; max?: number }
export interface DateValue { value: string /* 'YYYY' | 'YYYY-MM' | 'YYYY-MM-DD' */; }
export interface ValueSpan { type: ValueType; start: number; end: number; text: string; value: Money | Percent | DateValue }
export interface ValueOptions { refDate?: string /* YYYY-MM-DD: the article's publication date, to resolve relative dates */ }

// ---------------------------------------------------------------------------
// Regex building blocks (all assembled once, at module load).

/** `word` as lower, Capitalized and UPPER case (bodies vs. headlines); dots are escaped. */
function cw(word: string): string {
  const esc = (s: string) => s.replace(/\./g, '\\.');
  const forms = new Set([word, word[0].toUpperCase() + word.slice(1), word.toUpperCase()]);
  return `(?:${[...forms].map(esc).join('|')})`;
}
/** Several words, each in its case forms. */
const cws = (...words: string[]): string => `(?:${words.map(cw).join('|')})`;

const UNITS = ['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];
const TEENS = ['ten', 'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen'];
const TENS = ['twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];
const WORD_VALUE: Record<string, number> = { a: 1, an: 1, hundred: 100 };
UNITS.forEach((w, i) => { WORD_VALUE[w] = i + 1; });
TEENS.forEach((w, i) => { WORD_VALUE[w] = i + 10; });
TENS.forEach((w, i) => { WORD_VALUE[w] = (i + 2) * 10; });

const NUM_DIGITS = String.raw`(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?(?:-\d{1,2}/\d{1,2})?|\d{1,2}/\d{1,2}|\.\d+)(?!\d)`;
const NUM_WORDS = `(?:(?:${cws(...TENS)}(?:[- ]${cws(...UNITS)})?|${cws(...TEENS)}|${cws(...UNITS)})(?:\\s+${cw('hundred')})?|${cws('a', 'an', 'hundred')})(?![A-Za-z])`;
const NUM = `(?:${NUM_DIGITS}|${NUM_WORDS})`;

const SCALE_VALUE: Record<string, number> = {
  trillion: 1e12, billion: 1e9, bln: 1e9, bn: 1e9, b: 1e9, million: 1e6, mln: 1e6, mn: 1e6, m: 1e6,
  thousand: 1e3, k: 1e3, crore: 1e7, lakh: 1e5,
};
/** A scale word after a number: spelled-out ones may be attached or spaced, `m`/`k`/`b` only attached (`€92m`). */
const SCALE = `(?:\\s{0,3}${cws('trillion', 'billion', 'bln', 'bn', 'million', 'mln', 'mn', 'thousand', 'crore', 'lakh')}|[mkb])(?![A-Za-z])`;

const DLR = cws('dlrs', 'dlr', 'dollars', 'dollar');
const ADJ_DLR: [string, string][] = [
  [`(?:U\\.S\\.|US|American)`, 'USD'],
  [`(?:Canadian|Cdn|Can|Canada)`, 'CAD'],
  [`(?:Australian|Aust|Australia)`, 'AUD'],
  [`(?:New\\s+Zealand|N\\.Z\\.|NZ)`, 'NZD'],
  [`(?:Hong\\s+Kong|H\\.K\\.|HK)`, 'HKD'],
  [`Singapore`, 'SGD'],
  [`(?:New\\s+Taiwan|Taiwan|NT)`, 'TWD'],
];

interface UnitEntry { re: string; code: string | null; div?: number; needScale?: boolean; isCode?: boolean; test?: RegExp }
/**
 * Currency words after an amount, most specific first. Bare `francs` is FRF and
 * bare `marks` DEM (the 1987 wire's usage); bare `pesos`, `rupees`, `crowns`,
 * `kroner`, `dinars` name several currencies, so their code is null.
 */
const UNIT_TABLE: UnitEntry[] = [
  ...ADJ_DLR.map(([adj, code]): UnitEntry => ({ re: `${adj}\\s+${DLR}`, code })),
  { re: `(?:Canadian|Cdn|Can)\\s+${cws('cents', 'cts', 'cent', 'ct')}`, code: 'CAD', div: 100 },
  { re: DLR, code: 'USD' },
  { re: `${cws('pounds', 'pound')}\\s+${cw('sterling')}|${cws('sterling', 'stg')}`, code: 'GBP' },
  { re: `(?:British|U\\.K\\.|UK)\\s+${cws('pounds', 'pound')}`, code: 'GBP' },
  { re: `Irish\\s+${cws('pounds', 'pound', 'punts')}|${cw('punts')}`, code: 'IEP' },
  { re: `Egyptian\\s+${cws('pounds', 'pound')}`, code: 'EGP' },
  // Bare `pounds` is left out: in the 1987 wire it is mostly weight (`600 mln pounds per year`); sterling is `stg`.
  { re: cw('yen'), code: 'JPY' },
  { re: `Swiss\\s+${cws('francs', 'franc')}`, code: 'CHF' },
  { re: `Belgian\\s+${cws('francs', 'franc')}`, code: 'BEF' },
  { re: `Luxembourg\\s+${cws('francs', 'franc')}`, code: 'LUF' },
  { re: `(?:French\\s+)?${cws('francs', 'franc')}`, code: 'FRF' },
  { re: `Finnish\\s+${cws('marks', 'markka', 'markkaa')}|${cws('markka', 'markkaa')}`, code: 'FIM' },
  { re: `(?:(?:Deutsche|German|West\\s+German)\\s+)?${cws('marks', 'mark')}|D-?${cws('marks', 'mark')}|D-Marks`, code: 'DEM' },
  { re: `Turkish\\s+${cws('lira', 'liras', 'lire')}`, code: 'TRL' },
  { re: `(?:Italian\\s+)?${cws('lire', 'lira')}`, code: 'ITL' },
  { re: `(?:Dutch\\s+)?${cws('guilders', 'guilder', 'florins')}`, code: 'NLG' },
  { re: `Mexican\\s+${cws('pesos', 'peso')}`, code: 'MXN' },
  { re: `(?:Philippine|Filipino)\\s+${cws('pesos', 'peso')}`, code: 'PHP' },
  { re: `Chilean\\s+${cws('pesos', 'peso')}`, code: 'CLP' },
  { re: `Colombian\\s+${cws('pesos', 'peso')}`, code: 'COP' },
  { re: cws('pesos'), code: null },
  { re: `Indian\\s+${cws('rupees', 'rupee')}`, code: 'INR' },
  { re: `(?:Pakistani|Pakistan)\\s+${cws('rupees', 'rupee')}`, code: 'PKR' },
  { re: `Sri\\s+Lankan\\s+${cws('rupees', 'rupee')}`, code: 'LKR' },
  { re: cws('rupees'), code: null },
  { re: cws('euros', 'euro'), code: 'EUR' },
  { re: `ECUs|ECU|Ecus|ecus|European\\s+Currency\\s+Units?`, code: 'XEU' },
  { re: `Swedish\\s+${cws('crowns', 'crown', 'kronor', 'krona')}|${cw('kronor')}`, code: 'SEK' },
  { re: `Danish\\s+${cws('crowns', 'crown', 'kroner', 'krone')}`, code: 'DKK' },
  { re: `Norwegian\\s+${cws('crowns', 'crown', 'kroner', 'krone')}`, code: 'NOK' },
  { re: cws('crowns', 'kroner'), code: null },
  { re: `(?:Austrian\\s+)?${cws('schillings')}`, code: 'ATS' },
  { re: `(?:Spanish\\s+)?${cws('pesetas')}`, code: 'ESP' },
  { re: `(?:Portuguese\\s+)?${cws('escudos')}`, code: 'PTE' },
  { re: `(?:Greek\\s+)?${cws('drachmas', 'drachmae')}`, code: 'GRD' },
  { re: `(?:South\\s+African\\s+)?${cws('rand')}`, code: 'ZAR', needScale: true },
  { re: `(?:South\\s+Korean\\s+)?${cw('won')}`, code: 'KRW', needScale: true },
  { re: cws('yuan', 'renminbi'), code: 'CNY' },
  { re: cws('ringgit'), code: 'MYR' },
  { re: cws('baht'), code: 'THB' },
  { re: cws('rupiah'), code: 'IDR' },
  { re: cws('shekels'), code: 'ILS' },
  { re: `(?:Saudi\\s+)?${cws('riyals')}`, code: 'SAR' },
  { re: cws('dinars'), code: null },
  { re: cws('cruzados'), code: 'BRC' },
  { re: cws('australs'), code: 'ARA' },
  { re: cws('cents', 'cts', 'cent', 'ct'), code: 'USD', div: 100 },
  { re: cw('pence'), code: 'GBP', div: 100 },
  { re: cws('pfennigs', 'pfennig'), code: 'DEM', div: 100 },
  { re: cws('centimes'), code: 'FRF', div: 100 },
  { re: 'EUR|USD|GBP|JPY|CHF|CAD|AUD|NZD|HKD|DEM|FRF|ITL|NLG|DM', code: null, isCode: true /* the code is the text; DM = DEM */ },
];
for (const u of UNIT_TABLE) u.test = new RegExp(`^(?:${u.re})$`);
const CUR_UNIT = `(?:${UNIT_TABLE.map((u) => u.re).join('|')})`;

interface PrefixEntry { re: string; code: string; needScale?: boolean; lit?: string }
/** Currency signs and codes written before the amount. `E92 million` (euro) needs a scale word. */
const PREFIX_TABLE: PrefixEntry[] = [
  { re: 'US\\$|U\\.S\\.\\s?\\$|US \\$', code: 'USD' },
  { re: 'CAN\\$|Can\\$|CDN\\$|Cdn\\$|C\\$', code: 'CAD' },
  { re: 'AUS\\$|A\\$', code: 'AUD' },
  { re: 'NZ\\$', code: 'NZD' },
  { re: 'HK\\$', code: 'HKD' },
  { re: 'S\\$', code: 'SGD' },
  { re: 'NT\\$', code: 'TWD' },
  { re: 'R\\$', code: 'BRL' },
  { re: '\\$', code: 'USD' },
  { re: '€|EUR', code: 'EUR' },
  { re: '£|GBP|stg|Stg|STG', code: 'GBP' },
  { re: '¥|JPY', code: 'JPY' },
  { re: '₹|Rs\\.?|INR', code: 'INR' },
  { re: 'USD', code: 'USD' },
  { re: 'CHF|SFr\\.?|Sfr\\.?|SFR', code: 'CHF' },
  { re: 'CAD', code: 'CAD' },
  { re: 'AUD', code: 'AUD' },
  { re: 'HKD', code: 'HKD' },
  { re: 'DEM|DM', code: 'DEM' },
  { re: 'FRF|FFr\\.?|FFR', code: 'FRF' },
  { re: 'ITL', code: 'ITL' },
  { re: 'NLG|Dfl\\.?|DFL', code: 'NLG' },
  { re: 'E(?=\\d)', code: 'EUR', needScale: true, lit: 'E' },
];
const PREFIX_TESTS = PREFIX_TABLE.map((p) => ({ ...p, test: new RegExp(`^(?:${p.lit ?? p.re})$`) }));
const PREFIX = `(?:${PREFIX_TABLE.map((p) => p.re).join('|')})`;

const PCT_UNIT = `(?:%|${cws('pct', 'percent')}(?:\\s+${cws('points', 'point')})?|${cw('per')}\\s?${cw('cent')}|${cw('percentage')}\\s+${cws('points', 'point')})`;

/**
 * MONEY / PERCENT: either a sign or code before digits (`$122 million`,
 * `CAN$ 3 mln`, `$5-7 million`), or a number — possibly a range — then a
 * currency word or percent sign (`20 mln dlrs`, `between 10 and 15 mln dlrs`,
 * `5-7 pct`, `two billion dollars`).
 */
const RE_MONEY_PCT = new RegExp(
  '(?<![\\w./])(?:' +
    `(?<pre>${PREFIX})\\s{0,2}(?<pn>${NUM_DIGITS})(?:(?<psep>\\s*[-–]\\s*(?!\\d{1,2}/)|\\s+to\\s+)(?<pn2>${NUM_DIGITS}))?(?<ps>${SCALE})?(?![\\w])` +
  '|' +
    `(?:(?<btw>${cw('between')}\\s+)?(?<r1>${NUM})(?<r1s>${SCALE})?(?<rsep>(?<=\\d)\\s*[-–]\\s*(?=\\d)(?!\\d{1,2}/)|\\s+(?:to|and)\\s+))?` +
    `(?<sn>${NUM})(?<ss>${SCALE})?(?:\\s{0,3}|-(?=[A-Za-z]))(?:(?<pct>${PCT_UNIT})|(?<cur>${CUR_UNIT}))(?![A-Za-z])` +
  ')',
  'dg',
);

/** "for an undisclosed sum", "terms were not disclosed", "did not disclose the price". */
const RE_UNDISCLOSED = new RegExp(
  String.raw`\b(?:(?:undisclosed|unspecified|unannounced)\s+(?:cash\s+)?(?:sums?|amounts?|prices?|fees?|figures?|considerations?|terms|payments?|value)` +
  String.raw`|(?:(?:financial|other)\s+)?(?:terms|price|value|amount|cost)(?:\s+of\s+(?:the|its|this|that)\s+(?:deal|transaction|acquisition|agreement|sale|purchase|merger|offer|accord|contract|takeover|investment|purchases?))?\s+(?:were|was|are|is|have|has|had|will)(?:\s+not|n't)\s+(?:been\s+|be\s+)?(?:disclosed|released|revealed|announced|made\s+public)` +
  String.raw`|(?:did|does|do|would|will)(?:\s+not|n't)\s+(?:disclose|reveal|release)\s+(?:the\s+)?(?:financial\s+)?(?:terms|price|value|amount|cost))\b`,
  'gi',
);

const MONTHS_FULL = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const MONTHS_ABBR = ['Jan', 'Feb', 'Mar', 'Apr', 'Jun', 'Jul', 'Aug', 'Sept', 'Sep', 'Oct', 'Nov', 'Dec'];
const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const MON3: Record<string, number> = { JAN: 1, FEB: 2, MAR: 3, APR: 4, MAY: 5, JUN: 6, JUL: 7, AUG: 8, SEP: 9, OCT: 10, NOV: 11, DEC: 12 };
/** Capitalized or UPPER only: `may`, `march` are not months. */
const capUp = (w: string) => `${w}|${w.toUpperCase()}`;

/**
 * DATE candidates, one cheap regex: month and weekday names (→ chrono),
 * ISO and `26-FEB-1987` dates, `last/next/this week|month|year|quarter`,
 * today/yesterday/tomorrow, and 19xx/20xx years.
 */
const RE_DATE_CAND = new RegExp(
  '(?:' +
    `(?<mw>(?<!\\w)(?:${[...MONTHS_FULL, ...MONTHS_ABBR, ...WEEKDAYS].map(capUp).join('|')}|${MONTHS_FULL.filter((m) => m !== 'May').map((m) => m.toLowerCase()).join('|')}(?=\\s+\\d))(?![\\w]))` +
    `|(?<![\\w-])(?<iso>(?:19|20)\\d\\d-[01]\\d-[0-3]\\d)(?![\\w-])` +
    `|(?<![\\w-])(?<dmy>[0-3]?\\d-(?:${Object.keys(MON3).map((m) => `${m}|${m[0]}${m.slice(1).toLowerCase()}`).join('|')})-(?:19|20)\\d\\d)(?![\\w-])` +
    `|(?<![\\w-])(?<rel>${cws('last', 'next', 'this')}\\s+${cws('week', 'month', 'year', 'quarter')})(?![\\w])` +
    `|(?<![\\w-])(?<cas>${cws('today', 'yesterday', 'tomorrow')})(?![\\w])` +
  ')' +
  `|(?<!\\d[-/.,]|[\\w$€£¥.,])(?<year>(?:19|20)\\d\\d)(?![\\w]|[.,]\\d|-\\d\\d-|-\\d{3})`,
  'g',
);

/** Words before a bare year that make it a year: `in 2011`, `fiscal 1987`, `mid-1987`. */
const RE_YEAR_CUE = /(?:^|[^\w])(?:in|of|on|over|either|both|since|until|till|by|from|to|through|thru|for|during|fiscal|calendar|year|years|quarter|half|qtr|end|early|late|mid|before|after|between|and|or|than|due|base|the|its|their|his|her|our|a|an|this|that|into|within|beyond|vs|versus|spring|summer|autumn|fall|winter|circa|pre|post|fy|note)[\s:-]+$/i;
/** Words after a bare year that make it a year even without a cue: `1987 first quarter`, `1986 net profit`. */
const RE_YEAR_AFTER = /^(?:'s|’s|[-\/](?:\d\d|(?:19|20)\d\d)(?!\d)|\s+(?:first|year|mths|months|nine|six|three|twelve|report|tax|quota|turnover|second|third|fourth|1st|2nd|3rd|4th|full|fiscal|financial|calendar|results?|earnings|net|profits?|loss(?:es)?|sales|revenues?|budget|crop|harvest|season|levels?|period|figures?|elections?|quarter|half|dividends?|payout|output|production|targets?|forecasts?|estimates?|plan|average|total|annual|exports|imports|deficit|surplus|growth|prices|rates|accounts|onwards|compared|agreement|accord|pact|law|act)\b)/;
/** After a cue word, what shows the 4-digit number is a count instead: `of 2000 shares`. */
const RE_YEAR_NOT_AFTER = /^\s*(?:%|(?:pct|percent|per|mln|million|billion|bln|thousand|shares?|stock|tonnes?|tons?|barrels?|bpd|ounces?|ozs?|lbs?|pounds|dlrs?|dollars?|yen|stg|marks|francs|points?|acres|bushels|units|vehicles|cars|employees|workers|people|jobs|staff|feet|ft|miles|km|kms|metres|meters|kg|bales|head|hectares|ha|acre|cts|cents|times|members|customers|stores|outlets|homes|houses|flights|aircraft|planes|ships|vessels|contracts|lots|tonne|barrel|share|dlr|megawatts?|mw|gmt|est|edt|bst|hrs|hours|local|GMT|EST|EDT|BST|HRS)\b)/;
/** A lowercase word ending in `s` after a bare year is usually what is counted (`of 2000 workers`), unless listed above. */
const RE_PLURAL_AFTER = /^\s+[a-z]+s\b/;
const RE_PLURAL_OK = /^\s+(?:its|this|has|was|is|as|us|his|plus|thus|unless|versus|vs|whereas|sales|earnings|results|profits|losses|revenues|levels|figures|elections|dividends|targets|forecasts|estimates|exports|imports|prices|rates|accounts|onwards|ends)\b/;

/** Month-only dates ("in March") need one of these just before the month name. */
const RE_MONTH_CUE = /(?:^|[^\w])(?:in|on|since|until|till|by|last|next|this|early|late|mid|end|from|to|through|during|before|after|end\s+of|beginning\s+of|start\s+of|middle\s+of|half\s+of|part\s+of|In|On|Since|Until|By|Last|Next|This|Early|Late|Mid|From|Through|During|Before|After)[\s-]+$/;
const RE_CAPITALIZED_AFTER = /^\s+(?:[A-Z][a-z]|&)/;
const RE_LAST_NEXT_BEFORE = /\b(last|next|Last|Next)\s+$/;
const RE_YEAR_REL_AFTER = /^,?\s+(?:of\s+)?(last|next|this|Last|Next|This)\s+year\b/;
const RE_FUTURE = /\b(?:will|would|shall|to be|is due|are due|due to|scheduled|expected to|plans? to|planned|until|till|next|later|starting|beginning|effective)\b/i;
const RE_FUTURE_AFTER = /^\s+(?:and\s+\w+\s+)?(?:will|would|is due|are due)\b/;
const RE_NUM_CONT = /^(?:\d|[.,]\d)/;
const RE_TRAILING_NUM = /[\s,]+\d+$/;
const RE_REL_LEAD = /^(?:last|next|this|Last|Next|This)\s/;
const RE_LEADING_PREP = /^(?:on|in|at|by|On|In|At|By)\s+/;
const RE_FULL_WEEKDAY = new RegExp(`\\b(?:${WEEKDAYS.map(capUp).join('|')})\\b`);

/** A range `A to B` among two atoms is a change, not a range, after these words. */
const RE_CHANGE_BEFORE = /(?:^|[^\w])(?:from|rose|rise|rises|rising|risen|fell|fall|falls|falling|fallen|up|down|increased|increase|increases|increasing|decreased|decrease|decreases|declined|decline|declines|gained|gain|gains|lost|loses|climbed|climbs|dropped|drops|drop|jumped|jumps|raised|raises|raising|cut|cuts|cutting|lowered|lowers|boosted|reduced|reduces|reducing|grew|grows|slipped|slumped|soared|surged|eased|eases|edged|advanced|plunged|tumbled|added|shed|From|Rose|Fell|Up|Down)\s+(?:by\s+)?$/;
const RE_BETWEEN_AT = /\b(?:between|Between|BETWEEN)\s+$/;
const RE_FROM_BEFORE = /(?:^|[^\w])(?:from|From|FROM)\s+$/;
const RE_ATOM_GAP = /^(?:\s*[-–]\s*|\s+to\s+)$/;
const RE_ATOM_GAP_AND = /^\s+and\s+$/;

// ---------------------------------------------------------------------------
// chrono, reduced to the parsers that read month names and weekdays.

const KEEP_PARSERS = new Set([
  'ENMonthNameLittleEndianParser', 'ENMonthNameMiddleEndianParser', 'ENMonthNameParser',
  'ENWeekdayParser', 'ENYearMonthNameParser', 'ENYearMonthDayParser', 'ISOFormatParser',
]);
const DROP_REFINERS = new Set([
  'ENMergeDateRangeRefiner', 'ENMergeRelativeAfterDateRefiner', 'ENMergeRelativeFollowByDateRefiner',
  'ForwardDateRefiner', 'ENEndOfPeriodRefiner',
]);
const CHRONO = (() => {
  const conf = chrono.en.configuration.createCasualConfiguration(false);
  const parsers = conf.parsers.filter((p) => KEEP_PARSERS.has(p.constructor.name));
  // Class names are chrono's own (not minified in its dist); if that ever changes, fall back to all parsers.
  if (parsers.length >= 5) conf.parsers = parsers;
  conf.refiners = conf.refiners.filter((r) => !DROP_REFINERS.has(r.constructor.name));
  return new chrono.Chrono(conf);
})();
/** Reference when no refDate is given: only results whose year is written out are kept then. */
const NO_REF = new Date(2000, 0, 1, 12);

// ---------------------------------------------------------------------------

interface Cand {
  type: ValueType; start: number; end: number; value: Money | Percent | DateValue;
  /** For a range: what to keep instead when the range overlaps an earlier span (`January 28 to 285 mln dlrs`). */
  fallback?: Cand[];
}
interface Atom extends Cand { raw: number; scaled: boolean; scale: number; div: number }

const RE_COMMA = /,/g;
const RE_WS = /\s+/;

/** Digits (`1,234.5`, `12-1/2`, `3/4`) or number words (`two`, `twenty-five`, `a`) → number; NaN if not a number. */
function parseNum(s: string): number {
  const c = s.charCodeAt(0);
  if ((c >= 48 && c <= 57) || c === 46) {
    const frac = s.indexOf('/');
    if (frac >= 0) {
      const dash = s.indexOf('-');
      const whole = dash >= 0 ? Number(s.slice(0, dash)) : 0;
      const [n, d] = s.slice(dash + 1).split('/').map(Number);
      return d ? whole + n / d : NaN;
    }
    return Number(s.replace(RE_COMMA, ''));
  }
  let total = 0;
  for (const w of s.toLowerCase().split(/[\s-]+/)) {
    const v = WORD_VALUE[w];
    if (v === undefined) return NaN;
    total = w === 'hundred' ? (total || 1) * 100 : total + v;
  }
  return total;
}

/** number × scale ÷ div, computed on integers where possible so `3.2 billion` is exactly 3200000000. */
function scaled(numText: string, n: number, scale: number, div: number): number {
  const m = /^(\d[\d,]*)\.(\d+)$/.exec(numText);
  if (m && scale >= 1) {
    const digits = Number(m[1].replace(RE_COMMA, '') + m[2]);
    const p = 10 ** m[2].length;
    if (Number.isSafeInteger(digits * scale)) return (digits * scale) / (p * div);
  }
  return (n * scale) / div;
}

function scaleOf(s: string | undefined): number {
  if (!s) return 1;
  return SCALE_VALUE[s.trim().toLowerCase()] ?? NaN;
}

function unitOf(u: string): UnitEntry | undefined {
  for (const e of UNIT_TABLE) if (e.test!.test(u)) return e;
  return undefined;
}

function moneyAndPercent(text: string, out: Atom[]): void {
  RE_MONEY_PCT.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = RE_MONEY_PCT.exec(text)) !== null) {
    const g = m.groups!;
    const ix = m.indices!.groups!;
    if (g.pre !== undefined) {
      const pre = PREFIX_TESTS.find((p) => p.test.test(g.pre));
      const scale = scaleOf(g.ps);
      if (!pre || (pre.needScale && !g.ps) || Number.isNaN(scale)) continue;
      const n2 = g.pn2 !== undefined ? parseNum(g.pn2) : NaN;
      const n1 = parseNum(g.pn);
      const start = m.index;
      const end = start + m[0].length;
      const v1 = scaled(g.pn, n1, scale, 1);
      if (g.pn2 !== undefined) {
        const v2 = scaled(g.pn2, n2, scale, 1);
        if (v1 < v2 && !RE_FROM_BEFORE.test(text.slice(Math.max(0, start - 24), start))) {
          out.push({ type: 'MONEY', start, end, value: { value: v1, currency: pre.code, min: v1, max: v2 }, raw: n1, scaled: true, scale, div: 1 });
        } else {
          // `$5-7` that is not a range: keep the part with the scale.
          const s2 = ix.pn2[0];
          out.push({ type: 'MONEY', start: s2, end, value: { value: v2, currency: pre.code }, raw: n2, scaled: !!g.ps, scale, div: 1 });
        }
        continue;
      }
      out.push({ type: 'MONEY', start, end, value: { value: v1, currency: pre.code }, raw: n1, scaled: !!g.ps, scale, div: 1 });
      continue;
    }
    // Number (or range) followed by a unit.
    const isPct = g.pct !== undefined;
    const scale = scaleOf(g.ss);
    const n = parseNum(g.sn);
    if (Number.isNaN(scale) || Number.isNaN(n)) continue;
    if (/^an?$/i.test(g.sn) && !g.ss) continue; // `a dollar`, `a percent`
    let code: string | null = null;
    let div = 1;
    if (isPct) {
      if (g.ss) continue; // `5 mln pct`
    } else {
      const u = unitOf(g.cur);
      if (!u) continue;
      if (u.needScale && !g.ss) continue;
      code = u.isCode ? (g.cur === 'DM' ? 'DEM' : g.cur) : u.code;
      div = u.div ?? 1;
    }
    const end = m.index + m[0].length;
    const snStart = ix.sn[0];
    const mk = (start: number, v: number, extra?: { min: number; max: number }): Atom => ({
      type: isPct ? 'PERCENT' : 'MONEY', start, end,
      value: isPct ? { value: v, ...extra } : { value: v, currency: code, ...extra },
      raw: n, scaled: !!g.ss, scale, div,
    });
    const v2 = isPct ? n : scaled(g.sn, n, scale, div);
    if (g.r1 === undefined) { out.push(mk(m.index, v2)); continue; }
    // A range `A-B unit`, `A to B unit`, `between A and B unit`.
    const r1 = parseNum(g.r1);
    const r1Scale = g.r1s ? scaleOf(g.r1s) : scale;
    const v1 = isPct ? r1 : scaled(g.r1, r1, r1Scale, div);
    const isAnd = /and/.test(g.rsep);
    const before = text.slice(Math.max(0, m.index - 24), m.index);
    const okRange = !Number.isNaN(v1) && v1 < v2 && (!isAnd || g.btw !== undefined) &&
      (g.btw !== undefined || !RE_FROM_BEFORE.test(before)) && !(/^an?$/i.test(g.r1) && !g.r1s);
    if (okRange) { out.push({ ...mk(m.index, v1, { min: v1, max: v2 }), fallback: [mk(snStart, v2)] }); continue; }
    // Not a range: the second amount stands alone; after `from`, the first one is an amount too (`from 10 to 15 mln dlrs`).
    if (!Number.isNaN(v1) && !isAnd && !/^an?$/i.test(g.r1) && RE_FROM_BEFORE.test(before)) {
      const r1End = ix.r1s ? ix.r1s[1] : ix.r1[1];
      out.push({ ...mk(ix.r1[0], v1), end: r1End });
    }
    out.push(mk(snStart, v2));
  }
}

const plain = (a: Atom): Cand => ({ type: a.type, start: a.start, end: a.end, value: a.value, fallback: a.fallback });

/** Joins `$5 million to $7 million`, `between 5 pct and 7 pct` into one range span. */
function mergeRanges(text: string, atoms: Atom[]): Cand[] {
  const out: Cand[] = [];
  for (let i = 0; i < atoms.length; i++) {
    const a = atoms[i];
    const b = atoms[i + 1];
    if (b && a.type === b.type && (a.value as Money | Percent).min === undefined && (b.value as Money | Percent).min === undefined) {
      const gap = text.slice(a.end, b.start);
      const before = text.slice(Math.max(0, a.start - 24), a.start);
      const bm = RE_BETWEEN_AT.exec(before);
      const between = bm !== null;
      const sameCur = a.type === 'PERCENT' || (a.value as Money).currency === (b.value as Money).currency;
      if (sameCur && (RE_ATOM_GAP.test(gap) || (between && RE_ATOM_GAP_AND.test(gap))) && (between || !RE_CHANGE_BEFORE.test(before))) {
        let va = (a.value as Percent).value;
        const vb = (b.value as Percent).value;
        // `$5 to $7 million`: the first amount takes the second's scale.
        if (a.type === 'MONEY' && !a.scaled && b.scaled && a.raw < b.raw) va = (a.raw * b.scale) / a.div;
        if (va < vb) {
          const start = bm ? a.start - (before.length - bm.index) : a.start;
          const value = a.type === 'MONEY'
            ? { value: va, currency: (a.value as Money).currency, min: va, max: vb }
            : { value: va, min: va, max: vb };
          out.push({ type: a.type, start, end: b.end, value, fallback: [plain(a), plain(b)] });
          i++;
          continue;
        }
      }
    }
    // `between 10 and 15 mln dlrs` matched by the regex already carries `between`.
    out.push(plain(a));
  }
  return out;
}

function undisclosed(text: string, out: Cand[]): void {
  RE_UNDISCLOSED.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = RE_UNDISCLOSED.exec(text)) !== null) {
    out.push({ type: 'MONEY', start: m.index, end: m.index + m[0].length, value: { value: null, currency: null, undisclosed: true } });
  }
}

// ---------------------------------------------------------------------------
// Dates

interface Ref { y: number; m: number; d: number; date: Date }

function parseRef(refDate: string | undefined): Ref | null {
  if (refDate === undefined || refDate === '') return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(refDate);
  const y = m ? Number(m[1]) : NaN;
  const mo = m ? Number(m[2]) : NaN;
  const d = m ? Number(m[3]) : NaN;
  const t = new Date(Date.UTC(y, mo - 1, d));
  if (!m || t.getUTCMonth() !== mo - 1 || t.getUTCDate() !== d) {
    throw new DealgraphError(`expected refDate as YYYY-MM-DD, found ${JSON.stringify(refDate)}`, 'findValues');
  }
  return { y, m: mo, d, date: new Date(y, mo - 1, d, 12) };
}

const p2 = (n: number) => (n < 10 ? '0' : '') + n;
const ymd = (y: number, m: number, d: number) => `${y}-${p2(m)}-${p2(d)}`;
/** UTC-day arithmetic: ref + days → [y, m, d]. */
function addDays(ref: Ref, days: number): [number, number, number] {
  const t = new Date(Date.UTC(ref.y, ref.m - 1, ref.d + days));
  return [t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate()];
}

/** `last month` → '2012-01'; `this week` → the month if the whole week lies in it, else the year; `next quarter` → its year. */
function relative(phrase: string, ref: Ref): string | null {
  const [which, unit] = phrase.toLowerCase().split(RE_WS);
  const k = which === 'last' ? -1 : which === 'next' ? 1 : 0;
  switch (unit) {
    case 'year': return String(ref.y + k);
    case 'month': {
      const t = ref.m - 1 + k;
      const y = ref.y + Math.floor(t / 12);
      return `${y}-${p2(((t % 12) + 12) % 12 + 1)}`;
    }
    case 'quarter': {
      const q = Math.floor((ref.m - 1) / 3) + k;
      return String(ref.y + Math.floor(q / 4));
    }
    case 'week': {
      const dow = (new Date(Date.UTC(ref.y, ref.m - 1, ref.d)).getUTCDay() + 6) % 7; // Monday = 0
      const a = addDays(ref, -dow + 7 * k);
      const b = addDays(ref, -dow + 7 * k + 6);
      if (a[0] === b[0] && a[1] === b[1]) return `${a[0]}-${p2(a[1])}`;
      return a[0] === b[0] ? String(a[0]) : null;
    }
    default: return null;
  }
}

function validYmd(y: number, m: number, d: number): boolean {
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}

function dates(text: string, ref: Ref | null, out: Cand[]): void {
  const anchors: [number, number][] = [];
  RE_DATE_CAND.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = RE_DATE_CAND.exec(text)) !== null) {
    const g = m.groups!;
    const start = m.index;
    const end = start + m[0].length;
    if (g.mw !== undefined) {
      anchors.push([start, end]);
    } else if (g.year !== undefined) {
      const after = text.slice(end, end + 24);
      const cue = RE_YEAR_CUE.test(text.slice(Math.max(0, start - 16), start));
      const ok = RE_YEAR_AFTER.test(after) ||
        (cue && !RE_YEAR_NOT_AFTER.test(after) && (!RE_PLURAL_AFTER.test(after) || RE_PLURAL_OK.test(after)));
      if (ok) out.push({ type: 'DATE', start, end, value: { value: g.year } });
    } else if (g.iso !== undefined) {
      const [y, mo, d] = g.iso.split('-').map(Number);
      if (validYmd(y, mo, d)) out.push({ type: 'DATE', start, end, value: { value: g.iso } });
    } else if (g.dmy !== undefined) {
      const [d, mon, y] = g.dmy.split('-');
      const mo = MON3[mon.toUpperCase()];
      if (validYmd(Number(y), mo, Number(d))) out.push({ type: 'DATE', start, end, value: { value: ymd(Number(y), mo, Number(d)) } });
    } else if (ref) {
      if (g.rel !== undefined) {
        const v = relative(g.rel, ref);
        if (v) out.push({ type: 'DATE', start, end, value: { value: v } });
      } else if (g.cas !== undefined) {
        const c = g.cas.toLowerCase();
        const [y, mo, d] = addDays(ref, c === 'today' ? 0 : c === 'yesterday' ? -1 : 1);
        out.push({ type: 'DATE', start, end, value: { value: ymd(y, mo, d) } });
      }
    }
  }
  if (anchors.length === 0) return;
  // Windows around month/weekday names, widened to whole words, merged when they touch.
  let i = 0;
  while (i < anchors.length) {
    let ws = Math.max(0, anchors[i][0] - 14);
    while (ws > 0 && !isSpace(text.charCodeAt(ws - 1))) ws--;
    let we = Math.min(text.length, anchors[i][1] + 22);
    let j = i;
    for (;;) {
      while (we < text.length && !isSpace(text.charCodeAt(we))) we++;
      if (j + 1 < anchors.length && anchors[j + 1][0] - 14 <= we) {
        j++;
        we = Math.max(we, Math.min(text.length, anchors[j][1] + 22));
      } else break;
    }
    chronoWindow(text, ws, we, anchors.slice(i, j + 1), ref, out);
    i = j + 1;
  }
}

function isSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 9 || c === 13 || c === 160;
}

function chronoWindow(text: string, ws: number, we: number, anchors: [number, number][], ref: Ref | null, out: Cand[]): void {
  const win = text.slice(ws, we);
  const results = CHRONO.parse(win, ref ? ref.date : NO_REF, { forwardDate: false });
  for (const r of results) {
    let s = ws + r.index;
    let t = r.text;
    const lead = RE_LEADING_PREP.exec(t);
    if (lead) { s += lead[0].length; t = t.slice(lead[0].length); }
    t = t.replace(/[\s,]+$/, '');
    let e = s + t.length;
    let comp = r.start;
    if (RE_NUM_CONT.test(text.slice(e, e + 2))) {
      // chrono read the start of a number as a year (`April 15, 27.8 pct`, `APR 7 81750 francs`): drop that part.
      const cut = RE_TRAILING_NUM.exec(t);
      if (!cut) continue;
      const sub = CHRONO.parse(t.slice(0, cut.index), ref ? ref.date : NO_REF, { forwardDate: false })[0];
      if (!sub || sub.index !== 0) continue;
      t = sub.text;
      e = s + t.length;
      comp = sub.start;
    }
    // It must contain one of our (capitalized, full-weekday) anchors.
    const anchor = anchors.find(([a, b]) => a >= s && b <= e);
    if (!anchor) continue;
    const c = comp;
    const yearCertain = c.isCertain('year');
    if (!yearCertain && !ref) continue;
    const dayCertain = c.isCertain('day');
    const weekday = c.isCertain('weekday');
    const monthCertain = c.isCertain('month');
    if (weekday && !dayCertain && !RE_FULL_WEEKDAY.test(t)) continue; // `Sun`, `Wed`
    let y = c.get('year');
    if (!dayCertain && !weekday && monthCertain && !yearCertain) {
      // A bare month name: `in March`, not `May said` or `stake in May Department Stores`.
      const before = text.slice(Math.max(0, s - 16), s);
      if (!RE_REL_LEAD.test(t) && !RE_MONTH_CUE.test(before)) continue;
      if (RE_CAPITALIZED_AFTER.test(text.slice(e, e + 3))) continue;
      // `last March` / `next March`: the one before / after refDate's month (chrono would take the nearest).
      const ln = RE_LAST_NEXT_BEFORE.exec(before);
      const mo = c.get('month');
      if (ln && ref && mo !== null) {
        const last = ln[1].toLowerCase() === 'last';
        y = last ? (mo < ref.m ? ref.y : ref.y - 1) : (mo > ref.m ? ref.y : ref.y + 1);
        s -= before.length - ln.index;
      }
    }
    if (!yearCertain && ref && !weekday) {
      // `March last year`, `Dec 31 of next year`.
      const yr = RE_YEAR_REL_AFTER.exec(text.slice(e, e + 20));
      if (yr) y = ref.y + (yr[1].toLowerCase() === 'last' ? -1 : yr[1].toLowerCase() === 'next' ? 1 : 0);
    }
    const mo = c.get('month');
    const d = c.get('day');
    if (y === null || y < 1900 || y > 2099 || mo === null) continue;
    let value: string;
    if (weekday && !dayCertain && ref) {
      // A weekday alone: chrono takes the nearest one; news mostly reports the past, so take
      // the past one unless the sentence looks ahead (`will meet Friday`) or says `next`.
      const wd = c.get('weekday');
      if (wd === null) continue;
      const refDow = new Date(Date.UTC(ref.y, ref.m - 1, ref.d)).getUTCDay();
      const lead = /^(last|next|this)\s/i.exec(t)?.[1].toLowerCase();
      let delta: number;
      if (lead === 'last') delta = -(((refDow - wd + 7) % 7) || 7);
      else if (lead === 'next') delta = ((wd - refDow + 7) % 7) || 7;
      else {
        const sentence = text.slice(Math.max(0, s - 80), s);
        const dot = Math.max(sentence.lastIndexOf('. '), sentence.lastIndexOf('.\n'));
        const future = lead === 'this' || RE_FUTURE.test(dot >= 0 ? sentence.slice(dot) : sentence) || RE_FUTURE_AFTER.test(text.slice(e, e + 30));
        delta = future ? (wd - refDow + 7) % 7 : -((refDow - wd + 7) % 7);
      }
      value = ymd(...addDays(ref, delta));
    } else if (dayCertain) {
      if (d === null) continue;
      value = ymd(y, mo, d);
    } else if (monthCertain) value = `${y}-${p2(mo)}`;
    else value = String(y);
    out.push({ type: 'DATE', start: s, end: e, value: { value } });
  }
}

// ---------------------------------------------------------------------------

/**
 * Finds MONEY, PERCENT and DATE expressions in `text`; spans are sorted by
 * start and do not overlap (the longer of two overlapping candidates wins).
 * Dates whose year is not written out (`March 3`, `Tuesday`, `last month`)
 * are resolved against `opts.refDate` and left out without it.
 */
export function findValues(text: string, opts: ValueOptions = {}): ValueSpan[] {
  if (!text) return [];
  const ref = parseRef(opts.refDate);
  const atoms: Atom[] = [];
  moneyAndPercent(text, atoms);
  const cands = mergeRanges(text, atoms);
  undisclosed(text, cands);
  dates(text, ref, cands);
  cands.sort((a, b) => a.start - b.start || b.end - a.end);
  const out: ValueSpan[] = [];
  let lastEnd = -1;
  const keep = (c: Cand) => {
    out.push({ type: c.type, start: c.start, end: c.end, text: text.slice(c.start, c.end), value: c.value });
    lastEnd = c.end;
  };
  for (const c of cands) {
    if (c.start >= lastEnd) keep(c);
    else if (c.fallback) for (const f of c.fallback) if (f.start >= lastEnd) keep(f);
  }
  return out;
}
