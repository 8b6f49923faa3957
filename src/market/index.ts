/**
 * The market stage's public face: closing prices in the store, symbols
 * linked to entities, event studies (market model, market-adjusted,
 * mean-adjusted; CAR with its t; group tests), and the check of extracted
 * stock moves against real returns.
 */
export { parsePrices, isCalendarDate, type ParsedPrices } from './prices.js';
export { tickerMentions, linksInArticle, linksFromNames, autoLink, symbolOf, refusedLinks, type TickerMention } from './link.js';
export { align, lowerBound, eventDay, studyEvent, groupTest, DEFAULTS, DEFAULT_WINDOWS, MODELS } from './study.js';
export type { Series, Returns, Model, Window, StudyOptions, StudyResult, EventStudy, NoStudy, WindowResult, DayResult, GroupTest } from './study.js';
export { normalCdf, normalP2, studentCdf, studentP2 } from './stats.js';
export { Market, DEFAULT_INDEX, selectFacts, studyFacts, studySubjects, factSubjects, eventSubjects, factParties, type FactFilter, type EventFilter, type Subject, type FactStudy, type GroupStudy } from './market.js';
export { marketCheck, marketCheckEvents, type MoveCheck, type CheckSummary } from './check.js';
