import { create } from 'zustand';
import type { FulfilResult, PackOrder } from '../../../src-shared/contract';
import { call } from '../lib/api';
import { downloadPdf } from '../lib/download';
import { beepDone, beepError, beepOk } from '../screens/pack/beep';
import { carrierFor, confirmByHand, fulfilLines, handConfirmable, scanItem, unitsScanned, unitsToShip } from '../screens/pack/pack-rules';

export type PackPhase = 'order' | 'items' | 'tracking';
export interface PackMessage {
  tone: 'ok' | 'error' | 'info' | 'done';
  title: string;
  text?: string;
}

interface PackState {
  phase: PackPhase;
  order: PackOrder | null;
  counts: Record<number, number>;
  lastLineId: number | null;
  message: PackMessage | null;
  busy: boolean;
  carrier: string;
  /** Session figures: orders packed since this station was opened. */
  packed: number;
  startedAt: number | null;
  /** Increases on every refusal so the screen can flash even for the same message twice. */
  alarm: number;
  /** The last sound played ('ok', 'error', 'done'): shown as data-sound for tests and screen readers. */
  sound: 'ok' | 'error' | 'done' | null;
  /** A line without a barcode being confirmed by hand (F6): the next input is its count. */
  confirming: number | null;
  /** Units confirmed by hand per line (shown on the line; never mixed up with scans). */
  byHand: Record<number, number>;
  /** F6: confirm the next line without a barcode by typing its count. */
  startConfirm(): void;
  cancelConfirm(): void;
  /** The order packed last: F4 prints its slip. */
  lastPacked: { orderId: number; name: string } | null;
  printSlip(): Promise<void>;
  scan(code: string): Promise<void>;
  /** Ship what is scanned so far; the rest stays open. */
  finishPartial(): void;
  finish(tracking: string): Promise<void>;
  setCarrier(c: string): void;
  reset(message?: PackMessage | null): void;
}

/**
 * Scans that arrive while the core is answering (a wedge scanner does not
 * wait): kept in order and handled as soon as the answer is in, never dropped.
 */
const waiting: string[] = [];

const refuse = (set: (p: Partial<PackState>) => void, get: () => PackState, message: PackMessage) => {
  beepError();
  set({ message, alarm: get().alarm + 1, sound: 'error' });
};

export const usePack = create<PackState>()((set, get) => {

  // The scan itself, one at a time (see `waiting`).
  async function handleScan(code: string): Promise<void> {
    const { phase, order, counts, confirming } = get();

    if (confirming !== null && order && (phase === 'items' || phase === 'tracking')) {
      const out = confirmByHand(order.lines, counts, confirming, code);
      if (out.kind === 'refused') return refuse(set, get, { tone: 'error', title: 'NOT CONFIRMED', text: `${out.reason} Esc cancels.` });
      beepOk();
      const line = order.lines.find((l) => l.lineId === out.lineId);
      const next = { ...counts, [out.lineId]: out.count };
      const byHand = { ...get().byHand, [out.lineId]: (get().byHand[out.lineId] ?? 0) + out.added };
      const what = `${out.added} × ${line?.sku ?? line?.title ?? 'item'} confirmed by hand`;
      if (out.complete && phase === 'items') {
        set({ sound: 'ok', counts: next, byHand, confirming: null, lastLineId: out.lineId, phase: 'tracking', message: { tone: 'ok', title: 'All items verified', text: `${what}. Scan or type the tracking number.` } });
      } else {
        set({ sound: 'ok', counts: next, byHand, confirming: null, lastLineId: out.lineId, message: { tone: 'ok', title: what, text: `${unitsScanned(next)} of ${unitsToShip(order.lines)} items counted.` } });
      }
      return;
    }

    if (phase === 'order') {
      set({ busy: true });
      const r = await call('orders.findForPacking', { number: code });
      set({ busy: false });
      if (!r.ok) return refuse(set, get, { tone: 'error', title: r.error.code === 'NOT_FOUND' ? 'ORDER NOT FOUND' : 'CANNOT OPEN ORDER', text: r.error.message });
      if (r.result.blocked) return refuse(set, get, { tone: 'error', title: `DO NOT PACK ${r.result.name}`, text: r.result.blocked });
      beepOk();
      set({
        sound: 'ok',
        phase: 'items',
        order: r.result,
        counts: {},
        byHand: {},
        confirming: null,
        lastLineId: null,
        startedAt: get().startedAt ?? Date.now(),
        message: {
          tone: 'info',
          title: `Order ${r.result.name}`,
          text: `Scan each item — ${unitsToShip(r.result.lines)} to pack.${handConfirmable(r.result.lines, {}).length ? ' A line without a barcode: type its SKU, or press F6 and type the count.' : ''}`,
        },
      });
      return;
    }

    if (phase === 'items' && order) {
      const out = scanItem(order.lines, counts, code);
      if (out.kind === 'wrong') return refuse(set, get, { tone: 'error', title: 'WRONG ITEM', text: `${out.code} is not on order ${order.name}. Put it back.` });
      if (out.kind === 'extra') {
        const line = order.lines.find((l) => l.lineId === out.lineId);
        return refuse(set, get, {
          tone: 'error',
          title: 'EXTRA UNIT',
          text: out.expected === 0 ? `${line?.sku ?? 'This item'} has already shipped on this order. Put it back.` : `All ${out.expected} × ${line?.sku ?? 'this item'} are already scanned. Put this one back.`,
        });
      }
      beepOk();
      set({ sound: 'ok' });
      const next = { ...counts, [out.lineId]: out.count };
      const line = order.lines.find((l) => l.lineId === out.lineId);
      if (out.complete) {
        set({ counts: next, lastLineId: out.lineId, phase: 'tracking', message: { tone: 'ok', title: 'All items verified', text: 'Scan or type the tracking number.' } });
      } else {
        set({ counts: next, lastLineId: out.lineId, message: { tone: 'ok', title: `${line?.sku ?? 'Item'} ✓ ${out.count} of ${line?.remaining ?? '?'}`, text: `${unitsScanned(next)} of ${unitsToShip(order.lines)} items scanned.` } });
      }
      return;
    }

    if (phase === 'tracking' && order) {
      // An item scanned here is never taken for a tracking number.
      const out = scanItem(order.lines, counts, code);
      if (out.kind === 'extra') {
        const line = order.lines.find((l) => l.lineId === out.lineId);
        return refuse(set, get, { tone: 'error', title: 'EXTRA UNIT', text: `${line?.sku ?? 'This item'} is already fully scanned. Put this one back, then scan the tracking number.` });
      }
      if (out.kind === 'ok') {
        // A missing item turned up after F9: count it and stay ready for the tracking number.
        beepOk();
        const next = { ...counts, [out.lineId]: out.count };
        set({ sound: 'ok', counts: next, lastLineId: out.lineId, message: { tone: 'ok', title: 'Item added', text: `${unitsScanned(next)} of ${unitsToShip(order.lines)} items will ship. Scan or type the tracking number.` } });
        return;
      }
      await get().finish(code);
    }
  }

  return {
  phase: 'order',
  order: null,
  counts: {},
  lastLineId: null,
  message: null,
  busy: false,
  carrier: 'UPS',
  packed: 0,
  startedAt: null,
  alarm: 0,
  sound: null,
  lastPacked: null,
  confirming: null,
  byHand: {},

  startConfirm() {
    const { order, counts, phase, confirming } = get();
    if (!order || (phase !== 'items' && phase !== 'tracking')) return;
    const open = handConfirmable(order.lines, counts);
    if (!open.length) {
      return refuse(set, get, { tone: 'error', title: 'SCAN THE ITEMS', text: 'Every line left to pack has a barcode: scan each item. F6 is only for items without one.' });
    }
    // F6 again moves to the next line without a barcode.
    const at = open.findIndex((l) => l.lineId === confirming);
    const line = open[(at + 1) % open.length]!;
    const left = line.remaining - (counts[line.lineId] ?? 0);
    set({
      confirming: line.lineId,
      lastLineId: line.lineId,
      message: { tone: 'info', title: `Confirm by hand: ${line.sku ?? line.title}`, text: `No barcode on this item. Check it is “${line.title}”, then type how many you put in (up to ${left}) and press Enter.${open.length > 1 ? ' F6 for the next line.' : ''} Esc cancels.` },
    });
  },

  cancelConfirm() {
    if (get().confirming === null) return;
    set({ confirming: null, message: { tone: 'info', title: 'Not confirmed', text: 'Nothing was counted. Carry on scanning.' } });
  },

  async scan(raw) {
    const code = raw.trim();
    if (!code) return;
    if (get().busy) {
      waiting.push(code);
      return;
    }
    await handleScan(code);
    while (waiting.length && !get().busy) await handleScan(waiting.shift() as string);
  },

  finishPartial() {
    const { order, counts, phase } = get();
    if (!order || phase !== 'items') return;
    if (unitsScanned(counts) === 0) return refuse(set, get, { tone: 'error', title: 'NOTHING SCANNED', text: 'Scan at least one item before shipping part of the order.' });
    set({ phase: 'tracking', message: { tone: 'info', title: 'Partial shipment', text: `${unitsScanned(counts)} of ${unitsToShip(order.lines)} items will ship; the rest stays open. Scan or type the tracking number.` } });
  },

  setCarrier(c) {
    set({ carrier: c });
  },

  async finish(trackingRaw) {
    const { order, counts, busy } = get();
    const tracking = trackingRaw.trim();
    if (!order || busy) return;
    if (tracking.length < 3) return refuse(set, get, { tone: 'error', title: 'TRACKING NUMBER NEEDED', text: 'Scan or type the tracking number from the label.' });
    const carrier = carrierFor(tracking) ?? get().carrier;
    set({ busy: true, carrier });
    const r = await call('orders.fulfil', {
      orderId: order.orderId,
      lines: fulfilLines(counts),
      expectedUpdatedAt: order.updatedAt,
      ...(order.locationId ? { locationId: order.locationId } : {}),
      tracking: { company: carrier, number: tracking },
      ...(Object.keys(get().byHand).length ? { handVerified: Object.entries(get().byHand).map(([lineId, quantity]) => ({ lineId: Number(lineId), quantity })) } : {}),
    });
    set({ busy: false });
    if (!r.ok) {
      const conflict = r.error.code === 'CONFLICT';
      const cancelled = /cancelled/.test(r.error.message);
      const advice = !conflict ? '' : cancelled ? ' Put the items back — do not ship it.' : ' Scan the order again to see what changed.';
      refuse(set, get, { tone: 'error', title: conflict ? 'ORDER CHANGED — NOT SHIPPED' : 'NOT SHIPPED', text: `${r.error.message.replace(' Reload it and try again.', '')}${advice}` });
      if (conflict) set({ phase: 'order', order: null, counts: {}, byHand: {}, confirming: null, lastLineId: null });
      return;
    }
    beepDone();
    set({ sound: 'done' });
    const res: FulfilResult = r.result;
    const shipped = unitsScanned(counts);
    const left = unitsToShip(order.lines) - shipped;
    set({
      phase: 'order',
      order: null,
      counts: {},
      byHand: {},
      confirming: null,
      lastLineId: null,
      packed: get().packed + 1,
      lastPacked: { orderId: order.orderId, name: order.name },
      message: {
        tone: 'done',
        title: res.fulfillmentStatus === 'fulfilled' ? `${order.name} packed` : `${order.name} partly packed`,
        text: `${shipped} item${shipped === 1 ? '' : 's'} · ${carrier} ${tracking}${left > 0 ? ` · ${left} left open` : ''}. F4 prints the packing slip; scan the next order.`,
      },
    });
  },

  async printSlip() {
    const target = get().order ?? get().lastPacked;
    if (!target) return refuse(set, get, { tone: 'error', title: 'NO ORDER', text: 'Scan an order first; F4 prints its packing slip.' });
    const r = await call('orders.packingSlips', { orderIds: [target.orderId] });
    if (!r.ok) return refuse(set, get, { tone: 'error', title: 'SLIP NOT PRINTED', text: r.error.message });
    const out = await downloadPdf(r.result);
    if (!out.ok) return refuse(set, get, { tone: 'error', title: 'SLIP NOT PRINTED', text: out.message });
    set({ message: { tone: 'info', title: `Packing slip for ${target.name}`, text: out.message } });
  },

  reset(message = null) {
    set({ phase: 'order', order: null, counts: {}, byHand: {}, confirming: null, lastLineId: null, message });
  },
  };
});
