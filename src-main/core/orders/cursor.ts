import { OmsError } from '../../../src-shared/contract';
import type { OrderSort } from '../../../src-shared/orders';

/** Keyset cursor: the sort it belongs to and the last row's sort key and id. Opaque to callers. */
export interface Cursor {
  sort: OrderSort;
  key: string | number;
  id: number;
}

export function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify([c.sort, c.key, c.id])).toString('base64url');
}

export function decodeCursor(text: string, sort: OrderSort): Cursor {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    parsed = null;
  }
  if (
    !Array.isArray(parsed) ||
    parsed.length !== 3 ||
    typeof parsed[0] !== 'string' ||
    (typeof parsed[1] !== 'string' && typeof parsed[1] !== 'number') ||
    typeof parsed[2] !== 'number'
  ) {
    throw new OmsError('VALIDATION', 'cursor is not one this server issued; start again from the first page', { field: 'cursor' });
  }
  if (parsed[0] !== sort) {
    throw new OmsError('VALIDATION', `cursor belongs to sort "${parsed[0]}", not "${sort}"; start again from the first page`, { field: 'cursor' });
  }
  return { sort, key: parsed[1], id: parsed[2] };
}
