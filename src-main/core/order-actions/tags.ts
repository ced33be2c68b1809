import type { Sqlite } from '../../db/open';
import { createOutbox } from '../outbox/outbox';
import type { OrderAction } from './order-writer';

/**
 * Tags live twice: the orders.tags text column (shown in lists) and order_tags
 * rows (the tag filter's index). Both change together, here only. Orders
 * from a platform get the new tag list queued for it (order.update).
 */
export function createTagActions(sqlite: Sqlite) {
  const setColumn = sqlite.prepare('UPDATE orders SET tags = ? WHERE id = ?');
  const insertTag = sqlite.prepare('INSERT OR IGNORE INTO order_tags(tag, order_id) VALUES (?, ?)');
  const deleteTag = sqlite.prepare('DELETE FROM order_tags WHERE tag = ? AND order_id = ?');
  const outbox = createOutbox(sqlite);
  const push = (row: { id: number; platform: string | null; external_id: string | null }, tags: string[], at: string) => {
    if (!row.platform) return;
    outbox.enqueue({
      platform: row.platform,
      kind: 'order.update',
      entityType: 'order',
      entityId: row.id,
      payload: { orderId: row.id, orderExternalId: row.external_id, tags },
      idempotencyKey: `orderhouse:${row.platform}:tags:${row.id}:${at}`,
      at,
    });
  };

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
        push(row, next, w.at);
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
        const next = have.filter((t) => !removed.includes(t));
        setColumn.run(next.join(','), row.id);
        push(row, next, w.at);
        for (const t of removed) deleteTag.run(t, row.id);
        w.event('tags', `Removed tag ${removed.join(', ')}`);
        w.audit('order.untag', { removed });
        return true;
      },
  };
}
