/**
 * Direct quotations and their speakers. A quotation is text between double
 * quotes: straight, curly, or the ``…'' pairs of tokenized corpora (Penn
 * Treebank style, as SENTiVENT's texts are written); its speaker is the person named next to a
 * speech verb right after it (`," Fiat CEO Sergio Marchionne said`, `," Varin
 * told reporters`, `," he said`) or right before it (`Varin said: "…"`).
 * "he"/"she" resolve to the last person named before the quote. A quotation
 * opening the paragraph after an attributed one continues it (same speaker).
 */
import type { Mention } from './entities.js';

export interface RawQuote {
  start: number;
  end: number;
  text: string;
  speaker: number;
  speakerMention: { start: number; end: number };
  how: string;
  /** the speaker is carried over from the quotation before */
  continued: boolean;
}

const RE_QUOTE = /(?:``|["\u201c])((?:(?!''|``)[^"\u201c\u201d]){6,800}?)(?:''|["\u201d])/g;
/** A paragraph break inside a would-be quotation means the marks do not pair up. */
const RE_PARAGRAPH = /\n\s*\n|\n {2,}|\n\t/;
/** Words before a name that make the speaker someone else: "an adviser to X", "a spokesman for X", "a lawyer for X". */
const RE_FOR_SOMEONE = /\b(?:advis[eo]rs?|aides?|spokes(?:man|woman|person)|lawyers?|attorneys?|associates?|friends?|representatives?|sources?\s+close|officials?\s+close|people\s+close)\s+(?:to|for|of|close\s+to)\s+(?:the\s+)?$/i;
/** "Balladur said, " right before the quotation: its speaker is named before it. */
const RE_SAID_BEFORE = /\b(?:said|says|added|admitted|conceded|insisted|declared|stated|noted|warned|argued|acknowledged|asserted|complained|replied|told\s+[\w\s]{1,30}?)[,:]?\s*$/;
/** Every word capitalized but short function words: the name of a show, a book, a plan. */
const RE_TITLE_CASE = /^(?:(?:[A-Z][\w'’-]*|a|an|the|of|and|in|on|for|to)[,.!?]?\s+)*[A-Z][\w'’-]*[.!?,]?$/;
const SAY = 'said|says|say|told|tells|tell|added|adds|stated|declared|explained|noted|warned|asked|wrote|writes|according to';
const RE_AFTER_PRONOUN = new RegExp(`^\\s*,?\\s*(he|she)\\s+(?:${SAY})\\b`, 'i');
/** `," said Varin` and `," said tech analyst Patrick Moorhead`: the verb first, then at most four lower-case title words. */
const RE_AFTER_SAY_FIRST = new RegExp(`^\\s*,?\\s*(?:${SAY})\\s+(?:[a-z][\\w'-]*\\s+){0,4}$`);
const RE_BEFORE_PRONOUN = new RegExp(`\\b(he|she)\\s+(?:${SAY})\\b[^".!?]{0,30}[:,]?\\s*$`, 'i');
const RE_ACCORDING_BEFORE = /according to\s*$/i;
/** Role nouns of speakers described, not named. */
const ROLE = '(official|diplomat|spokesman|spokeswoman|analyst|economist|dealer|trader|banker|source|executive|manager|lawyer|broker|strategist|officials|analysts|dealers|traders|sources|bankers|executives)';
/**
 * Right after a quotation, a speaker described, not named: "the diplomat said", "said a fixed-income securities
 * portfolio manager at a major money center bank", "an official added". Group 1/3: the determiner, 2/4: the role.
 */
const RE_DESCRIBED_AFTER = new RegExp(`^\\s*,?\\s*(?:(the|a|an|one|another)\\s+(?:[\\w-]+\\s+){0,6}?${ROLE}(?:\\s+(?:at|of|for|with|in)\\s+(?:[\\w-]+\\s+){0,6}?[\\w-]+)?\\s*,?\\s+(?:${SAY})\\b|(?:${SAY})\\s+(the|a|an|one|another)\\s+(?:[\\w-]+\\s+){0,6}?${ROLE}\\b(?!\\s+(?:[\\w-]+\\s+){0,3}?\\p{Lu}))`, 'u');
/** Right before a person: the person is the subject of what is reported ("adding that Shultz …"), not a speaker. */
const RE_REPORTED_SUBJECT_BEFORE = /\b(?:that|whether)\s+$/;
/** After a speaker's name: a speech verb then, before any stop, a comma or colon and an opening quotation mark. */
const RE_OPENS_NEXT_QUOTE = new RegExp(`^\\s*,?\\s*(?:${SAY})\\b[^".!?\u201c\u201d]{0,30}[,:]\\s*(?:["\u201c]|\`\`)`);
const RE_SAY = new RegExp(`\\b(?:${SAY})\\b`, 'i');

/** Index of the first mention starting at or after `pos` (mentions sorted by start). */
function firstFrom(ms: readonly Mention[], pos: number): number {
  let lo = 0, hi = ms.length;
  while (lo < hi) { const mid = (lo + hi) >> 1; if (ms[mid].start < pos) lo = mid + 1; else hi = mid; }
  return lo;
}

/** A name followed by 's ("Baker's doubts"). */
const possessive = (text: string, p: Mention): boolean => /^['’]s\b/.test(text.slice(p.end, p.end + 3));
/** How many names back a speaker is looked for: a long run of names that all fail the test stays bounded. */
const MAX_LOOK_BACK = 50;
/**
 * The last mention ending at or before `pos` that passes `ok`, within `within`
 * characters of it: found by binary search, so a quotation per line of a long
 * text stays linear.
 */
function lastBeforeWhere(ms: readonly Mention[], pos: number, ok: (m: Mention) => boolean, within = Infinity): Mention | undefined {
  for (let i = firstFrom(ms, pos) - 1, seen = 0; i >= 0 && seen < MAX_LOOK_BACK; i--) {
    if (ms[i].end > pos) continue;
    if (pos - ms[i].end >= within) break;
    seen++;
    if (ok(ms[i])) return ms[i];
  }
  return undefined;
}

export function findQuotes(text: string, mentions: readonly Mention[], perOf: (m: Mention) => boolean): RawQuote[] {
  const out: RawQuote[] = [];
  const pers = mentions.filter(perOf);
  // The end of the last quotation whose speaker is not named ('," the diplomat said', '," said a portfolio manager').
  let unnamedEnd = -1;
  for (const m of text.matchAll(RE_QUOTE)) {
    const qs = m.index!, qe = qs + m[0].length;
    if (RE_PARAGRAPH.test(m[1])) continue;
    const inner = m[1].replace(/\s+/g, ' ').trim();
    if (inner.split(/\s+/).length < 3) continue; // scare quotes, not a quotation
    if (RE_TITLE_CASE.test(inner)) continue; // a title ("Meet the Press."), not a quotation
    let speaker = -1, sm: Mention | null = null, how = '';
    // After: `," Fiat CEO Sergio Marchionne said` / `," said Varin` / `," Varin told reporters`.
    const after = text.slice(qe, qe + 90);
    // '," the diplomat said', '," said a fixed-income securities portfolio manager at a major money center bank': the
    // speaker is someone not named, so no named person's (nor one quoted before) is.
    const described = RE_DESCRIBED_AFTER.exec(text.slice(qe, qe + 160));
    if (described) {
      // "the spokesman added" after "White House spokesman Marlin Fitzwater said …": the person named with that role.
      const role = described[2] ?? described[4], named = (described[1] ?? described[3]).toLowerCase() === 'the' ? personWithRole(text, pers, role, qs) : undefined;
      if (!named) { unnamedEnd = qe; continue; }
      out.push({ start: qs, end: qe, text: inner, speaker: named.entity, speakerMention: { start: named.start, end: named.end }, how: `"the ${role}" = ${named.text}`, continued: false });
      continue;
    }
    // '… the diplomat said. "Everyone is agreed …," he said.': "he" is that unnamed speaker when no one is named between.
    const heAfterUnnamed = unnamedEnd >= 0 && qs - unnamedEnd < 400 && !pers.some((p) => p.start >= unnamedEnd && p.start < qs);
    // '," said Barclay's Morgan', '," Reagan's spokesman Marlin Fitzwater said': a name with "'s" says whose the
    // speaker is; the speaker is the person named after it.
    let ni = firstFrom(pers, qe);
    while (ni < pers.length && possessive(text, pers[ni]) && pers[ni].start < qe + 70) ni++;
    const next = pers[ni];
    const pAfter = next && next.start < qe + 70 && !/[.!?]\s/.test(text.slice(qe, next.start).replace(/^\s*[,.]/, '')) ? next : undefined;
    // A quotation that ends its sentence ('…," Balladur said, "… system." But Volcker said …') is not the next sentence's.
    if (pAfter && !(/[.!?]$/.test(inner) && /^\s*[A-Z]/.test(text.slice(qe, qe + 3)) && RE_SAID_BEFORE.test(text.slice(Math.max(0, qs - 40), qs)))) {
      const between = text.slice(qe, pAfter.start);
      const rest = text.slice(pAfter.end, pAfter.end + 40);
      // '…transactions." NYSE vice president Richard Torrenzano said in a statement, "Such a tax …': a speaker whose
      // verb opens the next quotation is that quotation's, not this one's.
      const opensNext = RE_OPENS_NEXT_QUOTE.test(rest) && /[.!?]$/.test(inner);
      if (!opensNext && (RE_SAY.test(rest.slice(0, 25)) || RE_AFTER_SAY_FIRST.test(between))) { speaker = pAfter.entity; sm = pAfter; how = 'named after the quote'; }
    }
    if (speaker < 0) {
      const pr = heAfterUnnamed ? null : RE_AFTER_PRONOUN.exec(after);
      if (pr) {
        // "shared Baker's doubts. '…,' he said": a possessive is not who "he" is; nor is a person named as the subject
        // of what is reported ("…,' he said, adding that Shultz 'left my meeting' …").
        const prev = lastBeforeWhere(pers, qs, (p) => !possessive(text, p) && !RE_REPORTED_SUBJECT_BEFORE.test(text.slice(Math.max(0, p.start - 16), p.start)));
        if (prev) { speaker = prev.entity; sm = prev; how = `"${pr[1]}" = last person named`; }
      }
    }
    if (speaker < 0) {
      // Before: `Varin said: "…"` / `Varin told reporters, "…"` / `According to Varin, "…"`.
      // A possessive is not the one speaking ("Fitzwater, asked if Nakasone's visit might help, said"): the person before it is.
      const prev = lastBeforeWhere(pers, qs, (p) => !possessive(text, p) && (qs - p.end < 60 || /['’]s\b/.test(text.slice(p.end, qs))), 120);
      const says = prev && (RE_SAY.test(text.slice(prev.end, qs)) || RE_ACCORDING_BEFORE.test(text.slice(Math.max(0, prev.start - 20), prev.start)));
      if (prev && says && !/[.!?]\s/.test(text.slice(prev.end, qs))) { speaker = prev.entity; sm = prev; how = 'named before the quote'; }
    }
    if (speaker < 0) {
      // `he said: "…"`: the last person named before.
      const lead = text.slice(Math.max(0, qs - 60), qs);
      const pr = heAfterUnnamed ? null : RE_BEFORE_PRONOUN.exec(lead);
      if (pr) {
        const prev = lastBeforeWhere(pers, qs - pr[0].length, () => true);
        if (prev) { speaker = prev.entity; sm = prev; how = `"${pr[1]}" = last person named`; }
      }
    }
    if (speaker < 0 && !heAfterUnnamed) ({ speaker, sm, how } = continued(text, out, pers, qs));
    // "an adviser to Maxwell said": the person named is whom the speaker works for, not the speaker.
    if (speaker >= 0 && sm && RE_FOR_SOMEONE.test(text.slice(Math.max(0, sm.start - 40), sm.start))) speaker = -1;
    // '… he said, "Shultz will not wage a vigorous campaign …"': a quotation that names a person in the third person is
    // about that person, not theirs (speakers do not name themselves).
    if (speaker >= 0 && namesInside(mentions, speaker, qs, qe)) speaker = -1;
    if (speaker >= 0 && sm) out.push({ start: qs, end: qe, text: inner, speaker, speakerMention: { start: sm.start, end: sm.end }, how, continued: how === CONTINUES });
  }
  return out;
}

/** The person last introduced with a role ("spokesman Marlin Fitzwater", "Fitzwater, the spokesman") before `pos`, within 1,500 characters. */
function personWithRole(text: string, pers: readonly Mention[], role: string, pos: number): Mention | undefined {
  const from = Math.max(0, pos - 1500), before = text.slice(from, pos);
  const re = new RegExp(`\\b${role}\\b`, 'gi');
  let last = -1;
  for (const m of before.matchAll(re)) last = from + m.index!;
  if (last < 0) return undefined;
  const end = last + role.length;
  return pers.find((p) => (p.start >= end && p.start - end <= 2) || (p.end <= last && /^,\s+(?:the|a|an)\s+(?:[\w-]+\s+){0,3}$/.test(text.slice(p.end, last))));
}

/** Whether a mention of entity `who` lies inside the quotation [qs, qe). */
function namesInside(ms: readonly Mention[], who: number, qs: number, qe: number): boolean {
  for (let i = firstFrom(ms, qs); i < ms.length && ms[i].start < qe; i++) if (ms[i].entity === who && ms[i].end <= qe) return true;
  return false;
}

const CONTINUES = 'continues the quotation before';
/** A quotation's paragraph may open with a few words before the marks ("In contrast, “…”"). */
const RE_PARAGRAPH_LEAD = /\n[^\n"\u201c`]{0,30}$/;
/**
 * A quotation with no speaker of its own, at the start of the paragraph right
 * after an attributed one and with no other person named between, goes on with
 * the same speaker (news runs a speaker's words over several paragraphs).
 */
function continued(text: string, done: readonly RawQuote[], pers: readonly Mention[], qs: number): { speaker: number; sm: Mention | null; how: string } {
  const prev = done[done.length - 1];
  const none = { speaker: -1, sm: null, how: '' };
  if (!prev || qs - prev.end > 400 || !RE_PARAGRAPH_LEAD.test(text.slice(Math.max(prev.end, qs - 31), qs))) return none;
  const gap = text.slice(prev.end, qs);
  if ((gap.match(/\n/g) ?? []).length > 2) return none;
  for (let i = firstFrom(pers, prev.end); i < pers.length && pers[i].start < qs; i++) if (pers[i].entity !== prev.speaker) return none;
  const sm = pers[firstFrom(pers, prev.speakerMention.start)];
  if (!sm || sm.start !== prev.speakerMention.start) return none;
  return { speaker: prev.speaker, sm, how: CONTINUES };
}
