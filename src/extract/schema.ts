/**
 * The extraction output contract, `dealgraph/extraction@2`. These zod schemas
 * are the single source of truth: the TypeScript types are inferred from them,
 * the JSON Schema (`npm run schema`, `schema/extraction.schema.json`) is
 * generated from them, and tests validate real output against them.
 * Changing a field's meaning needs a new version.
 *
 * @2 adds `events` (the learnt event model's findings, SENTiVENT's types) and
 * the fact types that come from them (dividend, rating, financing,
 * legal_action, product_launch, facility_opening). An @1 record reads as @2
 * with no events (`readExtraction`).
 */
import { z } from 'zod';

export const SCHEMA_ID = 'dealgraph/extraction@2';
export const SCHEMA_V1 = 'dealgraph/extraction@1';

export const Offsets = z.object({ start: z.number().int().nonnegative(), end: z.number().int().nonnegative() }).strict();
export type Offsets = z.infer<typeof Offsets>;

export const EntityType = z.enum(['ORG', 'PER', 'LOC', 'MISC']);
export type EntityType = z.infer<typeof EntityType>;

export const Entity = z.object({
  id: z.string().describe('unique within the article, e.g. "e1"'),
  type: EntityType,
  name: z.string().describe('the fullest name used in the article'),
  aliases: z.array(z.string()).describe('other names used for it in the article (acronyms, short forms, surnames)'),
  mentions: z.array(Offsets),
  typeReason: z.string().optional().describe('why the entity has its type, when the article read its name as more than one type (settled once for every mention)'),
}).strict();
export type Entity = z.infer<typeof Entity>;

export const Money = z.object({
  value: z.number().nullable(),
  currency: z.string().nullable().describe('ISO 4217'),
  text: z.string().describe('as written'),
}).strict();
export type Money = z.infer<typeof Money>;

export const FactType = z.enum([
  'partnership', 'merger', 'acquisition', 'stake', 'subsidiary', 'role', 'financial_result', 'stock_move', 'quote',
  'asset_sale', 'asset_purchase', 'layoff', 'plant_closure', 'cost_cut',
  'dividend', 'rating', 'financing', 'legal_action', 'product_launch', 'facility_opening',
]);
export type FactType = z.infer<typeof FactType>;

export const Status = z.enum(['rumored', 'in_talks', 'agreed', 'completed', 'active', 'failed', 'ended']);
export type Status = z.infer<typeof Status>;

export const Modality = z.enum(['asserted', 'reported', 'speculative']);
export type Modality = z.infer<typeof Modality>;

const Id = z.string().describe('an entity id');
/** "less than 10 pct" (lt), "up to 51 pct" (le), "more than 5 pct" (gt), "at least 20 pct" (ge): the percentage as a bound. */
const PercentBound = z.enum(['lt', 'le', 'gt', 'ge']).describe('the percentage is a bound, as written ("less than 10 pct": lt)');

export const FactArgs = {
  partnership: z.object({ parties: z.array(Id).min(2) }).strict(),
  merger: z.object({ parties: z.array(Id).min(2) }).strict(),
  acquisition: z.object({ acquirer: Id.nullable(), target: Id, seller: Id.optional(), value: Money.optional(), percent: z.number().optional(), bound: PercentBound.optional() }).strict(),
  stake: z.object({
    holder: Id, company: Id, percent: z.number().nullable().describe('as stated; null when a stake or investment of unstated size'),
    kind: z.enum(['voting', 'equity']).nullable(), bound: PercentBound.optional(), value: Money.optional().describe('the amount invested or paid'),
    seller: Id.optional().describe('who sold the stake, when a stake bought names its seller'),
  }).strict(),
  subsidiary: z.object({ parent: Id, child: Id }).strict(),
  role: z.object({ person: Id, title: z.string(), title_text: z.string().describe('the title as written'), org: Id.optional() }).strict(),
  financial_result: z.object({
    company: Id, metric: z.enum(['revenue', 'profit', 'loss', 'net_income', 'operating_profit', 'operating_loss', 'earnings']),
    amount: Money, alt_amount: Money.optional(), period: z.string().optional(), segment: z.string().optional(),
  }).strict(),
  stock_move: z.object({ company: Id, percent: z.number().describe('signed'), direction: z.enum(['up', 'down']) }).strict(),
  quote: z.object({ speaker: Id, text: z.string() }).strict(),
  asset_sale: z.object({ seller: Id, asset: z.string(), buyer: Id.optional(), value: Money.optional() }).strict(),
  asset_purchase: z.object({ buyer: Id, asset: z.string().describe('as written'), seller: Id.optional(), location: Id.optional().describe('where the asset is'), value: Money.optional() }).strict(),
  layoff: z.object({ company: Id, count: z.number().nullable(), text: z.string() }).strict(),
  plant_closure: z.object({ company: Id, plant: z.string() }).strict(),
  cost_cut: z.object({ company: Id, amount: Money.optional(), text: z.string() }).strict(),
  dividend: z.object({ company: Id, amount: Money.optional(), change: z.enum(['raise', 'cut', 'maintain', 'pay']).nullable(), text: z.string() }).strict(),
  rating: z.object({
    company: Id, by: Id.optional().describe('the analyst or firm'),
    action: z.enum(['upgrade', 'downgrade', 'maintain', 'initiate', 'target']).nullable(), text: z.string(),
  }).strict(),
  financing: z.object({ company: Id.describe('who raises or borrows'), financer: Id.optional(), amount: Money.optional(), text: z.string() }).strict(),
  legal_action: z.object({ defendant: Id, complainant: Id.optional(), text: z.string() }).strict(),
  product_launch: z.object({ company: Id, product: z.string().describe('as written') }).strict(),
  facility_opening: z.object({ company: Id, facility: z.string().describe('as written'), location: Id.optional() }).strict(),
} as const;

/** One event the model found: SENTiVENT's type and subtype, its trigger and arguments (spans into the text). */
export const EventArg = z.object({
  role: z.string(), start: z.number().int().nonnegative(), end: z.number().int().nonnegative(), text: z.string(),
  entity: Id.optional().describe('the entity the argument names, when it is an entity mention'),
}).strict();
export const Event = z.object({
  id: z.string().describe('unique within the article, e.g. "v1"'),
  type: z.string().describe('one of SENTiVENT\'s 18 event types'),
  subtype: z.string().nullable(),
  trigger: z.object({ start: z.number().int().nonnegative(), end: z.number().int().nonnegative(), text: z.string() }).strict(),
  args: z.array(EventArg),
  negated: z.boolean(),
  modality: z.enum(['asserted', 'speculative']).describe('SENTiVENT\'s "other modality" (possible, planned, hypothetical) is speculative'),
  confidence: z.number().min(0).max(1),
  rule: z.string().describe('"model:events" for the learnt model'),
}).strict();
export type Event = z.infer<typeof Event>;

const factBase = {
  id: z.string().describe('unique within the article, e.g. "f1"'),
  status: Status.nullable().describe('for partnership, merger and acquisition; null otherwise'),
  negated: z.boolean(),
  modality: Modality,
  time: z.object({ text: z.string(), value: z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/) }).strict().nullable(),
  evidence: z.array(Offsets).min(1),
  confidence: z.number().min(0).max(1),
  rule: z.string().describe('the rule or model that produced the fact'),
};

export const Fact = z.discriminatedUnion('type', (Object.keys(FactArgs) as FactType[]).map((t) =>
  z.object({ ...factBase, type: z.literal(t), args: FactArgs[t] }).strict(),
) as unknown as [z.ZodObject, ...z.ZodObject[]]);
export type FactOf<T extends FactType> = { id: string; type: T; args: z.infer<(typeof FactArgs)[T]>; status: Status | null; negated: boolean; modality: Modality;
  time: { text: string; value: string } | null; evidence: Offsets[]; confidence: number; rule: string };
export type Fact = { [T in FactType]: FactOf<T> }[FactType];

export const Article = z.object({
  id: z.string(),
  source: z.string(),
  title: z.string().nullable(),
  dateline: z.string().nullable(),
  published: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).nullable(),
  chars: z.number().int().nonnegative().describe('length of the text the offsets index'),
}).strict();
export type Article = z.infer<typeof Article>;

export const Extraction = z.object({
  schema: z.literal(SCHEMA_ID),
  article: Article,
  entities: z.array(Entity),
  events: z.array(Event),
  facts: z.array(Fact),
}).strict();
export type Extraction = { schema: typeof SCHEMA_ID; article: Article; entities: Entity[]; events: Event[]; facts: Fact[] };

/** An extraction record as stored, @1 or @2, read as @2 (an @1 record has no events). */
export function readExtraction(x: unknown): Extraction {
  const r = x as Omit<Extraction, 'schema' | 'events'> & { schema: string; events?: Event[] };
  return { ...r, schema: SCHEMA_ID, events: r.events ?? [] };
}

/** Per-article failure record in batch output. */
export const ExtractionError = z.object({
  schema: z.literal(SCHEMA_ID),
  error: z.object({ source: z.string(), reason: z.string() }).strict(),
}).strict();
export type ExtractionError = z.infer<typeof ExtractionError>;

export function extractionJsonSchema(): unknown {
  return z.toJSONSchema(Extraction, { target: 'draft-2020-12' });
}
