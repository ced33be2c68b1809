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
export type SyncRunTrigger = 'start' | 'schedule' | 'manual' | 'cli' | 'first-import';
export interface SyncRunEntry {
  id: number;
  platform: string;
  trigger: SyncRunTrigger;
  startedAt: string;
  /** null while running, or when the process stopped during the run. */
  finishedAt: string | null;
  ok: boolean | null;
  error: string | null;
  resources: SyncRunSummary['resources'];
  outbox: { sent: number; failed: number };
}
export interface SyncScheduleSetting {
  enabled: boolean;
  /** Minutes between scheduled runs. */
  minutes: number;
}
/** A resource's progress in the run under way; `total` when the shop said how many (first import). */
export interface SyncLiveProgress { records: number; total: number | null; pages: number; quarantined: number }
export interface SyncStatus {
  connected: boolean;
  platform: 'shopify' | null;
  shop: string | null;
  /** The built-in demo store (an emulator inside Orderhouse), not a real shop. */
  demo: boolean;
  shopUrl: string | null;
  /** Where the access token is kept: the OS keychain (desktop app) or the workspace key file. */
  tokenIn: 'os-keychain' | 'key-file' | null;
  running: boolean;
  /** Per resource, while a run is going. */
  live: Partial<Record<SyncResourceName, SyncLiveProgress>>;
  schedule: SyncScheduleSetting;
  /** When the scheduler runs next; null when the schedule is off or nothing runs one (CLI). */
  nextRunAt: string | null;
  /** Finish time of the last run that ended well. */
  lastSuccessAt: string | null;
  /** The last run could not reach the shop at all (no network, shop down); local work goes on. */
  offline: boolean;
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
  'sync.runs': method<{ items: SyncRunEntry[] }>()({
    input: z.object({ limit: z.number().int().min(1).max(200).default(20) }).strict().default({ limit: 20 }),
    permission: 'sync.read',
    summary: 'The last runs of the sync engine, newest first: when, what started it, ok or why not, counts per resource, outbox sent / failed.',
  }),
  'sync.schedule.set': method<SyncScheduleSetting>()({
    input: z.object({ enabled: z.boolean({ message: 'say whether scheduled sync is on' }), minutes: z.number({ message: 'must be a number' }).int('must be a whole number of minutes').min(1, 'must be at least 1 minute').max(1440, 'must be at most 1,440 minutes (a day)') }).strict(),
    permission: 'sync.manage',
    summary: 'Turns scheduled sync on or off and sets its interval in minutes (audited).',
  }),
  'sync.connect': method<SyncStatus>()({
    input: z.object({ shop: z.string().trim().min(1, 'enter the shop address').max(300), token: z.string().trim().min(10, 'paste the Admin API access token').max(500) }).strict(),
    permission: 'settings.manage',
    summary: 'Owner only: checks the access token against the shop, then stores it (OS keychain or key file, never the database) and syncs (audited, without the token).',
  }),
  'sync.disconnect': method<SyncStatus>()({
    input: z.object({ confirm: z.literal(true, { message: 'confirm the disconnection' }) }).strict(),
    permission: 'settings.manage',
    summary: 'Owner only: forgets the shop connection and its token; local data stays (audited).',
  }),
  'workspace.createDemoStore': method<{ users: number }>()({
    input: noInput(),
    permission: null,
    summary: 'First run only: makes this empty workspace a demo workspace (four demo users, password "demo") connected to the built-in demo store, and starts the first import through the sync engine.',
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
