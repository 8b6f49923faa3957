/** The OpenAPI 3 document, generated from the zod schemas the API validates with. */
import { z } from 'zod';
import { Bodies, Queries } from './api.js';
import { Extraction } from '../extract/schema.js';
import { MarketQueries } from './market-api.js';

function params(schema: z.ZodObject, inPath: string[] = []): unknown[] {
  const js = z.toJSONSchema(schema, { io: 'input' }) as { properties?: Record<string, unknown>; required?: string[] };
  const query = Object.entries(js.properties ?? {}).map(([name, s]) => ({ name, in: 'query', required: (js.required ?? []).includes(name), schema: s }));
  return [...inPath.map((name) => ({ name, in: 'path', required: true, schema: { type: 'integer' } })), ...query];
}
const ok = (description: string, schema: unknown = { type: 'object' }) => ({
  200: { description, content: { 'application/json': { schema } } },
  400: { description: 'invalid input, with the reason' }, 401: { description: 'missing or wrong bearer token (when the server has one)' },
  403: { description: 'an Origin other than the served page, or a write without a token on a server bound beyond loopback' },
  404: { description: 'not found' }, 413: { description: 'request body (or article) over the size limit' },
  421: { description: 'a Host header that does not name this server' },
});
/** Writes add: a body that is not JSON, an extraction over its deadline, all workers busy. */
const write = (description: string, schema?: unknown) => ({
  ...ok(description, schema), 415: { description: 'a Content-Type other than application/json' },
  422: { description: 'the article could not be extracted within the deadline, or its HTML has no text' }, 503: { description: 'every extraction worker busy; retry after the Retry-After seconds' },
});

export function openApiDocument(): unknown {
  return {
    openapi: '3.0.3',
    info: { title: 'dealgraph', version: '0.1.0', description: 'Companies, people, deals and their sources, from business news.' },
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } }, schemas: {
      Extraction: z.toJSONSchema(Extraction, { target: 'openapi-3.0' }),
      ArticleRecord: { type: 'object', properties: { id: { type: 'string' }, url: { type: 'string' }, title: { type: 'string' }, published: { type: 'string' }, text: { type: 'string' }, html: { type: 'string' } }, description: 'exactly one of text or html' },
    } },
    security: [{ bearer: [] }, {}],
    paths: {
      '/api/entities': { get: { summary: 'Search entities by name or alias (exact, then prefix; most mentioned first)', parameters: params(Queries.entities), responses: ok('a page of entities: { items, next }') } },
      '/api/entities/{id}': { get: { summary: "An entity's profile: aliases, roles, deals, stakes, results, stock moves, quotes, merges", parameters: params(Queries.entity, ['id']), responses: ok('the profile') } },
      '/api/entities/{id}/graph': { get: { summary: "An entity's neighbourhood: companies linked by deals, stakes and subsidiaries", parameters: params(Queries.graph, ['id']), responses: ok('{ nodes, edges }') } },
      '/api/deals': { get: { summary: 'Deals, filtered; as_of answers what was known on that date', parameters: params(Queries.deals), responses: ok('a page of deals: { items, next }') } },
      '/api/deals/{id}': { get: { summary: "A deal's status timeline, each step quoting its sentence", parameters: params(Queries.deal, ['id']), responses: ok('{ deal, steps }') } },
      '/api/articles/{id}': { get: { summary: 'An article with its text and extraction', parameters: params(z.object({}), ['id']), responses: ok('the article') } },
      '/api/quotes': { get: { summary: 'Quotes by a speaker', parameters: params(Queries.quotes), responses: ok('a page of quotes') } },
      '/api/events': { get: { summary: "The event model's events, about an entity (name or id) and of a type, newest first", parameters: params(Queries.events), responses: ok('a page of events') } },
      '/api/entities/{id}/prices': { get: { summary: "An entity's closes against its index (days both have), with its dated facts and events and the abnormal return of each", parameters: params(MarketQueries.prices, ['id']), responses: ok('{ entity, symbol, index, links, series: { dates, close, index } | null, events, reason? }') } },
      '/api/deals/{id}/study': { get: { summary: "Event studies of a deal's steps: AR(0) and CAR over the window for each party with prices", parameters: params(MarketQueries.study, ['id']), responses: ok('{ deal, steps: [{ fact, date, status, parties: [{ name, role, symbol, study | null, reason? }] }] }') } },
      '/api/events/{id}/study': { get: { summary: 'The event study of one stored event, for each party with prices', parameters: params(MarketQueries.study, ['id']), responses: ok('{ event, parties }') } },
      '/api/path': { get: { summary: 'How two entities are connected, shortest first', parameters: params(Queries.path), responses: ok('{ paths }') } },
      '/api/extract': { post: { summary: 'Extract from text or HTML, without storing', requestBody: { required: true, content: { 'application/json': { schema: z.toJSONSchema(Bodies.extract, { io: 'input' }) } } }, responses: write('the extraction', { $ref: '#/components/schemas/Extraction' }) } },
      '/api/articles': { post: { summary: 'Ingest one article record or a JSON array of them (idempotent)', requestBody: { required: true, content: { 'application/json': { schema: { oneOf: [{ $ref: '#/components/schemas/ArticleRecord' }, { type: 'array', items: { $ref: '#/components/schemas/ArticleRecord' } }] } } } }, responses: write('an ingest summary') } },
    },
  };
}
