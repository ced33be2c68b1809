import { z } from 'zod';
import { method, noInput } from './common';

export interface AppInfo {
  workspaceName: string;
  demo: boolean;
  needsOwner: boolean;
  version: string;
  currency: string;
}

/** Workspace-level calls, mostly for the first run. */
export const appMethods = {
  'app.info': method<AppInfo>()({
    input: noInput(),
    permission: null,
    summary: 'Workspace name and whether it still needs its owner account (no sign-in needed).',
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
} as const;
