import { describe, expect, it } from 'vitest';
import { findEarlierFulfilment } from '../../src-main/core/sync/shopify/order-push';
import { compactionCut, type NumberedEntry } from '../../src-main/core/sync/demo-store-journal';

/** The small decisions behind exactly-once pushes and crash-safe compaction, as tables. */
describe('findEarlierFulfilment: the fulfilment an earlier attempt made, read back from the shop', () => {
  const f = (id: string, lines: [string, number][], opts: { tracking?: string | null; createdAt?: string; status?: string } = {}) => ({
    id, status: opts.status ?? 'SUCCESS', createdAt: opts.createdAt ?? '2026-11-02T10:00:00Z',
    trackingInfo: opts.tracking === undefined ? [] : [{ number: opts.tracking }],
    fulfillmentLineItems: { nodes: lines.map(([lineId, quantity]) => ({ quantity, lineItem: { id: lineId } })) },
  });
  const want = { lines: [{ lineExternalId: 'L1', quantity: 2 }, { lineExternalId: 'L2', quantity: 1 }], trackingNumber: '1Z1' as string | null, queuedAt: '2026-11-02T09:59:00Z' };

  it.each([
    ['same lines, quantities and tracking, made after it was queued', [f('F1', [['L1', 2], ['L2', 1]], { tracking: '1Z1' })], 'F1'],
    ['another tracking number', [f('F1', [['L1', 2], ['L2', 1]], { tracking: '1Z9' })], null],
    ['one line short', [f('F1', [['L1', 2]], { tracking: '1Z1' })], null],
    ['a quantity differs', [f('F1', [['L1', 1], ['L2', 1]], { tracking: '1Z1' })], null],
    ['an extra line', [f('F1', [['L1', 2], ['L2', 1], ['L3', 1]], { tracking: '1Z1' })], null],
    ['made long before the change was queued', [f('F1', [['L1', 2], ['L2', 1]], { tracking: '1Z1', createdAt: '2026-11-02T09:00:00Z' })], null],
    ['made a few minutes "before" (the shop clock behind ours)', [f('F1', [['L1', 2], ['L2', 1]], { tracking: '1Z1', createdAt: '2026-11-02T09:52:00Z' })], 'F1'],
    ['cancelled at the shop', [f('F1', [['L1', 2], ['L2', 1]], { tracking: '1Z1', status: 'CANCELLED' })], null],
    ['the line split over two entries of one fulfilment', [f('F2', [['L1', 1], ['L1', 1], ['L2', 1]], { tracking: '1Z1' })], 'F2'],
  ])('%s', (_name, shop, expected) => {
    expect(findEarlierFulfilment(shop, want)?.id ?? null).toBe(expected);
  });

  it('without a tracking number of ours, lines and quantities decide', () => {
    expect(findEarlierFulfilment([f('F3', [['L1', 2], ['L2', 1]], { tracking: null })], { ...want, trackingNumber: null })?.id).toBe('F3');
  });
});

describe('compactionCut: which journal entries fold into the snapshot', () => {
  const now = new Date('2026-11-05T12:00:00Z');
  const day = 86_400_000;
  const entries = (ages: number[]): NumberedEntry[] => ages.map((hoursAgo, i) => ({ t: 'arrivals', at: new Date(now.getTime() - hoursAgo * 3_600_000).toISOString(), newOrders: 1, orderUpdates: 0, stockChanges: 0, seq: i + 1 }));
  const limits = { maxLines: 3, maxBytes: 1e9, keepMs: day };

  it.each([
    ['short journal: left alone', [50, 40, 30], 0, null],
    ['long, three entries older than a day', [50, 40, 30, 5, 1], 0, 3],
    ['long, nothing older than a day', [20, 10, 5, 1], 0, null],
    ['long, but the snapshot already holds the old ones', [50, 40, 30, 5, 1], 3, null],
    ['long, the snapshot holds some of the old ones', [50, 40, 30, 5, 1], 2, 3],
    ['time order: stops at the first entry young enough to keep', [50, 10, 40, 5], 0, 1],
  ])('%s', (_name, ages, appliedSeq, expected) => {
    const e = entries(ages);
    expect(compactionCut(e, 100, appliedSeq, limits, now)).toBe(expected);
  });

  it('a journal over the byte limit is long whatever its line count', () => {
    expect(compactionCut(entries([50, 40]), 2e9, 0, limits, now)).toBe(2);
  });
});
