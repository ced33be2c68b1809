import { OmsError, SavedViewSpec, type ParsedInputOf, type SavedView } from '../../../src-shared/contract';
import type { Caller, CoreContext } from '../context';

/** Enough for every queue/filter combination a person works with; stops a runaway script filling the table. */
export const MAX_VIEWS_PER_USER = 50;

interface ViewRow {
  id: number;
  user_id: number;
  name: string;
  spec: string;
  updated_at: string;
}

/**
 * Personal queue views. Each user reads and writes only their own rows (the
 * user id comes from the session, never from the input). Not audited: a view
 * is a preference, not business data. The stored spec is re-validated on
 * read, so a view saved by an older version degrades to defaults instead of
 * breaking the toolbar.
 */
export function createSavedViews(ctx: CoreContext) {
  const { sqlite } = ctx;
  const listStmt = sqlite.prepare<[number], ViewRow>('SELECT id, user_id, name, spec, updated_at FROM order_views WHERE user_id = ? ORDER BY name COLLATE NOCASE, id');
  const byId = sqlite.prepare<[number], ViewRow>('SELECT id, user_id, name, spec, updated_at FROM order_views WHERE id = ?');
  const byName = sqlite.prepare<[number, string], ViewRow>('SELECT id, user_id, name, spec, updated_at FROM order_views WHERE user_id = ? AND name = ?');
  const countStmt = sqlite.prepare<[number], { n: number }>('SELECT count(*) AS n FROM order_views WHERE user_id = ?');
  const insert = sqlite.prepare('INSERT INTO order_views (user_id, name, spec, created_at, updated_at) VALUES (?, ?, ?, ?, ?)');
  const update = sqlite.prepare('UPDATE order_views SET name = ?, spec = ?, updated_at = ? WHERE id = ?');
  const remove = sqlite.prepare('DELETE FROM order_views WHERE id = ?');

  const toView = (r: ViewRow): SavedView => {
    let raw: unknown = {};
    try {
      raw = JSON.parse(r.spec);
    } catch {
      raw = {};
    }
    const parsed = SavedViewSpec.safeParse(raw);
    return { id: r.id, name: r.name, updatedAt: r.updated_at, spec: parsed.success ? parsed.data : SavedViewSpec.parse({ queue: 'all', sort: 'newest' }) };
  };

  /** Someone else's view is reported as missing, not forbidden: its existence is not theirs to learn. */
  const own = (id: number, caller: Caller): ViewRow => {
    const row = byId.get(id);
    if (!row || row.user_id !== caller.userId) throw new OmsError('NOT_FOUND', `You have no saved view ${id}.`, { field: 'id' });
    return row;
  };

  return {
    list(caller: Caller): SavedView[] {
      return listStmt.all(caller.userId).map(toView);
    },
    save(input: ParsedInputOf<'orders.views.save'>, caller: Caller): SavedView {
      return sqlite.transaction(() => {
        const now = ctx.clock.now().toISOString();
        const spec = JSON.stringify(input.spec);
        const sameName = byName.get(caller.userId, input.name);
        if (input.id !== undefined) {
          own(input.id, caller);
          if (sameName && sameName.id !== input.id) throw new OmsError('CONFLICT', `You already have a view called “${input.name}”; choose another name or delete that one first.`, { field: 'name' });
          update.run(input.name, spec, now, input.id);
          return toView(byId.get(input.id)!);
        }
        // Saving under an existing name overwrites it: "save the view I'm in" with the same name is the common case.
        if (sameName) {
          update.run(input.name, spec, now, sameName.id);
          return toView(byId.get(sameName.id)!);
        }
        if (countStmt.get(caller.userId)!.n >= MAX_VIEWS_PER_USER) {
          throw new OmsError('CONFLICT', `You have ${MAX_VIEWS_PER_USER} saved views, the most allowed; delete one you no longer use first.`);
        }
        const id = Number(insert.run(caller.userId, input.name, spec, now, now).lastInsertRowid);
        return toView(byId.get(id)!);
      })();
    },
    delete(id: number, caller: Caller): { deleted: true } {
      own(id, caller);
      remove.run(id);
      return { deleted: true };
    },
  };
}
