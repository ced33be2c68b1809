import { can } from '../../../../src-shared/contract';
import { SCREEN_ICONS } from '../../components/icons';
import { formatCount } from '../../lib/format';
import { useCounts } from '../../stores/counts';
import { useNav } from '../../stores/nav';
import { useSession } from '../../stores/session';
import { NAV_ITEMS } from './nav-items';

export function Sidebar() {
  const role = useSession((s) => s.user?.role);
  const screen = useNav((s) => s.screen);
  const go = useNav((s) => s.go);
  // Only the exceptions count belongs in the nav: it is the queue that needs someone now.
  const exceptions = useCounts((s) => s.counts?.exceptions ?? 0);
  const items = NAV_ITEMS.filter((i) => role && can(role, i.permission));

  return (
    <nav className="sidebar" aria-label="Main">
      <div className="sidebar-brand">
        <span className="brand-mark" aria-hidden="true">
          O
        </span>
        <span className="brand-name">Orderhouse</span>
      </div>
      <ul className="nav-list">
        {items.map((item) => (
          <li key={item.screen}>
            <a
              href={`#/${item.screen}`}
              className={`nav-link${item.screen === screen ? ' active' : ''}`}
              aria-current={item.screen === screen ? 'page' : undefined}
              data-testid={`nav-${item.screen}`}
              onClick={(e) => {
                e.preventDefault();
                go(item.screen);
              }}
            >
              {SCREEN_ICONS[item.screen]}
              <span className="nav-label">{item.label}</span>
              {item.screen === 'orders' && exceptions > 0 ? (
                <span className="nav-count nav-count-alert" title={`${formatCount(exceptions)} orders in Exceptions`}>
                  {formatCount(exceptions)}
                </span>
              ) : !item.built ? (
                <span className="nav-soon">soon</span>
              ) : null}
            </a>
          </li>
        ))}
      </ul>
      <div className="sidebar-footer">
        <span className="transport">{window.oms.transport === 'browser' ? 'Browser mode' : 'Desktop'}</span>
      </div>
    </nav>
  );
}
