import { OmsError, type MergeField } from '../../../src-shared/contract';
import type { CoreContext } from '../context';

/**
 * Merging two customer records of one person, and undoing it. Everything
 * happens in one transaction: the survivor takes the chosen value per field;
 * orders, returns, store credit, notes, cases and addresses move to it; the merged
 * record stays (hidden, pointing at the survivor — so a later sync of its
 * platform ID finds where it went instead of splitting it again); the merge is
 * audited and keeps what undo needs.
 */
const COLUMNS: Record<Exclude<MergeField, 'address'>, string> = { firstName: 'first_name', lastName: 'last_name', email: 'email', phone: 'phone', birthDate: 'birth_date' };
const MOVED_TABLES = ['orders', 'returns', 'store_credits', 'customer_notes', 'service_cases'] as const;

interface Moved {
  orders: number[];
  returns: number[];
  store_credits: number[];
  customer_notes: number[];
  service_cases: number[];
  /** The merged record's addresses with their default flag before the merge. */
  addresses: { id: number; isDefault: boolean }[];
}

type Row = { id: number; first_name: string | null; last_name: string | null; email: string | null; phone: string | null; birth_date: string | null; merged_into_id: number | null; platform: string | null; external_id: string | null };

export function createMerges(ctx: CoreContext) {
  const { sqlite } = ctx;
  const get = sqlite.prepare('SELECT id, first_name, last_name, email, phone, birth_date, merged_into_id, platform, external_id FROM customers WHERE id = ?');
  const defaultAddress = sqlite.prepare('SELECT id FROM customer_addresses WHERE customer_id = ? ORDER BY is_default DESC, id LIMIT 1').pluck();
  const addressesOf = sqlite.prepare('SELECT id, is_default AS isDefault FROM customer_addresses WHERE customer_id = ?');
  const idsOf = Object.fromEntries(MOVED_TABLES.map((t) => [t, sqlite.prepare(`SELECT id FROM ${t} WHERE customer_id = ?`).pluck()]));
  const insertMerge = sqlite.prepare(
    `INSERT INTO customer_merges(survivor_id, merged_id, choices, survivor_before, moved, merged_platform, merged_external_id, user_id, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const getMerge = sqlite.prepare('SELECT id, survivor_id AS survivorId, merged_id AS mergedId, survivor_before AS before, moved, undone_at AS undoneAt FROM customer_merges WHERE id = ?');
  const setPairStatus = sqlite.prepare('UPDATE customer_duplicate_pairs SET status = ?, decided_at = ?, decided_by = ? WHERE a_id = ? AND b_id = ?');

  const moveIds = (table: string, ids: number[], to: number, from: number) => {
    const stmt = sqlite.prepare(`UPDATE ${table} SET customer_id = ? WHERE id = ? AND customer_id = ?`);
    for (const id of ids) stmt.run(to, id, from);
  };

  return {
    merge(input: { survivorId: number; mergedId: number; choices: Partial<Record<MergeField, 'survivor' | 'merged'>> }, userId: number): { mergeId: number; survivorId: number } {
      const { survivorId, mergedId } = input;
      if (survivorId === mergedId) throw new OmsError('VALIDATION', 'A customer cannot be merged into itself.', { field: 'mergedId' });
      const at = ctx.clock.now().toISOString();
      return sqlite.transaction(() => {
        const s = get.get(survivorId) as Row | undefined;
        const m = get.get(mergedId) as Row | undefined;
        if (!s) throw new OmsError('NOT_FOUND', `Customer ${survivorId} does not exist.`, { field: 'survivorId' });
        if (!m) throw new OmsError('NOT_FOUND', `Customer ${mergedId} does not exist.`, { field: 'mergedId' });
        if (s.merged_into_id !== null) throw new OmsError('CONFLICT', `Customer ${survivorId} was already merged into customer ${s.merged_into_id}.`, { field: 'survivorId' });
        if (m.merged_into_id !== null) throw new OmsError('CONFLICT', `Customer ${mergedId} was already merged into customer ${m.merged_into_id}.`, { field: 'mergedId' });

        const before = { ...Object.fromEntries(Object.values(COLUMNS).map((c) => [c, s[c as keyof Row]])), defaultAddressId: defaultAddress.get(survivorId) ?? null };
        const choices: Record<string, 'survivor' | 'merged'> = {};
        const sets: string[] = [];
        const values: (string | null)[] = [];
        for (const [field, column] of Object.entries(COLUMNS)) {
          const sv = s[column as keyof Row];
          const mv = m[column as keyof Row];
          const choice = input.choices[field as MergeField] ?? (sv == null && mv != null ? 'merged' : 'survivor');
          choices[field] = choice;
          if (choice === 'merged' && mv !== sv) {
            sets.push(`${column} = ?`);
            values.push(mv as string | null);
          }
        }
        if (sets.length) sqlite.prepare(`UPDATE customers SET ${sets.join(', ')}, updated_at = ? WHERE id = ?`).run(...values, at, survivorId);

        const moved: Moved = {
          orders: idsOf.orders!.all(mergedId) as number[],
          returns: idsOf.returns!.all(mergedId) as number[],
          store_credits: idsOf.store_credits!.all(mergedId) as number[],
          customer_notes: idsOf.customer_notes!.all(mergedId) as number[],
          service_cases: idsOf.service_cases!.all(mergedId) as number[],
          addresses: (addressesOf.all(mergedId) as { id: number; isDefault: number }[]).map((a) => ({ id: a.id, isDefault: a.isDefault === 1 })),
        };
        for (const t of MOVED_TABLES) moveIds(t, moved[t], survivorId, mergedId);
        const mergedDefault = moved.addresses.find((a) => a.isDefault)?.id ?? moved.addresses[0]?.id ?? null;
        choices.address = input.choices.address ?? (before.defaultAddressId === null && mergedDefault !== null ? 'merged' : 'survivor');
        const useMergedAddress = choices.address === 'merged' && mergedDefault !== null;
        for (const a of moved.addresses) sqlite.prepare('UPDATE customer_addresses SET customer_id = ?, is_default = ? WHERE id = ?').run(survivorId, useMergedAddress && a.id === mergedDefault ? 1 : 0, a.id);
        if (useMergedAddress) sqlite.prepare('UPDATE customer_addresses SET is_default = 0 WHERE customer_id = ? AND id <> ?').run(survivorId, mergedDefault);

        sqlite.prepare('UPDATE customers SET merged_into_id = ?, updated_at = ? WHERE id = ?').run(survivorId, at, mergedId);
        setPairStatus.run('merged', at, userId, Math.min(survivorId, mergedId), Math.max(survivorId, mergedId));
        const mergeId = Number(
          insertMerge.run(survivorId, mergedId, JSON.stringify(choices), JSON.stringify(before), JSON.stringify(moved), m.platform, m.external_id, userId, at).lastInsertRowid,
        );
        ctx.audit.record({
          at,
          userId,
          action: 'customers.merge',
          entityType: 'customer',
          entityId: survivorId,
          detail: { mergeId, survivorId, mergedId, choices, orders: moved.orders.length, returns: moved.returns.length, notes: moved.customer_notes.length, cases: moved.service_cases.length, addresses: moved.addresses.length },
        });
        return { mergeId, survivorId };
      })();
    },

    unmerge(mergeId: number, userId: number): { survivorId: number; mergedId: number } {
      const at = ctx.clock.now().toISOString();
      return sqlite.transaction(() => {
        const row = getMerge.get(mergeId) as { id: number; survivorId: number; mergedId: number; before: string; moved: string; undoneAt: string | null } | undefined;
        if (!row) throw new OmsError('NOT_FOUND', `Merge ${mergeId} does not exist.`, { field: 'mergeId' });
        if (row.undoneAt) throw new OmsError('CONFLICT', `Merge ${mergeId} was already undone on ${row.undoneAt}.`, { field: 'mergeId' });
        const merged = get.get(row.mergedId) as Row;
        if (merged.merged_into_id !== row.survivorId) throw new OmsError('CONFLICT', `Customer ${row.mergedId} is no longer merged into customer ${row.survivorId}.`, { field: 'mergeId' });
        const survivor = get.get(row.survivorId) as Row;
        if (survivor.merged_into_id !== null) throw new OmsError('CONFLICT', `Undo the later merge of customer ${row.survivorId} into customer ${survivor.merged_into_id} first.`, { field: 'mergeId' });

        const before = JSON.parse(row.before) as Record<string, string | null> & { defaultAddressId: number | null };
        const moved = JSON.parse(row.moved) as Moved;
        for (const t of MOVED_TABLES) moveIds(t, moved[t] ?? [], row.mergedId, row.survivorId);
        for (const a of moved.addresses) sqlite.prepare('UPDATE customer_addresses SET customer_id = ?, is_default = ? WHERE id = ? AND customer_id = ?').run(row.mergedId, a.isDefault ? 1 : 0, a.id, row.survivorId);
        if (before.defaultAddressId !== null) sqlite.prepare('UPDATE customer_addresses SET is_default = (id = ?) WHERE customer_id = ?').run(before.defaultAddressId, row.survivorId);
        const cols = Object.values(COLUMNS);
        sqlite.prepare(`UPDATE customers SET ${cols.map((c) => `${c} = ?`).join(', ')}, updated_at = ? WHERE id = ?`).run(...cols.map((c) => before[c] ?? null), at, row.survivorId);
        sqlite.prepare('UPDATE customers SET merged_into_id = NULL, updated_at = ? WHERE id = ?').run(at, row.mergedId);
        sqlite.prepare('UPDATE customer_merges SET undone_at = ?, undone_by = ? WHERE id = ?').run(at, userId, mergeId);
        setPairStatus.run('open', null, null, Math.min(row.survivorId, row.mergedId), Math.max(row.survivorId, row.mergedId));
        ctx.audit.record({ at, userId, action: 'customers.unmerge', entityType: 'customer', entityId: row.survivorId, detail: { mergeId, survivorId: row.survivorId, mergedId: row.mergedId } });
        return { survivorId: row.survivorId, mergedId: row.mergedId };
      })();
    },

    notSame(aId: number, bId: number, userId: number): void {
      if (aId === bId) throw new OmsError('VALIDATION', 'Pick two different customers.', { field: 'bId' });
      const at = ctx.clock.now().toISOString();
      sqlite.transaction(() => {
        for (const [id, field] of [
          [aId, 'aId'],
          [bId, 'bId'],
        ] as const)
          if (!get.get(id)) throw new OmsError('NOT_FOUND', `Customer ${id} does not exist.`, { field });
        const lo = Math.min(aId, bId);
        const hi = Math.max(aId, bId);
        sqlite
          .prepare(
            `INSERT INTO customer_duplicate_pairs(a_id, b_id, probability, band, evidence, status, found_at, decided_at, decided_by) VALUES (?, ?, 0, 'likely', '[]', 'not_same', ?, ?, ?)
             ON CONFLICT(a_id, b_id) DO UPDATE SET status = 'not_same', decided_at = excluded.decided_at, decided_by = excluded.decided_by`,
          )
          .run(lo, hi, at, at, userId);
        ctx.audit.record({ at, userId, action: 'customers.not_same', entityType: 'customer', entityId: lo, detail: { aId: lo, bId: hi } });
      })();
    },
  };
}

/** For sync: the live customer a platform customer ended up in (following merges), or null when unknown. */
export function resolveMergedCustomer(sqlite: CoreContext['sqlite'], platform: string, externalId: string): number | null {
  let row = sqlite.prepare('SELECT id, merged_into_id AS next FROM customers WHERE platform = ? AND external_id = ?').get(platform, externalId) as { id: number; next: number | null } | undefined;
  for (let hops = 0; row && row.next !== null && hops < 50; hops++) row = sqlite.prepare('SELECT id, merged_into_id AS next FROM customers WHERE id = ?').get(row.next) as { id: number; next: number | null } | undefined;
  return row?.id ?? null;
}
