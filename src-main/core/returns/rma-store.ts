import { OmsError } from '../../../src-shared/contract/errors';
import type { Resolution } from '../../../src-shared/returns/policy';
import { OPEN_RETURN_STATUSES, RETURN_STATUSES, type ReturnDetail, type ReturnEvaluation, type ReturnLineDetail, type ReturnListResult, type ReturnStatus, type ReturnSummary } from '../../../src-shared/returns/types';
import type { ReturnPolicies } from './policy-store';
import type { CoreContext } from '../context';

const DAY = 86_400_000;

interface ReturnRow {
  id: number;
  number: string;
  order_id: number;
  order_name: string;
  customer_id: number | null;
  customer_name: string;
  email: string | null;
  status: ReturnStatus;
  resolution: Resolution;
  currency: string;
  total_minor: number;
  units: number;
  needs_approval: number;
  created_at: string;
  updated_at: string;
  resolved_at: string | null;
  rejected_at: string | null;
  policy_id: number;
  verdict: string;
  shipping_refund_minor: number;
  label_minor: number;
  resolved_minor: number | null;
  refund_id: number | null;
  exchange_difference_minor: number | null;
  replacement_order_id: number | null;
  note: string | null;
  tracking_number: string | null;
  reject_reason: string | null;
}

const SELECT = `SELECT r.*, o.name AS order_name, o.customer_name, o.email,
    (SELECT coalesce(sum(quantity), 0) FROM return_lines x WHERE x.return_id = r.id) AS units
  FROM returns r JOIN orders o ON o.id = r.order_id`;

/** Reading returns: one with its lines and history, a list by status with ageing, counts. */
export function createReturnQueries(ctx: CoreContext, policies: ReturnPolicies) {
  const { sqlite } = ctx;
  const byId = sqlite.prepare<[number], ReturnRow>(`${SELECT} WHERE r.id = ?`);
  const byNumber = sqlite.prepare<[string], { id: number }>('SELECT id FROM returns WHERE number = ?');
  const lines = sqlite.prepare(
    `SELECT x.*, l.title, l.sku, l.variant_id, loc.name AS location_name FROM return_lines x
       JOIN order_lines l ON l.id = x.order_line_id LEFT JOIN locations loc ON loc.id = x.location_id
      WHERE x.return_id = ? ORDER BY x.id`,
  );
  const credit = sqlite.prepare<[number], { s: number | null }>('SELECT sum(delta_minor) AS s FROM store_credits WHERE return_id = ?');
  const steps = sqlite.prepare(
    `SELECT a.at, a.action, a.detail, u.display_name AS user FROM audit_log a LEFT JOIN users u ON u.id = a.user_id
      WHERE a.entity_type = 'return' AND a.entity_id = ? ORDER BY a.id`,
  );
  const orderName = sqlite.prepare<[number], { name: string; financial_status: string }>('SELECT name, financial_status FROM orders WHERE id = ?');
  const locations = sqlite.prepare<[], { id: number; name: string; code: string }>('SELECT id, name, code FROM locations WHERE active = 1 ORDER BY id');
  const counts = sqlite.prepare<[], { status: ReturnStatus; n: number }>('SELECT status, count(*) AS n FROM returns GROUP BY status');

  const summary = (r: ReturnRow): ReturnSummary => {
    const now = ctx.clock.now().getTime();
    const end = r.resolved_at ?? r.rejected_at;
    const endMs = end ? Date.parse(end) : now;
    return {
      id: r.id,
      number: r.number,
      orderId: r.order_id,
      orderName: r.order_name,
      customerId: r.customer_id,
      customerName: r.customer_name,
      status: r.status,
      resolution: r.resolution,
      currency: r.currency,
      totalMinor: r.total_minor,
      units: r.units,
      needsApproval: r.needs_approval === 1,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
      ageDays: Math.max(0, Math.floor((endMs - Date.parse(r.created_at)) / DAY)),
      daysInStatus: Math.max(0, Math.floor((now - Date.parse(r.updated_at)) / DAY)),
    };
  };

  function get(id: number): ReturnDetail {
    const r = byId.get(id);
    if (!r) throw new OmsError('NOT_FOUND', `Return ${id} does not exist.`, { field: 'id' });
    const ls = (lines.all(id) as Record<string, unknown>[]).map(
      (x): ReturnLineDetail => ({
        id: x.id as number,
        orderLineId: x.order_line_id as number,
        title: x.title as string,
        sku: x.sku as string | null,
        variantId: x.variant_id as number | null,
        quantity: x.quantity as number,
        reason: x.reason as string,
        condition: x.condition as string,
        verdict: x.verdict as ReturnLineDetail['verdict'],
        overrideReason: x.override_reason as string | null,
        itemMinor: x.item_minor as number,
        taxMinor: x.tax_minor as number,
        feeMinor: x.fee_minor as number,
        shippingMinor: x.shipping_minor as number,
        labelMinor: x.label_minor as number,
        refundMinor: x.refund_minor as number,
        outcome: x.outcome as ReturnLineDetail['outcome'],
        inspectedCondition: x.inspected_condition as string | null,
        inspectedVerdict: x.inspected_verdict as ReturnLineDetail['inspectedVerdict'],
        inspectionNotes: x.inspection_notes as string | null,
        declaredRefundMinor: x.declared_refund_minor as number | null,
        locationId: x.location_id as number | null,
        locationName: x.location_name as string | null,
        writeOffReason: x.write_off_reason as string | null,
        inspectedAt: x.inspected_at as string | null,
      }),
    );
    return {
      ...summary(r),
      policyId: r.policy_id,
      evaluation: JSON.parse(r.verdict) as ReturnEvaluation,
      lines: ls,
      shippingRefundMinor: r.shipping_refund_minor,
      labelMinor: r.label_minor,
      resolvedMinor: r.resolved_minor,
      refundId: r.refund_id,
      storeCreditMinor: credit.get(id)?.s ?? null,
      replacementOrderId: r.replacement_order_id,
      replacementOrderName: r.replacement_order_id !== null ? (orderName.get(r.replacement_order_id)?.name ?? null) : null,
      exchangeDifferenceMinor: r.exchange_difference_minor,
      // Owed → charged: the replacement order's payment (taken on the platform, read back by sync) settles it.
      exchangeDifferencePaid: r.replacement_order_id !== null && (r.exchange_difference_minor ?? 0) > 0 ? ['paid', 'partially_refunded', 'refunded'].includes(orderName.get(r.replacement_order_id)?.financial_status ?? '') : null,
      note: r.note,
      trackingNumber: r.tracking_number,
      rejectReason: r.reject_reason,
      email: r.email,
      steps: (steps.all(String(id)) as { at: string; action: string; detail: string; user: string | null }[]).map((s) => ({
        at: s.at,
        action: s.action,
        user: s.user,
        detail: (JSON.parse(s.detail) as { summary?: string }).summary ?? '',
      })),
      restockLocations: locations.all(),
      // What the inspector picks from: the judging version's conditions with today's list (retired ones only where already used).
      conditions: policies
        .forJudging(policies.byId(r.policy_id))
        .policy.conditions.filter((c) => !c.retired || ls.some((l) => l.condition === c.code || l.inspectedCondition === c.code))
        .map((c) => ({ code: c.code, label: c.label })),
    };
  }

  return {
    get,
    /** By RMA number as printed on the slip ("RMA-000042"), or the bare number ("42"). */
    idForNumber(rma: string): number {
      const text = rma.trim().toUpperCase();
      const digits = /^(?:RMA-?)?0*(\d{1,9})$/.exec(text)?.[1];
      const row = byNumber.get(digits ? rmaNumber(Number(digits)) : text);
      if (!row) throw new OmsError('NOT_FOUND', `No return has the RMA number "${rma.trim()}". Check the slip and scan again.`, { field: 'rma' });
      return row.id;
    },
    list(input: { status: ReturnStatus | 'open' | 'all'; orderId?: number | undefined; search?: string | undefined; limit: number }): ReturnListResult {
      const where: string[] = [];
      const params: (string | number)[] = [];
      if (input.status === 'open') {
        where.push(`r.status IN (${OPEN_RETURN_STATUSES.map(() => '?').join(',')})`);
        params.push(...OPEN_RETURN_STATUSES);
      } else if (input.status !== 'all') {
        where.push('r.status = ?');
        params.push(input.status);
      }
      if (input.orderId !== undefined) {
        where.push('r.order_id = ?');
        params.push(input.orderId);
      }
      if (input.search) {
        where.push("(r.number LIKE ? ESCAPE '\\' OR o.name LIKE ? ESCAPE '\\' OR o.customer_name LIKE ? ESCAPE '\\' OR o.email LIKE ? ESCAPE '\\')");
        const like = `%${input.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
        params.push(like, like, like, like);
      }
      // Open work: oldest first (ageing); closed: newest first.
      const order = input.status === 'open' || OPEN_RETURN_STATUSES.includes(input.status as ReturnStatus) ? 'r.created_at ASC, r.id ASC' : 'r.updated_at DESC, r.id DESC';
      const rows = sqlite.prepare(`${SELECT} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY ${order} LIMIT ?`).all(...params, input.limit) as ReturnRow[];
      const c = Object.fromEntries([...RETURN_STATUSES, 'open', 'all'].map((s) => [s, 0])) as ReturnListResult['counts'];
      for (const row of counts.all()) {
        c[row.status] = row.n;
        c.all += row.n;
        if (OPEN_RETURN_STATUSES.includes(row.status)) c.open += row.n;
      }
      return { items: rows.map(summary), counts: c };
    },
  };
}
export type ReturnQueries = ReturnType<typeof createReturnQueries>;

export function rmaNumber(id: number): string {
  return `RMA-${String(id).padStart(6, '0')}`;
}
