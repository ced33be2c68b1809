import { z } from 'zod';
import type { Permission, Role } from './roles';
import { ROLES } from './roles';
import type { OrderDetail, OrderSummary, Queue } from '../orders';
import { ORDER_SORTS, QUEUES } from '../orders';

/**
 * The contract: every method the renderer, the CLI and the browser bridge may
 * call, with its input schema, output type and the permission it needs.
 * `permission: null` marks the few calls allowed before signing in.
 */
export interface MethodDef<I extends z.ZodType, O> {
  input: I;
  permission: Permission | null;
  /** Phantom: carries the output type only. */
  output?: O;
  summary: string;
}

function method<O>() {
  return <I extends z.ZodType>(def: Omit<MethodDef<I, O>, 'output'>): MethodDef<I, O> => def;
}

const username = z
  .string()
  .trim()
  .min(2, 'must be at least 2 characters')
  .max(64, 'must be at most 64 characters')
  .regex(/^[a-z0-9._-]+$/i, 'may use letters, digits, dot, dash and underscore only');
const isoDate = z.iso.datetime({ offset: true, message: 'must be an ISO-8601 date-time, e.g. 2026-01-31T00:00:00Z' });
const id = z.number({ message: 'must be a number' }).int('must be a whole number').positive('must be positive');

export interface UserInfo {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  active: boolean;
  lastLoginAt: string | null;
}

export interface AppInfo {
  workspaceName: string;
  demo: boolean;
  needsOwner: boolean;
  version: string;
  currency: string;
}

export const ListOrdersInput = z
  .object({
    queue: z.enum([...QUEUES, 'all']).default('all'),
    search: z.string().trim().max(200, 'must be at most 200 characters').optional(),
    from: isoDate.optional(),
    to: isoDate.optional(),
    tags: z.array(z.string().trim().min(1).max(64)).max(20, 'at most 20 tags').optional(),
    sort: z.enum(ORDER_SORTS).default('newest'),
    limit: z.number({ message: 'must be a number' }).int('must be a whole number').min(1, 'must be at least 1').max(500, 'must be at most 500').default(50),
    cursor: z.string().max(500).optional(),
  })
  .strict();
export type ListOrdersInput = z.input<typeof ListOrdersInput>;

export interface ListOrdersResult {
  items: OrderSummary[];
  nextCursor: string | null;
  total: number;
  /** True when `total` was capped for speed: "10,000+" rather than an exact count. */
  totalIsLowerBound: boolean;
}

export type QueueCounts = Record<Queue | 'all', number>;

export const contract = {
  'app.info': method<AppInfo>()({
    input: z.object({}).strict().default({}),
    permission: null,
    summary: 'Workspace name and whether it still needs its owner account (no sign-in needed).',
  }),
  'auth.setupOwner': method<{ user: UserInfo; token: string }>()({
    input: z
      .object({ username, displayName: z.string().trim().min(1).max(100), password: z.string().min(1).max(200) })
      .strict(),
    permission: null,
    summary: 'First run only: creates the owner account and signs it in.',
  }),
  'workspace.createDemo': method<{ orders: number; customers: number }>()({
    input: z
      .object({
        orders: z.number({ message: 'must be a number' }).int('must be a whole number').min(1000, 'must be at least 1,000').max(200_000, 'must be at most 200,000').default(20_000),
      })
      .strict()
      .default({ orders: 20_000 }),
    permission: null,
    summary: 'First run only: fills this empty workspace with the demo shop and its four demo users (password "demo").',
  }),
  'auth.login': method<{ user: UserInfo; token: string }>()({
    input: z.object({ username: z.string().trim().min(1, 'is required').max(64), password: z.string().min(1, 'is required').max(200) }).strict(),
    permission: null,
    summary: 'Signs in; repeated failures are slowed down.',
  }),
  'auth.logout': method<{ ok: true }>()({
    input: z.object({}).strict().default({}),
    permission: 'session',
    summary: 'Ends this session.',
  }),
  'auth.whoami': method<{ user: UserInfo; idleTimeoutMs: number }>()({
    input: z.object({}).strict().default({}),
    permission: 'session',
    summary: 'The signed-in user.',
  }),
  'users.list': method<UserInfo[]>()({
    input: z.object({}).strict().default({}),
    permission: 'users.read',
    summary: 'Everyone with a login.',
  }),
  'users.create': method<UserInfo>()({
    input: z
      .object({
        username,
        displayName: z.string().trim().min(1, 'is required').max(100),
        role: z.enum(ROLES),
        password: z.string().min(1, 'is required').max(200),
      })
      .strict(),
    permission: 'users.manage',
    summary: 'Adds a user with their own login (owner only).',
  }),
  'orders.list': method<ListOrdersResult>()({
    input: ListOrdersInput,
    permission: 'orders.read',
    summary: 'One page of a queue, with search, date range, tags and sort; keyset paging.',
  }),
  'orders.counts': method<QueueCounts>()({
    input: z.object({}).strict().default({}),
    permission: 'orders.read',
    summary: 'Live count of every queue.',
  }),
  'orders.get': method<OrderDetail>()({
    input: z.object({ id }).strict(),
    permission: 'orders.read',
    summary: 'One order with lines, customer, address, payment, fulfilments and timeline.',
  }),
} as const;

export type Contract = typeof contract;
export type MethodName = keyof Contract;
export type InputOf<M extends MethodName> = z.input<Contract[M]['input']>;
export type ParsedInputOf<M extends MethodName> = z.output<Contract[M]['input']>;
export type OutputOf<M extends MethodName> = NonNullable<Contract[M]['output']>;

export function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(contract, name);
}

/** Outputs that carry a session token: transports keep the token and hand the rest on. */
export const SESSION_ISSUING_METHODS: readonly MethodName[] = ['auth.login', 'auth.setupOwner'];
