import { OmsError } from '../../../src-shared/contract/errors';
import { DEFAULT_RETURN_POLICY, droppedCodes, ReturnPolicy, withCurrentCatalogue, type StoredReturnPolicy } from '../../../src-shared/returns/policy';
import type { Caller, CoreContext } from '../context';

/** Effective-from of the seeded default: it covers every order ever placed. */
export const BEGINNING = '1970-01-01T00:00:00.000Z';

interface Row {
  id: number;
  effective_from: string;
  policy: string;
  note: string | null;
  created_at: string;
  created_by: string | null;
}

/**
 * The versions of the return policy. A save appends a version with its
 * effective-from time; nothing is ever edited in place, so a return can always
 * be re-judged by the rules that applied to it.
 */
export function createReturnPolicies(ctx: CoreContext) {
  const { sqlite } = ctx;
  const select = `SELECT p.id, p.effective_from, p.policy, p.note, p.created_at, u.display_name AS created_by FROM return_policies p LEFT JOIN users u ON u.id = p.created_by`;
  const inForce = sqlite.prepare<[string], Row>(`${select} WHERE p.effective_from <= ? ORDER BY p.effective_from DESC, p.id DESC LIMIT 1`);
  const byId = sqlite.prepare<[number], Row>(`${select} WHERE p.id = ?`);
  const all = sqlite.prepare<[], Row>(`${select} ORDER BY p.effective_from DESC, p.id DESC LIMIT 50`);
  const insert = sqlite.prepare('INSERT INTO return_policies (effective_from, policy, note, created_by, created_at) VALUES (?, ?, ?, ?, ?)');
  const count = sqlite.prepare<[], { n: number }>('SELECT count(*) AS n FROM return_policies');

  const toStored = (r: Row): StoredReturnPolicy => ({
    id: r.id,
    effectiveFrom: r.effective_from,
    createdAt: r.created_at,
    createdBy: r.created_by,
    note: r.note,
    // Stored versions were validated on save; parse again so defaults added later fill in.
    policy: ReturnPolicy.parse(JSON.parse(r.policy)),
  });

  return {
    /** New workspaces start with the default policy, in force from the beginning of time. Idempotent. */
    ensureDefault(): void {
      sqlite.transaction(() => {
        if ((count.get()?.n ?? 0) > 0) return;
        insert.run(BEGINNING, JSON.stringify(DEFAULT_RETURN_POLICY), 'Default policy, seeded with the workspace', null, ctx.clock.now().toISOString());
      })();
    },
    /** The version in force at an instant (the default when none was saved yet). */
    at(instant: string): StoredReturnPolicy {
      const row = inForce.get(instant) ?? inForce.get('9999');
      if (!row) {
        this.ensureDefault();
        return this.at(instant);
      }
      return toStored(row);
    },
    byId(id: number): StoredReturnPolicy {
      const row = byId.get(id);
      if (!row) throw new OmsError('NOT_FOUND', `Return policy version ${id} does not exist.`);
      return toStored(row);
    },
    /** A version's terms with today's reason and condition lists (withCurrentCatalogue): what new returns and inspections pick from. */
    forJudging(stored: StoredReturnPolicy): StoredReturnPolicy {
      return { ...stored, policy: withCurrentCatalogue(stored.policy, this.at(ctx.clock.now().toISOString()).policy) };
    },
    versions(): StoredReturnPolicy[] {
      return all.all().map(toStored);
    },
    /** Appends a version; `effectiveFrom` defaults to now and may not lie in the past (history is not rewritten). */
    save(input: { policy: ReturnPolicy; effectiveFrom?: string | undefined; note?: string | undefined }, caller: Caller): StoredReturnPolicy {
      const now = ctx.clock.now().toISOString();
      const effectiveFrom = input.effectiveFrom ? new Date(input.effectiveFrom).toISOString() : now;
      if (effectiveFrom < new Date(Date.parse(now) - 60_000).toISOString()) {
        throw new OmsError('VALIDATION', 'effectiveFrom: must not be in the past; returns already judged keep the rules they were judged by', { field: 'effectiveFrom' });
      }
      const id = sqlite.transaction(() => {
        const latest = this.at('9999');
        const dropped = droppedCodes(latest.policy, input.policy);
        if (dropped.reasons.length) throw new OmsError('VALIDATION', `reasons: ${dropped.reasons.map((c) => `"${c}"`).join(', ')} cannot be removed; retire it instead, so past returns keep their reason`, { field: 'reasons' });
        if (dropped.conditions.length) throw new OmsError('VALIDATION', `conditions: ${dropped.conditions.map((c) => `"${c}"`).join(', ')} cannot be removed; retire it instead, so past returns keep their condition`, { field: 'conditions' });
        const newId = Number(insert.run(effectiveFrom, JSON.stringify(input.policy), input.note ?? null, caller.userId, now).lastInsertRowid);
        ctx.audit.record({ at: now, userId: caller.userId, action: 'returns.policy.saved', entityType: 'return_policy', entityId: newId, detail: { effectiveFrom, note: input.note ?? null, policy: input.policy } });
        return newId;
      })();
      return this.byId(id);
    },
  };
}
export type ReturnPolicies = ReturnType<typeof createReturnPolicies>;
