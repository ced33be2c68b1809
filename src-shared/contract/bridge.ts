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
  /** Desktop only: hands a generated PDF to the operating system (absent in browser mode, which downloads it). */
  readonly pdf?: PdfOutputBridge;
}

/** A generated document (packing slip, pick list, label) as the core returns it. */
export interface PdfDocument {
  fileName: string;
  pdfBase64: string;
}

export type PdfOutputReply = { ok: true; path: string } | { ok: false; cancelled?: boolean; message: string };

export interface PdfOutputBridge {
  /** Opens the PDF in the system's PDF viewer, ready to print (Ctrl/Cmd+P). */
  open(file: PdfDocument): Promise<PdfOutputReply>;
  /** Asks where to save it (native dialog) and writes it there. */
  save(file: PdfDocument): Promise<PdfOutputReply>;
}
