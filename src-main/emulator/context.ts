import type { GraphQLSchema } from 'graphql';
import type { Faults } from './faults';
import type { ShopData } from './shop-data';
import type { Views } from './views';

/** Counts of real effects the mutations had (a replayed idempotent call adds nothing). */
export interface EmulatorEffects {
  fulfillmentCreate: number;
  orderCreate: number;
  orderUpdate: number;
  inventoryAdjustQuantities: number;
  refundCreate: number;
  orderCancel: number;
  replays: number;
}

/** Requests by outcome, for tests and the CLI summary. */
export interface EmulatorStats { requests: number; throttled: number; errors5xx: number; dropped: number; status429: number }

/**
 * What the emulator's parts share (HTTP front, execution, resolvers, bulk, simulation):
 * one object built by createEmulator, so each part is a plain function of it.
 */
export interface EmuContext {
  readonly shop: ShopData;
  readonly faults: Faults;
  readonly views: Views;
  readonly effects: EmulatorEffects;
  readonly stats: EmulatorStats;
  /** The emulator's own schema (SDL) every request runs against. */
  readonly schema: GraphQLSchema;
  /** Shopify's published 2026-04 schema, when shipped: requests are checked against it first. */
  readonly adminSchema: GraphQLSchema | null;
  readonly clock: () => Date;
  readonly random: () => number;
  /** The time the emulator stamps on changes: behind the real clock when the skew fault is on. */
  stamp(): string;
  /** Set by a mutation when the `dropAfterMutation` fault fires: the HTTP front then drops the answer. */
  pendingDrop: boolean;
  /** Set by a mutation that took effect while `holdAfterMutationMs` is on: the answer then waits that long. */
  pendingHold: boolean;
  /** Where the server listens (bulk result URLs point here). */
  baseUrl: string;
}

/** A mutation's effect is done: with the `dropAfterMutation` fault the answer may now be lost on the way back. */
export function maybeDropAnswer(ctx: EmuContext): void {
  if (ctx.faults.holdAfterMutationMs > 0) ctx.pendingHold = true;
  if (ctx.faults.dropAfterMutation > 0 && ctx.random() < ctx.faults.dropAfterMutation) ctx.pendingDrop = true;
}
