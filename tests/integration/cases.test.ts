import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemoShop } from '../../src-main/core/demo';
import { demoWorkspace, manualClock, type Session, type TestWorkspace } from '../support/workspace';

/** Service cases through the contract: open from an order or a customer, due times, templates, status changes, merge. */
describe('service cases', () => {
  let ws: TestWorkspace;
  let staff: Session;
  const clock = manualClock('2026-11-02T09:00:00.000Z');
  let shipped: { id: number; name: string; customerId: number; first: string };

  beforeAll(async () => {
    ws = await demoWorkspace({ clock });
    generateDemoShop(ws.core.ctx.sqlite, { orders: 1500, customers: 600, seed: 5, now: new Date('2026-11-01T00:00:00Z') });
    staff = await ws.as('backoffice');
    shipped = ws.core.ctx.sqlite
      .prepare(
        `SELECT o.id, o.name, o.customer_id AS customerId, c.first_name AS first FROM orders o JOIN customers c ON c.id = o.customer_id
          WHERE EXISTS (SELECT 1 FROM fulfilments f WHERE f.order_id = o.id AND f.tracking_number IS NOT NULL) ORDER BY o.id DESC LIMIT 1`,
      )
      .get() as typeof shipped;
  }, 120_000);
  afterAll(() => ws?.dispose());

  it('opens a case from an order: the customer comes from the order, the due time from the type and priority', async () => {
    const c = await staff.ok('cases.create', { orderId: shipped.id, type: 'missing_item', priority: 'high', subject: 'One scarf missing', note: 'Customer called at 9.' });
    expect(c).toMatchObject({ customerId: shipped.customerId, orderName: shipped.name, status: 'open', dueAt: '2026-11-02T15:00:00.000Z', overdue: false });
    expect(c.number).toMatch(/^CASE-\d{6}$/);
    expect(c.notes.map((n) => n.body)).toEqual(['Customer called at 9.']);
    expect(c.templates.length).toBeGreaterThan(2);
  });

  it('a reply template fills the customer name, order number and tracking link', async () => {
    const { items } = await staff.ok('cases.list', {});
    const r = await staff.ok('cases.renderReply', { id: items[0]!.id, templateId: 'where-is-my-order' });
    expect(r.missing).toEqual([]);
    expect(r.text).toContain(`Hi ${shipped.first},`);
    expect(r.text).toContain(shipped.name);
    expect(r.text).not.toContain('{{');
  });

  it('lists overdue cases first with counts per status; resolving notes the change and audits it', async () => {
    const customerOnly = await staff.ok('cases.create', { customerId: shipped.customerId, type: 'question', subject: 'Gift wrapping?' });
    clock.advance(7 * 3_600_000); // 16:00: the missing-item case (due 15:00) is overdue, the question (due tomorrow) is not
    staff = await ws.as('backoffice'); // the idle session ended meanwhile
    const list = await staff.ok('cases.list', {});
    expect(list.items[0]).toMatchObject({ subject: 'One scarf missing', overdue: true });
    expect(list.items.find((c) => c.id === customerOnly.id)).toMatchObject({ overdue: false, orderId: null });
    expect(list.counts).toMatchObject({ open: 2, waiting_on_customer: 0, resolved: 0, overdue: 1 });

    const waiting = await staff.ok('cases.update', { id: customerOnly.id, status: 'waiting_on_customer' });
    expect(waiting.notes.at(-1)).toMatchObject({ kind: 'status', body: 'status open → waiting on customer' });
    await staff.ok('cases.addNote', { id: customerOnly.id, kind: 'reply', body: 'Yes, we gift-wrap for free.' });
    const resolved = await staff.ok('cases.update', { id: customerOnly.id, status: 'resolved' });
    expect(resolved.resolvedAt).toBe(clock.now().toISOString());
    expect((await staff.ok('cases.list', { status: 'active' })).items.map((c) => c.id)).not.toContain(customerOnly.id);
    expect(ws.core.ctx.sqlite.prepare("SELECT count(*) FROM audit_log WHERE action LIKE 'cases.%'").pluck().get()).toBe(5);
  });

  it('cases show on the customer’s timeline and move with a merge (and back on undo)', async () => {
    const other = ws.core.ctx.sqlite.prepare('SELECT id FROM customers WHERE id <> ? AND merged_into_id IS NULL LIMIT 1').pluck().get(shipped.customerId) as number;
    const profile = await staff.ok('customers.get', { id: shipped.customerId });
    expect(profile.timeline.filter((t) => t.kind === 'case')).toHaveLength(2);
    const { mergeId } = await staff.ok('duplicates.merge', { survivorId: other, mergedId: shipped.customerId });
    expect((await staff.ok('cases.list', { status: 'all', customerId: other })).items).toHaveLength(2);
    await staff.ok('duplicates.unmerge', { mergeId });
    expect((await staff.ok('cases.list', { status: 'all', customerId: shipped.customerId })).items).toHaveLength(2);
    expect((await staff.ok('cases.list', { status: 'all', customerId: other })).items).toHaveLength(0);
  });

  it.each([
    [{ type: 'question', subject: 'x' }, 'VALIDATION', 'customerId'],
    [{ orderId: 99_999_999, type: 'question', subject: 'x' }, 'NOT_FOUND', 'orderId'],
    [{ customerId: 1, type: 'question', subject: '' }, 'VALIDATION', 'subject'],
    [{ customerId: 1, type: 'refund_please', subject: 'x' }, 'VALIDATION', 'type'],
    [{ customerId: 1, type: 'question', subject: 'x', assigneeId: 99_999 }, 'VALIDATION', 'assigneeId'],
  ])('cases.create %j → %s on %s', async (input, code, field) => {
    expect(await staff.call('cases.create', input as never)).toMatchObject({ ok: false, error: { code, field } });
  });

  it('an unknown template is NOT_FOUND naming the field', async () => {
    const { items } = await staff.ok('cases.list', { status: 'all' });
    expect(await staff.call('cases.renderReply', { id: items[0]!.id, templateId: 'nope' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', field: 'templateId' } });
  });
});
