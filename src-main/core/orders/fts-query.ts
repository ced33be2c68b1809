/**
 * Turns what a person typed into an FTS5 query that cannot be malformed:
 * every term is quoted (so `"`, `*`, `:`, `AND` are just text) and matched as a
 * prefix; a phone-like input matches the phone column by its digits.
 * Returns null when nothing searchable is left.
 */
export function toFtsQuery(text: string): string | null {
  const trimmed = text.trim();
  if (!trimmed) return null;
  const digits = trimmed.replace(/\D+/g, '');
  const looksLikePhone = /^[\d\s()+.-]+$/.test(trimmed) && digits.length >= 7 && /[\s()+.-]/.test(trimmed);
  if (looksLikePhone) return `phone:"${digits}"*`;
  const terms = trimmed
    .replace(/^#(?=\d)/, '')
    .split(/\s+/)
    .map((t) => t.replace(/"/g, '""'))
    .filter((t) => /[\p{L}\p{N}]/u.test(t))
    .slice(0, 8);
  if (terms.length === 0) return null;
  return terms.map((t) => `"${t}"${prefixWorthy(t) ? '*' : ''}`).join(' ');
}

/**
 * A term is matched as a prefix unless its last token is a single character
 * ("APP-02042-OAT-S", "j"): FTS5 would expand `s*` to every word starting with
 * s, hundreds of milliseconds at a million orders, for no useful gain.
 */
function prefixWorthy(term: string): boolean {
  const tokens = term.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  return (tokens[tokens.length - 1]?.length ?? 0) >= 2;
}

/**
 * Terms that look like SKUs ("APP-01041-BLK-M", "tee_042"): letters and digits
 * joined by - _ . or /. They are looked up in the SKU index (exact or as the
 * beginning of a SKU) rather than as a full-text phrase, because every SKU of a
 * shop tends to share its first word ("APP"), which makes the phrase slow.
 */
export function splitSkuTerms(text: string): { skus: string[]; rest: string } {
  const skus: string[] = [];
  const rest: string[] = [];
  for (const term of text.trim().split(/\s+/)) {
    if (/^[\p{L}\p{N}]+(?:[-_./][\p{L}\p{N}]+)+$/u.test(term) && /\p{L}/u.test(term) && /\p{N}/u.test(term)) skus.push(term.toUpperCase());
    else if (term) rest.push(term);
  }
  return { skus, rest: rest.join(' ') };
}
