/**
 * How the event model's events become facts, on real sentences (most from the Reuters-21578 facts judged for issue
 * 13's precision). Each case gives the event as the model read it (type, subtype, trigger, arguments by their words),
 * so the cases test event-facts.ts alone, whatever a retrained model tags.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../nlp/index.js';
import { resolveEntities } from './entities.js';
import { factsFromEvents, toContractEvents } from './event-facts.js';
import type { PredictedEvent } from './events/types.js';

interface Case {
  why: string;
  text: string;
  event: { type: string; subtype?: string; trigger: string; args: [role: string, words: string][]; modality?: 'asserted' | 'speculative' };
  /** the fact expected (arguments by entity name), or null when the event states no fact */
  expect: { type: string; args?: Record<string, unknown>; modality?: string; negated?: boolean } | null;
}

const CASES: Case[] = [
  // Legal: the defendant is who the action is against; a company that files, sues or alleges is the complainant.
  { why: 'the company that filed the suit is the complainant; the one after "against" the defendant',
    text: 'Gull Air Inc said it filed an anti-trust suit against Texas Air Corp, charging the airline broke a marketing agreement.',
    event: { type: 'Legal', subtype: 'Proceeding', trigger: 'suit', args: [['Defendant', 'Gull Air Inc']] },
    expect: { type: 'legal_action', args: { defendant: 'Texas Air Corp', complainant: 'Gull Air Inc' } } },
  { why: 'a company suing with no "against" is no defendant',
    text: 'Baker International Corp said it has filed suit in state court in Houston to compel Hughes Tool Co to complete its proposed merger with Baker.',
    event: { type: 'Legal', subtype: 'Proceeding', trigger: 'suit', args: [['Defendant', 'Baker International Corp']] },
    expect: null },
  { why: '"a lawsuit filed by X": X is the complainant, never the defendant',
    text: 'Samjens lawyers also pointed to a lawsuit filed by Burlington Industries Inc in Canada.',
    event: { type: 'Legal', subtype: 'Proceeding', trigger: 'lawsuit', args: [['Defendant', 'Burlington Industries Inc']] },
    expect: null },
  { why: '"the ruling Golkar party": "ruling" alone states no legal action',
    text: 'Murdani told a meeting of the ruling Golkar party in Jakarta yesterday that he believed the security situation was now stable.',
    event: { type: 'Legal', subtype: 'Proceeding', trigger: 'ruling', args: [['Defendant', 'Golkar']] },
    expect: null },
  { why: '"charged X with eight counts": a charge with words of an action near',
    text: 'The federal environment department said it charged Gulf Canada Corp with eight counts of waste dumping into the Beaufort Sea.',
    event: { type: 'Legal', subtype: 'Proceeding', trigger: 'charged', args: [['Defendant', 'Gulf Canada Corp']] },
    expect: { type: 'legal_action', args: { defendant: 'Gulf Canada Corp' } } },
  { why: '"no additional charges will be brought against it": denied',
    text: 'Citizens First Bancorp Inc said no additional charges will be brought against it.',
    event: { type: 'Legal', subtype: 'Proceeding', trigger: 'charges', args: [['Defendant', 'Citizens First Bancorp Inc']] },
    expect: { type: 'legal_action', args: { defendant: 'Citizens First Bancorp Inc' }, negated: true } },
  { why: '"the ruling Liberal Democratic Party filed a complaint": "ruling" is an adjective',
    text: "Kyodo said members of Nakasone's ruling Liberal Democratic Party filed a complaint with their local headquarters.",
    event: { type: 'Legal', subtype: 'Proceeding', trigger: 'ruling', args: [['Defendant', 'Liberal Democratic Party']] },
    expect: null },
  { why: 'a company that appeals a ruling is not thereby a defendant',
    text: 'Phoenix Canada Oil Co Ltd said it intends to appeal a ruling in U.S. District Court in Delaware in its lawsuit.',
    event: { type: 'Legal', subtype: 'Proceeding', trigger: 'appeal', args: [['Defendant', 'Phoenix Canada Oil Co Ltd']] },
    expect: null },
  { why: 'price reductions are no product',
    text: 'International Business Machines Corp said it introduced price reductions ranging from four pct to 20 pct for models 200 to 700.',
    event: { type: 'Product/Service', subtype: 'Launch', trigger: 'introduced', args: [['Producer', 'International Business Machines Corp'], ['ProductService', 'ranging from four pct to 20 pct for models 200 to 700']] },
    expect: null },
  { why: '"the suit brought against it in Delaware Chancery Court": the court is where, the defendant is "it"',
    text: 'Allegheny International Inc said the price could be reduced by fees the court may award in the class action suit brought against it in Delaware Chancery Court by Ronda Inc.',
    event: { type: 'Legal', subtype: 'Proceeding', trigger: 'suit', args: [['Defendant', 'Delaware Chancery Court']] },
    expect: { type: 'legal_action', args: { defendant: 'Allegheny International Inc' } } },
  { why: '"Lazere\'s loan portfolio": loans held, no financing',
    text: "Lazere Financial Corp said the transaction includes most of Lazere Financial Corp's loan portfolio.",
    event: { type: 'Financing', trigger: 'loan', args: [['Financee', 'Lazere Financial Corp']] },
    expect: null },
  { why: '"will open a new session": a session is no facility',
    text: 'Philadelphia Stock Exchange Inc said it will open a new session between 1900 and 2300 hours.',
    event: { type: 'Facility', subtype: 'Open', trigger: 'open', args: [['Company_Facility', 'Philadelphia Stock Exchange Inc'], ['Facility', 'a new']] },
    expect: null },
  { why: 'the firm whose analyst acts is not the company rated',
    text: 'Smith Barney, Harris Upham and Co analyst James Wilbur removed Hercules Inc from the firm\'s recommended list.',
    event: { type: 'Rating', subtype: 'Downgrade', trigger: 'recommended', args: [['Security_Rating', 'Harris Upham and Co']] },
    expect: null },
  // Financing: a rating agency's creditwatch or downgrade is a rating, not money raised.
  { why: 'S&P placing debt on creditwatch raises no money',
    text: "Standard and Poor's Corp said it placed the subordinated debt of Guarantee Savings and Loan Association on creditwatch with positive implications.",
    event: { type: 'Financing', trigger: 'subordinated debt', args: [['Financee', 'it']] },
    expect: null },
  { why: 'a sentence naming a rating agency states a rating, whoever the model took for the financee',
    text: "Standard and Poor's Corp said it raised to A-1 from A-2 American Security Corp's commercial paper.",
    event: { type: 'Financing', trigger: 'commercial paper', args: [['Financee', 'American Security Corp']] },
    expect: null },
  { why: 'the unit that raises the money is the company, not its parent in the apposition',
    text: 'Southern Railway Co, a unit of Norfolk Southern Corp, is raising 20.6 mln dlrs through an offering of equipment trust certificates.',
    event: { type: 'Financing', trigger: 'raising', args: [['Financee', 'Norfolk Southern Corp'], ['Financer', 'Southern Railway Co'], ['Amount_Financing', '20.6 mln dlrs']] },
    expect: { type: 'financing', args: { company: 'Southern Railway Co', amount: { value: 20_600_000, currency: 'USD', text: '20.6 mln dlrs' } } } },
  { why: 'a debt outstanding ("cut borrowings") is no financing',
    text: 'Turner and Newall Plc said the funds would be used to cut borrowings, which had risen to 234 mln stg.',
    event: { type: 'Financing', trigger: 'borrowings', args: [['Financee', 'Turner and Newall Plc']] },
    expect: null },
  // Product launches: a plan is speculative; the product is a thing named, not "it"; money programs are not products.
  { why: '"plans to introduce" is a plan, so speculative',
    text: 'Tandem Computers Inc said the company plans to introduce several products, including two low-end systems.',
    event: { type: 'Product/Service', subtype: 'Launch', trigger: 'introduce', args: [['Producer', 'Tandem Computers Inc'], ['ProductService', 'several products']] },
    expect: { type: 'product_launch', args: { company: 'Tandem Computers Inc', product: 'several products' }, modality: 'speculative' } },
  { why: '"launching it": the product is the phrase that names it',
    text: 'Flying Tiger Line Inc also said it is launching a jetfreighter service to Milan, Italy.',
    event: { type: 'Product/Service', subtype: 'Launch', trigger: 'launching', args: [['Producer', 'Flying Tiger Line Inc'], ['ProductService', 'it'], ['ProductService', 'jetfreighter service']] },
    expect: { type: 'product_launch', args: { company: 'Flying Tiger Line Inc', product: 'jetfreighter service' }, modality: 'asserted' } },
  { why: 'a commercial paper program is financing, not a product',
    text: 'Federal Industries Ltd said it introduced a commercial paper program with an authorization of 440 mln dlrs.',
    event: { type: 'Product/Service', subtype: 'Launch', trigger: 'introduced', args: [['Producer', 'Federal Industries Ltd'], ['ProductService', 'a commercial paper program']] },
    expect: null },
  { why: '"launching stations for missiles": an adjective, no launch',
    text: 'Raytheon Co also uses launching stations for supersonic missiles.',
    event: { type: 'Product/Service', subtype: 'Launch', trigger: 'launching', args: [['Producer', 'Raytheon Co'], ['ProductService', 'stations for supersonic missiles']] },
    expect: null },
  { why: '"it" is the sentence\'s subject, not the company named most in the article',
    text: 'International Business Machines Corp said it introduced four new personal computers.',
    event: { type: 'Product/Service', subtype: 'Launch', trigger: 'introduced', args: [['Producer', 'it'], ['ProductService', 'four new personal computers']] },
    expect: { type: 'product_launch', args: { company: 'International Business Machines Corp', product: 'four new personal computers' } } },
  // Ratings: a rating agency is never the company rated; "may downgrade" is speculative.
  { why: 'a rating agency is not the company it rates',
    text: "Standard and Poor's Corp said it downgraded Canada's Province of Saskatchewan.",
    event: { type: 'Rating', subtype: 'Downgrade', trigger: 'downgraded', args: [['Security_Rating', "Standard and Poor's Corp"]] },
    expect: null },
  { why: '"may downgrade" is a possibility',
    text: "Moody's Investors Service Inc said it may downgrade Conseco Inc's 100 mln dlrs of debt.",
    event: { type: 'Rating', subtype: 'Downgrade', trigger: 'downgrade', args: [['Security_Rating', 'Conseco Inc'], ['Analyst', "Moody's Investors Service Inc"]] },
    expect: { type: 'rating', args: { company: 'Conseco Inc', by: "Moody's Investors Service Inc", action: 'downgrade' }, modality: 'speculative' } },
  { why: '"a 12.5 pct annual dividend increase": a raise, whatever the subtype',
    text: 'Pier 1 Imports Inc also declared a 12.5 pct annual dividend increase for the post-split common shares.',
    event: { type: 'Dividend', subtype: 'Payment', trigger: 'dividend increase', args: [['Company_Dividend', 'Pier 1 Imports Inc']] },
    expect: { type: 'dividend', args: { company: 'Pier 1 Imports Inc', change: 'raise' } } },
  { why: '"to again omit the quarterly dividend on its 2.575 dlr … preferred stock": a cut, and the amount names the preferred',
    text: 'Texas American Energy Corp said its board has decided to again omit the quarterly dividend on its 2.575 dlr cumulative convertible exchangeable preferred stock.',
    event: { type: 'Dividend', subtype: 'YieldRaise', trigger: 'dividend', args: [['Company_Dividend', 'Texas American Energy Corp'], ['Amount', '2.575 dlr']] },
    expect: { type: 'dividend', args: { company: 'Texas American Energy Corp', change: 'cut', amount: undefined } } },
  // Dividends: "maintained" needs a word that says so.
  { why: 'an initial dividend declared is paid, not maintained',
    text: 'Cato Corp said its board declared an initial quarterly dividend of two cts per share, payable June 26.',
    event: { type: 'Dividend', subtype: 'YieldStable', trigger: 'dividend', args: [['Company_Dividend', 'Cato Corp']] },
    expect: { type: 'dividend', args: { company: 'Cato Corp', change: 'pay' } } },
];

function eventOf(text: string, c: Case['event']): PredictedEvent {
  const at = (words: string, from = 0) => {
    const i = text.indexOf(words, from);
    assert.ok(i >= 0, `"${words}" is not in the sentence`);
    return { start: i, end: i + words.length, text: words };
  };
  const trigger = at(c.trigger);
  return {
    type: c.type, subtype: c.subtype ?? null, trigger, negated: false, modality: c.modality ?? 'asserted', confidence: 0.99, ts: 0, te: 0,
    args: c.args.map(([role, words]) => ({ role, ...at(words, words === 'it' ? text.indexOf(' it ') : 0) })),
  };
}

test('events become facts only when the sentence states the fact: real sentences', () => {
  for (const c of CASES) {
    const { spans } = analyze(c.text);
    const ents = resolveEntities(c.text, spans);
    const values = spans.filter((s) => s.type === 'MONEY' || s.type === 'PERCENT' || s.type === 'DATE');
    const main = ents.entities.findIndex((e) => e.type === 'ORG');
    const events = toContractEvents([eventOf(c.text, c.event)], ents, main);
    const facts = factsFromEvents(events, ents, values, c.text, () => ({ start: 0, end: c.text.length }), main).map((x) => x.fact);
    const name = (v: unknown) => (typeof v === 'string' && /^e\d+$/.test(v) ? ents.entities[Number(v.slice(1)) - 1]?.name : v);
    if (!c.expect) { assert.equal(facts.length, 0, `${c.why}: expected no fact, got ${JSON.stringify(facts.map((f) => [f.type, f.args]))}`); continue; }
    assert.equal(facts.length, 1, `${c.why}: expected one fact, got ${facts.length}`);
    const f = facts[0];
    assert.equal(f.type, c.expect.type, c.why);
    for (const [k, v] of Object.entries(c.expect.args ?? {})) assert.deepEqual(name((f.args as Record<string, unknown>)[k]), v, `${c.why}: ${k}`);
    if (c.expect.args && 'company' in c.expect.args && !('financer' in c.expect.args)) assert.ok(!('financer' in f.args) || name((f.args as Record<string, unknown>).financer) !== c.expect.args.company, `${c.why}: the company is not its own financer`);
    if (c.expect.modality) assert.equal(f.modality, c.expect.modality, `${c.why}: modality`);
    if (c.expect.negated !== undefined) assert.equal(f.negated, c.expect.negated, `${c.why}: negated`);
  }
});
