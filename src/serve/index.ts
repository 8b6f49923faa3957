/** The serve stage's public face: the HTTP API (and the page) over a store. */
export { createApi, type ServeOptions } from './api.js';
export { openApiDocument } from './openapi.js';
