import type { ItemCondition, ReturnPolicy, ReturnReason } from '../../../../src-shared/returns/policy';
import { FeeEditor, FeeText } from './fee-fields';
import { PolicyListCard, type PolicyColumn } from './policy-list-card';

/**
 * The policy's reasons and conditions, each a PolicyListCard
 * (policy-list-card.tsx: renamed in place, added, retired) with its own
 * columns: who is at fault and the restocking fee for a reason; resellable
 * and the fee for a condition, in an order that matters.
 */

interface ListProps {
  p: ReturnPolicy;
  /** Codes in the saved version: those rows can be retired, not removed, and keep their code. */
  saved: Set<string>;
  editing: boolean;
  currency: string;
  edit(change: Partial<ReturnPolicy>): void;
}

export function ReasonsCard({ p, saved, editing, currency, edit }: ListProps) {
  const columns: PolicyColumn<ReturnReason>[] = [
    {
      header: 'At fault',
      cell: (r, { editable, name, set }) =>
        editable ? (
          <select className="select" value={r.fault} onChange={(e) => set({ fault: e.target.value as 'customer' | 'shop' })} aria-label={`${name} fault`}>
            <option value="customer">Customer</option>
            <option value="shop">Shop</option>
          </select>
        ) : r.fault === 'shop' ? (
          'Shop'
        ) : (
          'Customer'
        ),
    },
    {
      header: 'Restocking fee',
      cell: (r, { editable, name, set }) => (editable ? <FeeEditor fee={r.restockingFee} currency={currency} label={`${name} fee`} onChange={(f) => set({ restockingFee: f })} /> : <FeeText fee={r.restockingFee} currency={currency} />),
    },
  ];
  return (
    <PolicyListCard
      testId="policy-reasons"
      rowTestId="policy-reason"
      addTestId="reason-add"
      title="Reasons and restocking fees"
      addText="Add a reason"
      noun="Reason"
      placeholder="e.g. Arrived too late"
      rows={p.reasons}
      saved={saved}
      editing={editing}
      onChange={(reasons) => edit({ reasons })}
      blank={(): ReturnReason => ({ code: '', label: '', fault: 'customer', restockingFee: null, retired: false })}
      columns={columns}
      hint="Renaming keeps the code, so past returns show the new name. A retired reason is no longer offered; returns that used it keep it."
    />
  );
}

export function ConditionsCard({ p, saved, editing, currency, edit }: ListProps) {
  const columns: PolicyColumn<ItemCondition>[] = [
    {
      header: 'Resellable',
      cell: (c, { editable, name, set }) => (editable ? <input type="checkbox" checked={c.resellable} onChange={(e) => set({ resellable: e.target.checked })} aria-label={`${name} resellable`} /> : c.resellable ? 'Yes' : 'No'),
    },
    {
      header: 'Fee (customer’s fault)',
      cell: (c, { editable, name, set }) => (editable ? <FeeEditor fee={c.fee} currency={currency} label={`${name} fee`} onChange={(f) => set({ fee: f })} /> : <FeeText fee={c.fee} currency={currency} />),
    },
  ];
  // The required condition can be neither removed nor retired: the policy's "required or better" counts from it.
  const required = (c: ItemCondition) => c.code === p.requiredCondition;
  return (
    <PolicyListCard
      testId="policy-conditions"
      rowTestId="policy-condition"
      addTestId="condition-add"
      title="Conditions, best first"
      addText="Add a condition"
      noun="Condition"
      placeholder="e.g. Missing parts"
      rows={p.conditions}
      saved={saved}
      editing={editing}
      onChange={(conditions) => edit({ conditions })}
      blank={(): ItemCondition => ({ code: '', label: '', resellable: false, fee: null, retired: false })}
      columns={columns}
      labelBadge={(c) => (required(c) ? <span className="badge badge-blue">required</span> : null)}
      reorder
      fixed={required}
      hint="The order matters: “required or better” counts from the top. The fee is charged on customer-fault returns in that condition, on the declared condition and again on what the inspector finds."
    />
  );
}
