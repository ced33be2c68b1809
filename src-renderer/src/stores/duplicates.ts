import { create } from 'zustand';
import type { DuplicatePair, MergeField, OmsErrorShape } from '../../../src-shared/contract';
import { call } from '../lib/api';
import { onSignOut } from '../lib/reset';

type Side = 'a' | 'b';

interface DuplicatesState {
  pairs: DuplicatePair[];
  total: number;
  certain: number;
  index: number;
  status: 'idle' | 'loading' | 'ready' | 'error';
  error: OmsErrorShape | null;
  /** Which record survives (the other is merged into it). */
  survivor: Side;
  /** Per field, whose value is kept; unset = the survivor's. */
  picks: Partial<Record<MergeField, Side>>;
  busy: boolean;
  actionError: OmsErrorShape | null;
  /** The last merge, for undo. */
  lastMerge: { mergeId: number; label: string } | null;
  message: string | null;
  scan: { phase: string; done: number; total: number } | null;
  /** When the store has never been scanned: null. */
  lastScanAt: string | null;
  load(opts?: { autoScan?: boolean }): Promise<void>;
  pick(field: MergeField, side: Side): void;
  setSurvivor(side: Side): void;
  skip(): void;
  merge(): Promise<void>;
  notSame(): Promise<void>;
  undo(): Promise<void>;
  runScan(): Promise<void>;
  scanProgress(p: { phase: string; done: number; total: number }): void;
}

const name = (p: { firstName: string | null; lastName: string | null; id: number }) => [p.firstName, p.lastName].filter(Boolean).join(' ') || `#${p.id}`;

export const useDuplicates = create<DuplicatesState>()((set, get) => ({
  pairs: [],
  total: 0,
  certain: 0,
  index: 0,
  status: 'idle',
  error: null,
  lastScanAt: null,
  survivor: 'a',
  picks: {},
  busy: false,
  actionError: null,
  lastMerge: null,
  message: null,
  scan: null,
  async load(opts = {}) {
    set({ status: 'loading' });
    const r = await call('duplicates.review', { limit: 50 });
    if (!r.ok) {
      set({ status: 'error', error: r.error });
      return;
    }
    set({ pairs: r.result.items, total: r.result.total, certain: r.result.certain, lastScanAt: r.result.lastScanAt, index: 0, status: 'ready', error: null, picks: {}, survivor: 'a' });
    // Never scanned (a new or imported shop): the first visit starts the full scan.
    if (r.result.lastScanAt === null && opts.autoScan) void get().runScan();
  },
  pick(field, side) {
    set({ picks: { ...get().picks, [field]: side } });
  },
  setSurvivor(side) {
    set({ survivor: side });
  },
  skip() {
    const { index, pairs } = get();
    set({ index: pairs.length ? (index + 1) % pairs.length : 0, picks: {}, survivor: 'a', actionError: null, message: pairs.length > 1 ? 'Skipped — it stays in the queue.' : null });
  },
  async merge() {
    const { pairs, index, survivor, picks, busy } = get();
    const pair = pairs[index];
    if (!pair || busy) return;
    const s = survivor === 'a' ? pair.a : pair.b;
    const m = survivor === 'a' ? pair.b : pair.a;
    const choices: Partial<Record<MergeField, 'survivor' | 'merged'>> = {};
    for (const [field, side] of Object.entries(picks) as [MergeField, Side][]) choices[field] = side === survivor ? 'survivor' : 'merged';
    set({ busy: true, actionError: null });
    const r = await call('duplicates.merge', { survivorId: s.id, mergedId: m.id, choices });
    if (!r.ok) {
      set({ busy: false, actionError: r.error });
      return;
    }
    set({ busy: false, lastMerge: { mergeId: r.result.mergeId, label: `${name(m)} into ${name(s)}` }, message: `Merged ${name(m)} into ${name(s)}.` });
    await get().load();
  },
  async notSame() {
    const { pairs, index, busy } = get();
    const pair = pairs[index];
    if (!pair || busy) return;
    set({ busy: true, actionError: null });
    const r = await call('duplicates.notSame', { aId: pair.a.id, bId: pair.b.id });
    if (!r.ok) {
      set({ busy: false, actionError: r.error });
      return;
    }
    set({ busy: false, message: `Marked as different people: ${name(pair.a)} and ${name(pair.b)} will not be suggested again.` });
    await get().load();
  },
  async undo() {
    const last = get().lastMerge;
    if (!last || get().busy) return;
    set({ busy: true, actionError: null });
    const r = await call('duplicates.unmerge', { mergeId: last.mergeId });
    if (!r.ok) {
      set({ busy: false, actionError: r.error });
      return;
    }
    set({ busy: false, lastMerge: null, message: `Undone: ${last.label} is separate again.` });
    await get().load();
  },
  async runScan() {
    if (get().scan) return;
    set({ scan: { phase: 'index', done: 0, total: 0 }, actionError: null });
    const r = await call('duplicates.scan', {});
    set({ scan: null });
    if (!r.ok) {
      set({ actionError: r.error });
      return;
    }
    set({ message: `Scan finished: ${r.result.customers.toLocaleString()} customers, ${r.result.pairs.toLocaleString()} possible duplicates (${r.result.certain.toLocaleString()} certain).` });
    await get().load();
  },
  scanProgress(p) {
    if (get().scan) set({ scan: p });
  },
}));

onSignOut(() => useDuplicates.setState({ lastScanAt: null, pairs: [], total: 0, certain: 0, index: 0, status: 'idle', error: null, picks: {}, survivor: 'a', lastMerge: null, message: null, scan: null, actionError: null }));
