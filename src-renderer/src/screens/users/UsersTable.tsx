import { ROLE_LABELS } from '../../../../src-shared/contract';
import { Badge } from '../../components/Badge';
import { formatDateTime } from '../../lib/format';
import { useSession } from '../../stores/session';
import { useUsers } from '../../stores/users';

export function UsersTable() {
  const users = useUsers((s) => s.users);
  const me = useSession((s) => s.user?.id);
  return (
    <table className="table users-table card" data-testid="users-table">
      <thead>
        <tr>
          <th>Name</th>
          <th>Username</th>
          <th>Role</th>
          <th>Status</th>
          <th>Last sign-in</th>
        </tr>
      </thead>
      <tbody>
        {users.map((u) => (
          <tr key={u.id} data-testid="user-row">
            <td className="strong">
              {u.displayName}
              {u.id === me ? <span className="muted"> (you)</span> : null}
            </td>
            <td className="mono">{u.username}</td>
            <td>{ROLE_LABELS[u.role] ?? u.role}</td>
            <td>{u.active ? <Badge tone="green">Active</Badge> : <Badge>Disabled</Badge>}</td>
            <td className="muted">{u.lastLoginAt ? formatDateTime(u.lastLoginAt) : 'Never'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
