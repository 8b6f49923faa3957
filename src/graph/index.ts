/** The graph stage's public face: identity rules across articles, and merging an extraction into the store. */
export { normName, normalizeText, minhash, similarity, bands, NEAR_DUP_SIMILARITY, dealKey, factDate, DEAL_TYPES } from './keys.js';
export { mergeExtraction } from './merge.js';
export { entityProfile, eventsOf, findEntityByName, dealTimeline, shortestPaths, type EntityProfile, type EventItem } from './query.js';
