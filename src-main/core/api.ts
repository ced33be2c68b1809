import type { CallReply, EventMap, EventName } from '../../src-shared/contract';

/**
 * What a host (Electron utilityProcess, browser-mode server, CLI, tests) sees of
 * the core. Input is untrusted: the core validates it against the contract.
 */
export interface CallRequest {
  method: string;
  input: unknown;
  /** The session token the transport holds for this caller; null before sign-in. */
  token: string | null;
  /** Who is calling, for the audit log: 'electron', 'browser', 'cli', 'test'. */
  client: string;
}

export type EventListener = <E extends EventName>(event: E, payload: EventMap[E], audience: EventAudience) => void;

/**
 * Who may receive an event: everyone signed in, the holder of one session, or
 * (for harmless progress such as the first-run demo build) any open window.
 */
export type EventAudience = { kind: 'all' } | { kind: 'session'; tokenHash: string } | { kind: 'public' };

export interface CoreApi {
  call(req: CallRequest): Promise<CallReply>;
  onEvent(listener: EventListener): () => void;
  /** Closes the database at once; resolves when the sync side (scheduler, demo store server) has stopped too. */
  close(): Promise<void>;
}
