import { ROLE_LABELS } from '../../../../src-shared/contract';
import { useNav } from '../../stores/nav';
import { useSession } from '../../stores/session';
import type { NavItem } from '../shell/nav-items';

/** Reached by a typed or old link: the role cannot use this screen (and the core would refuse its calls). */
export function NoAccessScreen({ item }: { item: NavItem }) {
  const role = useSession((s) => s.user?.role);
  const go = useNav((s) => s.go);
  return (
    <div className="page page-centered">
      <section className="placeholder" data-testid="no-access">
        <div className="placeholder-tag placeholder-tag-warn">No access</div>
        <h2 className="placeholder-title">{item.label} is not available to your role</h2>
        <p className="placeholder-purpose">
          You are signed in as {role ? ROLE_LABELS[role] : 'a user'}. Ask the workspace owner if you need access.
        </p>
        <button type="button" className="btn" onClick={() => go('orders')}>
          Go to Orders
        </button>
      </section>
    </div>
  );
}
