/**
 * Tokens and sentences with character offsets, in flat typed arrays.
 *
 * Why not wink-nlp here (measured, see `npm run bench -- ner`): wink-nlp's
 * `readDoc` tokenizes Reuters bodies at ~1.7M tokens/s, but (1) it splits
 * hyphenated words (`Anglo-Dutch` → `Anglo`,`-`,`Dutch`) where CoNLL-2003, on which
 * the recognizer is trained, keeps them whole, so its tokens would not match the
 * features the model learnt; (2) it gives no character offsets: they must be
 * rebuilt from `precedingSpaces`, a second pass that allocates strings; and
 * (3) it treats single newlines as tokens, while Reuters wraps lines mid-sentence.
 * This scanner follows CoNLL's conventions, writes offsets directly into typed
 * arrays, and runs several times faster. wink-nlp stays the baseline in the
 * benchmark.
 */

export const enum Kind {
  Word = 1, // contains a letter
  Number = 2, // digits (with . , / -) and no letter
  Punct = 3,
  Symbol = 4,
}

export interface Tokens {
  readonly text: string;
  /** Number of tokens. */
  readonly length: number;
  readonly start: Int32Array;
  readonly end: Int32Array;
  readonly kind: Uint8Array;
  /** Token index at which each sentence starts, followed by `length` (so sentence s is [sent[s], sent[s+1])). */
  readonly sent: Int32Array;
  /** Number of sentences. */
  readonly sentences: number;
}

// Character classes for the BMP, computed once.
const C_SPACE = 1, C_LETTER = 2, C_DIGIT = 4, C_UPPER = 8, C_NEWLINE = 16;
const CLASS = (() => {
  const t = new Uint8Array(65536);
  const letter = /\p{L}|\p{M}/u;
  const upper = /\p{Lu}|\p{Lt}/u;
  const space = /\s/u;
  for (let c = 0; c < 65536; c++) {
    if (c >= 0xd800 && c <= 0xdfff) { t[c] = C_LETTER; continue; } // surrogate halves: treat as letters (keeps pairs together)
    const ch = String.fromCharCode(c);
    if (c >= 48 && c <= 57) t[c] = C_DIGIT;
    else if (space.test(ch)) t[c] = C_SPACE | (c === 10 || c === 13 ? C_NEWLINE : 0);
    else if (letter.test(ch)) t[c] = C_LETTER | (upper.test(ch) ? C_UPPER : 0);
    else if (c < 32 || (c >= 127 && c < 160)) t[c] = C_SPACE; // control characters separate tokens
  }
  return t;
})();
const ALNUM = C_LETTER | C_DIGIT;

/** Abbreviations that keep their final period (lowercased, without the period). */
const ABBREV = new Set(
  ('inc corp co ltd plc bhd pty cos bros mr mrs ms dr prof gen sen rep gov lt col maj capt sgt adm cmdr ' +
    'st jr sr rev hon fig vs etc no nos jan feb mar apr aug sep sept oct nov dec mon tue tues wed thu thur thurs fri sat sun ' +
    'dept div est approx ave blvd mt ft assn intl natl govt cie ag sa nv spa' ).split(' '),
);
/** Abbreviations that almost never end a sentence (titles before names). */
const TITLE_ABBREV = new Set('mr mrs ms dr prof gen sen rep gov lt col maj capt sgt adm cmdr st rev hon no nos fig'.split(' '));
/** Words that, capitalized after an abbreviation like `Corp.`, show a new sentence began. */
const SENTENCE_OPENERS = new Set(
  ('the it he she they we i in a an but this that its his her their on at for as and if while after ' +
    'however also there these those some analysts shares officials earlier separately meanwhile').split(' '),
);

const RE_LINE_END = /[.!?:;,"'\u201d)\]-]\s*$/;
const RE_WORDS = /[\p{L}\d][\p{L}\d'&.\u2019-]*/gu;
/**
 * A line that reads as a headline: up to 160 characters, no closing
 * punctuation, in capitals ("APPLE TO BUY SHAZAM IN $400 MILLION DEAL") or
 * in title case with a word of the story (see isTitleCase).
 */
function isHeadline(text: string, s: number, e: number): boolean {
  if (e - s < 8 || e - s > 160) return false;
  const line = text.slice(s, e);
  if (RE_LINE_END.test(line)) return false;
  const words = line.match(RE_WORDS) ?? [];
  if (words.length < 2) return false;
  const letters = line.replace(/[^\p{L}]/gu, '');
  return (letters.length >= 6 && letters === letters.toUpperCase()) || isTitleCase(words);
}

/**
 * Title case ("American Airlines Marks Down Third Quarter Guidance"): every
 * word of four letters or more capitalized, at least four of them and one
 * that no company name carries (a verb or noun of the story: "Marks",
 * "Guidance"), so a wrapped line of names ("Texas Air Corp and Eastern Air
 * Lines") is not taken.
 */
function isTitleCase(words: readonly string[]): boolean {
  return titleCaseWords(words);
}

/** The end of the text's first line when it is a title-case headline followed by more text, else -1. */
export function titleCaseHeadlineEnd(text: string): number {
  const nl = firstLineEnd(text);
  return nl >= 0 && titleCaseWords(text.slice(0, nl).match(RE_WORDS) ?? []) ? nl : -1;
}

/** The end of the text's first line when it is a headline (capitals or title case) followed by more text, else -1. */
export function headlineEnd(text: string): number {
  const nl = firstLineEnd(text);
  return nl >= 0 && isHeadline(text, 0, nl) ? nl : -1;
}

/** The first line's end when it could be a headline: short, unpunctuated, and the next line starts a sentence. */
function firstLineEnd(text: string): number {
  const nl = text.indexOf('\n');
  if (nl < 8 || nl > 160 || nl + 1 >= text.length) return -1;
  // Running text wrapped after a name goes on in lower case ("Toyota Motor Sales U.S.A. Inc\nsaid …").
  if (RE_LINE_END.test(text.slice(0, nl)) || !/^\s*\p{Lu}/u.test(text.slice(nl + 1, nl + 40))) return -1;
  return nl;
}

function titleCaseWords(words: readonly string[]): boolean {
  let long = 0;
  for (const w of words) {
    if (w.length < 4 || /\d/.test(w)) continue;
    if (!/^\p{Lu}/u.test(w)) return false;
    long++;
  }
  return long >= 4 && words.some((w) => RE_STORY_WORD.test(w));
}
/** Words of headlines' stories, never part of a company name: verbs and the nouns of results and deals. */
const RE_STORY_WORD = /^(?:Is|Are|Was|Has|Have|Will|To|Says?|Said|Reports?|Reported|Posts?|Beats?|Misses|Raises?|Cuts?|Buys?|Sells?|Sheds?|Agrees?|Plans?|Wins?|Loses?|Gets?|Makes?|Takes?|Marks|Blasts?|Backtracks?|Falls?|Rises?|Jumps?|Soars?|Slumps?|Drops?|Gains?|Surges?|Tumbles?|Climbs?|Launch(?:es)?|Unveils?|Opens?|Closes?|Names?|Hires?|Fires?|Sues?|Settles?|Files?|Faces?|Warns?|Expects?|Sees?|Following|Making|Going|Guidance|Earnings|Profits?|Revenue|Deal|Merger|Talks|Layoffs?|Jobs|Dividend|Upgrade|Downgrade|Results|Why|How|What|Here|Should|Could|Would|Still|Just)$/;

/** Maximum tokens in one sentence: a longer run is cut, so pathological input (a 20 MB line) stays bounded. */
export const MAX_SENTENCE_TOKENS = 250;

function isAbbrevWord(text: string, s: number, e: number): boolean {
  if (e - s === 1) return (CLASS[text.charCodeAt(s)] & C_LETTER) !== 0; // an initial: `J.`
  if (e - s > 5) return false;
  return ABBREV.has(text.slice(s, e).toLowerCase());
}

/**
 * Splits `text` into tokens and sentences. Offsets are JavaScript string indices
 * into `text` as given (end exclusive).
 */
export function tokenize(text: string): Tokens {
  const n = text.length;
  let cap = (n >> 2) + 16;
  let start = new Int32Array(cap);
  let end = new Int32Array(cap);
  let kind = new Uint8Array(cap);
  // Position (char offset) of the last paragraph break seen, to mark sentence ends.
  let brk = new Uint8Array(cap); // 1 when a paragraph break precedes the token
  let count = 0;
  let pendingBreak = 0;

  const push = (s: number, e: number, k: number) => {
    if (count === cap) {
      cap *= 2;
      const ns = new Int32Array(cap); ns.set(start); start = ns;
      const ne = new Int32Array(cap); ne.set(end); end = ne;
      const nk = new Uint8Array(cap); nk.set(kind); kind = nk;
      const nb = new Uint8Array(cap); nb.set(brk); brk = nb;
    }
    start[count] = s; end[count] = e; kind[count] = k; brk[count] = pendingBreak;
    pendingBreak = 0;
    count++;
  };

  let i = 0, lineStart = 0, firstLine = true;
  while (i < n) {
    const c = text.charCodeAt(i);
    const cls = CLASS[c];
    if (cls & C_SPACE) {
      if (cls & C_NEWLINE) {
        // A paragraph break: a blank line, or a newline followed by an indent (Reuters: "\n    ").
        let j = i + 1;
        if (c === 13 && text.charCodeAt(j) === 10) j++;
        let spaces = 0, blank = false;
        while (j < n && (CLASS[text.charCodeAt(j)] & C_SPACE)) {
          const cj = text.charCodeAt(j);
          if (cj === 10) blank = true;
          else if (cj === 9) spaces += 4;
          else spaces++;
          j++;
        }
        if (blank || spaces >= 2) pendingBreak = 1;
        // The article's first line, when it reads as a headline, ends there though it has no full stop
        // (only the first: wire copy wraps running text, names included, at single newlines).
        else if (firstLine && count > 0 && j < n && (CLASS[text.charCodeAt(j)] & C_UPPER) && isHeadline(text, lineStart, i)) pendingBreak = 1;
        if (count > 0) firstLine = false;
        i = j;
        lineStart = j;
      } else i++;
      continue;
    }
    if (cls & ALNUM) {
      const s = i;
      let hasLetter = (cls & C_LETTER) !== 0;
      i++;
      while (i < n) {
        const d = text.charCodeAt(i);
        const dc = CLASS[d];
        if (dc & ALNUM) { if (dc & C_LETTER) hasLetter = true; i++; continue; }
        const nx = i + 1 < n ? CLASS[text.charCodeAt(i + 1)] : 0;
        if (d === 39 || d === 0x2019) {
          // Apostrophe: split `'s` and `n't` off; keep O'Neill.
          const n1 = text.charCodeAt(i + 1) | 32;
          const after = i + 2 < n ? CLASS[text.charCodeAt(i + 2)] : 0;
          if (n1 === 115 /* s */ && !(after & ALNUM)) break;
          if (n1 === 116 /* t */ && !(after & ALNUM) && (text.charCodeAt(i - 1) | 32) === 110 /* n */ && i - 1 > s) { i--; break; }
          if (nx & C_LETTER) { i++; continue; }
          break;
        }
        if (d === 46 /* . */ || d === 45 /* - */ || d === 0x2010 || d === 0x2011) {
          if (nx & ALNUM) { i++; continue; }
          break;
        }
        if (d === 38 /* & */) {
          if ((nx & C_LETTER) && (CLASS[text.charCodeAt(i - 1)] & C_LETTER)) { i++; continue; }
          break;
        }
        if (d === 47 /* / */ && (nx & ALNUM)) { i++; continue; }
        if (d === 44 /* , */ && (CLASS[text.charCodeAt(i - 1)] & C_DIGIT) && (nx & C_DIGIT)) {
          // 1,000 but not "1,2 and 3": exactly three digits follow.
          const a = text.charCodeAt(i + 2), b = text.charCodeAt(i + 3), z = i + 4 < n ? CLASS[text.charCodeAt(i + 4)] : 0;
          if (a >= 48 && a <= 57 && b >= 48 && b <= 57 && !(z & C_DIGIT)) { i++; continue; }
        }
        break;
      }
      // A final period belongs to abbreviations, initials and dotted forms (U.S.).
      if (i < n && text.charCodeAt(i) === 46 && hasLetter) {
        let dotted = false;
        for (let k = s; k < i; k++) if (text.charCodeAt(k) === 46) { dotted = true; break; }
        if (dotted || isAbbrevWord(text, s, i)) i++;
      }
      push(s, i, hasLetter ? Kind.Word : Kind.Number);
      continue;
    }
    // Apostrophe-s / n't split off a word.
    if ((c === 39 || c === 0x2019) && count > 0 && end[count - 1] === i) {
      const n1 = text.charCodeAt(i + 1) | 32;
      if (n1 === 115 && !(CLASS[text.charCodeAt(i + 2)] & ALNUM)) { push(i, i + 2, Kind.Word); i += 2; continue; }
    }
    if ((c | 32) === 110 && text.charCodeAt(i + 1) === 39 && (text.charCodeAt(i + 2) | 32) === 116) {
      push(i, i + 3, Kind.Word); i += 3; continue;
    }
    // Runs of the same punctuation (`...`, `--`, `''`) are one token.
    let j = i + 1;
    if (c === 46 || c === 45 || c === 39 || c === 96 || c === 42 || c === 61 || c === 95) {
      while (j < n && text.charCodeAt(j) === c) j++;
    } else if (c >= 0xd800 && c <= 0xdbff && j < n) j++; // astral symbol (emoji): keep the pair
    const isPunct = c === 46 || c === 44 || c === 59 || c === 58 || c === 33 || c === 63 || c === 34 || c === 39 ||
      c === 40 || c === 41 || c === 91 || c === 93 || c === 123 || c === 125 || c === 45 || c === 96 ||
      c === 0x201c || c === 0x201d || c === 0x2018 || c === 0x2019 || c === 0x2013 || c === 0x2014 || c === 0x2026;
    push(i, j, isPunct ? Kind.Punct : Kind.Symbol);
    i = j;
  }

  // Sentences.
  const sent: number[] = [0];
  let last = 0;
  for (let t = 0; t < count; t++) {
    const next = t + 1;
    if (next >= count) break;
    let boundary = brk[next] === 1;
    if (!boundary) {
      const s = start[t], e = end[t];
      const c = text.charCodeAt(e - 1);
      const nextC = text.charCodeAt(start[next]);
      const nextCls = CLASS[nextC];
      if (kind[t] === Kind.Punct && (c === 46 || c === 33 || c === 63 || c === 0x2026)) {
        // Terminal punctuation; let closing quotes/brackets stay with this sentence.
        let k = next;
        while (k < count && kind[k] === Kind.Punct && start[k] === end[k - 1] && isCloser(text.charCodeAt(start[k]))) k++;
        if (k < count && k !== next && start[k] > end[k - 1]) { t = k - 1; boundary = true; }
        else if (k === next) boundary = (nextCls & (C_UPPER | C_DIGIT)) !== 0 || isOpener(nextC);
      } else if (c === 46 && kind[t] === Kind.Word && e - s > 2) {
        // An abbreviation with its period (`Corp.`, `U.S.`) ends a sentence only before a clear opener.
        const lower = text.slice(s, e - 1).toLowerCase();
        if (!TITLE_ABBREV.has(lower) && (nextCls & C_UPPER) && kind[next] === Kind.Word) {
          boundary = SENTENCE_OPENERS.has(text.slice(start[next], end[next]).toLowerCase());
        }
      }
    }
    if (!boundary && t + 1 - last >= MAX_SENTENCE_TOKENS) boundary = true;
    if (boundary) { sent.push(t + 1); last = t + 1; }
  }
  if (count > 0 && sent[sent.length - 1] !== count) sent.push(count);
  else if (count === 0) sent.length = 0;
  const sentArr = Int32Array.from(count === 0 ? [0] : sent);
  return {
    text,
    length: count,
    start: start.subarray(0, count),
    end: end.subarray(0, count),
    kind: kind.subarray(0, count),
    sent: sentArr,
    sentences: sentArr.length - 1,
  };
}

function isCloser(c: number): boolean {
  return c === 34 || c === 39 || c === 41 || c === 93 || c === 0x201d || c === 0x2019;
}
function isOpener(c: number): boolean {
  return c === 34 || c === 40 || c === 0x201c || c === 96;
}

/** The text of token t. */
export function tokenText(tok: Tokens, t: number): string {
  return tok.text.slice(tok.start[t], tok.end[t]);
}
