import { app, BrowserWindow, dialog, ipcMain, shell, type IpcMainInvokeEvent } from 'electron';
import { mkdir, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { PdfOutputReply } from '../../src-shared/contract/bridge';
import { isOwnUrl } from './origins';
import { isOurWebContents } from './windows';

export const PDF_CHANNEL = 'oms:pdf';
/** Far above any slip or pick list (200 slips ≈ 1 MB), far below anything that could hurt main. */
const MAX_BASE64 = 40 * 1024 * 1024;
const FILE_NAME = /^[A-Za-z0-9][A-Za-z0-9._ -]{0,120}\.pdf$/;
/** Printed copies are kept a day (the viewer may still have one open), then swept. */
const KEEP_MS = 24 * 60 * 60 * 1000;

/** What main needs from the OS; injected so the rules are tested without Electron. */
export interface PdfOutputDeps {
  printDir(): string;
  writeFile(path: string, bytes: Uint8Array): Promise<void>;
  /** Resolves to '' on success or the OS's error text (Electron's shell.openPath contract). */
  openPath(path: string): Promise<string>;
  showSaveDialog(parent: BrowserWindow | null, defaultName: string): Promise<{ canceled: boolean; filePath?: string }>;
  sweep(dir: string, olderThanMs: number): Promise<void>;
}

export const electronPdfDeps: PdfOutputDeps = {
  printDir: () => join(app.getPath('temp'), 'orderhouse-print'),
  writeFile: async (path, bytes) => {
    await mkdir(join(path, '..'), { recursive: true });
    await writeFile(path, bytes);
  },
  openPath: (path) => shell.openPath(path),
  showSaveDialog: async (parent, defaultName) => {
    const opts = { defaultPath: defaultName, filters: [{ name: 'PDF document', extensions: ['pdf'] }] };
    return parent ? dialog.showSaveDialog(parent, opts) : dialog.showSaveDialog(opts);
  },
  sweep: async (dir, olderThanMs) => {
    const now = Date.now();
    const names = await readdir(dir).catch(() => [] as string[]);
    for (const name of names) {
      const path = join(dir, name);
      const s = await stat(path).catch(() => null);
      if (s && now - s.mtimeMs > olderThanMs) await rm(path, { force: true }).catch(() => undefined);
    }
  },
};

type Parsed = { ok: true; action: 'open' | 'save'; fileName: string; bytes: Uint8Array } | { ok: false; message: string };

/**
 * Printing and saving documents in the desktop app. The core makes the PDF
 * (the same bytes browser mode downloads); main hands it to the OS: "open"
 * writes it to Orderhouse's print folder and opens it in the system's PDF
 * viewer, where the person prints (its print dialog knows the printers);
 * "save" asks where with the native dialog. Loading the PDF into a hidden
 * window and calling webContents.print() prints blank pages
 * (electron/electron#30947), and our session refuses file:// loads anyway.
 * Same sender rule as the IPC relay: our window, top frame, our origin.
 */
export class PdfOutput {
  constructor(
    private readonly devServer: URL | null,
    private readonly deps: PdfOutputDeps = electronPdfDeps,
  ) {}

  install(): void {
    ipcMain.handle(PDF_CHANNEL, (event, message: unknown) => this.handle(event, message));
  }

  async handle(event: IpcMainInvokeEvent, message: unknown): Promise<PdfOutputReply> {
    const frame = event.senderFrame;
    if (!frame || frame.parent !== null || !isOurWebContents(event.sender) || !isOwnUrl(frame.url, this.devServer)) {
      throw new Error('oms:pdf refused: the sender is not an Orderhouse window');
    }
    const parsed = parsePdfMessage(message);
    if (!parsed.ok) return parsed;

    if (parsed.action === 'open') {
      const dir = this.deps.printDir();
      await this.deps.sweep(dir, KEEP_MS);
      // A fresh name per print: the viewer may still hold the last copy open (and locked, on Windows).
      const path = join(dir, `${Date.now().toString(36)}-${parsed.fileName}`);
      try {
        await this.deps.writeFile(path, parsed.bytes);
      } catch (err) {
        return { ok: false, message: `Could not write the PDF for printing (${(err as Error).message}).` };
      }
      const problem = await this.deps.openPath(path);
      if (problem) return { ok: false, message: `The PDF is ready but no PDF viewer opened it (${problem}). It is at ${path}.` };
      return { ok: true, path };
    }

    const choice = await this.deps.showSaveDialog(BrowserWindow.fromWebContents(event.sender), parsed.fileName);
    if (choice.canceled || !choice.filePath) return { ok: false, cancelled: true, message: 'Not saved.' };
    const path = /\.pdf$/i.test(choice.filePath) ? choice.filePath : `${choice.filePath}.pdf`;
    try {
      await this.deps.writeFile(path, parsed.bytes);
    } catch (err) {
      return { ok: false, message: `Could not save the PDF to ${path} (${(err as Error).message}).` };
    }
    return { ok: true, path };
  }
}

/** `{ action: 'open'|'save', fileName: 'x.pdf', pdfBase64 }` carrying a real PDF, and nothing else. */
export function parsePdfMessage(message: unknown): Parsed {
  if (typeof message !== 'object' || message === null) return { ok: false, message: 'The request must be { action, fileName, pdfBase64 }.' };
  const { action, fileName, pdfBase64 } = message as Record<string, unknown>;
  if (action !== 'open' && action !== 'save') return { ok: false, message: 'action must be "open" or "save".' };
  if (typeof fileName !== 'string' || !FILE_NAME.test(fileName)) return { ok: false, message: 'fileName must be a plain file name ending in .pdf (no folders).' };
  if (typeof pdfBase64 !== 'string' || pdfBase64.length === 0) return { ok: false, message: 'pdfBase64 must be the document, base64-encoded.' };
  if (pdfBase64.length > MAX_BASE64) return { ok: false, message: 'The document is too large to print from here.' };
  const bytes = new Uint8Array(Buffer.from(pdfBase64, 'base64'));
  if (Buffer.from(bytes.subarray(0, 5)).toString('latin1') !== '%PDF-') return { ok: false, message: 'That is not a PDF document.' };
  return { ok: true, action, fileName, bytes };
}
