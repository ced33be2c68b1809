import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/min';

/**
 * Phone numbers to E.164 with libphonenumber-js, reading national spellings
 * with the customer's country ("(415) 555-0123" in the US → +14155550123).
 * Numbers the library cannot place keep their digits (with + when written
 * internationally), so two spellings of one odd number still compare equal.
 */
export function toE164(raw: string | null | undefined, country?: string | null): string | null {
  if (!raw) return null;
  const trimmed = raw.trim();
  if (/^\+[1-9]\d{7,14}$/.test(trimmed)) return trimmed; // already E.164
  const digits = trimmed.replace(/\D/g, '');
  if (digits.length < 6) return null;
  const cc = country && /^[A-Za-z]{2}$/.test(country) ? (country.toUpperCase() as CountryCode) : undefined;
  try {
    const parsed = parsePhoneNumberFromString(trimmed.replace(/^00/, '+'), cc);
    if (parsed && parsed.number) return parsed.number;
  } catch {
    // fall through to digits
  }
  return trimmed.startsWith('+') || trimmed.startsWith('00') ? `+${digits.replace(/^00/, '')}` : digits;
}

/** The last seven digits: the subscriber part, equal across trunk prefixes and country codes. */
export const phoneTail = (e164: string | null): string => (e164 ? e164.replace(/\D/g, '').slice(-7) : '');
