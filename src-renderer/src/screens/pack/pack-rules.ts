import type { PackLine } from '../../../../src-shared/contract';

/**
 * Pack-station rules, pure so they are tested as a table: what a scan means,
 * when an order is complete, which carrier a tracking number belongs to.
 */
export type ScanOutcome =
  | { kind: 'ok'; lineId: number; count: number; complete: boolean }
  | { kind: 'wrong'; code: string }
  | { kind: 'extra'; lineId: number; expected: number };

const norm = (s: string) => s.trim().toUpperCase();

/** A scanned code matches a line by barcode, or by SKU as typed (any case). */
export function scanItem(lines: readonly PackLine[], counts: Readonly<Record<number, number>>, rawCode: string): ScanOutcome {
  const code = norm(rawCode);
  // An empty code matches nothing, even a line whose barcode or SKU is blank.
  const matches = (l: PackLine) => code !== '' && ((l.barcode != null && norm(l.barcode) === code) || (l.sku != null && norm(l.sku) === code));
  const matching = lines.filter((l) => l.remaining > 0 && matches(l));
  if (!matching.length) {
    const shipped = lines.find(matches);
    return shipped ? { kind: 'extra', lineId: shipped.lineId, expected: 0 } : { kind: 'wrong', code: rawCode.trim() };
  }
  // The same SKU on two lines: fill the first that still needs units.
  const line = matching.find((l) => (counts[l.lineId] ?? 0) < l.remaining);
  if (!line) {
    const first = matching[0] as PackLine;
    return { kind: 'extra', lineId: first.lineId, expected: first.remaining };
  }
  const count = (counts[line.lineId] ?? 0) + 1;
  const next = { ...counts, [line.lineId]: count };
  return { kind: 'ok', lineId: line.lineId, count, complete: isComplete(lines, next) };
}

/** Lines a packer may confirm by hand: no barcode to scan, units still to pack. */
export function handConfirmable(lines: readonly PackLine[], counts: Readonly<Record<number, number>>): PackLine[] {
  return lines.filter((l) => !l.barcode?.trim() && l.remaining > (counts[l.lineId] ?? 0));
}

export type ConfirmOutcome = { kind: 'ok'; lineId: number; count: number; added: number; complete: boolean } | { kind: 'refused'; reason: string };

/**
 * A line without a barcode, confirmed by hand: the packer must type how many
 * units they are putting in (no default, so it is never a silent pass), and
 * only for a line that has no barcode — a line with one must be scanned.
 */
export function confirmByHand(lines: readonly PackLine[], counts: Readonly<Record<number, number>>, lineId: number, typed: string): ConfirmOutcome {
  const line = lines.find((l) => l.lineId === lineId);
  if (!line) return { kind: 'refused', reason: 'That line is not on this order.' };
  const name = line.sku ?? line.title;
  if (line.barcode?.trim()) return { kind: 'refused', reason: `${name} has a barcode: scan the item itself.` };
  const left = line.remaining - (counts[lineId] ?? 0);
  if (left <= 0) return { kind: 'refused', reason: `All ${line.remaining} × ${name} are already counted.` };
  const t = typed.trim();
  if (!/^\d{1,4}$/.test(t)) return { kind: 'refused', reason: `Type how many × ${name} you are putting in the box, as a number (1–${left}).` };
  const n = Number(t);
  if (n === 0) return { kind: 'refused', reason: `Type at least 1, or press Esc if ${name} is missing.` };
  if (n > left) return { kind: 'refused', reason: `Only ${left} × ${name} left to pack; you typed ${n}. Count again.` };
  const count = (counts[lineId] ?? 0) + n;
  return { kind: 'ok', lineId, count, added: n, complete: isComplete(lines, { ...counts, [lineId]: count }) };
}

export function isComplete(lines: readonly PackLine[], counts: Readonly<Record<number, number>>): boolean {
  return lines.every((l) => (counts[l.lineId] ?? 0) >= l.remaining);
}

export function unitsToShip(lines: readonly PackLine[]): number {
  return lines.reduce((s, l) => s + l.remaining, 0);
}

export function unitsScanned(counts: Readonly<Record<number, number>>): number {
  return Object.values(counts).reduce((s, n) => s + n, 0);
}

/** The fulfil request lines: only what was scanned; the rest stays open (partial fulfilment). */
export function fulfilLines(counts: Readonly<Record<number, number>>): { lineId: number; quantity: number }[] {
  return Object.entries(counts)
    .filter(([, n]) => n > 0)
    .map(([lineId, quantity]) => ({ lineId: Number(lineId), quantity }));
}

export const CARRIERS = ['UPS', 'USPS', 'FedEx', 'DHL', 'Royal Mail', 'Canada Post', 'Other'] as const;

/** A best guess from the number's shape; the packer can change it. */
export function carrierFor(tracking: string): (typeof CARRIERS)[number] | null {
  const t = tracking.replace(/\s+/g, '').toUpperCase();
  if (/^1Z[0-9A-Z]{16}$/.test(t)) return 'UPS';
  if (/^(94|93|92|95)\d{18,20}$/.test(t)) return 'USPS';
  if (/^[A-Z]{2}\d{9}GB$/.test(t)) return 'Royal Mail';
  if (/^\d{10}$/.test(t)) return 'DHL';
  if (/^(\d{12}|\d{15})$/.test(t)) return 'FedEx';
  if (/^\d{16}$/.test(t)) return 'Canada Post';
  return null;
}

/** Orders per hour over the session so far; null until there is enough to say anything. */
export function ordersPerHour(packed: number, startedAtMs: number | null, nowMs: number): number | null {
  if (startedAtMs === null || packed === 0) return null;
  const hours = Math.max(nowMs - startedAtMs, 60_000) / 3_600_000; // at least a minute, so the first order is not "3,600/h"
  return Math.round(packed / hours);
}
