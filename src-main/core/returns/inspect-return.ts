import type { ParsedInputOf } from '../../../src-shared/contract';
import { OmsError } from '../../../src-shared/contract/errors';
import { formatMoney } from '../../../src-shared/money';
import type { LineVerdictKind, ReturnStatus } from '../../../src-shared/returns/types';
import type { Caller, CoreContext } from '../context';
import { createAllocation } from '../order-actions/allocation';
import { createStockLedger } from '../stock/ledger';
import type { ReturnPolicies } from './policy-store';
import { repriceOnInspection } from './reprice';
import { requireStatus, type StepRecorder } from './steps';

interface LineRow {
  id: number;
  quantity: number;
  outcome: 'restock' | 'write_off' | null;
  location_id: number | null;
  variant_id: number | null;
  title: string;
  reason: string;
  condition: string;
  verdict: LineVerdictKind;
  override_reason: string | null;
  item_minor: number;
  tax_minor: number;
  fee_minor: number;
  shipping_minor: number;
  label_minor: number;
  refund_minor: number;
  product_type: string | null;
  tags: string;
}

/**
 * Inspection, line by line: restock to a chosen location — one movement in
 * the stock ledger, exactly once per return line, even if the call is repeated
 * — or write off with a reason (the goods never re-enter stock). The
 * condition found (with notes) is recorded; when it differs from the declared
 * one the line is judged again on it (reprice.ts) and the return's total — what
 * resolve pays — follows the inspected verdict. When every line is inspected
 * the return is 'inspected' and can be resolved.
 */
export function createInspectReturn(ctx: CoreContext, policies: ReturnPolicies, step: StepRecorder) {
  const { sqlite } = ctx;
  const ledger = createStockLedger(sqlite);
  // Restocked units may cover orders waiting in Exceptions for this item.
  const allocation = createAllocation(ctx);
  const load = sqlite.prepare<[number], { id: number; number: string; order_id: number; status: ReturnStatus; policy_id: number; currency: string; total_minor: number }>(
    'SELECT id, number, order_id, status, policy_id, currency, total_minor FROM returns WHERE id = ?',
  );
  const lines = sqlite.prepare<[number], LineRow>(
    `SELECT x.id, x.quantity, x.outcome, x.location_id, l.variant_id, l.title, x.reason, x.condition, x.verdict, x.override_reason,
            x.item_minor, x.tax_minor, x.fee_minor, x.shipping_minor, x.label_minor, x.refund_minor,
            coalesce(l.product_type, p.product_type) AS product_type, coalesce(p.tags, '') AS tags
       FROM return_lines x JOIN order_lines l ON l.id = x.order_line_id LEFT JOIN variants v ON v.id = l.variant_id LEFT JOIN products p ON p.id = v.product_id
      WHERE x.return_id = ?`,
  );
  const setPrice = sqlite.prepare('UPDATE return_lines SET inspected_verdict = ?, fee_minor = ?, refund_minor = ?, declared_refund_minor = ? WHERE id = ?');
  const setTotal = sqlite.prepare('UPDATE returns SET total_minor = (SELECT coalesce(sum(refund_minor), 0) FROM return_lines WHERE return_id = ?) WHERE id = ?');
  const location = sqlite.prepare<[number], { id: number; name: string; active: number }>('SELECT id, name, active FROM locations WHERE id = ?');
  const setLine = sqlite.prepare(
    'UPDATE return_lines SET outcome = ?, inspected_condition = ?, inspection_notes = ?, location_id = ?, write_off_reason = ?, inspected_by = ?, inspected_at = ? WHERE id = ? AND outcome IS NULL',
  );

  return function inspect(input: ParsedInputOf<'returns.inspect'>, caller: Caller): void {
    const at = ctx.clock.now().toISOString();
    sqlite
      .transaction(() => {
        const r = load.get(input.id);
        if (!r) throw new OmsError('NOT_FOUND', `Return ${input.id} does not exist.`, { field: 'id' });
        requireStatus(r.number, r.status, ['received', 'inspected'], 'inspected');
        const policy = policies.forJudging(policies.byId(r.policy_id)).policy;
        const conditions = new Set(policy.conditions.map((c) => c.code));
        let repriced = false;
        const byId = new Map(lines.all(input.id).map((l) => [l.id, l]));
        const done: string[] = [];
        input.lines.forEach((req, i) => {
          const line = byId.get(req.returnLineId);
          if (!line) throw new OmsError('VALIDATION', `lines.${i}.returnLineId: line ${req.returnLineId} is not on ${r.number}`, { field: `lines.${i}.returnLineId` });
          if (req.condition !== undefined && !conditions.has(req.condition)) {
            throw new OmsError('VALIDATION', `lines.${i}.condition: "${req.condition}" is not a condition in the policy (${[...conditions].join(', ')})`, { field: `lines.${i}.condition` });
          }
          if (line.outcome !== null) {
            // Repeating the same inspection changes nothing; a different one is a conflict.
            if (line.outcome === req.outcome && (req.outcome === 'write_off' || line.location_id === (req.locationId ?? null))) return;
            throw new OmsError('CONFLICT', `"${line.title}" on ${r.number} was already inspected (${line.outcome === 'restock' ? 'restocked' : 'written off'}).`);
          }
          let summary: string;
          if (req.outcome === 'restock') {
            if (req.locationId === undefined) throw new OmsError('VALIDATION', `lines.${i}.locationId: choose the location the items go back to`, { field: `lines.${i}.locationId` });
            const loc = location.get(req.locationId);
            if (!loc || loc.active !== 1) throw new OmsError('VALIDATION', `lines.${i}.locationId: location ${req.locationId} does not exist or is inactive`, { field: `lines.${i}.locationId` });
            if (line.variant_id === null) throw new OmsError('VALIDATION', `lines.${i}.outcome: "${line.title}" has no catalogue item to restock; write it off instead`, { field: `lines.${i}.outcome` });
            if (!ledger.hasMovesFor('return_line', line.id)) {
              ledger.move({ variantId: line.variant_id, locationId: loc.id, delta: line.quantity, reason: 'return_restock', refType: 'return_line', refId: line.id, userId: caller.userId, at });
              allocation.runFor({ variantIds: [line.variant_id] }, caller.userId);
            }
            summary = `Restocked ${line.quantity} × "${line.title}" to ${loc.name}`;
          } else {
            if (!req.writeOffReason) throw new OmsError('VALIDATION', `lines.${i}.writeOffReason: say why the item is written off`, { field: `lines.${i}.writeOffReason` });
            summary = `Wrote off ${line.quantity} × "${line.title}": ${req.writeOffReason}`;
          }
          setLine.run(req.outcome, req.condition ?? null, req.notes ?? null, req.outcome === 'restock' ? (req.locationId ?? null) : null, req.outcome === 'write_off' ? (req.writeOffReason ?? null) : null, caller.userId, at, line.id);
          if (req.condition !== undefined && req.condition !== line.condition) {
            const judged = { ...line, overrideReason: line.override_reason, itemMinor: line.item_minor, taxMinor: line.tax_minor, feeMinor: line.fee_minor, shippingMinor: line.shipping_minor, labelMinor: line.label_minor, refundMinor: line.refund_minor, productType: line.product_type, tags: line.tags.split(',').map((t) => t.trim()).filter(Boolean) };
            const p = repriceOnInspection(policy, judged, req.condition, r.currency);
            setPrice.run(p.verdict, p.feeMinor, p.refundMinor, p.refundMinor !== line.refund_minor ? line.refund_minor : null, line.id);
            repriced ||= p.refundMinor !== line.refund_minor;
            summary += ` — ${p.why.join(' ')}`;
          } else setPrice.run(line.verdict, line.fee_minor, line.refund_minor, null, line.id);
          if (req.notes) summary += ` (notes: ${req.notes})`;
          line.outcome = req.outcome;
          done.push(summary);
        });
        if (done.length === 0) return;
        let totalNote = '';
        if (repriced) {
          setTotal.run(input.id, input.id);
          const total = (load.get(input.id) as { total_minor: number }).total_minor;
          totalNote = ` Return total ${formatMoney(r.total_minor, r.currency, 'en-US')} → ${formatMoney(total, r.currency, 'en-US')}.`;
        }
        const allDone = [...byId.values()].every((l) => l.outcome !== null);
        if (allDone) sqlite.prepare("UPDATE returns SET status = 'inspected', inspected_at = ?, updated_at = ? WHERE id = ?").run(at, at, input.id);
        else sqlite.prepare('UPDATE returns SET updated_at = ? WHERE id = ?').run(at, input.id);
        step({ returnId: r.id, number: r.number, orderId: r.order_id, userId: caller.userId, at, action: 'returns.inspected', summary: `${done.join('; ')}.${totalNote}${allDone ? ' Inspection complete.' : ''}`, detail: { repriced } });
      })
      .immediate();
  };
}
