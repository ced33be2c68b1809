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
  | { type: 'close' };

/** Why the core could not open the workspace; 'internal' covers anything unexpected. */
export type CoreStartFailureKind = 'too_new' | 'locked' | 'corrupt' | 'unreadable' | 'foreign' | 'internal';

export type FromCore =
  | { type: 'ready' }
  | { type: 'fatal'; kind: CoreStartFailureKind; message: string }
  | { type: 'reply'; id: number; reply: CallReply }
  | { type: 'event'; name: string; payload: unknown; audience: EventAudience };

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
    default:
      return false;
  }
}
