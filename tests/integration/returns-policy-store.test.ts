import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_RETURN_POLICY } from '../../src-shared/returns/policy';
import { seedShop } from '../support/returns-fixture';
import { demoWorkspace, manualClock, type TestWorkspace } from '../support/workspace';

let ws: TestWorkspace | undefined;
afterEach(() => ws?.dispose());

async function shop() {
  const clock = manualClock('2026-11-01T12:00:00.000Z');
  ws = await demoWorkspace({ clock });
  const seeded = seedShop(ws.core.store.sqlite, [
    // Shipped before the stricter policy takes effect…
    { number: 1001, createdAt: '2026-10-20T09:00:00.000Z', fulfilledAt: '2026-10-21T09:00:00.000Z', lines: [{ title: 'Linen shirt', sku: 'LS-1', quantity: 2, priceMinor: 4000, discountMinor: 800, taxMinor: 640 }] },
    // …and after.
    { number: 1002, createdAt: '2026-11-05T09:00:00.000Z', fulfilledAt: '2026-11-06T09:00:00.000Z', lines: [{ title: 'Linen shirt', sku: 'LS-1', quantity: 1, priceMinor: 4000 }] },
    { number: 1003, createdAt: '2026-11-05T09:00:00.000Z', fulfilledAt: null, lines: [{ title: 'Wool scarf', sku: 'WS-1', quantity: 1, priceMinor: 2500 }] },
  ]);
  return { clock, ws, ...seeded };
}

describe('return policy: stored, versioned, seeded', () => {
  it('a new workspace starts with the default policy, in force from the beginning', async () => {
    const { ws } = await shop();
    const view = await (await ws.as('backoffice')).ok('returns.policy.get');
    expect(view.current.policy).toEqual(DEFAULT_RETURN_POLICY);
    expect(view.current.effectiveFrom).toBe('1970-01-01T00:00:00.000Z');
    expect(view.versions).toHaveLength(1);
  });

  it('owners and managers save new versions; each is audited; back office may not', async () => {
    const { ws } = await shop();
    const manager = await ws.as('manager');
    const saved = await manager.ok('returns.policy.save', { policy: { ...DEFAULT_RETURN_POLICY, windowDays: 14 }, note: 'Shorter window' });
    expect(saved.policy.windowDays).toBe(14);
    expect(saved.createdBy).toBe('Marcus Manager');
    const denied = await (await ws.as('backoffice')).call('returns.policy.save', { policy: DEFAULT_RETURN_POLICY });
    expect(denied).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const audit = ws.core.store.sqlite.prepare("SELECT action, entity_id FROM audit_log WHERE action = 'returns.policy.saved'").all();
    expect(audit).toEqual([{ action: 'returns.policy.saved', entity_id: String(saved.id) }]);
    expect(ws.core.ctx.audit.verify().ok).toBe(true);
  });

  it('refuses an invalid policy naming the field, and a version back-dated into the past', async () => {
    const { ws } = await shop();
    const owner = await ws.as('owner');
    const bad = await owner.call('returns.policy.save', { policy: { ...DEFAULT_RETURN_POLICY, requiredCondition: 'mint' } });
    expect(bad).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'policy.requiredCondition' } });
    const past = await owner.call('returns.policy.save', { policy: DEFAULT_RETURN_POLICY, effectiveFrom: '2026-01-01T00:00:00Z' });
    expect(past).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'effectiveFrom' } });
  });

  it('a return is judged by the policy in force when its order shipped, not today’s', async () => {
    const { ws, clock, orderIds, lineIds } = await shop();
    const owner = await ws.as('owner');
    await owner.ok('returns.policy.save', { policy: { ...DEFAULT_RETURN_POLICY, name: 'Strict', windowDays: 3 }, effectiveFrom: '2026-11-03T00:00:00Z' });
    clock.set('2026-11-15T12:00:00.000Z');
    const later = await ws.as('owner');
    const old = await later.ok('returns.evaluate', { orderId: orderIds[0] as number, lines: [{ lineId: lineIds[0]?.[0] as number, quantity: 1, reason: 'changed_mind', condition: 'unopened' }] });
    expect(old.policyName).toBe('Standard returns');
    expect(old.lines[0]?.verdict).toBe('eligible');
    const recent = await later.ok('returns.evaluate', { orderId: orderIds[1] as number, lines: [{ lineId: lineIds[1]?.[0] as number, quantity: 1, reason: 'changed_mind', condition: 'unopened' }] });
    expect(recent.policyName).toBe('Strict');
    expect(recent.lines[0]?.verdict).toBe('not_eligible');
    expect(recent.lines[0]?.reasons.join(' ')).toMatch(/Outside the 3-day return window/);
  });
});

describe('returns.evaluate through the contract', () => {
  it('gives per-line amounts from the store: discount and tax shares', async () => {
    const { ws, orderIds, lineIds } = await shop();
    const bo = await ws.as('backoffice');
    const ev = await bo.ok('returns.evaluate', { orderId: orderIds[0] as number, lines: [{ lineId: lineIds[0]?.[0] as number, quantity: 1, reason: 'defective', condition: 'damaged' }], at: '2026-11-01T00:00:00Z' });
    expect(ev.lines[0]).toMatchObject({ verdict: 'eligible', itemMinor: 3600, taxMinor: 320, feeMinor: 0, refundMinor: 3920 });
    expect(ev.totalMinor).toBe(3920);
  });

  it('refuses quantities beyond what shipped, naming the field', async () => {
    const { ws, orderIds, lineIds } = await shop();
    const bo = await ws.as('backoffice');
    const tooMany = await bo.call('returns.evaluate', { orderId: orderIds[0] as number, lines: [{ lineId: lineIds[0]?.[0] as number, quantity: 3, reason: 'defective', condition: 'damaged' }] });
    expect(tooMany).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'lines.0.quantity' } });
    const unshipped = await bo.call('returns.evaluate', { orderId: orderIds[2] as number, lines: [{ lineId: lineIds[2]?.[0] as number, quantity: 1, reason: 'defective', condition: 'damaged' }] });
    expect(unshipped).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'lines.0.quantity' } });
    const noOrder = await bo.call('returns.evaluate', { orderId: 999999, lines: [{ lineId: 1, quantity: 1, reason: 'defective', condition: 'damaged' }] });
    expect(noOrder).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('a packer may not evaluate returns', async () => {
    const { ws, orderIds, lineIds } = await shop();
    const r = await (await ws.as('packer')).call('returns.evaluate', { orderId: orderIds[0] as number, lines: [{ lineId: lineIds[0]?.[0] as number, quantity: 1, reason: 'defective', condition: 'damaged' }] });
    expect(r).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});

describe('return policy: reasons and conditions added, renamed and retired', () => {
  const edited = () => ({
    ...DEFAULT_RETURN_POLICY,
    reasons: [
      ...DEFAULT_RETURN_POLICY.reasons.map((r) => (r.code === 'changed_mind' ? { ...r, retired: true } : r.code === 'wrong_size' ? { ...r, label: 'Did not fit' } : r)),
      { code: 'arrived_late', label: 'Arrived too late', fault: 'shop' as const, restockingFee: null, retired: false },
    ],
    conditions: [...DEFAULT_RETURN_POLICY.conditions, { code: 'missing_parts', label: 'Missing parts', resellable: false, fee: { kind: 'fixed' as const, amountMinor: 500 }, retired: false }],
  });

  it('a new version adds a reason, renames one and retires one; an older order may use the new one and no longer the retired one', async () => {
    const { ws, orderIds, lineIds } = await shop();
    const manager = await ws.as('manager');
    const saved = await manager.ok('returns.policy.save', { policy: edited(), note: 'Reasons tidied' });
    expect(saved.policy.reasons.find((r) => r.code === 'changed_mind')?.retired).toBe(true);
    // Order 1001 shipped under the default version: its terms, today's list of reasons.
    const bo = await ws.as('backoffice');
    const line = { lineId: lineIds[0]?.[0] as number, quantity: 1, condition: 'like_new' };
    const late = await bo.ok('returns.evaluate', { orderId: orderIds[0] as number, lines: [{ ...line, reason: 'arrived_late' }] });
    expect([late.policyId, late.lines[0]?.reasonLabel, late.lines[0]?.verdict]).toEqual([1, 'Arrived too late', 'eligible']);
    const fit = await bo.ok('returns.evaluate', { orderId: orderIds[0] as number, lines: [{ ...line, reason: 'wrong_size' }] });
    expect(fit.lines[0]?.reasonLabel).toBe('Did not fit');
    const retired = await bo.call('returns.evaluate', { orderId: orderIds[0] as number, lines: [{ ...line, reason: 'changed_mind' }] });
    expect(retired).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'lines.0.reason' } });
    if (!retired.ok) expect(retired.error.message).toContain('"Changed mind" is retired');
    // A condition added since can be declared, and charges its fee.
    const parts = await bo.ok('returns.evaluate', { orderId: orderIds[0] as number, lines: [{ ...line, reason: 'wrong_size', condition: 'missing_parts' }] });
    expect(parts.lines[0]?.reasons.join(' ')).toContain('does not meet the required');
  });

  it('a saved reason or condition cannot be removed, only retired; the required condition cannot be retired', async () => {
    const { ws } = await shop();
    const manager = await ws.as('manager');
    const dropped = await manager.call('returns.policy.save', { policy: { ...DEFAULT_RETURN_POLICY, reasons: DEFAULT_RETURN_POLICY.reasons.filter((r) => r.code !== 'defective') } });
    expect(dropped).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'reasons' } });
    if (!dropped.ok) expect(dropped.error.message).toContain('"defective" cannot be removed; retire it instead');
    const required = await manager.call('returns.policy.save', { policy: { ...DEFAULT_RETURN_POLICY, conditions: DEFAULT_RETURN_POLICY.conditions.map((c) => (c.code === 'like_new' ? { ...c, retired: true } : c)) } });
    expect(required).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'policy.requiredCondition' } });
    const versions = (await manager.ok('returns.policy.get')).versions;
    expect(versions).toHaveLength(1);
  });
});

