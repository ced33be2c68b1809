import { Badge } from '../../components/Badge';
import type { Tone } from '../../lib/format';
import { RESOLUTION_LABELS, type Resolution } from '../../../../src-shared/returns/policy';
import { RETURN_STATUS_LABELS, VERDICT_LABELS, type LineVerdictKind, type ReturnStatus } from '../../../../src-shared/returns/types';

const STATUS_TONES: Record<ReturnStatus, Tone> = {
  requested: 'amber',
  approved: 'blue',
  in_transit: 'blue',
  received: 'purple',
  inspected: 'purple',
  resolved: 'green',
  rejected: 'neutral',
};

export function ReturnStatusBadge({ status }: { status: ReturnStatus }) {
  return <Badge tone={STATUS_TONES[status]}>{RETURN_STATUS_LABELS[status]}</Badge>;
}

const VERDICT_TONES: Record<LineVerdictKind, Tone> = { eligible: 'green', eligible_with_fee: 'amber', not_eligible: 'red' };

export function VerdictBadge({ verdict, overridden = false }: { verdict: LineVerdictKind; overridden?: boolean }) {
  return (
    <Badge tone={overridden ? 'purple' : VERDICT_TONES[verdict]}>
      <span data-testid="verdict">{overridden ? 'Manager exception' : VERDICT_LABELS[verdict]}</span>
    </Badge>
  );
}

export function resolutionLabel(r: Resolution): string {
  return RESOLUTION_LABELS[r];
}

/** Age in days, coloured once it needs attention (a week, two weeks). */
export function AgeCell({ days }: { days: number }) {
  const tone = days >= 14 ? 'age-old' : days >= 7 ? 'age-warn' : '';
  return <span className={`age ${tone}`}>{days === 0 ? 'today' : `${days} d`}</span>;
}
