import type { Address } from '../../../src-shared/orders';

// Countries that write "City, REGION POSTCODE" on one line; the UK and Ireland put the
// postcode on its own line after the town; most others write "POSTCODE City".
const CITY_REGION_POSTCODE = new Set(['US', 'CA', 'AU']);
const POSTCODE_LAST = new Set(['GB', 'UK', 'IE']);
const regionNames = (() => {
  try {
    return new Intl.DisplayNames(undefined, { type: 'region' });
  } catch {
    return null;
  }
})();

/** "US" → "United States"; anything that is not a two-letter code is shown as given. */
export function countryName(country: string | null): string | null {
  if (!country) return null;
  if (/^[A-Z]{2}$/i.test(country)) {
    try {
      return regionNames?.of(country.toUpperCase()) ?? country;
    } catch {
      return country;
    }
  }
  return country;
}

/** An address as the lines a person would write on a parcel. */
export function addressLines(a: Address): string[] {
  const code = a.country && /^[A-Z]{2}$/i.test(a.country) ? a.country.toUpperCase() : null;
  const locality =
    code && CITY_REGION_POSTCODE.has(code)
      ? [[a.city, [a.region, a.postcode].filter(Boolean).join(' ')].filter(Boolean).join(', ')]
      : code && POSTCODE_LAST.has(code)
        ? [a.city, a.region, a.postcode]
        : [[a.postcode, a.city].filter(Boolean).join(' '), a.region];
  return [a.name, a.company, a.address1, a.address2, ...locality, countryName(a.country)].filter((l): l is string => !!l && l.trim() !== '');
}
