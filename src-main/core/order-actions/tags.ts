import type { Sqlite } from '../../db/open';
import type { OrderAction } from './order-writer';

/**
 * Tags live twice: the orders.tags text column (shown in lists) and order_tags
 * rows (the tag filter's index). Both change together, here only.
 */
export function createTagActions(sqlite: Sqlite) {
  const setColumn = sqlite.prepare('UPDATE orders SET tags = ? WHERE id = ?');
  const insertTag = sqlite.prepare('INSERT OR IGNORE INTO order_tags(tag, order_id) VALUES (?, ?)');
  const deleteTag = sqlite.prepare('DELETE FROM order_tags WHERE tag = ? AND order_id = ?');

  const current = (column: string) => (column ? column.split(',').filter(Boolean) : []);
  const unique = (tags: string[]) => [...new Set(tags.map((t) => t.trim()).filter(Boolean))];

  return {
    add:
      (tags: string[]): OrderAction =>
      (row, w) => {
        const have = current(row.tags);
        const added = unique(tags).filter((t) => !have.includes(t));
        if (!added.length) return false;
        const next = [...have, ...added].sort((a, b) => a.localeCompare(b));
        setColumn.run(next.join(','), row.id);
        for (const t of added) insertTag.run(t, row.id);
        w.event('tags', `Tagged ${added.join(', ')}`);
        w.audit('order.tag', { added });
        return true;
      },
    remove:
      (tags: string[]): OrderAction =>
      (row, w) => {
        const have = current(row.tags);
        const removed = unique(tags).filter((t) => have.includes(t));
        if (!removed.length) return false;
        setColumn.run(have.filter((t) => !removed.includes(t)).join(','), row.id);
        for (const t of removed) deleteTag.run(t, row.id);
        w.event('tags', `Removed tag ${removed.join(', ')}`);
        w.audit('order.untag', { removed });
        return true;
      },
  };
}
