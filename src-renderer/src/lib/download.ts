import type { OmsBridge, PdfDocument } from '../../../src-shared/contract/bridge';

/** How this window hands a PDF to the person: by what the bridge can do, not by which transport it is. */
export function pdfPath(bridge: Pick<OmsBridge, 'pdf'> | undefined): 'desktop' | 'download' {
  return bridge?.pdf ? 'desktop' : 'download';
}

/** What happened, in words for a status line. */
export interface PdfOutcome {
  ok: boolean;
  message: string;
}

/**
 * Hands a generated PDF to the person. In the desktop app it opens in the
 * system's PDF viewer, ready to print (main writes it; the page never touches
 * the file system); in browser mode it is downloaded. The bytes are the same.
 */
export async function downloadPdf(file: PdfDocument): Promise<PdfOutcome> {
  const bridge = typeof window !== 'undefined' ? window.oms : undefined;
  if (pdfPath(bridge) === 'desktop' && bridge?.pdf) {
    const r = await bridge.pdf.open(file);
    return r.ok ? { ok: true, message: `${file.fileName} is open in your PDF viewer — print it from there.` } : { ok: false, message: r.message };
  }
  const bin = atob(file.pdfBase64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  const url = URL.createObjectURL(new Blob([bytes], { type: 'application/pdf' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = file.fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return { ok: true, message: `${file.fileName} is ready to print.` };
}

/** Desktop only: save where the person chooses (browser mode always downloads). */
export async function savePdf(file: PdfDocument): Promise<PdfOutcome> {
  const bridge = typeof window !== 'undefined' ? window.oms : undefined;
  if (!bridge?.pdf) return downloadPdf(file);
  const r = await bridge.pdf.save(file);
  return r.ok ? { ok: true, message: `Saved to ${r.path}.` } : { ok: r.cancelled === true, message: r.message };
}
