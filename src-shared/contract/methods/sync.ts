import { z } from 'zod';
import { id, method, noInput } from './common';

/** Sync with the shop platform: status, runs, the outbox of local changes and the quarantine. */
export const SYNC_RESOURCE_NAMES = ['locations', 'products', 'inventory', 'customers', 'orders'] as const;
export type SyncResourceName = (typeof SYNC_RESOURCE_NAMES)[number];

export interface SyncResourceStatus {
  resource: SyncResourceName;
  lastSuccessAt: string | null;
  /** True while a pass over this resource is part-way (a cursor inside the pages). */
  inProgress: boolean;
}
export interface SyncRunSummary {
  startedAt: string;
  finishedAt: string;
  ok: boolean;
  error: string | null;
  outbox: { sent: number; retrying: number; failed: number };
  resources: Partial<Record<SyncResourceName, { pages: number; inserted: number; updated: number; unchanged: number; quarantined: number }>>;
}
export interface SyncStatus {
  connected: boolean;
  platform: 'shopify' | null;
  shop: string | null;
  running: boolean;
  resources: SyncResourceStatus[];
  lastRun: SyncRunSummary | null;
  outbox: { pending: number; failed: number };
  quarantine: { open: number };
}
export type OutboxStatus = 'pending' | 'sending' | 'done' | 'failed' | 'cancelled';
export interface OutboxEntry {
  id: number;
  kind: string;
  entityType: string;
  entityId: string;
  status: OutboxStatus;
  attempts: number;
  nextAttemptAt: string | null;
  lastError: string | null;
  createdAt: string;
  updatedAt: string;
}
export interface QuarantineEntry {
  id: number;
  resource: string;
  externalId: string | null;
  reason: string;
  status: 'open' | 'retried' | 'discarded';
  createdAt: string;
  /** The record as received, card numbers masked. */
  payload: string;
}

export const syncMethods = {
  'sync.status': method<SyncStatus>()({
    input: noInput(),
    permission: 'sync.read',
    summary: 'Connection, per-resource progress, last run, outbox and quarantine counts.',
  }),
  'sync.run': method<SyncRunSummary>()({
    input: z.object({ resources: z.array(z.enum(SYNC_RESOURCE_NAMES)).min(1, 'name at least one resource').optional() }).strict().default({}),
    permission: 'sync.manage',
    summary: 'Sync now: sends pending local changes, then pulls what changed at the shop. Waits for the run to finish.',
  }),
  'sync.outbox.list': method<{ items: OutboxEntry[] }>()({
    input: z.object({ status: z.enum(['pending', 'sending', 'done', 'failed', 'cancelled', 'open']).default('open'), limit: z.number().int().min(1).max(500).default(100) }).strict().default({ status: 'open', limit: 100 }),
    permission: 'sync.read',
    summary: 'Local changes on their way to the shop; "open" means pending, sending or failed.',
  }),
  'sync.outbox.retry': method<OutboxEntry>()({
    input: z.object({ id }).strict(),
    permission: 'sync.manage',
    summary: 'Sends a failed change again at the next run (audited).',
  }),
  'sync.outbox.cancel': method<OutboxEntry>()({
    input: z.object({ id, reason: z.string().trim().min(3, 'say why, in a few words').max(500) }).strict(),
    permission: 'sync.manage',
    summary: 'Gives up on a change that has not reached the shop (audited); the local change stays.',
  }),
  'sync.quarantine.list': method<{ items: QuarantineEntry[] }>()({
    input: z.object({ status: z.enum(['open', 'retried', 'discarded']).default('open'), limit: z.number().int().min(1).max(500).default(100) }).strict().default({ status: 'open', limit: 100 }),
    permission: 'sync.read',
    summary: 'Records from the shop that failed validation, with the reason.',
  }),
  'sync.quarantine.retry': method<QuarantineEntry>()({
    input: z.object({ id }).strict(),
    permission: 'sync.manage',
    summary: 'Reads the record again from the shop at the next run (audited).',
  }),
  'sync.quarantine.discard': method<QuarantineEntry>()({
    input: z.object({ id, reason: z.string().trim().min(3, 'say why, in a few words').max(500) }).strict(),
    permission: 'sync.manage',
    summary: 'Stops showing a refused record (audited); it is not imported.',
  }),
} as const;
