/**
 * Who may talk to the server, and what every response says about itself.
 * Another web page must not be able to write (CSRF) or to read through a
 * rebound DNS name: writes need a JSON body (a cross-origin form or no-cors
 * fetch cannot send one), an `Origin` must be the served origin, the `Host`
 * must name this server, and a server reachable beyond loopback takes writes
 * only with a token.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { DealgraphError } from '../errors.js';

export class HttpError extends Error {
  constructor(readonly status: number, message: string, readonly headers: Record<string, string> = {}) { super(message); }
}

export const isLoopback = (addr: string): boolean => addr === '::1' || addr === 'localhost' || /^(::ffff:)?127\./.test(addr);
const isWildcard = (addr: string): boolean => addr === '0.0.0.0' || addr === '::' || addr === '';

/** A token must be something: an empty one would silently turn authentication off. */
export function checkToken(token: string | undefined, from: string): string | undefined {
  if (token === undefined) return undefined;
  if (token.trim() === '') throw new DealgraphError(`${from}: expected a non-empty token, found an empty one`);
  return token;
}

/** The page's own inline script is allowed by its hash; nothing else runs, nothing loads from elsewhere. */
export function contentSecurityPolicy(page: string): string {
  const hashes = [...page.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => `'sha256-${createHash('sha256').update(m[1]).digest('base64')}'`);
  return [
    "default-src 'none'", `script-src 'self' ${hashes.join(' ')}`.trim(), "style-src 'self' 'unsafe-inline'", "img-src 'self' data:",
    "connect-src 'self'", "base-uri 'none'", "form-action 'none'", "frame-ancestors 'none'",
  ].join('; ');
}

export function securityHeaders(csp: string): Record<string, string> {
  return {
    'content-security-policy': csp, 'x-frame-options': 'DENY', 'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer', 'cross-origin-resource-policy': 'same-origin',
  };
}

/**
 * The Host header must name this server: a loopback name (or the bound
 * address, or a name given with `hosts`) with the port it listens on. With a
 * wildcard bind the names are unknown, so any Host passes (writes then need a
 * token anyway).
 */
export function checkHost(req: IncomingMessage, bound: string, hosts: readonly string[]): void {
  if (isWildcard(bound)) return;
  const host = (req.headers.host ?? '').toLowerCase();
  const port = req.socket.localPort;
  const names = new Set([...hosts, bound.includes(':') ? `[${bound}]` : bound].map((h) => h.toLowerCase()));
  if (isLoopback(bound)) for (const n of ['localhost', '127.0.0.1', '[::1]']) names.add(n);
  const m = /^(\[[0-9a-f:.]+\]|[^:[\]]+)(?::(\d+))?$/.exec(host);
  const ok = m && names.has(m[1]) && (m[2] === undefined ? port === 80 : Number(m[2]) === port);
  if (!ok) throw new HttpError(421, `dealgraph: Host: expected this server (${[...names].join(', ')} port ${port}), found ${JSON.stringify(req.headers.host ?? '')}`);
}

/** A request from a web page must come from the page this server serves. */
export function checkOrigin(req: IncomingMessage): void {
  const origin = req.headers.origin;
  if (origin === undefined) return;
  const host = req.headers.host ?? '';
  if (origin !== `http://${host}` && origin !== `https://${host}`) {
    throw new HttpError(403, `dealgraph: Origin: expected http://${host}, found ${JSON.stringify(origin)}`);
  }
}

/** Every API call needs the bearer token when the server has one (compared in constant time). */
export function checkBearer(req: IncomingMessage, token: string | undefined): void {
  if (token === undefined) return;
  const given = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? '';
  const digest = (s: string) => createHash('sha256').update(s).digest();
  if (!timingSafeEqual(digest(given), digest(token))) {
    throw new HttpError(401, 'dealgraph: expected an Authorization: Bearer <token> header, found none or another token', { 'www-authenticate': 'Bearer' });
  }
}

/** Writes: a JSON body, and a token when anyone beyond this machine can connect. */
export function checkWrite(req: IncomingMessage, bound: string, token: string | undefined): void {
  const type = (req.headers['content-type'] ?? '').toLowerCase();
  const [media, ...params] = type.split(';').map((s) => s.trim());
  const charset = params.find((p) => p.startsWith('charset='))?.slice(8).replace(/"/g, '');
  if (media !== 'application/json' || (charset !== undefined && charset !== 'utf-8')) {
    throw new HttpError(415, `dealgraph: Content-Type: expected application/json (UTF-8), found ${JSON.stringify(req.headers['content-type'] ?? 'none')}`);
  }
  if (token === undefined && !isLoopback(bound)) {
    throw new HttpError(403, `dealgraph: expected a token for writes on a server bound to ${bound} (reachable beyond this machine; start it with --token, --token-file or DEALGRAPH_TOKEN), found none`);
  }
}
