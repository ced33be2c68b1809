import type { OrderColumn } from '../../../../src-shared/contract';

/**
 * Row geometry shared by the header and every row. Fixed height keeps the
 * virtualizer exact (no measuring 100,000 rows); the grid template lives in
 * orders.css so the header and rows can never drift apart.
 */
export const ROW_HEIGHT = 36;
export const HEADER_HEIGHT = 32;

/** Track widths of the full-width layout (orders.css --cols), per column; the order number comes first. */
const WIDTHS: Record<OrderColumn, string> = {
  date: '132px',
  customer: 'minmax(150px, 1.4fr)',
  items: '52px',
  total: '108px',
  payment: '132px',
  fulfilment: '150px',
  tags: 'minmax(100px, 1fr)',
};

/** The grid template for the chosen columns; the last visible one stretches so the row stays full. */
export function userColumnsTemplate(visible: readonly OrderColumn[]): string {
  const tracks = ['86px', ...visible.map((c) => WIDTHS[c])];
  if (!visible.some((c) => WIDTHS[c].includes('fr'))) tracks.push('1fr');
  return tracks.join(' ');
}
