import type { CasePriority, CaseType } from '../../../src-shared/contract';

/** Hours to a first answer per case type (the defaults; owners and managers set their own); priority shortens or stretches it. */
export const SERVICE_TARGET_HOURS: Record<CaseType, number> = {
  question: 24,
  complaint: 8,
  damaged_item: 12,
  missing_item: 12,
  return_request: 24,
  other: 48,
};
const PRIORITY_FACTOR: Record<CasePriority, number> = { low: 2, normal: 1, high: 0.5, urgent: 0.25 };

/** `targets`: the workspace's own hours per type (case settings); the defaults above when it has none. */
export function dueAt(type: CaseType, priority: CasePriority, from: Date, targets: Record<CaseType, number> = SERVICE_TARGET_HOURS): string {
  return new Date(from.getTime() + targets[type] * PRIORITY_FACTOR[priority] * 3_600_000).toISOString();
}
