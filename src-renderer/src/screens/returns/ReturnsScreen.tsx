import { useEffect } from 'react';
import { can } from '../../../../src-shared/contract';
import { useReturnWizard } from '../../stores/return-wizard';
import { useReturns } from '../../stores/returns';
import { useSession } from '../../stores/session';
import '../../styles/returns.css';
import { ReturnDetailPanel } from './ReturnDetailPanel';
import { ReturnsTable, ReturnsTabs, ReceiveScan } from './ReturnsList';
import { ReturnWizard } from './ReturnWizard';

/** Returns: open returns by status with ageing, the return wizard, and each RMA's steps. */
export function ReturnsScreen() {
  const role = useSession((s) => s.user?.role);
  const wizard = useReturnWizard((s) => s.active);
  const start = useReturnWizard((s) => s.start);
  const load = useReturns((s) => s.load);
  const openId = useReturns((s) => s.openId);
  const open = useReturns((s) => s.open);
  const search = useReturns((s) => s.search);
  const setSearch = useReturns((s) => s.setSearch);
  const canWrite = !!role && can(role, 'returns.write');

  useEffect(() => {
    void load();
  }, [load]);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && openId !== null && !wizard) void open(null);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [open, openId, wizard]);

  if (wizard) return <ReturnWizard />;
  return (
    <div className="returns-screen">
      <ReturnsTabs />
      <div className="returns-toolbar">
        <input className="input returns-search" type="search" aria-label="Search returns" placeholder="Search RMA, order, customer, email…" value={search} onChange={(e) => setSearch(e.target.value)} />
        <div className="returns-toolbar-right">
          {canWrite ? <ReceiveScan /> : null}
          {canWrite ? (
            <button type="button" className="btn btn-primary" onClick={start} data-testid="new-return">
              New return
            </button>
          ) : null}
        </div>
      </div>
      <div className={`returns-body${openId !== null ? ' has-detail' : ''}`}>
        <div className="returns-list">
          <ReturnsTable />
        </div>
        <ReturnDetailPanel />
      </div>
    </div>
  );
}
