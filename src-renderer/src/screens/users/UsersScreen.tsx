import { useEffect } from 'react';
import { can } from '../../../../src-shared/contract';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Spinner } from '../../components/Spinner';
import { useSession } from '../../stores/session';
import { useUsers } from '../../stores/users';
import { AddUserForm } from './AddUserForm';
import { UsersTable } from './UsersTable';

export function UsersScreen() {
  const role = useSession((s) => s.user?.role);
  const status = useUsers((s) => s.status);
  const error = useUsers((s) => s.error);
  const load = useUsers((s) => s.load);
  const canManage = !!role && can(role, 'users.manage');

  useEffect(() => {
    void load();
  }, [load]);

  return (
    <div className="page">
      <div className="page-head">
        <div>
          <h2 className="page-title">Users</h2>
          <p className="page-sub">Everyone signs in with their own login; their role decides what they can see and do.</p>
        </div>
      </div>
      <div className={`users-layout${canManage ? '' : ' users-readonly'}`}>
        <div className="users-list">
          {status === 'loading' || status === 'idle' ? (
            <div className="panel-message">
              <Spinner label="Loading users…" />
            </div>
          ) : status === 'error' && error ? (
            <ErrorNotice error={error} onRetry={() => void load()} />
          ) : (
            <UsersTable />
          )}
        </div>
        {canManage ? <AddUserForm /> : <p className="muted small">Only the owner can add users.</p>}
      </div>
    </div>
  );
}
