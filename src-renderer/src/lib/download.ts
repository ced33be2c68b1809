import type { PdfFile } from '../../../src-shared/contract';

/**
 * Hands a generated PDF to the user: a download in browser mode (the page
 * never touches the file system). Electron's print dialog can come later;
 * the bytes are the same.
 */
export function downloadPdf(file: PdfFile): void {
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
}
