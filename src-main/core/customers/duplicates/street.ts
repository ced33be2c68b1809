import { fold } from './text';

/**
 * Street addresses to one spelling: street types and directions abbreviated
 * ("Avenue" → "ave", "Straße"/"Str." → "str"), unit words unified, the house
 * number split off so "12 Oak Street" and "Oak St 12" agree.
 */
const TOKENS: Record<string, string> = {
  street: 'st', str: 'st', avenue: 'ave', av: 'ave', road: 'rd', drive: 'dr', lane: 'ln', boulevard: 'blvd', blvd: 'blvd',
  court: 'ct', place: 'pl', terrace: 'tce', terr: 'tce', crescent: 'cres', cresc: 'cres', circuit: 'cct', circle: 'cir', close: 'cl',
  square: 'sq', parkway: 'pkwy', highway: 'hwy', way: 'way', parade: 'pde', grove: 'gr', gardens: 'gdns', mount: 'mt',
  north: 'n', south: 's', east: 'e', west: 'w', northeast: 'ne', northwest: 'nw', southeast: 'se', southwest: 'sw',
  apartment: 'apt', suite: 'ste', unit: 'unit', flat: 'flat', floor: 'fl', building: 'bldg', number: '', no: '',
};

const STREET_TYPES = new Set(['st', 'ave', 'rd', 'dr', 'ln', 'blvd', 'ct', 'pl', 'tce', 'cres', 'cct', 'cir', 'cl', 'sq', 'pkwy', 'hwy', 'way', 'pde', 'gr', 'gdns', 'weg', 'gasse', 'allee', 'platz']);
/** The street-type word of a normalised street name ("oak st" → "st"), or '' (a different type is another street). */
export function streetType(name: string): string {
  const last = name.slice(name.lastIndexOf(' ') + 1);
  return STREET_TYPES.has(last) ? last : '';
}

export interface NormalStreet {
  /** Every token, abbreviated, in order: "12 oak st". */
  full: string;
  /** Numbers only (house, flat): "12". */
  number: string;
  /** Words only: "oak st". */
  name: string;
}

export function normaliseStreet(raw: string | null | undefined): NormalStreet {
  const folded = fold(raw)
    // German compounds: Hauptstraße / Hauptstrasse / Hauptstr. → haupt st
    .replace(/([a-z])(strasse|str)\b/g, '$1 st');
  if (!folded) return { full: '', number: '', name: '' };
  const words: string[] = [];
  const numbers: string[] = [];
  for (const t of folded.split(' ')) {
    const mapped = t in TOKENS ? TOKENS[t]! : t;
    if (!mapped) continue;
    if (/^\d+[a-z]?$/.test(mapped)) numbers.push(mapped);
    else words.push(mapped);
  }
  return { full: [...numbers, ...words].join(' '), number: numbers.join(' '), name: words.join(' ') };
}

/** Postcodes compare without spaces or case: "sw1a 1aa" = "SW1A1AA". */
export const normalisePostcode = (raw: string | null | undefined): string => (raw ? raw.toUpperCase().replace(/[^0-9A-Z]/g, '') : '');
