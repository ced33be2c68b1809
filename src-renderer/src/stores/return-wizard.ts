import { create } from 'zustand';
import type { OmsErrorShape } from '../../../src-shared/contract';
import type { OrderDetail, OrderSummary } from '../../../src-shared/orders';
import type { Resolution, ReturnPolicy } from '../../../src-shared/returns/policy';
import type { ReturnDetail, ReturnEvaluation } from '../../../src-shared/returns/types';
import { call } from '../lib/api';
import { onSignOut } from '../lib/reset';

export const WIZARD_STEPS = ['order', 'items', 'reasons', 'verdict', 'resolution', 'summary'] as const;
export type WizardStep = (typeof WIZARD_STEPS)[number] | 'done';
export const STEP_LABELS: Record<(typeof WIZARD_STEPS)[number], string> = {
  order: 'Order',
  items: 'Items',
  reasons: 'Reason & condition',
  verdict: 'Verdict',
  resolution: 'Resolution',
  summary: 'Summary',
};

export interface Pick {
  quantity: number;
  reason: string;
  condition: string;
  /** A manager's written reason to accept a not-eligible line. */
  override: string;
}

interface WizardState {
  active: boolean;
  step: WizardStep;
  query: string;
  results: OrderSummary[] | null;
  searching: boolean;
  order: OrderDetail | null;
  policy: ReturnPolicy | null;
  picks: Record<number, Pick>;
  evaluation: ReturnEvaluation | null;
  resolution: Resolution | null;
  note: string;
  created: ReturnDetail | null;
  busy: boolean;
  error: OmsErrorShape | null;
  start(): void;
  close(): void;
  goTo(step: WizardStep): void;
  setQuery(q: string): void;
  search(): Promise<void>;
  pickOrder(id: number): Promise<void>;
  setPick(lineId: number, change: Partial<Pick>): void;
  /** Checks the chosen lines against the policy; with overrides, as a manager would accept them. */
  evaluate(withOverrides?: boolean): Promise<void>;
  setResolution(r: Resolution): void;
  setNote(note: string): void;
  create(): Promise<void>;
}

const initial = {
  active: false,
  step: 'order' as WizardStep,
  query: '',
  results: null,
  searching: false,
  order: null,
  policy: null,
  picks: {},
  evaluation: null,
  resolution: null,
  note: '',
  created: null,
  busy: false,
  error: null,
};

/** Lines the user chose (quantity above zero), in order-line order. */
export function chosenLines(picks: Record<number, Pick>): [number, Pick][] {
  return Object.entries(picks)
    .map(([id, p]) => [Number(id), p] as [number, Pick])
    .filter(([, p]) => p.quantity > 0)
    .sort((a, b) => a[0] - b[0]);
}

export const useReturnWizard = create<WizardState>()((set, get) => ({
  ...initial,
  start() {
    set({ ...initial, active: true });
  },
  close() {
    set({ ...initial });
  },
  goTo(step) {
    set({ step, error: null });
  },
  setQuery(query) {
    set({ query });
  },
  async search() {
    const q = get().query.trim();
    if (!q) return;
    set({ searching: true, error: null });
    const reply = await call('orders.list', { search: q, limit: 20 });
    set({ searching: false });
    if (!reply.ok) return set({ error: reply.error, results: [] });
    const results = reply.result.items;
    set({ results });
    // A scan or an exact order number: go straight on.
    const exact = results.filter((o) => o.name.replace('#', '') === q.replace('#', '') || String(o.number) === q.replace('#', ''));
    if (exact.length === 1 && exact[0]) await get().pickOrder(exact[0].id);
  },
  async pickOrder(id) {
    set({ busy: true, error: null });
    const reply = await call('orders.get', { id });
    if (!reply.ok) return set({ busy: false, error: reply.error });
    const order = reply.result;
    // The policy that judges this order: the one in force when it shipped.
    const shipped = order.fulfilments.map((f) => f.createdAt).sort()[0];
    const policy = await call('returns.policy.get', shipped ? { at: shipped } : {});
    set({ busy: false });
    if (!policy.ok) return set({ error: policy.error });
    const p = policy.result.current.policy;
    const picks: Record<number, Pick> = {};
    for (const l of order.lines) picks[l.id] = { quantity: 0, reason: p.reasons.find((r) => !r.retired)?.code ?? '', condition: p.requiredCondition, override: '' };
    set({ order, policy: p, picks, evaluation: null, resolution: null, step: 'items' });
  },
  setPick(lineId, change) {
    const picks = get().picks;
    const current = picks[lineId];
    if (!current) return;
    set({ picks: { ...picks, [lineId]: { ...current, ...change } }, evaluation: change.override === undefined ? null : get().evaluation });
  },
  async evaluate(withOverrides = false) {
    const { order, picks } = get();
    if (!order) return;
    set({ busy: true, error: null });
    const reply = await call('returns.evaluate', {
      orderId: order.id,
      lines: chosenLines(picks).map(([lineId, p]) => ({
        lineId,
        quantity: p.quantity,
        reason: p.reason,
        condition: p.condition,
        ...(withOverrides && p.override.trim().length >= 5 ? { override: { reason: p.override.trim() } } : {}),
      })),
    });
    set({ busy: false });
    if (!reply.ok) return set({ error: reply.error });
    const ev = reply.result;
    set({ evaluation: ev, step: withOverrides ? 'resolution' : 'verdict', resolution: get().resolution ?? ev.allowedResolutions[0] ?? null });
  },
  setResolution(resolution) {
    set({ resolution });
  },
  setNote(note) {
    set({ note });
  },
  async create() {
    const { order, picks, resolution, note, evaluation } = get();
    if (!order || !resolution || !evaluation) return;
    const overridden = new Set(evaluation.lines.filter((l) => l.override).map((l) => l.lineId));
    set({ busy: true, error: null });
    const reply = await call('returns.create', {
      orderId: order.id,
      resolution,
      ...(note.trim() ? { note: note.trim() } : {}),
      lines: chosenLines(picks).map(([lineId, p]) => ({
        lineId,
        quantity: p.quantity,
        reason: p.reason,
        condition: p.condition,
        ...(overridden.has(lineId) ? { override: { reason: p.override.trim() } } : {}),
      })),
    });
    set({ busy: false });
    if (!reply.ok) return set({ error: reply.error });
    set({ created: reply.result, step: 'done' });
  },
}));

onSignOut(() => useReturnWizard.setState({ ...initial }));
