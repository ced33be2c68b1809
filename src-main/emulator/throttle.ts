import type { Faults } from './faults';

/** The platform's cost buckets per plan (points, points restored per second). */
export const PLAN_BUCKETS = {
  standard: { maximumAvailable: 2000, restoreRate: 100 },
  advanced: { maximumAvailable: 4000, restoreRate: 200 },
  plus: { maximumAvailable: 20000, restoreRate: 1000 },
  enterprise: { maximumAvailable: 40000, restoreRate: 2000 },
} as const;
export type ShopPlan = keyof typeof PLAN_BUCKETS;

/**
 * The leaky bucket of query cost points: it refills with the clock at the plan's rate
 * (or the `throttle` fault's, which overrides the plan while it is set).
 */
export function createCostBucket(clock: () => Date, faults: Faults, plan: ShopPlan) {
  const planBucket = PLAN_BUCKETS[plan];
  const limits = () => faults.throttle ?? planBucket;
  const bucket = { available: limits().maximumAvailable, at: clock().getTime() };
  const refill = () => {
    const nowMs = clock().getTime();
    const l = limits();
    // A clock set back (the demo store replays its journal at each event's time) refills nothing and drains nothing.
    bucket.available = Math.min(l.maximumAvailable, bucket.available + (Math.max(0, nowMs - bucket.at) / 1000) * l.restoreRate);
    bucket.at = Math.max(bucket.at, nowMs);
  };
  return {
    get available() {
      return bucket.available;
    },
    set available(points: number) {
      bucket.available = points;
    },
    limits,
    refill,
    /** The `throttleStatus` every answer carries. */
    status: () => ({ maximumAvailable: limits().maximumAvailable, currentlyAvailable: Math.floor(bucket.available), restoreRate: limits().restoreRate }),
    /** Unused points of a request go back, never above the bucket's size. */
    giveBack(points: number) {
      bucket.available = Math.min(limits().maximumAvailable, bucket.available + points);
    },
    /** After the faults changed: a smaller bucket holds no more than it can. */
    clamp() {
      refill();
      bucket.available = Math.min(bucket.available, limits().maximumAvailable);
    },
  };
}
export type CostBucket = ReturnType<typeof createCostBucket>;
