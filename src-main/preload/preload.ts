/**
 * The sandboxed preload: exposes `window.oms` and nothing else. It never hands
 * the page ipcRenderer, an IPC event object or a session token; the page can
 * only name a contract method and pass input, and listen to known events.
 * Must stay self-contained (sandboxed preloads can only require 'electron'):
 * src-shared/contract/events.ts has no runtime imports, so it bundles inline.
 */
import { contextBridge, ipcRenderer } from 'electron';
import type { OmsBridge, PdfDocument, PdfOutputReply } from '../../src-shared/contract/bridge';
import type { CallReply } from '../../src-shared/contract/errors';
import { EVENT_NAMES } from '../../src-shared/contract/events';

const CALL_CHANNEL = 'oms:call';
const PDF_CHANNEL = 'oms:pdf';
const EVENT_CHANNEL = 'oms:event';
/** Events the page may subscribe to: exactly the contract's list (incl. main's 'core.restarted'). */
const knownEvents: ReadonlySet<string> = new Set<string>(EVENT_NAMES);

type Handler = (payload: unknown) => void;
const handlers = new Map<string, Set<Handler>>();

// One IPC listener for all subscriptions; unknown event names are dropped here.
ipcRenderer.on(EVENT_CHANNEL, (_event, name: unknown, payload: unknown) => {
  if (typeof name !== 'string' || !knownEvents.has(name)) return;
  for (const handler of [...(handlers.get(name) ?? [])]) {
    try {
      handler(payload);
    } catch (err) {
      console.error(`window.oms: a handler for "${name}" threw`, err);
    }
  }
});

async function call(method: string, input?: unknown): Promise<CallReply> {
  try {
    return (await ipcRenderer.invoke(CALL_CHANNEL, { method, input: input ?? {} })) as CallReply;
  } catch {
    return { ok: false, error: { code: 'UNAVAILABLE', message: 'Orderhouse could not reach its core; please try again.' } };
  }
}

function on(event: string, handler: Handler): () => void {
  if (typeof handler !== 'function') throw new TypeError('window.oms.on needs a handler function');
  if (!knownEvents.has(event)) throw new TypeError(`window.oms.on: unknown event "${String(event)}"`);
  let set = handlers.get(event);
  if (!set) handlers.set(event, (set = new Set()));
  set.add(handler);
  return () => {
    set.delete(handler);
  };
}

/** Documents go to main as bytes and a file name; main writes them and asks the OS (see app/pdf-output.ts). */
async function pdf(action: 'open' | 'save', file: PdfDocument): Promise<PdfOutputReply> {
  try {
    return (await ipcRenderer.invoke(PDF_CHANNEL, { action, fileName: file?.fileName, pdfBase64: file?.pdfBase64 })) as PdfOutputReply;
  } catch {
    return { ok: false, message: 'Orderhouse could not hand the PDF to the system; please try again.' };
  }
}

const bridge: OmsBridge = {
  call: call as OmsBridge['call'],
  on: on as OmsBridge['on'],
  transport: 'electron',
  pdf: { open: (file) => pdf('open', file), save: (file) => pdf('save', file) },
};

contextBridge.exposeInMainWorld('oms', bridge);
