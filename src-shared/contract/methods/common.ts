import { z } from 'zod';
import type { Permission } from '../roles';

/**
 * One contract method: its input schema, the permission it needs and (as a
 * phantom) its output type. `permission: null` marks the few calls allowed
 * before signing in.
 */
export interface MethodDef<I extends z.ZodType, O> {
  input: I;
  permission: Permission | null;
  /** Phantom: carries the output type only. */
  output?: O;
  summary: string;
}

export function method<O>() {
  return <I extends z.ZodType>(def: Omit<MethodDef<I, O>, 'output'>): MethodDef<I, O> => def;
}

export const username = z
  .string()
  .trim()
  .min(2, 'must be at least 2 characters')
  .max(64, 'must be at most 64 characters')
  .regex(/^[a-z0-9._-]+$/i, 'may use letters, digits, dot, dash and underscore only');
export const isoDate = z.iso.datetime({ offset: true, message: 'must be an ISO-8601 date-time, e.g. 2026-01-31T00:00:00Z' });
export const id = z.number({ message: 'must be a number' }).int('must be a whole number').positive('must be positive');
export const noInput = () => z.object({}).strict().default({});
