import { z } from 'zod';
import { id, method } from './common';

/** Customer database: search, profile with timeline, notes, and the duplicate review queue with merge and undo. */

export interface CustomerSummary {
  id: number;
  ref: string | null;
  name: string;
  email: string | null;
  phone: string | null;
  city: string | null;
  country: string | null;
  orderCount: number;
  /** Set when this record was merged into another one. */
  mergedIntoId: number | null;
}

export interface CustomerAddress {
  id: number;
  address1: string | null;
  address2: string | null;
  city: string | null;
  postcode: string | null;
  region: string | null;
  country: string | null;
  isDefault: boolean;
}

export type RfmSegment = 'champion' | 'loyal' | 'promising' | 'new' | 'needs attention' | 'at risk' | 'hibernating' | 'no orders';

export interface CustomerStats {
  currency: string | null;
  lifetimeValueMinor: number;
  orderCount: number;
  averageOrderMinor: number;
  firstOrderAt: string | null;
  lastOrderAt: string | null;
  /** Recency, frequency and monetary scores 1–5 (5 best) and the segment they put the customer in. */
  rfm: { recency: number; frequency: number; monetary: number; segment: RfmSegment };
}

export type TimelineKind = 'order' | 'fulfilment' | 'refund' | 'return' | 'note' | 'merge' | 'case';
export interface TimelineEntry {
  at: string;
  kind: TimelineKind;
  title: string;
  detail: string | null;
  orderId: number | null;
}

export interface CustomerNote {
  id: number;
  body: string;
  author: string | null;
  createdAt: string;
}

export interface CustomerProfile {
  id: number;
  ref: string | null;
  firstName: string | null;
  lastName: string | null;
  /** Masked ("j•••@gmail.com", "•••• 0123") for roles that may not change customers. */
  email: string | null;
  phone: string | null;
  birthDate: string | null;
  contactMasked: boolean;
  acceptsMarketing: boolean;
  platform: string | null;
  mergedIntoId: number | null;
  createdAt: string;
  addresses: CustomerAddress[];
  stats: CustomerStats;
  timeline: TimelineEntry[];
  notes: CustomerNote[];
}

export interface DuplicateEvidence {
  field: string;
  label: string;
  level: string;
  weight: number;
  a: string;
  b: string;
}

export interface DuplicateSide {
  id: number;
  ref: string | null;
  firstName: string | null;
  lastName: string | null;
  email: string | null;
  phone: string | null;
  birthDate: string | null;
  address: string | null;
  orderCount: number;
  createdAt: string;
}

export interface DuplicatePair {
  a: DuplicateSide;
  b: DuplicateSide;
  probability: number;
  band: 'likely' | 'certain';
  evidence: DuplicateEvidence[];
  foundAt: string;
}

export interface MergeCertainResult {
  merged: number;
  /** Pairs that needed no merge of their own (their records already ended up together in the cluster's survivor). */
  skipped: number;
  /** Each merge of the run, for undo one by one. */
  merges: { mergeId: number; survivorId: number; mergedId: number; survivorName: string; mergedName: string }[];
}

export const MERGE_FIELDS = ['firstName', 'lastName', 'email', 'phone', 'birthDate', 'address'] as const;
export type MergeField = (typeof MERGE_FIELDS)[number];

const search = z.string().trim().max(200, 'must be at most 200 characters');
const limit = (max: number, def: number) => z.number({ message: 'must be a number' }).int('must be a whole number').min(1, 'must be at least 1').max(max, `must be at most ${max}`).default(def);
const offset = z.number({ message: 'must be a number' }).int('must be a whole number').min(0, 'must be 0 or more').default(0);

export const customerMethods = {
  'customers.list': method<{ items: CustomerSummary[]; total: number }>()({
    input: z.object({ search: search.optional(), limit: limit(200, 50), offset }).strict(),
    permission: 'customers.read',
    summary: 'Customers by name, email, phone or ref (merged-away records hidden); newest first.',
  }),
  'customers.get': method<CustomerProfile>()({
    input: z.object({ id }).strict(),
    permission: 'customers.read',
    summary: 'One customer: contact data (masked by role), addresses, lifetime value, orders, AOV, RFM segment, timeline and notes.',
  }),
  'customers.addNote': method<CustomerNote>()({
    input: z.object({ customerId: id, body: z.string().trim().min(1, 'must not be empty').max(4000, 'must be at most 4000 characters') }).strict(),
    permission: 'customers.write',
    summary: 'Adds an internal note to a customer.',
  }),
  'duplicates.review': method<{ items: DuplicatePair[]; total: number; certain: number; lastScanAt: string | null }>()({
    input: z.object({ band: z.enum(['likely', 'certain', 'all']).default('all'), limit: limit(100, 20), offset }).strict(),
    permission: 'customers.read',
    summary: 'The review queue: open duplicate pairs, most certain first, each with the field-by-field evidence.',
  }),
  'duplicates.scan': method<{ pairs: number; certain: number; customers: number; ms: number }>()({
    input: z.object({}).strict().default({}),
    permission: 'customers.write',
    summary: 'Full duplicate scan of every customer (job.progress events while it runs); refreshes the review queue.',
  }),
  'duplicates.merge': method<{ mergeId: number; survivorId: number }>()({
    input: z
      .object({
        survivorId: id,
        mergedId: id,
        /** Whose value each field keeps; fields left out keep the survivor's (or the merged record's when the survivor has none). */
        choices: z.partialRecord(z.enum(MERGE_FIELDS), z.enum(['survivor', 'merged'])).default({}),
      })
      .strict(),
    permission: 'customers.write',
    summary: 'Merges one customer into another: chosen field values, orders, returns, notes, cases and addresses move to the survivor; audited; undoable.',
  }),
  'duplicates.mergeCertain': method<MergeCertainResult>()({
    input: z.object({ expected: z.number({ message: 'must be a number' }).int('must be a whole number').min(1, 'must be at least 1') }).strict(),
    permission: 'customers.write',
    summary:
      'Merges every open pair at the "certain" threshold (clusters into one survivor: most orders, then oldest) after the person confirmed `expected` pairs; each merge audited and undoable on its own; job.progress while it runs.',
  }),
  'duplicates.unmerge': method<{ ok: true }>()({
    input: z.object({ mergeId: id }).strict(),
    permission: 'customers.write',
    summary: 'Undoes a merge: the merged customer comes back with its orders, returns, notes and addresses; the survivor gets its old values.',
  }),
  'duplicates.notSame': method<{ ok: true }>()({
    input: z.object({ aId: id, bId: id }).strict(),
    permission: 'customers.write',
    summary: 'Marks a pair as two different people; the engine never asks about it again.',
  }),
} as const;
