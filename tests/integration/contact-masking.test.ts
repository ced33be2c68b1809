import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemoShop } from '../../src-main/core/demo';
import { CONTACT_POLICY } from '../../src-main/core/customers/contact-policy';
import type { Role } from '../../src-shared/contract';
import { demoWorkspace, type TestWorkspace } from '../support/workspace';

/**
 * Contact data by role, checked on the core's responses (what any client
 * gets), not on the screens: back office and up see it in full; the packer
 * sees the name and the shipping address, masked email and phone, no birth date.
 */
const EMAIL = 'ada.lovelace@example.com';
const PHONE = '+14155550123';

type Expect = { email: string | null; phone: string | null; address1: string | null; profile: 'full' | 'forbidden' };
const TABLE: Record<Role, Expect> = {
  owner: { email: EMAIL, phone: PHONE, address1: '12 Analytical Way', profile: 'full' },
  manager: { email: EMAIL, phone: PHONE, address1: '12 Analytical Way', profile: 'full' },
  backoffice: { email: EMAIL, phone: PHONE, address1: '12 Analytical Way', profile: 'full' },
  packer: { email: 'a•••@example.com', phone: '•••• 0123', address1: '12 Analytical Way', profile: 'forbidden' },
};

describe('contact data masked by role in core responses', () => {
  let ws: TestWorkspace;
  let orderId: number;
  let customerId: number;

  beforeAll(async () => {
    ws = await demoWorkspace();
    generateDemoShop(ws.core.ctx.sqlite, { orders: 200, customers: 100, seed: 3 });
    const db = ws.core.ctx.sqlite;
    customerId = db.prepare('SELECT customer_id FROM orders WHERE customer_id IS NOT NULL LIMIT 1').pluck().get() as number;
    orderId = db.prepare('SELECT id FROM orders WHERE customer_id = ? LIMIT 1').pluck().get(customerId) as number;
    db.prepare("UPDATE customers SET email = ?, phone = ?, birth_date = '1815-12-10' WHERE id = ?").run(EMAIL, PHONE, customerId);
    db.prepare("UPDATE orders SET email = ?, phone = ?, ship_phone = ?, ship_address1 = '12 Analytical Way' WHERE id = ?").run(EMAIL, PHONE, PHONE, orderId);
  }, 60_000);
  afterAll(() => ws?.dispose());

  it('the policy covers every role', () => {
    expect(Object.keys(CONTACT_POLICY).sort()).toEqual(Object.keys(TABLE).sort());
  });

  for (const [role, want] of Object.entries(TABLE) as [Role, Expect][]) {
    it(`${role}: orders.get, orders.list and customers.get`, async () => {
      const s = await ws.as(role);
      const o = await s.ok('orders.get', { id: orderId });
      expect(o.email).toBe(want.email);
      expect(o.phone).toBe(want.phone);
      expect(o.customer?.email).toBe(want.email);
      expect(o.customer?.phone).toBe(want.phone);
      expect(o.shippingAddress?.address1).toBe(want.address1);
      expect(o.shippingAddress?.phone).toBe(want.phone);
      // nowhere in the response does the full value leak
      if (want.email !== EMAIL) expect(JSON.stringify(o)).not.toContain(EMAIL);
      if (want.phone !== PHONE) expect(JSON.stringify(o)).not.toContain('5550123');

      const list = await s.ok('orders.list', { queue: 'all', search: o.name, limit: 50 });
      const row = list.items.find((i) => i.id === orderId);
      expect(row?.email).toBe(want.email);

      const p = await s.call('customers.get', { id: customerId });
      if (want.profile === 'forbidden') {
        expect(p.ok).toBe(false);
        if (!p.ok) expect(p.error.code).toBe('FORBIDDEN');
      } else {
        expect(p.ok).toBe(true);
        if (p.ok) expect(p.result).toMatchObject({ email: EMAIL, phone: PHONE, birthDate: '1815-12-10', contactMasked: false });
      }
    });
  }
});
