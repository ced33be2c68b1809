import { useEffect } from 'react';
import { useCounts } from '../../stores/counts';
import { useOrderDetail } from '../../stores/order-detail';
import { useOrdersList } from '../../stores/orders-list';
import { OrderDetailPanel } from './detail/OrderDetailPanel';
import { OrderList } from './OrderList';
import { OrdersToolbar } from './OrdersToolbar';
import { QueueTabs } from './QueueTabs';
import { useOrderKeys } from './use-order-keys';
import { KeyboardHelp } from './KeyboardHelp';
import { useUi } from '../../stores/ui';
import { BulkBar } from './actions/BulkBar';
import { useActionKeys } from './actions/use-action-keys';
import { ExceptionBreakdown } from './views/ExceptionBreakdown';

/** The order queue: tabs, filters, the virtual list and, when an order is open, its detail beside the list. */
export function OrdersScreen() {
  const detailOpen = useOrderDetail((s) => s.openId !== null);
  const help = useUi((s) => s.keyboardHelp);
  const toggleHelp = useUi((s) => s.toggleKeyboardHelp);
  useOrderKeys();
  useActionKeys();

  useEffect(() => {
    void useCounts.getState().load();
    void useOrdersList.getState().reload();
  }, []);

  return (
    <div className="orders-page">
      <QueueTabs />
      <ExceptionBreakdown />
      <OrdersToolbar />
      <BulkBar />
      <div className={`orders-body${detailOpen ? ' with-detail' : ''}`}>
        <OrderList />
        {detailOpen ? <OrderDetailPanel /> : null}
      </div>
      {help ? <KeyboardHelp onClose={() => toggleHelp(false)} /> : null}
    </div>
  );
}
