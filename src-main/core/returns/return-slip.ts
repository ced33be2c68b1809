import { OmsError } from '../../../src-shared/contract/errors';
import type { PdfFile } from '../../../src-shared/contract';
import { fitText, PdfDocument, textWidth } from '../../../src-shared/documents/pdf';
import { formatMoney } from '../../../src-shared/money';
import { RESOLUTION_LABELS } from '../../../src-shared/returns/policy';
import { RETURN_STATUS_LABELS } from '../../../src-shared/returns/types';
import type { CoreContext } from '../context';
import type { ReturnQueries } from './rma-store';

const M = 48;
const W = 612;
const H = 792;

/**
 * The return slip the customer puts in the parcel: the RMA number large and as
 * a Code 128 barcode (scanned at receiving), the items and what happens next.
 * Only for approved returns, so nobody ships back what was not agreed.
 */
export function createReturnSlip(ctx: CoreContext, queries: ReturnQueries) {
  return function slip(id: number): PdfFile {
    const r = queries.get(id);
    if (r.status === 'requested' || r.status === 'rejected') {
      throw new OmsError('CONFLICT', `${r.number} is ${RETURN_STATUS_LABELS[r.status].toLowerCase()}; a return slip is printed once the return is approved.`);
    }
    const doc = new PdfDocument(`Return slip ${r.number}`);
    const page = doc.addPage();
    page.text(M, H - M - 10, ctx.meta.name, { size: 16, bold: true });
    page.text(M, H - M - 28, 'RETURN SLIP', { size: 11, gray: 0.35 });
    page.text(W - M, H - M - 28, `Order ${r.orderName} · printed ${ctx.clock.now().toISOString().slice(0, 10)}`, { size: 9, gray: 0.35, align: 'right' });
    page.line(M, H - M - 40, W - M, H - M - 40, 1, 0.2);

    let y = H - M - 84;
    page.text(M, y, r.number, { size: 26, bold: true });
    page.text(M, y - 18, `${r.customerName || 'Customer'} · ${RESOLUTION_LABELS[r.resolution]}`, { size: 10, gray: 0.35 });
    const bw = page.barcode(W - M - 210, y - 26, r.number, { height: 46, module: 1.3 });
    page.text(W - M - 210 + bw / 2 - textWidth(r.number, 9) / 2, y - 38, r.number, { size: 9 });

    y -= 74;
    const cols = { qty: M, sku: M + 40, item: M + 160, reason: W - M - 170 };
    page.rect(M, y - 5, W - 2 * M, 18, 0.93);
    page.text(cols.qty + 4, y, 'QTY', { size: 8, bold: true });
    page.text(cols.sku, y, 'SKU', { size: 8, bold: true });
    page.text(cols.item, y, 'ITEM', { size: 8, bold: true });
    page.text(cols.reason, y, 'REASON', { size: 8, bold: true });
    y -= 20;
    for (const l of r.lines) {
      if (y < M + 140) break;
      const reason = r.evaluation.lines.find((x) => x.lineId === l.orderLineId)?.reasonLabel ?? l.reason;
      page.text(cols.qty + 4, y, String(l.quantity), { size: 11, bold: true });
      page.text(cols.sku, y, fitText(l.sku ?? '-', 110, 9), { size: 9 });
      page.text(cols.item, y, fitText(l.title, cols.reason - cols.item - 10, 10), { size: 10 });
      page.text(cols.reason, y, fitText(reason, W - M - cols.reason, 9), { size: 9 });
      y -= 18;
      page.line(M, y + 8, W - M, y + 8, 0.3, 0.85);
    }

    y -= 16;
    const amount = formatMoney(r.totalMinor, r.currency, 'en-US').replace(/[^\x20-\x7e]/g, ' ');
    const outcome = r.resolution === 'exchange' ? 'We send the replacement once the items arrive.' : `${RESOLUTION_LABELS[r.resolution]} of ${amount} once the items are received and checked.`;
    ['What to do', '1. Put this slip in the parcel with the items listed above.', `2. Write ${r.number} on the outside of the parcel.`, `3. ${outcome}`].forEach((t, i) =>
      page.text(M, y - i * 15, t, { size: i === 0 ? 10 : 10, bold: i === 0, gray: i === 0 ? 0 : 0.2 }),
    );
    if (r.labelMinor > 0) page.text(M, y - 66, `The return label (${formatMoney(r.labelMinor, r.currency, 'en-US')}) is deducted from the amount.`, { size: 9, gray: 0.35 });
    page.text(M, M, `Questions? Quote ${r.number} when you contact ${ctx.meta.name}.`, { size: 9, gray: 0.35 });
    const bytes = doc.toBytes();
    return { fileName: `return-slip-${r.number}.pdf`, pdfBase64: Buffer.from(bytes).toString('base64'), pages: 1 };
  };
}
