import { OmsError, type CustomerNote } from '../../../src-shared/contract';
import type { CoreContext } from '../context';

/** Internal notes on a customer: written with the author and time, audited. */
export function createCustomerNotes(ctx: CoreContext) {
  const exists = ctx.sqlite.prepare('SELECT 1 FROM customers WHERE id = ?').pluck();
  const insert = ctx.sqlite.prepare('INSERT INTO customer_notes(customer_id, body, user_id, created_at) VALUES (?, ?, ?, ?)');
  const author = ctx.sqlite.prepare('SELECT display_name FROM users WHERE id = ?').pluck();
  return (customerId: number, body: string, userId: number): CustomerNote => {
    if (!exists.get(customerId)) throw new OmsError('NOT_FOUND', `Customer ${customerId} does not exist.`, { field: 'customerId' });
    const at = ctx.clock.now().toISOString();
    const id = ctx.sqlite.transaction(() => {
      const noteId = Number(insert.run(customerId, body, userId, at).lastInsertRowid);
      ctx.audit.record({ at, userId, action: 'customers.note', entityType: 'customer', entityId: customerId, detail: { noteId } });
      return noteId;
    })();
    return { id, body, author: (author.get(userId) as string | undefined) ?? null, createdAt: at };
  };
}
