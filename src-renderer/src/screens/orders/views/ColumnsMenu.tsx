import { ORDER_COLUMN_LABELS, ORDER_COLUMNS } from '../../../../../src-shared/contract';
import { Kbd } from '../../../components/Kbd';
import { DEFAULT_COLUMNS, useOrdersList } from '../../../stores/orders-list';
import { usePopover } from './use-popover';

export const COLUMNS_BUTTON_ID = 'columns-menu-button';

/** Show or hide the queue's columns (the order number always shows); saved with a view. */
export function ColumnsMenu() {
  const columns = useOrdersList((s) => s.columns);
  const setColumns = useOrdersList((s) => s.setColumns);
  const { open, setOpen, button, panel, onPanelKey } = usePopover();
  const hidden = ORDER_COLUMNS.length - columns.length;

  return (
    <div className="popover-anchor">
      <button
        id={COLUMNS_BUTTON_ID}
        ref={button}
        type="button"
        className="btn btn-ghost btn-small"
        aria-haspopup="dialog"
        aria-expanded={open}
        title="Choose columns (c)"
        data-testid="columns-button"
        onClick={() => setOpen(!open)}
      >
        Columns{hidden ? ` (${hidden} hidden)` : ''}
      </button>
      {open ? (
        <div ref={panel} className="popover card" role="dialog" aria-label="Columns" data-testid="columns-menu" onKeyDown={onPanelKey}>
          <div className="popover-title">Columns</div>
          {ORDER_COLUMNS.map((c) => (
            <label key={c} className="popover-check">
              <input
                type="checkbox"
                data-nav
                checked={columns.includes(c)}
                data-testid={`column-${c}`}
                onChange={(e) => setColumns(e.target.checked ? [...columns, c] : columns.filter((x) => x !== c))}
              />
              {ORDER_COLUMN_LABELS[c]}
            </label>
          ))}
          <div className="popover-foot">
            <button type="button" className="btn btn-ghost btn-small" data-nav onClick={() => setColumns(DEFAULT_COLUMNS)} disabled={hidden === 0}>
              Show all
            </button>
            <span className="muted small">
              <Kbd>Space</Kbd> toggles · <Kbd>Esc</Kbd> closes
            </span>
          </div>
        </div>
      ) : null}
    </div>
  );
}
