import type { OmsBridge } from '../../src-shared/contract';

declare global {
  interface Window {
    /** The contract bridge: Electron's preload or, in browser mode, the HTTP/WebSocket bridge. */
    oms: OmsBridge;
  }
}

export {};
