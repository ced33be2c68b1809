import { z } from 'zod';
import type { Role } from '../roles';
import { ROLES } from '../roles';
import { method, noInput, username } from './common';

export interface UserInfo {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  active: boolean;
  lastLoginAt: string | null;
}

/** Signing in and out, and the people who may. */
export const authMethods = {
  'auth.setupOwner': method<{ user: UserInfo; token: string }>()({
    input: z
      .object({ username, displayName: z.string().trim().min(1).max(100), password: z.string().min(1).max(200) })
      .strict(),
    permission: null,
    summary: 'First run only: creates the owner account and signs it in.',
  }),
  'auth.login': method<{ user: UserInfo; token: string }>()({
    input: z.object({ username: z.string().trim().min(1, 'is required').max(64), password: z.string().min(1, 'is required').max(200) }).strict(),
    permission: null,
    summary: 'Signs in; repeated failures are slowed down.',
  }),
  'auth.logout': method<{ ok: true }>()({
    input: noInput(),
    permission: 'session',
    summary: 'Ends this session.',
  }),
  'auth.whoami': method<{ user: UserInfo; idleTimeoutMs: number }>()({
    input: noInput(),
    permission: 'session',
    summary: 'The signed-in user.',
  }),
  'users.list': method<UserInfo[]>()({
    input: noInput(),
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
} as const;
