/**
 * Shipping address rules, shared by the core (which enforces them) and the
 * renderer (which shows them as you type). Each problem names its field.
 */
export interface ShippingAddressInput {
  name: string;
  company?: string | null;
  address1: string;
  address2?: string | null;
  city: string;
  postcode?: string | null;
  region?: string | null;
  country: string;
  phone?: string | null;
}

export interface AddressProblem {
  field: keyof ShippingAddressInput;
  message: string;
}

/** Postcode shapes for the countries we know; elsewhere any short code is accepted. */
export const POSTCODE_RULES: Record<string, { pattern: RegExp; example: string }> = {
  US: { pattern: /^\d{5}(-\d{4})?$/, example: '94107 or 94107-1234' },
  GB: { pattern: /^[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}$/i, example: 'SW1A 1AA' },
  CA: { pattern: /^[A-Z]\d[A-Z] ?\d[A-Z]\d$/i, example: 'K1A 0B1' },
  DE: { pattern: /^\d{5}$/, example: '10115' },
  AU: { pattern: /^\d{4}$/, example: '2000' },
  FR: { pattern: /^\d{5}$/, example: '75001' },
  NL: { pattern: /^\d{4} ?[A-Z]{2}$/i, example: '1012 AB' },
};

/** Countries where a postcode is required for delivery. */
const POSTCODE_REQUIRED = new Set(Object.keys(POSTCODE_RULES));

export function validateShippingAddress(a: ShippingAddressInput): AddressProblem[] {
  const problems: AddressProblem[] = [];
  const blank = (v: string | null | undefined) => !v || !v.trim();
  if (blank(a.name)) problems.push({ field: 'name', message: 'Enter the name of the person receiving the parcel.' });
  if (blank(a.address1)) problems.push({ field: 'address1', message: 'Enter the street address.' });
  if (blank(a.city)) problems.push({ field: 'city', message: 'Enter the city.' });
  const country = (a.country ?? '').trim().toUpperCase();
  if (!/^[A-Z]{2}$/.test(country)) problems.push({ field: 'country', message: 'Use the two-letter country code, e.g. US, GB, DE.' });
  const postcode = (a.postcode ?? '').trim();
  const rule = POSTCODE_RULES[country];
  if (!postcode) {
    if (POSTCODE_REQUIRED.has(country)) problems.push({ field: 'postcode', message: `A postcode is required for ${country}.` });
  } else if (rule && !rule.pattern.test(postcode)) {
    problems.push({ field: 'postcode', message: `"${postcode}" is not a valid ${country} postcode (e.g. ${rule.example}).` });
  } else if (postcode.length > 16) {
    problems.push({ field: 'postcode', message: 'The postcode is too long.' });
  }
  const phone = (a.phone ?? '').trim();
  if (phone && !/^\+?[\d\s().-]{6,24}$/.test(phone)) problems.push({ field: 'phone', message: 'Use digits, spaces, brackets, dashes and an optional leading +.' });
  return problems;
}

/** The address as stored: trimmed, empty parts as null, country upper-case, postcode tidied. */
export function normaliseShippingAddress(a: ShippingAddressInput): Required<{ [K in keyof ShippingAddressInput]: string | null }> {
  const t = (v: string | null | undefined) => (v && v.trim() ? v.trim().replace(/\s+/g, ' ') : null);
  const country = (t(a.country) ?? '').toUpperCase();
  let postcode = t(a.postcode);
  if (postcode && (country === 'GB' || country === 'CA' || country === 'NL')) postcode = postcode.toUpperCase();
  return {
    name: t(a.name),
    company: t(a.company),
    address1: t(a.address1),
    address2: t(a.address2),
    city: t(a.city),
    postcode,
    region: t(a.region),
    country,
    phone: t(a.phone),
  };
}
