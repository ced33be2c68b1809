import { OmsError } from '../../../src-shared/contract';
import type { Sqlite } from '../../db/open';
import type { OrderAction } from './order-writer';

export function createAssign(sqlite: Sqlite) {
  const user = sqlite.prepare<[number], { id: number; display_name: string; active: number }>('SELECT id, display_name, active FROM users WHERE id = ?');
  const setAssignee = sqlite.prepare('UPDATE orders SET assigned_user_id = ? WHERE id = ?');
  return (userId: number | null): OrderAction =>
    (row, w) => {
      if (row.assigned_user_id === userId) return false;
      let who = 'nobody';
      if (userId !== null) {
        const u = user.get(userId);
        if (!u) throw new OmsError('VALIDATION', `userId: there is no user ${userId}.`, { field: 'userId' });
        if (u.active !== 1) throw new OmsError('VALIDATION', `userId: ${u.display_name} is deactivated and cannot take orders.`, { field: 'userId' });
        who = u.display_name;
      }
      setAssignee.run(userId, row.id);
      w.event('assign', userId === null ? 'Unassigned' : `Assigned to ${who}`);
      w.audit('order.assign', { from: row.assigned_user_id, to: userId });
      return true;
    };
}
