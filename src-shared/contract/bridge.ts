import type { EventMap, EventName } from './events';
import type { CallReply } from './errors';
import type { InputOf, MethodName, OutputOf } from './methods';

/**
 * `window.oms`: the only thing the renderer can reach. Electron's preload and
 * the browser-mode bridge both implement it.
 */
export interface OmsBridge {
  call<M extends MethodName>(method: M, input?: InputOf<M>): Promise<CallReply<OutputOf<M>>>;
  on<E extends EventName>(event: E, handler: (payload: EventMap[E]) => void): () => void;
  /** 'electron' or 'browser': for labels only, never for decisions about security. */
  readonly transport: 'electron' | 'browser';
}
