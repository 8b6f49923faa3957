/**
 * Cue lexicons for status, negation and modality, each a prepared regex over
 * a sentence's pattern string (lowercased tokens joined by spaces). A fact
 * records which cue fired, so `--explain` can show it.
 */
import type { Modality, Status } from './schema.js';

const w = (alts: string) => new RegExp(`(?:^| )(${alts})(?= |$)`, 'g');

/** Deal status cues, most decisive first. The matched words are the status phrase as written. */
export const STATUS_CUES: { status: Status; re: RegExp }[] = [
  { status: 'failed', re: w("(?:decided )?not to accept|terminated?|terminating|terminates|called off|call off|calling off|broke off|broken off|break off|abandon(?:ed|s)?|(?:agreed to )?withdr[ae]wn?|withdraw from|rejected|rejects?|rejecting|ended talks|end(?:ed)? (?:the )?(?:merger )?(?:talks|negotiations)|(?:indefinitely )?suspended (?:the )?(?:merger )?(?:talks|negotiations)|failed to (?:reach|agree|complete)|unable to (?:complete|agree|reach)|(?:was|were|been) blocked|collapsed|scrapped|dropped (?:its|the|their) (?:bid|offer|plan)|no longer (?:interested|plans?)|cancell?ed|unsuccessful|overturned|overturns|struck down|vetoed|disallowed|blocked") },
  { status: 'ended', re: w('ended|dissolved|dissolve|unwound|split up|ended in|came to an end|broke up|end(?:ed|s)? (?:its|their|the) (?:partnership|alliance|venture|cooperation)') },
  { status: 'completed', re: w('(?:assumed|gained|took|won|seized) (?:full |majority |effective )?control|completed|completes|has acquired|have acquired|had acquired|has bought|has purchased|acquired|purchased|bought|took over|closed (?:the|its) (?:sale|acquisition|purchase|deal)|has sold|sold|was acquired|were acquired|has been acquired') },
  { status: 'agreed', re: w('reached (?:an? )?(?:definitive |tentative |preliminary )?agreement(?: in principle)?|finalized (?:an? )?agreement|agreed to terms|agreed in principle|agreement in principle|tentatively agreed|tentative agreement|letter of intent|definitive agreement|definitive merger agreement|agreed to (?:sell|buy|acquire|purchase|merge|form|set up|establish)|agreed|signed (?:a|an) (?:definitive )?(?:merger )?agreement|signed|accepted|accepts|entered into (?:a|an) (?:definitive )?agreement|reached (?:a|an) (?:non-binding )?agreement(?: in principle)?|approved|agreement') },
  { status: 'in_talks', re: w('(?:making|made|launched|started|extended|extending|raised|increased|doubled|sweetened|amended) (?:an? |its |the )?(?:cash )?(?:tender offer|offer|bid)|(?:offered|offering) to (?:buy|acquire|sell|purchase)|seeking to (?:sell|buy|acquire)|interested in (?:buying|acquiring|selling)|under consideration|in talks|talks|negotiations|negotiating|negotiate|discussions|discussing|tender offer|offers|offer|offered|bids|bid|proposed|proposals|proposal|proposes|plans to (?:acquire|buy|sell|merge)|seeking|seeks|exploring|considering|consider|considers|approached|planning') },
  { status: 'rumored', re: w('rumou?rs?|rumou?red|speculation|speculated|reportedly|media reports|press reports|is said to|are said to') },
];

const RE_NOT_YET = /(?:^| )(?:to|will|would|could|may|might|shall|expects? to|plans? to) (?:be )?$/;

export interface CueHit { value: string; text: string; pos: number }

/** The deal status of a sentence, preferring the decisive cues; `near` = pattern position of the trigger. */
export function findStatus(pat: string, near: number): (CueHit & { status: Status }) | null {
  for (const { status, re } of STATUS_CUES) {
    re.lastIndex = 0;
    let best: (CueHit & { status: Status }) | null = null;
    for (const m of pat.matchAll(re)) {
      let pos = m.index! + (m[0].length - m[1].length);
      let text = m[1];
      // The status phrase without auxiliaries or "signed a": "has acquired" → "acquired", "signed a definitive agreement" → "definitive agreement".
      const aux = /^(?:has been |have been |had been |has |have |had |signed (?:an? )?(?=definitive))/.exec(text);
      if (aux && aux[0].length < text.length) { pos += aux[0].length; text = text.slice(aux[0].length); }
      // "to be acquired", "will be sold": not done yet.
      if (status === 'completed' && RE_NOT_YET.test(pat.slice(Math.max(0, m.index! - 24), m.index! + (m[0].length - m[1].length)))) continue;
      if (!best || Math.abs(pos - near) < Math.abs(best.pos - near)) best = { status, value: status, text, pos };
    }
    if (best) return best;
  }
  return null;
}

const NEG = /(?:^| )(not|n't|no|never|denied|denies|deny|ruled out|rules out|rule out|declined to (?:confirm|comment on)|dismissed|has no plans|have no plans|had no plans|is not|are not|was not|were not)(?= |$)/g;
const CLAUSE_BREAK = /(?:^| )(,|;|:|but|however|although|while|whereas|--)(?= |$)/g;

/** A negation cue between the start of the trigger's clause and the trigger. */
export function findNegation(pat: string, trigger: number): CueHit | null {
  let clauseStart = 0;
  CLAUSE_BREAK.lastIndex = 0;
  for (const m of pat.matchAll(CLAUSE_BREAK)) { if (m.index! < trigger) clauseStart = m.index! + m[0].length; else break; }
  const window = pat.slice(Math.max(clauseStart, trigger - 80), trigger);
  NEG.lastIndex = 0;
  let hit: RegExpMatchArray | null = null;
  for (const m of window.matchAll(NEG)) hit = m;
  if (!hit) return null;
  // "no certainty", "not disclosed" and similar do not deny the event.
  const after = window.slice(hit.index! + hit[0].length, hit.index! + hit[0].length + 40);
  if (/^ (?:certainty|longer|later|less|more|doubt|hesitation|objection|opposition)/.test(after)) return null;
  // "decided not to accept the proposal": a rejection (a failed deal), not a denial that the offer exists;
  // "would not refer X's purchase of Y", "do not believe another suitor will top the bid", "does not intend to raise
  // the price of its offer": the "not" is about another verb.
  if (/^ (?:intention|plans?) of (?:increasing|raising|sweetening|improving|changing|extending|lowering)\b/.test(after)) return null;
  // "the court denied the motion to block the merger": a denial of something else.
  if (/^(?: an?| the| its| their)? (?:motion|request|application|petition|appeal|injunction)\b/.test(after)) return null;
  if (/^ (?:(?:intend|intends|plan|plans|expect|expects|want|wants) to |to )?(?:accept|refer|oppose|block|challenge|object|contest|believe|expect|think|see|need|require|disclose|comment|raise|increase|sweeten|improve|change|alter|extend|lower)\b/.test(after)) return null;
  return { value: 'negated', text: hit[1], pos: Math.max(clauseStart, trigger - 80) + hit.index! };
}

const REPORTED = /(?:^| )(according to|reports? said|reported|reportedly|sources said|sources say|people familiar|newspaper|magazine|media reports?|press reports?|is said to|are said to|was said to|wall street journal|financial times)(?= |$)/;
const SPECULATIVE = /(?:^| )(could|might|may|possible|possibly|possibility|potential|potentially|consider|considering|considers|explore|exploring|speculat\w*|rumou?r\w*|no certainty|uncertain|expected to|likely|unlikely|would consider|if)(?= |$)/;

/** Modality of a sentence: speculative hedges outrank third-party reporting. */
export function findModality(pat: string): { modality: Modality; cue: string | null } {
  const s = SPECULATIVE.exec(pat);
  if (s) return { modality: 'speculative', cue: s[1] };
  const r = REPORTED.exec(pat);
  if (r) return { modality: 'reported', cue: r[1] };
  return { modality: 'asserted', cue: null };
}

/** Right after an amount: it is a price per share ("71 dlrs cash per share", "30 dlr-a-share", "28.50 dlrs per common or preferred share", "18 Canadian dlrs each"), not a deal's value. */
export const RE_PER_SHARE_AFTER = /^[\s-]*(?:(?:cash|in cash|net)\s+)?(?:(?:a|per)[\s-]+(?:[a-z]+\s+){0,3}?(?:share|unit)\b|each\b|plus\b[^.;]{0,40}\beach\b)/i;
