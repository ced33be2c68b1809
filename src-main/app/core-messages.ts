import type { CallReply } from '../../src-shared/contract';
import type { EventAudience } from '../core/api';

/**
 * The messages between main and the core's utilityProcess. Types only plus
 * small guards: src-main/host/core-process.ts imports this file too, and it
 * must not pull Electron into the core process.
 */
export type ToCore =
  | { type: 'start'; workspaceDir: string }
  | { type: 'call'; id: number; method: string; input: unknown; token: string | null }
  /** Finish calls in flight, close the database cleanly, exit. */
  | { type: 'close' }
  /** Main's answer to a 'secret' request: the sealed or unsealed text, or why the keychain could not do it. */
  | { type: 'secret-reply'; id: number; ok: boolean; value: string | null; error: string | null };

/** Why the core could not open the workspace; 'internal' covers anything unexpected. */
export type CoreStartFailureKind = 'too_new' | 'locked' | 'corrupt' | 'unreadable' | 'foreign' | 'internal';

export type FromCore =
  | { type: 'ready' }
  | { type: 'fatal'; kind: CoreStartFailureKind; message: string }
  | { type: 'reply'; id: number; reply: CallReply }
  | { type: 'event'; name: string; payload: unknown; audience: EventAudience }
  /** The core asks main to seal / unseal the shop token with the OS keychain (safeStorage lives only in main). */
  | { type: 'secret'; id: number; op: 'seal' | 'unseal'; value: string };

const FAILURE_KINDS: readonly string[] = ['too_new', 'locked', 'corrupt', 'unreadable', 'foreign', 'internal'];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

export function isToCore(value: unknown): value is ToCore {
  if (!isRecord(value)) return false;
  switch (value.type) {
    case 'start':
      return typeof value.workspaceDir === 'string';
    case 'call':
      return typeof value.id === 'number' && typeof value.method === 'string' && (value.token === null || typeof value.token === 'string');
    case 'close':
      return true;
    case 'secret-reply':
      return typeof value.id === 'number' && typeof value.ok === 'boolean' && (value.value === null || typeof value.value === 'string') && (value.error === null || typeof value.error === 'string');
    default:
      return false;
  }
}

export function isFromCore(value: unknown): value is FromCore {
  if (!isRecord(value)) return false;
  switch (value.type) {
    case 'ready':
      return true;
    case 'fatal':
      return typeof value.kind === 'string' && FAILURE_KINDS.includes(value.kind) && typeof value.message === 'string';
    case 'reply':
      return typeof value.id === 'number' && isRecord(value.reply) && typeof value.reply.ok === 'boolean';
    case 'event':
      return typeof value.name === 'string' && isRecord(value.audience);
    case 'secret':
      return typeof value.id === 'number' && (value.op === 'seal' || value.op === 'unseal') && typeof value.value === 'string';
    default:
      return false;
  }
}
