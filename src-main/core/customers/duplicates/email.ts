/**
 * Email canonical forms: the mailbox an address reaches. Dots are dropped only
 * where the provider ignores them (Gmail), +tags only where the provider
 * delivers them to the same mailbox. Everything else is kept, so two different
 * people at a provider that honours dots stay different.
 */
const DOTS_IGNORED = new Set(['gmail.com', 'googlemail.com']);
const PLUS_TAGS = /^(gmail\.com|googlemail\.com|(outlook|hotmail|live|msn)\.[a-z.]+|icloud\.com|me\.com|mac\.com|fastmail\.(com|fm)|proton(mail)?\.(com|me|ch)|pm\.me|yandex\.[a-z]+|zoho\.com)$/;
const ALIASES: Record<string, string> = { 'googlemail.com': 'gmail.com' };

export interface CanonicalEmail {
  /** local@domain after the provider's rules. */
  mailbox: string;
  local: string;
  domain: string;
}

export function canonicalEmail(raw: string | null | undefined): CanonicalEmail | null {
  if (!raw) return null;
  const s = raw.trim().toLowerCase().replace(/^mailto:/, '');
  const at = s.lastIndexOf('@');
  if (at <= 0 || at === s.length - 1) return null;
  let local = s.slice(0, at);
  let domain = s.slice(at + 1).replace(/\.+$/, '');
  domain = ALIASES[domain] ?? domain;
  if (PLUS_TAGS.test(domain)) local = local.split('+')[0] ?? local;
  if (DOTS_IGNORED.has(domain)) local = local.replace(/\./g, '');
  if (!local || !domain.includes('.')) return null;
  return { mailbox: `${local}@${domain}`, local, domain };
}

/** A syntactic check good enough for import validation: one @, something before, a dotted domain after. */
export const EMAIL_SHAPE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
