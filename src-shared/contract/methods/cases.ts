import { z } from 'zod';
import { id, method } from './common';

/** Service cases: opened from a customer or an order; status, priority, due time, assignee, notes, reply templates. */
export const CASE_TYPES = ['question', 'complaint', 'damaged_item', 'missing_item', 'return_request', 'other'] as const;
export const CASE_STATUSES = ['open', 'waiting_on_customer', 'resolved'] as const;
export const CASE_PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export type CaseType = (typeof CASE_TYPES)[number];
export type CaseStatus = (typeof CASE_STATUSES)[number];
export type CasePriority = (typeof CASE_PRIORITIES)[number];

export interface CaseSummary {
  id: number;
  number: string;
  subject: string;
  type: CaseType;
  status: CaseStatus;
  priority: CasePriority;
  customerId: number | null;
  customerName: string | null;
  orderId: number | null;
  orderName: string | null;
  assignee: string | null;
  dueAt: string;
  overdue: boolean;
  createdAt: string;
}

export interface CaseNote {
  id: number;
  kind: 'note' | 'reply' | 'status';
  body: string;
  author: string | null;
  createdAt: string;
}

export interface ReplyTemplate {
  id: string;
  name: string;
  body: string;
}

export interface CaseDetail extends CaseSummary {
  assigneeId: number | null;
  /** Where a reply by email goes (shown per the role's contact policy); null when the customer has none. */
  customerEmail: string | null;
  resolvedAt: string | null;
  notes: CaseNote[];
  templates: ReplyTemplate[];
}

export const caseMethods = {
  'cases.list': method<{ items: CaseSummary[]; counts: Record<CaseStatus | 'overdue', number> }>()({
    input: z
      .object({
        status: z.enum([...CASE_STATUSES, 'active', 'all']).default('active'),
        customerId: id.optional(),
        limit: z.number({ message: 'must be a number' }).int('must be a whole number').min(1).max(200, 'must be at most 200').default(100),
      })
      .strict(),
    permission: 'customers.read',
    summary: 'Cases (active = open or waiting), overdue first then by due time, with counts per status and overdue.',
  }),
  'cases.get': method<CaseDetail>()({
    input: z.object({ id }).strict(),
    permission: 'customers.read',
    summary: 'One case with its notes and the reply templates.',
  }),
  'cases.create': method<CaseDetail>()({
    input: z
      .object({
        customerId: id.optional(),
        orderId: id.optional(),
        type: z.enum(CASE_TYPES),
        priority: z.enum(CASE_PRIORITIES).default('normal'),
        subject: z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters'),
        note: z.string().trim().max(4000, 'must be at most 4000 characters').optional(),
        assigneeId: id.optional(),
      })
      .strict(),
    permission: 'customers.write',
    summary: 'Opens a case from a customer or an order; the due time follows the type’s service target and the priority.',
  }),
  'cases.update': method<CaseDetail>()({
    input: z
      .object({ id, status: z.enum(CASE_STATUSES).optional(), priority: z.enum(CASE_PRIORITIES).optional(), assigneeId: id.nullable().optional() })
      .strict(),
    permission: 'customers.write',
    summary: 'Changes status, priority or assignee (each change noted on the case and audited).',
  }),
  'cases.addNote': method<CaseDetail>()({
    input: z.object({ id, kind: z.enum(['note', 'reply']).default('note'), body: z.string().trim().min(1, 'must not be empty').max(8000, 'must be at most 8000 characters') }).strict(),
    permission: 'customers.write',
    summary: 'Adds an internal note, or records a reply sent to the customer.',
  }),
  'cases.renderReply': method<{ text: string; missing: string[] }>()({
    input: z.object({ id, templateId: z.string().min(1).max(64) }).strict(),
    permission: 'customers.read',
    summary: 'Fills a reply template’s placeholders (customer name, order number, tracking link) for this case.',
  }),
} as const;
