import { luhnValid } from '../../../src-shared/security/pan';
import type { Rng } from './random';

/**
 * Where demo customers live: five countries with real cities, each country's
 * postcode and street conventions, phone numbering plans (so E.164 and local
 * spellings of one number can both appear) and a sales-tax rate.
 */

export type CountryCode = 'US' | 'GB' | 'DE' | 'CA' | 'AU';

export interface City {
  name: string;
  region: string;
  weight: number;
  /** Postcode seeds: ZIP prefixes, outward codes, FSAs or "lo-hi" ranges, depending on the country. */
  posts: string[];
  /** Landline area codes (national, without the trunk 0). */
  areas: string[];
  /** Sales tax / VAT in thousandths of a percent (8875 = 8.875 %). */
  taxMilli: number;
}

export interface Country {
  code: CountryCode;
  /** Share of customers living there. */
  share: number;
  dial: string;
  cities: City[];
  /** Whether shipping is taxed like goods (VAT/GST countries). */
  shippingTaxed: boolean;
  /** Flat shipping in cents before currency scaling. */
  shippingCents: number;
}

const c = (name: string, region: string, weight: number, posts: string, areas: string, taxMilli: number): City => ({
  name,
  region,
  weight,
  posts: posts.split(' '),
  areas: areas.split(' '),
  taxMilli,
});

export const COUNTRIES: Country[] = [
  {
    code: 'US',
    share: 0.55,
    dial: '1',
    shippingTaxed: false,
    shippingCents: 695,
    cities: [
      c('New York', 'NY', 84, '100 101 102', '212 646 917', 8875),
      c('Brooklyn', 'NY', 26, '112', '718 347', 8875),
      c('Los Angeles', 'CA', 39, '900 900 913', '213 323 310', 9500),
      c('San Francisco', 'CA', 9, '941', '415 628', 8625),
      c('San Diego', 'CA', 14, '921', '619 858', 7750),
      c('Chicago', 'IL', 27, '606', '312 773', 10250),
      c('Houston', 'TX', 23, '770', '713 281 832', 8250),
      c('Austin', 'TX', 10, '787', '512 737', 8250),
      c('Dallas', 'TX', 13, '752', '214 469 972', 8250),
      c('Phoenix', 'AZ', 16, '850', '602 480', 8600),
      c('Philadelphia', 'PA', 16, '191', '215 267', 8000),
      c('Pittsburgh', 'PA', 3, '152', '412', 7000),
      c('Seattle', 'WA', 7, '981', '206', 10350),
      c('Portland', 'OR', 6, '972', '503 971', 0),
      c('Denver', 'CO', 7, '802', '303 720', 8810),
      c('Boston', 'MA', 7, '021', '617 857', 6250),
      c('Atlanta', 'GA', 5, '303', '404 470', 8900),
      c('Miami', 'FL', 5, '331', '305 786', 7000),
      c('Minneapolis', 'MN', 4, '554', '612', 8025),
      c('Nashville', 'TN', 7, '372', '615', 9250),
      c('Columbus', 'OH', 9, '432', '614', 7500),
      c('Detroit', 'MI', 6, '482', '313', 6000),
      c('Charlotte', 'NC', 9, '282', '704 980', 7250),
      c('Raleigh', 'NC', 5, '276', '919', 7250),
      c('Salt Lake City', 'UT', 2, '841', '801 385', 7750),
      c('Las Vegas', 'NV', 6, '891', '702 725', 8375),
      c('Baltimore', 'MD', 6, '212', '410 443', 6000),
      c('Kansas City', 'MO', 5, '641', '816', 8600),
      c('Anchorage', 'AK', 3, '995', '907', 0),
      c('Wilmington', 'DE', 1, '198', '302', 0),
    ],
  },
  {
    code: 'GB',
    share: 0.15,
    dial: '44',
    shippingTaxed: true,
    shippingCents: 495,
    cities: [
      c('London', 'England', 90, 'SW1A SW11 SE15 SE1 E1 E8 N7 N1 NW3 W2 W11 EC1V WC2H', '20', 20000),
      c('Manchester', 'England', 12, 'M1 M4 M14 M20', '161', 20000),
      c('Birmingham', 'England', 11, 'B1 B15 B29', '121', 20000),
      c('Leeds', 'England', 8, 'LS1 LS6 LS11', '113', 20000),
      c('Glasgow', 'Scotland', 6, 'G1 G12 G41', '141', 20000),
      c('Edinburgh', 'Scotland', 5, 'EH1 EH3 EH10', '131', 20000),
      c('Bristol', 'England', 5, 'BS1 BS6 BS8', '117', 20000),
      c('Liverpool', 'England', 5, 'L1 L8 L17', '151', 20000),
      c('Cardiff', 'Wales', 4, 'CF10 CF11 CF24', '29', 20000),
      c('Belfast', 'Northern Ireland', 3, 'BT1 BT7 BT9', '28', 20000),
      c('Newcastle upon Tyne', 'England', 3, 'NE1 NE2 NE6', '191', 20000),
      c('Sheffield', 'England', 5, 'S1 S10 S11', '114', 20000),
      c('Nottingham', 'England', 3, 'NG1 NG5 NG7', '115', 20000),
      c('Brighton', 'England', 3, 'BN1 BN2 BN3', '1273', 20000),
      c('Oxford', 'England', 2, 'OX1 OX2 OX4', '1865', 20000),
      c('Cambridge', 'England', 2, 'CB1 CB2 CB4', '1223', 20000),
    ],
  },
  {
    code: 'DE',
    share: 0.12,
    dial: '49',
    shippingTaxed: true,
    shippingCents: 595,
    cities: [
      c('Berlin', 'Berlin', 37, '10115-14199', '30', 19000),
      c('Hamburg', 'Hamburg', 18, '20095-22769', '40', 19000),
      c('München', 'Bayern', 15, '80331-81929', '89', 19000),
      c('Köln', 'Nordrhein-Westfalen', 11, '50667-51149', '221', 19000),
      c('Frankfurt am Main', 'Hessen', 8, '60306-60599', '69', 19000),
      c('Stuttgart', 'Baden-Württemberg', 6, '70173-70619', '711', 19000),
      c('Düsseldorf', 'Nordrhein-Westfalen', 6, '40210-40629', '211', 19000),
      c('Leipzig', 'Sachsen', 6, '04103-04357', '341', 19000),
      c('Dresden', 'Sachsen', 5, '01067-01328', '351', 19000),
      c('Hannover', 'Niedersachsen', 5, '30159-30669', '511', 19000),
      c('Nürnberg', 'Bayern', 5, '90402-90491', '911', 19000),
      c('Bremen', 'Bremen', 5, '28195-28779', '421', 19000),
    ],
  },
  {
    code: 'CA',
    share: 0.1,
    dial: '1',
    shippingTaxed: true,
    shippingCents: 1295,
    cities: [
      c('Toronto', 'ON', 28, 'M5V M4C M6K M5A M4Y', '416 647', 13000),
      c('Montréal', 'QC', 18, 'H2X H3A H2T H4A', '514 438', 14975),
      c('Vancouver', 'BC', 7, 'V6B V5K V6K', '604 778', 12000),
      c('Calgary', 'AB', 13, 'T2P T3A T2R', '403 587', 5000),
      c('Edmonton', 'AB', 10, 'T5J T6E T5K', '780 587', 5000),
      c('Ottawa', 'ON', 10, 'K1P K2P K1S', '613 343', 13000),
      c('Winnipeg', 'MB', 7, 'R3C R2M R3T', '204 431', 12000),
      c('Halifax', 'NS', 4, 'B3H B3J B3K', '902 782', 14000),
      c('Québec', 'QC', 5, 'G1R G1K G1S', '418 581', 14975),
      c('Victoria', 'BC', 3, 'V8W V8V V9A', '250 778', 12000),
    ],
  },
  {
    code: 'AU',
    share: 0.08,
    dial: '61',
    shippingTaxed: true,
    shippingCents: 1495,
    cities: [
      c('Sydney', 'NSW', 52, '2000-2234', '2', 10000),
      c('Melbourne', 'VIC', 50, '3000-3207', '3', 10000),
      c('Brisbane', 'QLD', 25, '4000-4179', '7', 10000),
      c('Perth', 'WA', 21, '6000-6199', '8', 10000),
      c('Adelaide', 'SA', 14, '5000-5199', '8', 10000),
      c('Canberra', 'ACT', 5, '2600-2620', '2', 10000),
      c('Hobart', 'TAS', 2, '7000-7050', '3', 10000),
      c('Gold Coast', 'QLD', 7, '4217-4230', '7', 10000),
    ],
  },
];

export const COUNTRY_INDEX: Record<CountryCode, number> = { US: 0, GB: 1, DE: 2, CA: 3, AU: 4 };

const EN_STREETS = `Maple Oak Cedar Pine Elm Willow Birch Chestnut Walnut Cherry Washington Lincoln Jefferson Franklin Lake Hill
Park Main Church High Station Mill Spring River Forest Meadow Orchard Sunset Highland Valley Ridge Grove Harbor Bay
Victoria Albert Queen King Kings Prince George Market Bridge Garden Green Manor Windsor York Cambridge Oxford Clifton
Beacon Summit Fairview Riverside Lakeview Greenwood Brookside Hawthorn Ashford Rosewood Heather Juniper Magnolia`.split(/\s+/);

/** Street types with the abbreviations people (and a duplicate record) use. */
export const STREET_TYPES: [string, string][] = [
  ['Street', 'St'],
  ['Avenue', 'Ave'],
  ['Road', 'Rd'],
  ['Drive', 'Dr'],
  ['Lane', 'Ln'],
  ['Boulevard', 'Blvd'],
  ['Court', 'Ct'],
  ['Place', 'Pl'],
  ['Way', 'Way'],
  ['Crescent', 'Cres'],
  ['Close', 'Cl'],
  ['Terrace', 'Tce'],
];

const DE_STREETS = `Haupt Bahnhof Garten Schul Dorf Berg Linden Kirch Wald Ring Goethe Schiller Mozart Friedrich Beethoven Wilhelm
Luisen Markt Rosen Birken Eichen Tannen Wiesen Mühlen Sonnen Feld Hafen Post Park Blumen`.split(/\s+/);

export interface Address {
  address1: string;
  /** The same address written the other common way (abbreviated street type); used for duplicates. */
  address1Alt: string;
  address2: string | null;
  city: string;
  region: string;
  postcode: string;
  country: CountryCode;
  cityIndex: number;
}

const LETTERS = 'ABDEFGHJLNPQRSTUWXYZ';
const CA_LETTERS = 'ABCEGHJKLMNPRSTVWXYZ';

function postcodeFor(country: CountryCode, seed: string, rng: Rng): string {
  switch (country) {
    case 'US':
      return seed + String(rng.int(100)).padStart(2, '0');
    case 'GB':
      return `${seed} ${rng.int(10)}${rng.pick([...LETTERS])}${rng.pick([...LETTERS])}`;
    case 'CA':
      return `${seed} ${rng.int(10)}${rng.pick([...CA_LETTERS])}${rng.int(10)}`;
    default: {
      const [lo, hi] = seed.split('-').map(Number) as [number, number];
      return String(rng.range(lo, hi)).padStart(country === 'DE' ? 5 : 4, '0');
    }
  }
}

export function pickCity(countryIndex: number, rng: Rng, cityWeights: number[][]): number {
  return rng.weighted(cityWeights[countryIndex] as number[]);
}

/** A new street address in the given city. */
export function makeAddress(countryIndex: number, cityIndex: number, rng: Rng): Address {
  const country = COUNTRIES[countryIndex] as Country;
  const city = country.cities[cityIndex] as City;
  let address1: string;
  let address1Alt: string;
  let address2: string | null = null;
  if (country.code === 'DE') {
    const stem = rng.pick(DE_STREETS);
    const n = rng.range(1, 140);
    const suffix = rng.chance(0.12) ? rng.pick(['a', 'b', 'c']) : '';
    if (rng.chance(0.75)) {
      address1 = `${stem}straße ${n}${suffix}`;
      address1Alt = `${stem}str. ${n}${suffix}`;
    } else {
      address1 = `${stem}weg ${n}${suffix}`;
      address1Alt = address1;
    }
  } else {
    const [type, abbr] = rng.pick(STREET_TYPES);
    const name = rng.pick(EN_STREETS);
    const n = country.code === 'US' ? rng.range(10, 9899) : rng.range(1, 240);
    address1 = `${n} ${name} ${type}`;
    address1Alt = `${n} ${name} ${abbr}`;
    if (rng.chance(0.18)) {
      address2 =
        country.code === 'US'
          ? rng.pick([`Apt ${rng.range(1, 30)}${rng.pick(['A', 'B', 'C', 'D'])}`, `Suite ${rng.range(100, 899)}`, `Unit ${rng.range(1, 60)}`])
          : country.code === 'GB'
            ? `Flat ${rng.range(1, 40)}`
            : `Unit ${rng.range(1, 1800)}`;
    }
  }
  return {
    address1,
    address1Alt,
    address2,
    city: city.name,
    region: city.region,
    postcode: postcodeFor(country.code, rng.pick(city.posts), rng),
    country: country.code,
    cityIndex,
  };
}

// ── phones ────────────────────────────────────────────────────────────────

/** One phone number: country dial code plus the national significant number (no trunk 0). */
export interface Phone {
  dial: string;
  national: string;
  country: CountryCode;
}

const DE_MOBILE = ['151', '152', '157', '160', '170', '171', '172', '173', '175', '176', '177', '178', '179'];

/**
 * A new phone number. A 13-digit German mobile could pass the Luhn check and be
 * taken for a card number (and masked by the PAN scrubber), so such draws are redone.
 */
export function makePhone(countryIndex: number, cityIndex: number, rng: Rng): Phone {
  for (;;) {
    const p = drawPhone(countryIndex, cityIndex, rng);
    const all = p.dial + p.national;
    if (all.length < 13 || !luhnValid(all)) return p;
  }
}

function drawPhone(countryIndex: number, cityIndex: number, rng: Rng): Phone {
  const country = COUNTRIES[countryIndex] as Country;
  const city = country.cities[cityIndex] as City;
  const digits = (n: number) => {
    let s = '';
    for (let i = 0; i < n; i++) s += String(rng.int(10));
    return s;
  };
  let national: string;
  switch (country.code) {
    case 'US':
    case 'CA':
      national = rng.pick(city.areas) + String(rng.range(201, 989)) + digits(4);
      break;
    case 'GB':
      national = rng.chance(0.75) ? `7${rng.range(400, 999)}${digits(6)}` : (() => {
        const area = rng.pick(city.areas);
        return area + digits(10 - area.length);
      })();
      break;
    case 'DE':
      national = rng.chance(0.7) ? rng.pick(DE_MOBILE) + digits(rng.chance(0.5) ? 7 : 8) : rng.pick(city.areas) + digits(rng.range(6, 8));
      break;
    default:
      national = rng.chance(0.8) ? `4${digits(8)}` : rng.pick(city.areas) + digits(8);
  }
  return { dial: country.dial, national, country: country.code };
}

export const PHONE_STYLES = ['e164', 'local', 'international'] as const;
export type PhoneStyle = (typeof PHONE_STYLES)[number];

/** Writes the number the way people type it: "+14155550123", "(415) 555-0123", "+44 7700 900123", "0151 2345678". */
export function formatPhone(p: Phone, style: PhoneStyle): string {
  const n = p.national;
  if (style === 'e164') return `+${p.dial}${n}`;
  if (p.country === 'US' || p.country === 'CA') {
    const a = n.slice(0, 3);
    const b = n.slice(3, 6);
    const d = n.slice(6);
    return style === 'local' ? `(${a}) ${b}-${d}` : `+1 ${a}-${b}-${d}`;
  }
  if (p.country === 'GB') {
    const head = n.startsWith('7') || n.length - 6 > 3 ? n.slice(0, 4) : n.slice(0, 2);
    const rest = n.slice(head.length);
    return style === 'local' ? `0${head} ${rest}` : `+44 ${head} ${rest}`;
  }
  if (p.country === 'DE') {
    const head = n.length >= 10 && n.startsWith('1') ? n.slice(0, 3) : n.slice(0, n.startsWith('3') || n.startsWith('4') || n.startsWith('8') || n.startsWith('6') ? 2 : 3);
    const rest = n.slice(head.length);
    return style === 'local' ? `0${head} ${rest}` : `+49 ${head} ${rest}`;
  }
  // AU: mobiles 4xx xxx xxx, landlines (0x) xxxx xxxx
  if (n.startsWith('4')) {
    const grouped = `${n.slice(0, 3)} ${n.slice(3, 6)} ${n.slice(6)}`;
    return style === 'local' ? `0${grouped}` : `+61 ${grouped}`;
  }
  return style === 'local' ? `(0${n.slice(0, 1)}) ${n.slice(1, 5)} ${n.slice(5)}` : `+61 ${n.slice(0, 1)} ${n.slice(1, 5)} ${n.slice(5)}`;
}

/** Digits of the full international number: identity of a phone regardless of how it is written. */
export const phoneKey = (p: Phone): string => p.dial + p.national;
