import { useEffect, useRef } from 'react';
import { ErrorNotice } from '../../../components/ErrorNotice';
import { CloseIcon } from '../../../components/icons';
import { Kbd } from '../../../components/Kbd';
import { Spinner } from '../../../components/Spinner';
import { useOrderDetail } from '../../../stores/order-detail';
import { AlertBanner } from './AlertBanner';
import { CustomerCard } from './CustomerCard';
import { DetailHeader } from './DetailHeader';
import { FulfilmentsCard } from './FulfilmentsCard';
import { LinesCard } from './LinesCard';
import { PaymentCard } from './PaymentCard';
import { RefundsCard } from './RefundsCard';
import { ShippingCard } from './ShippingCard';
import { TimelineCard } from './TimelineCard';
import { OrderActionsBar } from '../actions/OrderActionsBar';

/** The open order beside the list, so the queue stays in view while reading one order. */
export function OrderDetailPanel() {
  const detail = useOrderDetail((s) => s.detail);
  const status = useOrderDetail((s) => s.status);
  const error = useOrderDetail((s) => s.error);
  const close = useOrderDetail((s) => s.close);
  const refresh = useOrderDetail((s) => s.refresh);
  const bodyRef = useRef<HTMLDivElement>(null);

  // Each order starts at its top, not at the previous one's scroll position.
  const shownId = detail?.id;
  useEffect(() => {
    bodyRef.current?.scrollTo({ top: 0 });
  }, [shownId]);

  return (
    <aside className={`detail-panel${status === 'loading' ? ' is-loading' : ''}`} aria-label="Order detail" data-testid="order-detail">
      <div className="detail-toolbar">
        <span className="detail-hint">
          <Kbd>j</Kbd>
          <Kbd>k</Kbd> next / previous · <Kbd>Esc</Kbd> close
        </span>
        {status === 'loading' && detail ? <Spinner size="sm" /> : null}
        <button type="button" className="icon-btn" aria-label="Close order" title="Close (Esc)" onClick={close} data-testid="detail-close">
          <CloseIcon />
        </button>
      </div>
      <div className="detail-body" ref={bodyRef}>
        {status === 'error' && error ? (
          <div className="detail-message">
            <ErrorNotice error={error} onRetry={() => void refresh()} testId="detail-error" />
          </div>
        ) : !detail ? (
          <div className="detail-message">
            <Spinner label="Loading order…" />
          </div>
        ) : (
          <>
            <DetailHeader order={detail} />
            <OrderActionsBar order={detail} />
            <AlertBanner order={detail} />
            <LinesCard order={detail} />
            <div className="detail-grid">
              <CustomerCard order={detail} />
              <ShippingCard address={detail.shippingAddress} />
              <PaymentCard order={detail} />
              <FulfilmentsCard order={detail} />
            </div>
            <RefundsCard order={detail} />
            <TimelineCard entries={detail.timeline} />
          </>
        )}
      </div>
    </aside>
  );
}
