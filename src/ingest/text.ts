/**
 * Reading one input as text, with the checks every command shares: it must
 * exist, be non-empty, be text (not binary), and not exceed the size limit.
 * Errors name the input and say what was expected.
 */
import { readFileSync, statSync } from 'node:fs';
import { DealgraphError } from '../errors.js';

/** Largest input read as one article (a 50 MB "article" is refused, not processed). */
export const MAX_ARTICLE_BYTES = 25 * 1024 * 1024;

export interface TextInput {
  source: string;
  text: string;
  encoding: 'utf-8' | 'latin1' | 'utf-16le' | 'utf-16be';
}

/** Decodes bytes as text: UTF-8, or Latin-1 when they are not valid UTF-8 (old wire files). */
export function decodeText(bytes: Buffer, source: string, opts: { latin1?: boolean } = {}): TextInput {
  if (bytes.length === 0) throw new DealgraphError('expected text, found an empty input', source);
  if (bytes.length > MAX_ARTICLE_BYTES) {
    throw new DealgraphError(`expected an article of at most ${MAX_ARTICLE_BYTES / 1024 / 1024} MB, found ${(bytes.length / 1024 / 1024).toFixed(1)} MB`, source);
  }
  // UTF-16 announces itself with a byte-order mark (and is full of NUL bytes, so it must be decoded before the binary check).
  const utf16 = bytes[0] === 0xff && bytes[1] === 0xfe ? 'utf-16le' : bytes[0] === 0xfe && bytes[1] === 0xff ? 'utf-16be' : null;
  if (utf16) return decodeUtf16(bytes, utf16, source);
  // Binary data: a NUL byte, or many control characters, in the first 64 KB.
  const head = bytes.subarray(0, 65536);
  let control = 0;
  for (let i = 0; i < head.length; i++) {
    const b = head[i];
    if (b === 0) throw new DealgraphError(`expected text, found binary data (a NUL byte at offset ${i})`, source);
    if (b < 32 && b !== 9 && b !== 10 && b !== 13 && b !== 12) control++;
  }
  if (control > head.length / 10) throw new DealgraphError(`expected text, found binary data (${control} control bytes in the first ${head.length})`, source);
  let text: string;
  let encoding: TextInput['encoding'] = 'utf-8';
  if (opts.latin1) { text = bytes.toString('latin1'); encoding = 'latin1'; }
  else {
    try { text = new TextDecoder('utf-8', { fatal: true }).decode(bytes); }
    catch { text = bytes.toString('latin1'); encoding = 'latin1'; }
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  }
  if (text.trim() === '') throw new DealgraphError('expected text, found only white space', source);
  return { source, text, encoding };
}

/** UTF-16 text after its byte-order mark; refused when it is not valid UTF-16 or holds binary control characters. */
function decodeUtf16(bytes: Buffer, encoding: 'utf-16le' | 'utf-16be', source: string): TextInput {
  let text: string;
  try { text = new TextDecoder(encoding, { fatal: true }).decode(bytes.subarray(2)); }
  catch { throw new DealgraphError(`expected text, found bytes that are not valid ${encoding.toUpperCase()} after its byte-order mark`, source); }
  const head = text.slice(0, 65536);
  let control = 0;
  for (let i = 0; i < head.length; i++) {
    const c = head.charCodeAt(i);
    if (c === 0) throw new DealgraphError(`expected text, found binary data (a NUL character at ${encoding.toUpperCase()} offset ${i})`, source);
    if (c < 32 && c !== 9 && c !== 10 && c !== 13 && c !== 12) control++;
  }
  if (control > head.length / 10) throw new DealgraphError(`expected text, found binary data (${control} control characters in the first ${head.length})`, source);
  if (text.trim() === '') throw new DealgraphError('expected text, found only white space', source);
  return { source, text, encoding: encoding };
}

/** Reads a file (or standard input for `-`) as text. */
export function readTextInput(path: string, opts: { latin1?: boolean } = {}): TextInput {
  if (path === '-') return decodeText(readFileSync(0), '<stdin>', opts);
  let size: number;
  try {
    const st = statSync(path);
    if (st.isDirectory()) throw new DealgraphError('expected a file, found a directory', path);
    size = st.size;
  } catch (e) {
    if (e instanceof DealgraphError) throw e;
    throw new DealgraphError(`expected a readable file, found ${(e as NodeJS.ErrnoException).code ?? String(e)}`, path);
  }
  if (size > MAX_ARTICLE_BYTES) {
    throw new DealgraphError(`expected an article of at most ${MAX_ARTICLE_BYTES / 1024 / 1024} MB, found ${(size / 1024 / 1024).toFixed(1)} MB`, path);
  }
  return decodeText(readFileSync(path), path, { latin1: opts.latin1 ?? /\.sgm$/i.test(path) });
}
