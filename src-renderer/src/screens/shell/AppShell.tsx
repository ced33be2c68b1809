import { can } from '../../../../src-shared/contract';
import { useOmsEvent } from '../../lib/use-oms-event';
import { useCounts } from '../../stores/counts';
import { useNav } from '../../stores/nav';
import { useOrderDetail } from '../../stores/order-detail';
import { useOrdersList } from '../../stores/orders-list';
import { useSession } from '../../stores/session';
import { NoAccessScreen } from '../placeholder/NoAccessScreen';
import { NotBuiltScreen } from '../placeholder/NotBuiltScreen';
import { OrdersScreen } from '../orders/OrdersScreen';
import { InventoryLoader } from '../inventory/InventoryLoader';
import { CustomersScreen, LazyScreen, PackScreen, ReturnsScreen, SyncScreen, UsersScreen } from './lazy-screens';
import { navItem } from './nav-items';
import { Sidebar } from './Sidebar';
import { TopBar } from './TopBar';
import { useIdleLock } from './use-idle-lock';
import { ErrorBoundary } from '../../components/ErrorBoundary';
import { useState } from 'react';

const ENDED_TEXT = {
  logout: 'You were signed out.',
  idle: 'Your session ended after a period without activity. Sign in again to continue.',
  revoked: 'Your access was changed by an owner. Sign in again to continue.',
} as const;

export function AppShell() {
  const role = useSession((s) => s.user?.role);
  const screen = useNav((s) => s.screen);
  useIdleLock();

  useOmsEvent('session.ended', ({ reason }) => {
    useSession.getState().ended({ tone: reason === 'logout' ? 'info' : 'warning', text: ENDED_TEXT[reason] ?? 'Your session ended.' });
  });
  useOmsEvent('orders.changed', ({ counts, exceptionCounts, orderIds }) => {
    useCounts.getState().set(counts, exceptionCounts);
    // Rows are not reshuffled under the user's cursor: the list offers a refresh instead.
    useOrdersList.getState().markStale();
    const detail = useOrderDetail.getState();
    if (detail.openId !== null && (!orderIds || orderIds.includes(detail.openId))) void detail.refresh();
  });

  // Electron only: main restarted a crashed core. Calls in flight were answered
  // UNAVAILABLE, so say plainly that the last action may need repeating.
  const [coreNotice, setCoreNotice] = useState<string | null>(null);
  useOmsEvent('core.restarted', ({ message }) => setCoreNotice(message));

  const item = navItem(screen);
  let content;
  if (!role || !can(role, item.permission)) content = <NoAccessScreen item={item} />;
  else if (screen === 'orders') content = <OrdersScreen />;
  else if (screen === 'users') content = <UsersScreen />;
  else if (screen === 'pack') content = <PackScreen />;
  else if (screen === 'returns') content = <ReturnsScreen />;
  else if (screen === 'customers') content = <CustomersScreen />;
  else if (screen === 'sync') content = <SyncScreen />;
  else if (screen === 'inventory') content = <InventoryLoader />;
  else content = <NotBuiltScreen item={item} />;

  return (
    <div className="shell">
      <Sidebar />
      <div className="shell-main">
        <TopBar title={item.label} />
        {coreNotice && (
          <div className="shell-notice" role="alert">
            <span>{coreNotice} If your last change is not shown, do it again.</span>
            <button type="button" className="btn btn-ghost btn-small" onClick={() => setCoreNotice(null)}>
              Dismiss
            </button>
          </div>
        )}
        <main className="shell-content" data-testid={`screen-${screen}`}>
          {/* Keyed by screen: moving to another screen clears a crashed one. */}
          <ErrorBoundary key={screen}>
            <LazyScreen>{content}</LazyScreen>
          </ErrorBoundary>
        </main>
      </div>
    </div>
  );
}
