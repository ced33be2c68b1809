import type { ReactNode } from 'react';
import { memo } from 'react';
import type { FinancialStatus, FulfillmentStatus } from '../../../src-shared/orders';
import { FINANCIAL, FULFILMENT, type Tone } from '../lib/format';

export const Badge = memo(function Badge({ tone = 'neutral', children, title }: { tone?: Tone; children: ReactNode; title?: string }) {
  return (
    <span className={`badge badge-${tone}`} title={title}>
      {children}
    </span>
  );
});

export function FinancialBadge({ status }: { status: FinancialStatus }) {
  const s = FINANCIAL[status] ?? { label: status, tone: 'neutral' as const };
  return <Badge tone={s.tone}>{s.label}</Badge>;
}

export function FulfilmentBadge({ status }: { status: FulfillmentStatus }) {
  const s = FULFILMENT[status] ?? { label: status, tone: 'neutral' as const };
  return <Badge tone={s.tone}>{s.label}</Badge>;
}
