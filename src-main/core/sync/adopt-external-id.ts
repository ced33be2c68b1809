import type { Sqlite } from '../../db/open';

/**
 * A pushed fulfilment or refund takes the platform's id once the platform
 * acknowledges it, so the next pull updates it rather than adding it again.
 *
 * If the answer was lost and a pull ran before the retry (the item waiting out
 * its backoff), that pull already stored the platform's record as a row of its
 * own. It is the same fulfilment or refund: the pulled copy is removed and ours,
 * which carries the local links (a return's refund, the pick list), takes the
 * id; the next pull of the order refreshes its lines from the platform. Nothing
 * else points at a pulled copy (no ledger move is made for pulled rows), and if
 * something does, the copy is left as it was rather than broken.
 */
const TABLES = {
  fulfilments: { lines: 'fulfilment_lines', fk: 'fulfilment_id' },
  refunds: { lines: 'refund_lines', fk: 'refund_id' },
} as const;

type Table = keyof typeof TABLES;

export function createAdoptExternalId(sqlite: Sqlite) {
  const prepare = (table: Table) => {
    const t = TABLES[table];
    return {
      // Another row of the same order already holding the id: what a pull stored meanwhile.
      copy: sqlite.prepare<{ platform: string; ext: string; local: number }, { id: number }>(
        `SELECT c.id FROM ${table} c JOIN ${table} o ON o.id = @local WHERE c.platform = @platform AND c.external_id = @ext AND c.order_id = o.order_id AND c.id <> o.id`),
      delLines: sqlite.prepare(`DELETE FROM ${t.lines} WHERE ${t.fk} = ?`),
      delRow: sqlite.prepare(`DELETE FROM ${table} WHERE id = ?`),
      set: sqlite.prepare(`UPDATE OR IGNORE ${table} SET platform = ?, external_id = ? WHERE id = ? AND external_id IS NULL`),
    };
  };
  const st = { fulfilments: prepare('fulfilments'), refunds: prepare('refunds') };

  return (table: Table, platform: string, externalId: string, localId: number): void => {
    const s = st[table];
    const copy = s.copy.get({ platform, ext: externalId, local: localId });
    if (copy) {
      try {
        sqlite.transaction(() => {
          s.delLines.run(copy.id);
          s.delRow.run(copy.id);
        })();
      } catch {
        // Referenced by something local after all: keep it (the id then stays with the copy).
      }
    }
    s.set.run(platform, externalId, localId);
  };
}
