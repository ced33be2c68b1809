import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeContents, FakeWindow, packagedRuntime, windowHooks } from './fake-window';
import { pdfPath } from '../../src-renderer/src/lib/download';
import type { PdfOutputReply } from '../../src-shared/contract/bridge';

/**
 * Printing and saving documents from the desktop app: main's handler for
 * `oms:pdf`, with Electron's window and OS calls faked (Electron cannot run
 * here) and real files written to a temp folder.
 */
const handlers = new Map<string, (event: unknown, message: unknown) => Promise<PdfOutputReply>>();
vi.mock('electron', () => ({
  app: { getPath: () => tmpdir() },
  BrowserWindow: FakeWindow,
  dialog: {},
  shell: {},
  ipcMain: { handle: (channel: string, fn: (event: unknown, message: unknown) => Promise<PdfOutputReply>) => handlers.set(channel, fn) },
}));

const { PdfOutput, PDF_CHANNEL, electronPdfDeps } = await import('../../src-main/app/pdf-output');
const { createMainWindow } = await import('../../src-main/app/windows');

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << >> endobj\n%%EOF\n');
const slip = { action: 'open', fileName: 'packing-slip-1001.pdf', pdfBase64: PDF.toString('base64') };

let dir: string;
beforeEach(() => {
  FakeWindow.all = [];
  handlers.clear();
  dir = mkdtempSync(join(tmpdir(), 'oms-pdf-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function setup(opts: { openPath?: (p: string) => Promise<string>; saveTo?: string | null } = {}) {
  const opened: string[] = [];
  const dialogs: { parent: unknown; name: string }[] = [];
  const deps = {
    ...electronPdfDeps,
    printDir: () => join(dir, 'print'),
    openPath: vi.fn(async (p: string) => {
      opened.push(p);
      return opts.openPath ? opts.openPath(p) : '';
    }),
    showSaveDialog: vi.fn(async (parent: unknown, name: string) => {
      dialogs.push({ parent, name });
      return opts.saveTo === null ? { canceled: true } : { canceled: false, filePath: opts.saveTo ?? join(dir, 'chosen.pdf') };
    }),
  };
  new PdfOutput(null, deps as never).install();
  const win = createMainWindow(packagedRuntime as never, windowHooks) as unknown as FakeWindow;
  const invoke = (message: unknown, o: { contents?: FakeContents; url?: string; subframe?: boolean } = {}) =>
    handlers.get(PDF_CHANNEL)!({ sender: o.contents ?? win.webContents, senderFrame: { url: o.url ?? 'app://orderhouse/index.html', parent: o.subframe ? {} : null } }, message);
  return { invoke, opened, dialogs, win };
}

describe('printing and saving PDFs in the desktop app', () => {
  it('refuses anything but our window’s top frame on our origin', async () => {
    const { invoke, opened } = setup();
    await expect(invoke(slip, { contents: new FakeContents() })).rejects.toThrow(/not an Orderhouse window/);
    await expect(invoke(slip, { subframe: true })).rejects.toThrow();
    await expect(invoke(slip, { url: 'https://evil.example/' })).rejects.toThrow();
    expect(opened).toEqual([]);
  });

  it.each([
    ['not an object', 'print please', 'must be'],
    ['an unknown action', { ...slip, action: 'email' }, 'action'],
    ['a path instead of a file name', { ...slip, fileName: '../../.bashrc.pdf' }, 'fileName'],
    ['a name that is not a PDF', { ...slip, fileName: 'slip.exe' }, 'fileName'],
    ['bytes that are not a PDF', { ...slip, pdfBase64: Buffer.from('MZ\x90\x00 not a pdf').toString('base64') }, 'not a PDF'],
    ['no document', { ...slip, pdfBase64: '' }, 'pdfBase64'],
  ])('answers %s with a reason and touches nothing', async (_name, message, says) => {
    const { invoke, opened } = setup();
    const r = await invoke(message);
    expect(r.ok).toBe(false);
    expect(r.ok === false && r.message).toContain(says);
    expect(opened).toEqual([]);
  });

  it('open: writes the PDF to the print folder under a fresh name and opens it in the system viewer', async () => {
    const { invoke, opened } = setup();
    const r = await invoke(slip);
    expect(r).toMatchObject({ ok: true });
    const path = (r as { path: string }).path;
    expect(path.startsWith(join(dir, 'print'))).toBe(true);
    expect(path.endsWith('-packing-slip-1001.pdf')).toBe(true);
    expect(opened).toEqual([path]);
    expect(readFileSync(path).equals(PDF)).toBe(true);
  });

  it('open: says where the file is when no viewer could open it', async () => {
    const { invoke } = setup({ openPath: async () => 'No application is associated with the file' });
    const r = await invoke(slip);
    expect(r).toMatchObject({ ok: false });
    expect(r.ok === false && r.message).toMatch(/no PDF viewer opened it .*No application.* It is at .*packing-slip-1001\.pdf/);
  });

  it('save: asks where with the native dialog on the calling window, writes there, adds .pdf when missing', async () => {
    const { invoke, dialogs, win } = setup({ saveTo: join(dir, 'slips', 'today') });
    const r = await invoke({ ...slip, action: 'save' });
    expect(dialogs).toEqual([{ parent: win, name: 'packing-slip-1001.pdf' }]);
    expect(r).toEqual({ ok: true, path: join(dir, 'slips', 'today.pdf') });
    expect(readFileSync(join(dir, 'slips', 'today.pdf')).equals(PDF)).toBe(true);
  });

  it('save: cancelling the dialog writes nothing and says so', async () => {
    const { invoke } = setup({ saveTo: null });
    expect(await invoke({ ...slip, action: 'save' })).toEqual({ ok: false, cancelled: true, message: 'Not saved.' });
  });
});

describe('the renderer picks the path by what the bridge can do', () => {
  it.each([
    ['the desktop bridge (has pdf)', { pdf: { open: vi.fn(), save: vi.fn() } }, 'desktop'],
    ['the browser bridge (no pdf)', {}, 'download'],
    ['no bridge at all', undefined, 'download'],
  ])('%s → %s', (_name, bridge, path) => {
    expect(pdfPath(bridge as never)).toBe(path);
  });
});
