/**
 * The OpenAPI 3.1 document, generated from the zod schemas the API validates
 * its input with (api.ts) and types its answers with (schemas.ts). OpenAPI
 * 3.1's schemas are JSON Schema 2020-12, what z.toJSONSchema writes.
 */
import { z } from 'zod';
import { Bodies, Queries } from './api.js';
import { Extraction } from '../extract/schema.js';
import { MarketQueries } from './market-api.js';
import * as S from './schemas.js';

const REF = '#/components/schemas/';
/** Every named schema, each once under components.schemas; the others refer to it. */
const NAMED: Record<string, z.ZodType> = {
  Extraction, Error: S.ErrorBody, Entity: S.EntityRow, SourceRef: S.SourceRef, Item: S.Item, EventItem: S.EventItem, Deal: S.DealRow, ArticleSummary: S.ArticleRow,
  EntitiesPage: S.EntitiesPage, Profile: S.Profile, Neighbourhood: S.Neighbourhood, DealsPage: S.DealsPage, ArticlesPage: S.ArticlesPage, Timeline: S.Timeline,
  Article: S.StoredArticle, QuotesPage: S.QuotesPage, EventsPage: S.EventsPage, Paths: S.Paths, Stats: S.Stats, IngestSummary: S.IngestSummary,
  Prices: S.Prices, DealStudy: S.DealStudy, EventStudy: S.EventStudy,
};

/** A JSON Schema as OpenAPI 3.1 embeds it: no `$schema` or `$id` of its own. */
function embed(s: unknown): unknown {
  const { $schema: _s, $id: _i, ...rest } = s as Record<string, unknown>;
  return rest;
}

function components(): Record<string, unknown> {
  const reg = z.registry<{ id: string }>();
  for (const [id, s] of Object.entries(NAMED)) reg.add(s, { id });
  const out = z.toJSONSchema(reg, { uri: (id) => REF + id }) as { schemas: Record<string, unknown> };
  return Object.fromEntries(Object.entries(out.schemas).map(([k, v]) => [k, embed(v)]));
}

const nameOf = (schema: z.ZodType): string => {
  const hit = Object.entries(NAMED).find(([, s]) => s === schema);
  if (!hit) throw new Error(`openapi: expected a named response schema, found none for a route`);
  return hit[0];
};

function params(schema: z.ZodObject, inPath: string[] = []): unknown[] {
  const js = z.toJSONSchema(schema, { io: 'input' }) as { properties?: Record<string, { description?: string }>; required?: string[] };
  const query = Object.entries(js.properties ?? {}).map(([name, s]) => ({
    name, in: 'query', required: (js.required ?? []).includes(name), ...(s.description ? { description: s.description } : {}), schema: s,
  }));
  return [...inPath.map((name) => ({ name, in: 'path', required: true, schema: { type: 'integer', minimum: 0 } })), ...query];
}
const error = (description: string) => ({ description, content: { 'application/json': { schema: { $ref: REF + 'Error' } } } });
const reads = (route: keyof S.Responses, description: string) => ({
  200: { description, content: { 'application/json': { schema: { $ref: REF + nameOf(S.Responses[route]) } } } },
  400: error('invalid input, with the reason'), 401: error('missing or wrong bearer token (when the server has one)'),
  403: error('an Origin other than the served page, or a write without a token on a server bound beyond loopback'),
  404: error('not found'), 413: error('request body (or article) over the size limit'),
  421: error('a Host header that does not name this server'),
});
/** Writes add: a body that is not JSON, an extraction over its deadline, all workers busy. */
const writes = (route: keyof S.Responses, description: string) => ({
  ...reads(route, description), 415: error('a Content-Type other than application/json'),
  422: error('the article could not be extracted within the deadline, or its HTML has no text'), 503: error('every extraction worker busy; retry after the Retry-After seconds'),
});

export function openApiDocument(): Record<string, unknown> {
  const schemas = components();
  schemas.ArticleRecord = {
    type: 'object', description: 'exactly one of text or html', additionalProperties: false,
    properties: { id: { type: 'string' }, url: { type: 'string' }, title: { type: 'string' }, published: { type: 'string' }, text: { type: 'string' }, html: { type: 'string' } },
  };
  const get = (route: keyof S.Responses, summary: string, parameters: unknown[], description: string) => ({ get: { summary, operationId: opId(route), parameters, responses: reads(route, description) } });
  return {
    openapi: '3.1.0',
    info: { title: 'dealgraph', version: '0.1.0', description: 'Companies, people, deals and their sources, from business news.' },
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } }, schemas },
    security: [{ bearer: [] }, {}],
    paths: {
      '/api/stats': get('GET /api/stats', 'How much the graph holds: articles, entities, facts, deals, and deals by status and type', [], 'the counts'),
      '/api/entities': get('GET /api/entities', 'Search entities by name or alias (exact, then prefix; most mentioned first)', params(Queries.entities), 'a page of entities'),
      '/api/entities/{id}': get('GET /api/entities/{id}', "An entity's profile: aliases, roles, deals, stakes, results, stock moves, quotes, merges", params(Queries.entity, ['id']), 'the profile'),
      '/api/entities/{id}/graph': get('GET /api/entities/{id}/graph', "An entity's neighbourhood: companies linked by deals, stakes and subsidiaries", params(Queries.graph, ['id']), 'nodes and edges'),
      '/api/entities/{id}/articles': get('GET /api/entities/{id}/articles', 'The articles that name an entity, newest first', params(Queries.articles, ['id']), 'a page of articles'),
      '/api/deals': get('GET /api/deals', 'Deals, filtered by party, type, status and dates, newest first; as_of answers what was known on that date', params(Queries.deals), 'a page of deals with the total'),
      '/api/deals/{id}': get('GET /api/deals/{id}', "A deal's parties, value and status timeline, each step quoting its sentence", params(Queries.deal, ['id']), 'the deal and its steps'),
      '/api/articles': {
        ...get('GET /api/articles', 'Articles, newest first', params(Queries.articles), 'a page of articles'),
        post: {
          summary: 'Ingest one article record or a JSON array of them (idempotent)', operationId: opId('POST /api/articles'),
          requestBody: { required: true, content: { 'application/json': { schema: { oneOf: [{ $ref: REF + 'ArticleRecord' }, { type: 'array', items: { $ref: REF + 'ArticleRecord' } }] } } } },
          responses: {
            ...writes('POST /api/articles', 'an ingest summary'),
            400: { description: 'invalid input with the reason, or every item failed (the summary, with each reason)', content: { 'application/json': { schema: { oneOf: [{ $ref: REF + 'Error' }, { $ref: REF + 'IngestSummary' }] } } } },
          },
        },
      },
      '/api/articles/{id}': get('GET /api/articles/{id}', 'An article with its text, extraction, and the canonical entity of each extracted one', params(z.object({}), ['id']), 'the article'),
      '/api/quotes': get('GET /api/quotes', 'Quotes by a speaker', params(Queries.quotes), 'a page of quotes'),
      '/api/events': get('GET /api/events', "The event model's events, about an entity (name or id) and of a type, newest first", params(Queries.events), 'a page of events'),
      '/api/path': get('GET /api/path', 'How two entities are connected, shortest first', params(Queries.path), 'the paths'),
      '/api/extract': { post: {
        summary: 'Extract from text or HTML, without storing', operationId: opId('POST /api/extract'),
        requestBody: { required: true, content: { 'application/json': { schema: embed(z.toJSONSchema(Bodies.extract, { io: 'input' })) } } },
        responses: writes('POST /api/extract', 'the extraction'),
      } },
      '/api/entities/{id}/prices': get('GET /api/entities/{id}/prices', "An entity's closes against its index (days both have), with its dated facts and events and the abnormal return of each", params(MarketQueries.prices, ['id']), 'the series and events, or the reason there are none'),
      '/api/deals/{id}/study': get('GET /api/deals/{id}/study', "Event studies of a deal's steps: AR(0) and CAR over the window for each party with prices", params(MarketQueries.study, ['id']), 'each step with its parties and their studies'),
      '/api/events/{id}/study': get('GET /api/events/{id}/study', 'The event study of one stored event, for each party with prices', params(MarketQueries.study, ['id']), 'the event and its parties with their studies'),
    },
  };
}
const opId = (route: string) => route.toLowerCase().replace(/[{}]/g, '').replace(/[^a-z]+/g, '_').replace(/_$/, '');
