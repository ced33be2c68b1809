import { OmsError, type PdfFile } from '../../../src-shared/contract';
import { fitText, PdfDocument, textWidth, type PdfPage } from '../../../src-shared/documents/pdf';
import type { CoreContext } from '../context';
import { remainingOf } from './fulfil';
import { createLocationPicker } from './pick-location';

interface OrderRow {
  id: number;
  number: number;
  name: string;
  created_at: string;
  customer_name: string;
  ship_name: string | null;
  ship_company: string | null;
  ship_address1: string | null;
  ship_address2: string | null;
  ship_city: string | null;
  ship_postcode: string | null;
  ship_region: string | null;
  ship_country: string | null;
  note: string | null;
}
interface LineRow {
  id: number;
  variant_id: number | null;
  sku: string | null;
  title: string;
  variant_title: string | null;
  quantity: number;
  fulfilled_quantity: number;
  refunded_quantity: number;
}

const M = 48; // page margin
const date = (iso: string) => iso.slice(0, 10);
const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

/** Packing slips and pick lists: PDFs drawn by our own writer (src-shared/documents). */
export function createDocuments(ctx: CoreContext) {
  const { sqlite } = ctx;
  const order = sqlite.prepare<[number], OrderRow>(
    `SELECT id, number, name, created_at, customer_name, ship_name, ship_company, ship_address1, ship_address2, ship_city, ship_postcode,
            ship_region, ship_country, note FROM orders WHERE id = ?`,
  );
  const lines = sqlite.prepare<[number], LineRow>(
    `SELECT l.id, l.variant_id, coalesce(l.sku, v.sku) AS sku, l.title, l.variant_title, l.quantity, l.fulfilled_quantity, l.refunded_quantity
       FROM order_lines l LEFT JOIN variants v ON v.id = l.variant_id WHERE l.order_id = ? ORDER BY l.id`,
  );
  const bin = sqlite.prepare<[number, number], { bin: string | null }>('SELECT bin FROM stock_levels WHERE variant_id = ? AND location_id = ?');
  const pickLocation = createLocationPicker(sqlite);

  const load = (ids: number[]) =>
    ids.map((id, i) => {
      const o = order.get(id);
      if (!o) throw new OmsError('NOT_FOUND', `orderIds.${i}: order ${id} does not exist.`, { field: `orderIds.${i}` });
      const ls = lines.all(id);
      const location = pickLocation(ls.filter((l) => remainingOf(l) > 0).map((l) => ({ variantId: l.variant_id, quantity: remainingOf(l) })));
      return { o, ls, location, binOf: (l: LineRow) => (l.variant_id !== null && location ? (bin.get(l.variant_id, location.id)?.bin ?? null) : null) };
    });

  function header(page: PdfPage, title: string, right: string) {
    const height = 792;
    page.text(M, height - M - 10, ctx.meta.name, { size: 16, bold: true });
    page.text(M, height - M - 28, title, { size: 11, gray: 0.35 });
    page.text(612 - M, height - M - 28, right, { size: 9, gray: 0.35, align: 'right' });
    page.line(M, height - M - 40, 612 - M, height - M - 40, 1, 0.2);
  }

  return {
    packingSlips(orderIds: number[]): PdfFile {
      const doc = new PdfDocument(orderIds.length === 1 ? `Packing slip` : `Packing slips (${orderIds.length})`);
      const loaded = load(orderIds);
      for (const { o, ls, location, binOf } of loaded) {
        const page = doc.addPage();
        header(page, 'PACKING SLIP', `Printed ${date(ctx.clock.now().toISOString())}`);
        // Order number, big, with its barcode: the pack station scans this.
        let y = 792 - M - 80;
        page.text(M, y, `Order ${o.name}`, { size: 22, bold: true });
        page.text(M, y - 18, `Placed ${date(o.created_at)}${location ? ` · ships from ${location.name}` : ''}`, { size: 10, gray: 0.35 });
        const w = page.barcode(612 - M - 170, y - 22, String(o.number), { height: 42, module: 1.6 });
        page.text(612 - M - 170 + w / 2 - textWidth(String(o.number), 9) / 2, y - 34, String(o.number), { size: 9 });

        y -= 60;
        page.text(M, y, 'SHIP TO', { size: 8, bold: true, gray: 0.4 });
        const addr = [
          o.ship_name ?? o.customer_name,
          o.ship_company,
          o.ship_address1,
          o.ship_address2,
          [o.ship_city, o.ship_region, o.ship_postcode].filter(Boolean).join(' '),
          o.ship_country,
        ].filter((x): x is string => !!x && !!x.trim());
        addr.forEach((a, i) => page.text(M, y - 14 - i * 13, a, { size: 11, bold: i === 0 }));
        y -= 14 + addr.length * 13 + 18;

        const cols = { bin: M, sku: M + 70, item: M + 190, qty: 612 - M - 110, shipped: 612 - M - 55, left: 612 - M };
        page.rect(M, y - 5, 612 - 2 * M, 18, 0.93);
        page.text(cols.bin + 4, y, 'BIN', { size: 8, bold: true });
        page.text(cols.sku, y, 'SKU', { size: 8, bold: true });
        page.text(cols.item, y, 'ITEM', { size: 8, bold: true });
        page.text(cols.qty, y, 'ORDERED', { size: 8, bold: true, align: 'right' });
        page.text(cols.shipped, y, 'SHIPPED', { size: 8, bold: true, align: 'right' });
        page.text(cols.left - 4, y, 'TO COME', { size: 8, bold: true, align: 'right' });
        y -= 20;
        for (const l of ls) {
          if (y < M + 60) break;
          const left = remainingOf(l);
          page.text(cols.bin + 4, y, binOf(l) ?? '-', { size: 10, bold: true });
          page.text(cols.sku, y, fitText(l.sku ?? '-', 115, 9), { size: 9 });
          page.text(cols.item, y, fitText(l.title, cols.qty - cols.item - 50, 10), { size: 10 });
          if (l.variant_title) page.text(cols.item, y - 11, fitText(l.variant_title, cols.qty - cols.item - 50, 8), { size: 8, gray: 0.4 });
          page.text(cols.qty, y, String(l.quantity), { size: 10, align: 'right' });
          page.text(cols.shipped, y, String(l.fulfilled_quantity), { size: 10, align: 'right' });
          page.text(cols.left - 4, y, left ? String(left) : '-', { size: 10, align: 'right', bold: left > 0 });
          y -= l.variant_title ? 26 : 18;
          page.line(M, y + 8, 612 - M, y + 8, 0.3, 0.85);
        }
        if (ls.some((l) => remainingOf(l) > 0 && l.fulfilled_quantity > 0)) {
          page.text(M, y - 8, 'Items marked "to come" ship separately.', { size: 9, gray: 0.35 });
        }
        page.text(M, M, `Thank you for shopping with ${ctx.meta.name}.`, { size: 10, gray: 0.35 });
      }
      const bytes = doc.toBytes();
      return { fileName: loaded.length === 1 ? `packing-slip-${loaded[0]?.o.number}.pdf` : `packing-slips-${orderIds.length}.pdf`, pdfBase64: b64(bytes), pages: doc.pages.length };
    },

    pickList(orderIds: number[]): PdfFile {
      const picks = new Map<string, { location: string; bin: string; sku: string; title: string; units: number; orders: string[] }>();
      let units = 0;
      for (const { o, ls, location, binOf } of load(orderIds)) {
        for (const l of ls) {
          const left = remainingOf(l);
          if (left <= 0) continue;
          const b = binOf(l) ?? '-';
          const key = `${location?.name ?? '-'}\u0000${b}\u0000${l.sku ?? l.title}`;
          const p = picks.get(key) ?? { location: location?.name ?? 'No location', bin: b, sku: l.sku ?? '-', title: [l.title, l.variant_title].filter(Boolean).join(' / '), units: 0, orders: [] };
          p.units += left;
          if (!p.orders.includes(o.name)) p.orders.push(o.name);
          picks.set(key, p);
          units += left;
        }
      }
      const rows = [...picks.values()].sort((a, b) => a.location.localeCompare(b.location) || a.bin.localeCompare(b.bin, 'en', { numeric: true }) || a.sku.localeCompare(b.sku));
      const doc = new PdfDocument(`Pick list (${orderIds.length} orders)`);
      const perPage = 30;
      const pages = Math.max(1, Math.ceil(rows.length / perPage));
      for (let p = 0; p < pages; p++) {
        const page = doc.addPage();
        header(page, 'PICK LIST', `${orderIds.length} orders · ${units} units · ${date(ctx.clock.now().toISOString())} · page ${p + 1} of ${pages}`);
        let y = 792 - M - 62;
        const cols = { bin: M, sku: M + 80, item: M + 200, qty: 612 - M - 150, orders: 612 - M - 140 };
        let lastLocation = '';
        for (const r of rows.slice(p * perPage, (p + 1) * perPage)) {
          if (r.location !== lastLocation) {
            y -= 6;
            page.text(M, y, r.location.toUpperCase(), { size: 9, bold: true, gray: 0.3 });
            y -= 4;
            page.line(M, y, 612 - M, y, 0.6, 0.6);
            y -= 14;
            lastLocation = r.location;
          }
          page.rect(cols.bin - 2, y - 3, 10, 10, 0.85); // tick box
          page.text(cols.bin + 14, y, r.bin, { size: 11, bold: true });
          page.text(cols.sku, y, fitText(r.sku, 115, 9), { size: 9 });
          page.text(cols.item, y, fitText(r.title, cols.qty - cols.item - 30, 9), { size: 9 });
          page.text(cols.qty, y, `x ${r.units}`, { size: 11, bold: true, align: 'right' });
          page.text(cols.orders, y, fitText(r.orders.join(' '), 140, 8), { size: 8, gray: 0.35 });
          y -= 18;
        }
        if (!rows.length) page.text(M, y, 'Nothing left to pick for these orders.', { size: 11 });
      }
      const bytes = doc.toBytes();
      return { fileName: `pick-list-${orderIds.length}-orders.pdf`, pdfBase64: b64(bytes), pages: doc.pages.length };
    },
  };
}
