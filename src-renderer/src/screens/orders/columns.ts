/**
 * Row geometry shared by the header and every row. Fixed height keeps the
 * virtualizer exact (no measuring 100,000 rows); the grid template lives in
 * orders.css so the header and rows can never drift apart.
 */
export const ROW_HEIGHT = 36;
export const HEADER_HEIGHT = 32;
