import { containsCardNumber } from '../../../src-shared/security/pan';
import type { CountryCode } from './places';
import type { Rng } from './random';

/**
 * Carriers per destination and tracking numbers in each carrier's shape.
 * Every format keeps its digit runs at most 12 or at least 20 long, so no
 * tracking number can look like a 13–19 digit card number to the PAN scrubber.
 */

export interface Tracking {
  company: string;
  number: string;
  url: string;
}

const ALNUM = 'ABCDEFGHJKLMNPRSTUVWXYZ0123456789';
const UPPER = 'ABCDEFGHJKLMNPRSTUVWXYZ';

function digits(rng: Rng, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += String(rng.int(10));
  return s;
}
function chars(rng: Rng, alphabet: string, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += alphabet[rng.int(alphabet.length)];
  return s;
}

/** UPU S10 (international postal items): two letters, nine digits, country code. */
const s10 = (rng: Rng, country: string) => `${chars(rng, UPPER, 2)}${digits(rng, 9)}${country}`;

const MAKERS: Record<string, (rng: Rng) => Tracking> = {
  UPS: (rng) => {
    // The shipper number ends in a letter so the digits after it stay a 10-digit run.
    const n = `1Z${chars(rng, ALNUM, 5)}${chars(rng, UPPER, 1)}03${digits(rng, 8)}`;
    return { company: 'UPS', number: n, url: `https://www.ups.com/track?tracknum=${n}` };
  },
  USPS: (rng) => {
    const n = `9400${digits(rng, 18)}`;
    return { company: 'USPS', number: n, url: `https://tools.usps.com/go/TrackConfirmAction?tLabels=${n}` };
  },
  FedEx: (rng) => {
    const n = digits(rng, 12);
    return { company: 'FedEx', number: n, url: `https://www.fedex.com/fedextrack/?trknbr=${n}` };
  },
  'Royal Mail': (rng) => {
    const n = s10(rng, 'GB');
    return { company: 'Royal Mail', number: n, url: `https://www.royalmail.com/track-your-item#/tracking-results/${n}` };
  },
  DHL: (rng) => {
    const n = digits(rng, 10);
    return { company: 'DHL Express', number: n, url: `https://www.dhl.com/en/express/tracking.html?AWB=${n}` };
  },
  'DHL Paket': (rng) => {
    const n = digits(rng, 12);
    return { company: 'DHL Paket', number: n, url: `https://www.dhl.de/de/privatkunden/pakete-empfangen/verfolgen.html?piececode=${n}` };
  },
  'Canada Post': (rng) => {
    const n = s10(rng, 'CA');
    return { company: 'Canada Post', number: n, url: `https://www.canadapost-postescanada.ca/track-reperage/en#/details/${n}` };
  },
  'Australia Post': (rng) => {
    const n = s10(rng, 'AU');
    return { company: 'Australia Post', number: n, url: `https://auspost.com.au/mypost/track/#/details/${n}` };
  },
};

const BY_COUNTRY: Record<CountryCode, [string, number][]> = {
  US: [['USPS', 50], ['UPS', 35], ['FedEx', 15]],
  CA: [['Canada Post', 70], ['UPS', 20], ['FedEx', 10]],
  GB: [['Royal Mail', 75], ['DHL', 25]],
  DE: [['DHL Paket', 80], ['DHL', 20]],
  AU: [['Australia Post', 85], ['DHL', 15]],
};

const WEIGHTS = Object.fromEntries(Object.entries(BY_COUNTRY).map(([k, v]) => [k, v.map((o) => o[1])])) as Record<CountryCode, number[]>;

export function makeTracking(country: CountryCode, rng: Rng): Tracking {
  const name = BY_COUNTRY[country][rng.weighted(WEIGHTS[country])]?.[0] as string;
  const make = MAKERS[name] as (r: Rng) => Tracking;
  for (;;) {
    const t = make(rng);
    if (!containsCardNumber(t.number)) return t; // belt and braces: the formats above should never trip it
  }
}

/** Door-to-door transit in whole days, [fastest, slowest], as the carriers quote them for domestic parcels. */
const TRANSIT_DAYS: Record<string, [number, number]> = {
  UPS: [1, 5],
  USPS: [2, 5],
  FedEx: [1, 4],
  'Royal Mail': [1, 3],
  'DHL Express': [1, 3],
  'DHL Paket': [1, 3],
  'Canada Post': [2, 7],
  'Australia Post': [2, 8],
};

/**
 * When a parcel shipped at `shippedMs` by `company` was delivered, or null when
 * it is still on its way at `nowMs` or the carrier never confirmed delivery
 * (about 3 %, as with real tracking feeds). Derived from a hash of `key` rather
 * than the generator's random stream, so adding it left every other demo value
 * as it was.
 */
export function deliveredAt(company: string, shippedMs: number, nowMs: number, key: number): number | null {
  let h = Math.imul(key ^ 0x9e3779b9, 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  h = (h ^ (h >>> 16)) >>> 0;
  if (h % 100 < 3) return null;
  const [lo, hi] = TRANSIT_DAYS[company] ?? [2, 6];
  const days = lo + ((h >>> 8) % (hi - lo + 1));
  // Delivered during the round, 08:00–19:59 in the carrier's day (taken as UTC hours here).
  const at = Math.floor(shippedMs / 86_400_000 + days) * 86_400_000 + (8 + ((h >>> 16) % 12)) * 3_600_000 + ((h >>> 4) % 60) * 60_000;
  return at <= nowMs ? at : null;
}
