import type { CasePriority, CaseType } from '../../../src-shared/contract';

/** Hours to a first answer per case type; priority shortens or stretches it. */
export const SERVICE_TARGET_HOURS: Record<CaseType, number> = {
  question: 24,
  complaint: 8,
  damaged_item: 12,
  missing_item: 12,
  return_request: 24,
  other: 48,
};
const PRIORITY_FACTOR: Record<CasePriority, number> = { low: 2, normal: 1, high: 0.5, urgent: 0.25 };

export function dueAt(type: CaseType, priority: CasePriority, from: Date): string {
  return new Date(from.getTime() + SERVICE_TARGET_HOURS[type] * PRIORITY_FACTOR[priority] * 3_600_000).toISOString();
}
