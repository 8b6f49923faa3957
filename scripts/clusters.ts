/**
 * Learns unsupervised word clusters for the NER tagger's cluster features
 * (cf. Brown clusters in Ratinov & Roth 2009) from unlabeled news text:
 * Reuters-21578 titles and bodies, the words (not the labels) of CoNLL-2003
 * eng.train, and SENTiVENT dev text. Never eng.testa / eng.testb.
 *
 * Method: the exchange algorithm for a class bigram model (Kneser & Ney 1993;
 * Martin, Liermann & Ney 1998), run independently at three granularities.
 * Each word w in turn is taken out of its class and put into the class that
 * maximises the class-bigram log-likelihood
 *   LL = Σ_{c,d} N(c,d) log N(c,d) − Σ_c N_l(c) log N_l(c) − Σ_d N_r(d) log N_r(d) + const,
 * which needs only w's neighbour-class counts and the dense class-bigram
 * matrix. Words seen fewer than MIN_COUNT times are not clustered: they are
 * mapped to a few fixed pseudo-words (by shape) that, with the sequence
 * boundary, sit in fixed classes that the algorithm never moves.
 *
 * Deterministic: frequency-ranked initialisation, fixed visiting order, no
 * randomness, no time-based stopping.
 *
 * Output (models/word-clusters.tsv, or --out PATH):
 *   # word-clusters v1: <method>, <granularities>, <vocab> words, <tokens> tokens, <s>s
 *   word<TAB>c_coarse<TAB>c_mid<TAB>c_fine      (sorted by word, code-unit order)
 * Words are normalised as `lowercase, every digit → 0`; use `normalizeWord`
 * (same rule) when looking them up. Class ids are ranked by class frequency
 * (0 = most frequent class at that granularity).
 *
 * Run: npx tsc -p tsconfig.json && node dist/scripts/clusters.js [--out PATH]
 *      [--iters N] [--granularities 64,256,1000] [--min-count 3]
 */
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { readReutersFile } from '../src/ingest/reuters.js';
import { corpusPath, reutersFiles, REPO_ROOT } from '../src/ingest/corpora.js';

// ---------------------------------------------------------------- options

function argValue(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 && i + 1 < process.argv.length ? process.argv[i + 1] : undefined;
}

const OUT = argValue('--out') ?? join(REPO_ROOT, 'models', 'word-clusters.tsv');
const GRANULARITIES = (argValue('--granularities') ?? '64,256,1000').split(',').map((s) => Number(s));
const MAX_ITERS = Number(argValue('--iters') ?? 30);
const MIN_COUNT = Number(argValue('--min-count') ?? 3);
/** Stop once an iteration moves fewer than this fraction of the words. */
const MIN_MOVED_FRACTION = 0.002;
/** Limit the text (tokens) for quick timing runs; 0 = all. */
const TOKEN_LIMIT = Number(argValue('--limit') ?? 0);

// ---------------------------------------------------------------- tokenizer

const EDGE_PUNCT = /[\p{P}\p{S}]/u;
/** Abbreviations whose final period is part of the token (as in CoNLL-2003). */
const ABBREV = new Set([
  'inc', 'corp', 'co', 'cos', 'ltd', 'bros', 'st', 'mr', 'mrs', 'ms', 'dr', 'jr', 'sr', 'prof', 'gen', 'col', 'lt',
  'sgt', 'capt', 'gov', 'sen', 'rep', 'rev', 'vs', 'dept', 'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep',
  'sept', 'oct', 'nov', 'dec', 'calif', 'fla', 'conn', 'mich', 'minn', 'wis', 'tex', 'ariz', 'colo', 'okla', 'kan',
  'neb', 'tenn', 'ky', 'ala', 'ga', 'md', 'nev', 'etc', 'ave', 'blvd', 'mt', 'ft',
]);
const CLITIC = /^(.+?)('s|'S|n't|N'T|'re|'RE|'ve|'VE|'ll|'LL|'m|'M|'d|'D)$/;

/**
 * Simple tokenizer: whitespace split, punctuation peeled off word edges (one
 * token per mark; runs of periods stay together), `'s`/`n't`-style clitics
 * split off, internal `.`/`-`/`&`/`'` kept (`U.S.`, `Anglo-Dutch`, `AT&T`), and
 * a final period kept on initials, dotted abbreviations and a short list of
 * common ones (`Corp.`, `Inc.`, `Calif.`).
 */
export function tokenize(text: string): string[] {
  const out: string[] = [];
  for (const raw of text.split(/\s+/)) {
    if (raw === '') continue;
    let s = 0;
    let e = raw.length;
    const head: string[] = [];
    while (s < e && EDGE_PUNCT.test(raw[s])) {
      if (raw[s] === '.' && raw[s + 1] === '.') {
        let j = s;
        while (j < e && raw[j] === '.') j++;
        head.push(raw.slice(s, j));
        s = j;
      } else {
        head.push(raw[s]);
        s++;
      }
    }
    const tail: string[] = [];
    while (e > s && EDGE_PUNCT.test(raw[e - 1])) {
      const ch = raw[e - 1];
      if (ch === '.') {
        if (raw[e - 2] === '.') {
          let j = e;
          while (j > s && raw[j - 1] === '.') j--;
          tail.push(raw.slice(j, e));
          e = j;
          continue;
        }
        const stem = raw.slice(s, e - 1);
        if (stem.length > 0 && (/^\p{L}$/u.test(stem) || /\p{L}\.\p{L}/u.test(stem) || ABBREV.has(stem.toLowerCase()))) break;
      }
      tail.push(ch);
      e--;
    }
    out.push(...head);
    if (s < e) {
      const word = raw.slice(s, e);
      const m = CLITIC.exec(word);
      if (m) out.push(...tokenize(m[1]), m[2]);
      else out.push(word);
    }
    for (let i = tail.length - 1; i >= 0; i--) out.push(tail[i]);
  }
  return out;
}

/** The normalisation the cluster file is keyed by: lowercase, every digit → 0. */
export function normalizeWord(w: string): string {
  return w.toLowerCase().replace(/\d/g, '0');
}

// ---------------------------------------------------------------- corpus

const BOUNDARY = '<s>';
/** Pseudo-words for rare words, by shape of the original token. */
const UNK_CAP = '<unk-cap>';
const UNK_LOW = '<unk-low>';
const UNK_NUM = '<unk-num>';
const UNK_OTHER = '<unk-other>';
const FIXED = [BOUNDARY, UNK_CAP, UNK_LOW, UNK_NUM, UNK_OTHER];

function unkOf(orig: string): string {
  if (/\d/.test(orig)) return UNK_NUM;
  if (/^\p{Lu}/u.test(orig)) return UNK_CAP;
  if (/^\p{Ll}/u.test(orig)) return UNK_LOW;
  return UNK_OTHER;
}

/** All sequences (titles, bodies, sentences), each a list of original-case tokens. */
function readSequences(): string[][] {
  const seqs: string[][] = [];
  for (const f of reutersFiles()) {
    for (const a of readReutersFile(f).articles) {
      if (a.title) seqs.push(tokenize(a.title));
      // Paragraphs are indented; treat each as a sequence.
      for (const para of a.body.split(/\n(?=\s)/)) {
        const t = tokenize(para);
        if (t.length) seqs.push(t);
      }
    }
  }
  let sent: string[] = [];
  for (const line of readFileSync(corpusPath('conll2003', 'eng.train'), 'utf8').split('\n')) {
    const w = line.split(' ')[0];
    if (w === '' || w === '-DOCSTART-') {
      if (sent.length) seqs.push(sent);
      sent = [];
    } else sent.push(w);
  }
  if (sent.length) seqs.push(sent);
  const sv = corpusPath('sentivent', 'sentivent-dev.jsonl');
  if (existsSync(sv)) {
    for (const line of readFileSync(sv, 'utf8').split('\n')) {
      if (!line.trim()) continue;
      const text = (JSON.parse(line) as { text?: string }).text ?? '';
      for (const l of text.split('\n')) {
        const t = tokenize(l);
        if (t.length) seqs.push(t);
      }
    }
  }
  return seqs;
}

// ---------------------------------------------------------------- bigram statistics

interface Data {
  /** words[0..V-1]: clusterable words by descending frequency (ties by code-unit order), then the FIXED pseudo-words. */
  words: string[];
  V: number;
  nTokens: number;
  nBigrams: number;
  /** Right neighbours of each word (CSR, self-bigram excluded), left neighbours likewise. */
  rStart: Int32Array; rWord: Int32Array; rCnt: Int32Array;
  lStart: Int32Array; lWord: Int32Array; lCnt: Int32Array;
  self: Int32Array;
  /** Count of the word as left / right element of a bigram. */
  asLeft: Int32Array; asRight: Int32Array;
}

function buildData(seqs: string[][]): Data {
  const freq = new Map<string, number>();
  let nTokens = 0;
  for (const s of seqs) for (const w of s) {
    const n = normalizeWord(w);
    freq.set(n, (freq.get(n) ?? 0) + 1);
    nTokens++;
  }
  const vocab = [...freq.entries()].filter(([, c]) => c >= MIN_COUNT).map(([w]) => w);
  vocab.sort((a, b) => (freq.get(b)! - freq.get(a)!) || (a < b ? -1 : a > b ? 1 : 0));
  const V = vocab.length;
  const words = [...vocab, ...FIXED];
  const W = words.length;
  const id = new Map<string, number>();
  words.forEach((w, i) => id.set(w, i));
  const bnd = id.get(BOUNDARY)!;

  // Bigram codes (left * W + right), sorted and run-length counted.
  let nBigrams = 0;
  for (const s of seqs) nBigrams += s.length + 1;
  const codes = new Float64Array(nBigrams);
  let k = 0;
  for (const s of seqs) {
    let prev = bnd;
    for (const w of s) {
      const n = normalizeWord(w);
      const cur = id.get(n) ?? id.get(unkOf(w))!;
      codes[k++] = prev * W + cur;
      prev = cur;
    }
    codes[k++] = prev * W + bnd;
  }
  codes.sort();
  const uL: number[] = [], uR: number[] = [], uC: number[] = [];
  for (let i = 0; i < nBigrams;) {
    let j = i;
    while (j < nBigrams && codes[j] === codes[i]) j++;
    uL.push(Math.floor(codes[i] / W));
    uR.push(codes[i] % W);
    uC.push(j - i);
    i = j;
  }
  const U = uL.length;
  const self = new Int32Array(W), asLeft = new Int32Array(W), asRight = new Int32Array(W);
  const rDeg = new Int32Array(W + 1), lDeg = new Int32Array(W + 1);
  for (let i = 0; i < U; i++) {
    asLeft[uL[i]] += uC[i];
    asRight[uR[i]] += uC[i];
    if (uL[i] === uR[i]) self[uL[i]] = uC[i];
    else { rDeg[uL[i] + 1]++; lDeg[uR[i] + 1]++; }
  }
  for (let i = 0; i < W; i++) { rDeg[i + 1] += rDeg[i]; lDeg[i + 1] += lDeg[i]; }
  const rStart = rDeg.slice(), lStart = lDeg.slice();
  const nn = rStart[W];
  const rWord = new Int32Array(nn), rCnt = new Int32Array(nn), lWord = new Int32Array(nn), lCnt = new Int32Array(nn);
  const rPos = rStart.slice(0, W), lPos = lStart.slice(0, W);
  for (let i = 0; i < U; i++) {
    if (uL[i] === uR[i]) continue;
    const a = uL[i], b = uR[i];
    rWord[rPos[a]] = b; rCnt[rPos[a]++] = uC[i];
    lWord[lPos[b]] = a; lCnt[lPos[b]++] = uC[i];
  }
  console.log(`tokens ${nTokens}, sequences ${seqs.length}, types ${freq.size}, vocab (count >= ${MIN_COUNT}) ${V}, distinct bigrams ${U}`);
  return { words, V, nTokens, nBigrams, rStart, rWord, rCnt, lStart, lWord, lCnt, self, asLeft, asRight };
}

// ---------------------------------------------------------------- exchange algorithm

/** Returns the class (0..C-1) of each clusterable word, ranked by class frequency. */
function exchange(d: Data, C: number, F: Float64Array): Int32Array {
  const { V, words } = d;
  const W = words.length;
  const K = C + FIXED.length;
  const cls = new Int32Array(W);
  // Initialisation: frequency rank modulo C (the C most frequent words each start a class).
  for (let w = 0; w < V; w++) cls[w] = w % C;
  for (let i = 0; i < FIXED.length; i++) cls[V + i] = C + i;

  const M = new Int32Array(K * K); // M[c*K+d] = N(c,d)
  const MT = new Int32Array(K * K); // transpose
  const Nl = new Int32Array(K), Nr = new Int32Array(K);
  for (let w = 0; w < W; w++) {
    const cw = cls[w];
    for (let i = d.rStart[w]; i < d.rStart[w + 1]; i++) M[cw * K + cls[d.rWord[i]]] += d.rCnt[i];
    M[cw * K + cw] += d.self[w];
    Nl[cw] += d.asLeft[w];
    Nr[cw] += d.asRight[w];
  }
  for (let c = 0; c < K; c++) for (let e = 0; e < K; e++) MT[e * K + c] = M[c * K + e];

  const logLik = (): number => {
    let ll = 0;
    for (let i = 0; i < K * K; i++) ll += F[M[i]];
    for (let c = 0; c < K; c++) ll -= F[Nl[c]] + F[Nr[c]];
    for (let w = 0; w < W; w++) ll += F[d.asRight[w]];
    return ll;
  };

  // Scratch: the current word's neighbour classes (dense accumulators + lists).
  const rAcc = new Int32Array(K), lAcc = new Int32Array(K);
  const rList = new Int32Array(K), rN = new Int32Array(K), lList = new Int32Array(K), lN = new Int32Array(K);

  let ll = logLik();
  console.log(`  C=${C} init: LL/bigram ${(ll / d.nBigrams).toFixed(4)}, perplexity ${Math.exp(-ll / d.nBigrams).toFixed(1)}`);
  for (let it = 1; it <= MAX_ITERS; it++) {
    const t0 = Date.now();
    let moved = 0;
    for (let w = 0; w < V; w++) {
      const a = cls[w];
      // Gather neighbour-class counts.
      let nr = 0, nl = 0;
      for (let i = d.rStart[w]; i < d.rStart[w + 1]; i++) {
        const c = cls[d.rWord[i]];
        if (rAcc[c] === 0) rList[nr++] = c;
        rAcc[c] += d.rCnt[i];
      }
      for (let i = d.lStart[w]; i < d.lStart[w + 1]; i++) {
        const c = cls[d.lWord[i]];
        if (lAcc[c] === 0) lList[nl++] = c;
        lAcc[c] += d.lCnt[i];
      }
      for (let i = 0; i < nr; i++) rN[i] = rAcc[rList[i]];
      for (let i = 0; i < nl; i++) lN[i] = lAcc[lList[i]];
      const s = d.self[w], wl = d.asLeft[w], wr = d.asRight[w];

      // Remove w from a.
      for (let i = 0; i < nr; i++) { M[a * K + rList[i]] -= rN[i]; MT[rList[i] * K + a] -= rN[i]; }
      for (let i = 0; i < nl; i++) { M[lList[i] * K + a] -= lN[i]; MT[a * K + lList[i]] -= lN[i]; }
      M[a * K + a] -= s; MT[a * K + a] -= s;
      Nl[a] -= wl; Nr[a] -= wr;

      // Gain of inserting w into each class b.
      let best = a, bestGain = -Infinity, gainA = 0;
      for (let b = 0; b < C; b++) {
        const row = b * K;
        let g = 0;
        for (let i = 0; i < nr; i++) { const m = M[row + rList[i]]; g += F[m + rN[i]] - F[m]; }
        for (let i = 0; i < nl; i++) { const m = MT[row + lList[i]]; g += F[m + lN[i]] - F[m]; }
        const rb = rAcc[b], lb = lAcc[b];
        if (rb + lb + s > 0) { const m = M[row + b]; g += F[m + rb + lb + s] - F[m + rb] - F[m + lb] + F[m]; }
        g -= F[Nl[b] + wl] - F[Nl[b]] + F[Nr[b] + wr] - F[Nr[b]];
        if (b === a) gainA = g;
        if (g > bestGain) { bestGain = g; best = b; }
      }
      if (bestGain <= gainA + 1e-9) best = a;
      if (best !== a) moved++;

      // Insert w into best.
      const b = best;
      for (let i = 0; i < nr; i++) { M[b * K + rList[i]] += rN[i]; MT[rList[i] * K + b] += rN[i]; }
      for (let i = 0; i < nl; i++) { M[lList[i] * K + b] += lN[i]; MT[b * K + lList[i]] += lN[i]; }
      M[b * K + b] += s; MT[b * K + b] += s;
      Nl[b] += wl; Nr[b] += wr;
      cls[w] = b;

      for (let i = 0; i < nr; i++) rAcc[rList[i]] = 0;
      for (let i = 0; i < nl; i++) lAcc[lList[i]] = 0;
    }
    ll = logLik();
    const secs = (Date.now() - t0) / 1000;
    console.log(`  C=${C} iter ${it}: ${secs.toFixed(1)}s, moved ${moved}, LL/bigram ${(ll / d.nBigrams).toFixed(4)}, perplexity ${Math.exp(-ll / d.nBigrams).toFixed(1)}`);
    if (moved < MIN_MOVED_FRACTION * V) break;
  }

  // Rank classes by frequency (ties: smallest word id), renumber 0..
  const size = new Float64Array(C), first = new Int32Array(C).fill(V);
  for (let w = V - 1; w >= 0; w--) { size[cls[w]] += d.asRight[w]; first[cls[w]] = w; }
  const order = Array.from({ length: C }, (_, i) => i).sort((x, y) => (size[y] - size[x]) || (first[x] - first[y]));
  const rank = new Int32Array(C);
  order.forEach((c, r) => { rank[c] = r; });
  const out = new Int32Array(V);
  for (let w = 0; w < V; w++) out[w] = rank[cls[w]];
  return out;
}

// ---------------------------------------------------------------- main

function main(): void {
  const t0 = Date.now();
  let seqs = readSequences();
  if (TOKEN_LIMIT > 0) {
    const kept: string[][] = [];
    let n = 0;
    for (const s of seqs) { if (n >= TOKEN_LIMIT) break; kept.push(s); n += s.length; }
    seqs = kept;
  }
  const d = buildData(seqs);
  seqs = [];
  console.log(`read + counted in ${((Date.now() - t0) / 1000).toFixed(1)}s`);

  const F = new Float64Array(d.nBigrams + 1);
  for (let i = 1; i <= d.nBigrams; i++) F[i] = i * Math.log(i);

  const grans = [...GRANULARITIES].sort((x, y) => x - y);
  const results: Int32Array[] = [];
  for (const C of grans) {
    const tc = Date.now();
    results.push(exchange(d, C, F));
    console.log(`C=${C} done in ${((Date.now() - tc) / 1000).toFixed(1)}s`);
  }
  const secs = Math.round((Date.now() - t0) / 1000);

  const idx = Array.from({ length: d.V }, (_, i) => i)
    .sort((x, y) => (d.words[x] < d.words[y] ? -1 : d.words[x] > d.words[y] ? 1 : 0));
  const lines = [`# word-clusters v1: exchange algorithm (class bigram model), ${grans.join('/')} classes, ${d.V} words, ${d.nTokens} tokens, ${secs}s`];
  for (const w of idx) lines.push([d.words[w], ...results.map((r) => r[w])].join('\t'));
  mkdirSync(dirname(OUT), { recursive: true });
  const text = lines.join('\n') + '\n';
  writeFileSync(OUT, text);
  console.log(`wrote ${OUT}: ${d.V} words, ${(Buffer.byteLength(text) / 1024).toFixed(0)} KB, total ${secs}s`);

  // Sanity check: other words in each probe word's finest class (most frequent first).
  const fine = results[results.length - 1];
  const wid = new Map<string, number>();
  for (let w = 0; w < d.V; w++) wid.set(d.words[w], w);
  for (const p of ['monday', 'january', 'london', 'ibm', 'said', 'billion', 'john', 'corp', 'shares', 'french']) {
    const w = wid.get(p);
    if (w === undefined) { console.log(`  ${p}: (not in vocabulary)`); continue; }
    const nb: string[] = [];
    for (let v = 0; v < d.V && nb.length < 8; v++) if (v !== w && fine[v] === fine[w]) nb.push(d.words[v]);
    console.log(`  ${p} [${results.map((r) => r[w]).join('/')}]: ${nb.join(' ')}`);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) main();
