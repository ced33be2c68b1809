import { ROLE_LABELS } from '../../../../src-shared/contract';
import { Badge } from '../../components/Badge';
import { useSession } from '../../stores/session';
import { SyncIndicator } from './SyncIndicator';

export function TopBar({ title }: { title: string }) {
  const info = useSession((s) => s.info);
  const user = useSession((s) => s.user);
  const signOut = useSession((s) => s.signOut);

  return (
    <header className="topbar">
      <div className="topbar-left">
        <span className="workspace-name" data-testid="topbar-workspace">
          {info?.workspaceName ?? 'Orderhouse'}
        </span>
        {info?.demo ? <Badge tone="blue">Demo</Badge> : null}
        <span className="topbar-sep" aria-hidden="true">
          /
        </span>
        <h1 className="topbar-title">{title}</h1>
      </div>
      <div className="topbar-right">
        <SyncIndicator />
        {user ? (
          <div className="topbar-user" data-testid="topbar-user">
            <span className="avatar" aria-hidden="true">
              {(user.displayName || user.username).slice(0, 1).toUpperCase()}
            </span>
            <span className="user-name">{user.displayName || user.username}</span>
            <span className="user-role" data-testid="topbar-role">
              {ROLE_LABELS[user.role]}
            </span>
          </div>
        ) : null}
        <button type="button" className="btn btn-ghost btn-small" onClick={() => void signOut()} data-testid="logout">
          Log out
        </button>
      </div>
    </header>
  );
}
