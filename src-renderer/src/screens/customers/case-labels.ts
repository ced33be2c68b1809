import type { CaseStatus } from '../../../../src-shared/contract';

export const STATUS_LABEL: Record<CaseStatus, string> = { open: 'Open', waiting_on_customer: 'Waiting on customer', resolved: 'Resolved' };
export const typeLabel = (t: string) => t.charAt(0).toUpperCase() + t.slice(1).replace(/_/g, ' ');
