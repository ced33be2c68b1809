import type { Sqlite } from '../../db/open';
import { requestRewind } from './record-retry';

/**
 * Stock adjustments made here that the platform may not have yet, and what a
 * pulled level means in their light.
 *
 * stock.adjust writes the ledger and an `inventory.adjust` outbox delta in one
 * transaction. A pull can land before the delta reaches the platform; the pulled
 * level then lacks it, and taking it as is would undo the adjustment locally
 * until the push and a later pull put it back. So a pulled level is read as
 * "the platform's level plus our deltas it has not seen":
 *
 *  - a delta never sent (pending, no attempt, no error) is certainly not in the
 *    pulled level: it is added;
 *  - a failed delta (the platform refused it, or it ran out of attempts) is
 *    added too: the adjustment stands here and the failure is on the Sync
 *    screen, to retry or cancel;
 *  - a delta that may be in flight (sending, or pending again after an attempt
 *    whose answer never came) may or may not be in the pulled level — adding it
 *    could count it twice, leaving it out could undo it. That level is skipped
 *    (the local one, which has the adjustment, stays). Once the platform
 *    acknowledges the delta, `settled` asks for inventory to be read again from
 *    when it was queued, so what the skipped pull carried (a sale on the
 *    platform, say) still arrives.
 */

export function createPendingStock(sqlite: Sqlite, platform: string) {
  const deltas = sqlite.prepare<[string, number, number], { certain: number | null; inFlight: number }>(`
    SELECT sum(CASE WHEN status = 'failed' OR (status = 'pending' AND attempts = 0 AND last_error IS NULL) THEN json_extract(payload, '$.delta') END) AS certain,
           count(CASE WHEN status = 'sending' OR (status = 'pending' AND (attempts > 0 OR last_error IS NOT NULL)) THEN 1 END) AS inFlight
      FROM outbox
     WHERE platform = ? AND kind = 'inventory.adjust' AND status IN ('pending', 'sending', 'failed')
       AND json_extract(payload, '$.variantId') = ? AND json_extract(payload, '$.locationId') = ?`);

  return {
    /**
     * The on-hand quantity a pulled level stands for here, or null when a delta
     * that may be in flight makes the pulled level ambiguous (keep the local one).
     */
    levelTarget(variantId: number, locationId: number, pulledOnHand: number): number | null {
      const d = deltas.get(platform, variantId, locationId);
      if (!d) return pulledOnHand;
      if (d.inFlight > 0) return null;
      return pulledOnHand + (d.certain ?? 0);
    },
  };
}

/**
 * The drain's hook when the platform acknowledged a stock delta that may have
 * been in flight during an earlier pull (one that pull may have skipped): read
 * inventory again from when the delta was queued.
 */
export function settled(sqlite: Sqlite, platform: string, item: { kind: string; mayHaveBeenSent?: boolean; queuedAt?: string }): void {
  if (item.kind === 'inventory.adjust' && item.mayHaveBeenSent && item.queuedAt) requestRewind(sqlite, platform, 'inventory', item.queuedAt);
}
