import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmulator, DEFAULT_EMULATOR_TOKEN, parseFaults, type Emulator } from '../../src-main/emulator';

const ORDERS = `query Orders($first: Int!, $after: String, $q: String) {
  orders(first: $first, after: $after, query: $q, sortKey: UPDATED_AT) {
    nodes { id name updatedAt totalPriceSet { shopMoney { amount currencyCode } } lineItems(first: 20) { nodes { id sku quantity } } }
    pageInfo { hasNextPage endCursor }
  }
}`;

describe('Shopify-wire emulator', () => {
  let emu: Emulator;
  let url: string;
  beforeAll(async () => {
    emu = createEmulator({ orders: 300, seed: 7 });
    url = (await emu.listen()).url;
  });
  afterAll(() => emu.close());

  const send = (body: unknown, token = DEFAULT_EMULATOR_TOKEN, version = '2026-04') =>
    fetch(`${url}/admin/api/${version}/graphql.json`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-shopify-access-token': token }, body: JSON.stringify(body) });
  /** Posts, waiting out THROTTLED answers the way the platform asks (cost / restore rate). */
  const post = async (body: unknown, token = DEFAULT_EMULATOR_TOKEN): Promise<Response> => {
    for (;;) {
      const res = await send(body, token);
      const json = (await res.clone().json()) as { errors?: { extensions?: { code?: string } }[]; extensions?: { cost: { requestedQueryCost: number; throttleStatus: { currentlyAvailable: number; restoreRate: number } } } };
      if (!Array.isArray(json.errors) || json.errors[0]?.extensions?.code !== 'THROTTLED' || !json.extensions) return res;
      const c = json.extensions.cost;
      await new Promise((r) => setTimeout(r, ((c.requestedQueryCost - c.throttleStatus.currentlyAvailable) / c.throttleStatus.restoreRate) * 1000 + 20));
    }
  };

  it('refuses a wrong access token with 401', async () => {
    const res = await post({ query: '{ shop { name } }' }, 'nope');
    expect(res.status).toBe(401);
  });

  it('pages every order exactly once with cursors and reports cost with throttle status', async () => {
    const seen = new Set<string>();
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const res = await post({ query: ORDERS, variables: { first: 25, after } });
      const json = (await res.json()) as { data: { orders: { nodes: { id: string; totalPriceSet: { shopMoney: { amount: string } } }[]; pageInfo: { hasNextPage: boolean; endCursor: string } } }; extensions: { cost: { requestedQueryCost: number; actualQueryCost: number; throttleStatus: { maximumAvailable: number; restoreRate: number } } } };
      expect(json.extensions.cost.throttleStatus).toMatchObject({ maximumAvailable: 2000, restoreRate: 100 });
      expect(json.extensions.cost.actualQueryCost).toBeLessThanOrEqual(json.extensions.cost.requestedQueryCost);
      for (const n of json.data.orders.nodes) {
        expect(n.id).toMatch(/^gid:\/\/shopify\/Order\/\d+$/);
        expect(n.totalPriceSet.shopMoney.amount).toMatch(/^\d+\.\d{2}$/);
        seen.add(n.id);
      }
      pages++;
      if (!json.data.orders.pageInfo.hasNextPage) break;
      after = json.data.orders.pageInfo.endCursor;
    }
    expect(seen.size).toBe(300);
    expect(pages).toBe(12);
  });

  it('filters by updated_at and finds only what changed', async () => {
    const since = new Date(Date.now() - 1000).toISOString();
    const { created, updated } = emu.simulate({ newOrders: 2, orderUpdates: 3 });
    const res = await post({ query: ORDERS, variables: { first: 25, q: `updated_at:>='${since}'` } });
    const json = (await res.json()) as { data: { orders: { nodes: { id: string }[] } } };
    const ids = json.data.orders.nodes.map((n) => n.id);
    for (const id of [...created, ...updated]) expect(ids).toContain(id);
    expect(ids.length).toBe(new Set([...created, ...updated]).size);
  });

  it('rejects fields the platform does not have', async () => {
    const res = await post({ query: '{ orders(first: 1) { nodes { id creditCardNumber } } }' });
    const json = (await res.json()) as { errors: { message: string; extensions: { code: string; schema?: string } }[] };
    expect(json.errors[0]?.extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(json.errors[0]?.extensions.schema).toBe('Admin API 2026-04 (published)');
    expect(json.errors[0]?.message).toMatch(/creditCardNumber/);
  });


  it('answers THROTTLED when the bucket cannot pay for the query', async () => {
    const small = createEmulator({ shop: emu.shop, faults: parseFaults('throttle=1000'), clock: () => new Date('2026-11-01T00:00:00Z') });
    let throttled = 0;
    for (let i = 0; i < 8; i++) {
      const out = await small.execute({ query: ORDERS, variables: { first: 25 } });
      const body = out.body as { errors?: { extensions: { code: string } }[] };
      if (body.errors?.[0]?.extensions.code === 'THROTTLED') throttled++;
    }
    expect(throttled).toBeGreaterThan(0);
  });

  it('applies a refund once per idempotency key and requires the key', async () => {
    const order = emu.shop.orders.find((o) => o.refunds.length === 0 && !o.cancelledAt && o.financialStatus === 'paid')!;
    const line = order.lines[0]!;
    const mutation = (key: string | null) => `mutation R($input: RefundInput!) { refundCreate(input: $input)${key ? ` @idempotent(key: "${key}")` : ''} { refund { id totalRefundedSet { shopMoney { amount } } } userErrors { field message } } }`;
    const input = { orderId: `gid://shopify/Order/${order.id}`, note: 'damaged', refundLineItems: [{ lineItemId: `gid://shopify/LineItem/${line.id}`, quantity: 1, restockType: 'NO_RESTOCK' }], transactions: [{ amount: '1.00', gateway: 'manual', kind: 'REFUND', orderId: `gid://shopify/Order/${order.id}` }] };
    const missing = (await (await post({ query: mutation(null), variables: { input } })).json()) as { data: { refundCreate: { userErrors: unknown[] } } };
    expect(missing.data.refundCreate.userErrors).toHaveLength(1);
    const before = emu.effects.refundCreate;
    const a = (await (await post({ query: mutation('k-1'), variables: { input } })).json()) as { data: { refundCreate: { refund: { id: string } } } };
    const b = (await (await post({ query: mutation('k-1'), variables: { input } })).json()) as { data: { refundCreate: { refund: { id: string } } } };
    expect(b.data.refundCreate.refund.id).toBe(a.data.refundCreate.refund.id);
    expect(emu.effects.refundCreate).toBe(before + 1);
    expect(order.refunds).toHaveLength(1);
  });
});
