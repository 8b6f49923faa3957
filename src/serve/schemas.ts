/**
 * What the API answers, as zod schemas: the handlers are type-checked against
 * them (`Reply<…>` in api.ts) and the OpenAPI document's response schemas are
 * generated from them (openapi.ts), so the two cannot drift apart unnoticed;
 * openapi.test.ts checks real responses against the generated schemas.
 * Strict objects: a field the schema does not name is an error there.
 */
import { z } from 'zod';
import { Extraction, Money } from '../extract/schema.js';

const Int = z.number().int();
const Day = z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/);
const Next = z.string().nullable().describe('the cursor of the next page, or null on the last');

export const ErrorBody = z.strictObject({ error: z.string().describe('dealgraph: expected …, found …') });

export const EntityRow = z.strictObject({
  id: Int, type: z.string().describe('ORG, PER, LOC or MISC'), name: z.string(), aliases: z.array(z.string()), articles: Int.describe('articles that name it'),
});
export const SourceRef = z.strictObject({ article: Int, title: z.string().nullable(), published: Day.nullable(), source: z.string() });
export const Item = z.strictObject({
  fact: Int, date: Day.nullable(), text: z.string().describe('one line, e.g. "Chrysler Corp acquires American Motors Corp for 757 mln dlrs"'),
  status: z.string().nullable().optional(), negated: z.boolean().optional(), modality: z.string().optional(), sources: z.array(SourceRef),
  dateSource: z.enum(['text', 'article']).nullable().optional().describe("where the date came from: the sentence's own words or the article's date"),
});
export const EventItem = z.strictObject({
  event: Int, date: Day.nullable(), type: z.string(), subtype: z.string().nullable(), text: z.string(), negated: z.boolean(), modality: z.string(),
  confidence: z.number(), trigger: z.strictObject({ start: Int, end: Int, text: z.string() }), sources: z.array(SourceRef),
});
export const Party = z.strictObject({ entity: Int, name: z.string(), role: z.string().describe('acquirer, target, seller, buyer, party…') });
export const DealRow = z.strictObject({
  id: Int, type: z.string(), key: z.string(), parties: z.array(Party), firstSeen: Day.nullable(), lastSeen: Day.nullable(),
  status: z.string().nullable().describe('the latest dated, non-negated step\'s status; "denied" when that step is a denial'), facts: Int,
  rivals: z.array(Int).describe('ids of competing bids for the same target'),
});
const RivalRef = z.strictObject({ id: Int, parties: z.array(Party), status: z.string().nullable(), lastSeen: Day.nullable() });
export const ArticleRow = z.strictObject({
  id: Int, extId: z.string(), source: z.string(), url: z.string().nullable(), title: z.string().nullable(), published: Day.nullable(),
  nearDupOf: Int.nullable(), chars: Int,
});

export const EntitiesPage = z.strictObject({ items: z.array(EntityRow), next: Next });
export const Profile = z.strictObject({
  entity: EntityRow,
  roles: z.array(Item), deals: z.array(DealRow.extend({ sources: z.array(SourceRef) })), stakes: z.array(Item), financials: z.array(Item),
  stockMoves: z.array(Item), quotes: z.array(Item), subsidiaries: z.array(Item), events: z.array(EventItem),
  merges: z.array(z.strictObject({ alias: z.string(), reason: z.string(), article: Int.nullable() })),
});
export const Neighbourhood = z.strictObject({
  nodes: z.array(z.strictObject({ id: Int, name: z.string(), type: z.string(), depth: Int })),
  edges: z.array(z.strictObject({ source: Int, target: Int, type: z.string(), fact: Int })),
});
export const Paged = <T extends z.ZodType>(item: T) => z.strictObject({ items: z.array(item), total: Int.describe('how many match, in all'), offset: Int, next: Next });
export const DealsPage = Paged(DealRow);
export const ArticlesPage = Paged(ArticleRow);
export const Quote = z.strictObject({ before: z.string(), text: z.string(), after: z.string() });
export const Timeline = z.strictObject({
  deal: DealRow,
  value: Money.nullable().describe('the latest value stated for it'),
  steps: z.array(Item.extend({ evidence: z.array(z.strictObject({ start: Int, end: Int })), nearDup: z.boolean().optional().describe('a near-duplicate copy of an earlier article'), quote: Quote.nullable() })),
  rivals: z.array(RivalRef).describe('competing bids for the same target, as deals of their own'),
});
export const StoredArticle = ArticleRow.extend({
  text: z.string(), extraction: Extraction,
  links: z.record(z.string(), Int).describe("each extraction entity's id (e1, e2…) to its canonical entity id"),
});
export const QuotesPage = z.strictObject({ items: z.array(Item), next: Next });
export const EventsPage = z.strictObject({ items: z.array(EventItem), next: Next });
export const Paths = z.strictObject({ paths: z.array(z.array(z.strictObject({ entity: Int, name: z.string(), via: z.string().nullable(), fact: Int.nullable() }))) });
export const Stats = z.strictObject({
  counts: z.strictObject({ articles: Int, nearDuplicates: Int, entities: Int, facts: Int, deals: Int }),
  dealsByStatus: z.record(z.string(), Int).describe('deals by their current status ("none" when no step has one)'),
  dealsByType: z.record(z.string(), Int),
});
export const IngestSummary = z.strictObject({
  articles: Int, added: Int, duplicates: Int, nearDuplicates: Int, failed: Int, skipped: Int.optional(), entities: Int, facts: Int, seconds: z.number(),
  errors: z.array(z.strictObject({ source: z.string(), reason: z.string() })),
  notes: z.array(z.strictObject({ source: z.string(), reason: z.string() })).optional(),
});

// ---- Market answers (market-api.ts) ----
const Window = z.tuple([Int, Int]).describe('trading days [a, b] around the event day');
/** A party's study: the market model's estimates, AR(0) and the CAR over the window with its test. */
const PartyStudy = z.strictObject({ eventDate: z.string(), alpha: z.number(), beta: z.number(), ar: z.number(), car: z.number(), se: z.number(), t: z.number(), p: z.number() });
const StudyParty = z.strictObject({
  entity: Int, name: z.string(), role: z.string(), symbol: z.string().nullable(),
  study: PartyStudy.nullable(), reason: z.string().optional().describe('why there is no study'),
});
export const Prices = z.strictObject({
  entity: z.strictObject({ id: Int, name: z.string() }), symbol: z.string().nullable(), index: z.string(), window: Window,
  links: z.array(z.strictObject({ symbol: z.string(), how: z.string(), reason: z.string(), article: Int.nullable() })),
  series: z.strictObject({ dates: z.array(z.string()), close: z.array(z.number()), index: z.array(z.number()) }).nullable(),
  events: z.array(z.strictObject({
    date: z.string(), eventDate: z.string().optional(), ar: z.number().optional(), arT: z.number().optional(), car: z.number().optional(),
    carT: z.number().optional(), carP: z.number().optional(), reason: z.string().optional(),
    items: z.array(z.strictObject({ kind: z.string(), id: Int, type: z.string(), text: z.string(), article: Int })),
  })),
  reason: z.string().optional().describe('why there is no series'),
});
export const DealStudy = z.strictObject({
  deal: Int, index: z.string(), model: z.string(), window: Window,
  steps: z.array(z.strictObject({ fact: Int, date: z.string().nullable(), status: z.string().nullable(), negated: z.boolean(), text: z.string(), parties: z.array(StudyParty) })),
});
export const EventStudy = z.strictObject({
  event: EventItem, index: z.string(), model: z.string(), window: Window,
  parties: z.array(z.strictObject({ entity: Int, name: z.string(), role: z.string(), symbol: z.string().nullable(), study: z.looseObject({ ok: z.boolean() }).nullable(), reason: z.string().optional() })),
});

/** Each path's successful (200) answer; `path` placeholders as OpenAPI writes them. */
export const Responses = {
  'GET /api/stats': Stats,
  'GET /api/entities': EntitiesPage,
  'GET /api/entities/{id}': Profile,
  'GET /api/entities/{id}/graph': Neighbourhood,
  'GET /api/entities/{id}/articles': ArticlesPage,
  'GET /api/deals': DealsPage,
  'GET /api/deals/{id}': Timeline,
  'GET /api/articles': ArticlesPage,
  'GET /api/articles/{id}': StoredArticle,
  'GET /api/quotes': QuotesPage,
  'GET /api/events': EventsPage,
  'GET /api/path': Paths,
  'POST /api/extract': Extraction,
  'POST /api/articles': IngestSummary,
  'GET /api/entities/{id}/prices': Prices,
  'GET /api/deals/{id}/study': DealStudy,
  'GET /api/events/{id}/study': EventStudy,
} as const;
export type Responses = typeof Responses;
export type Reply<K extends keyof Responses> = z.infer<Responses[K]>;
