import { useEffect, useRef, useState } from 'react';
import { SearchIcon } from '../../components/icons';
import { Kbd } from '../../components/Kbd';
import { useOmsEvent } from '../../lib/use-oms-event';
import { useInventory, type StockFilter } from '../../stores/inventory';
import '../../styles/inventory.css';
import { ADJUST_QTY_ID } from './AdjustForm';
import { StockPanel } from './StockPanel';
import { StockTable } from './StockTable';

const SEARCH_ID = 'stock-search';
const DEBOUNCE_MS = 250;
const typing = (t: EventTarget | null) => t instanceof HTMLElement && (t.tagName === 'INPUT' || t.tagName === 'SELECT' || t.tagName === 'TEXTAREA');

/**
 * Inventory: every SKU with its levels per location, reserved and available;
 * select one for its ledger and the adjust form. Keys: / search, ↑/↓ move,
 * A adjust, Esc close.
 */
export function InventoryScreen() {
  const load = useInventory((s) => s.load);
  const filter = useInventory((s) => s.filter);
  const setFilter = useInventory((s) => s.setFilter);
  const setSearch = useInventory((s) => s.setSearch);
  const selectedId = useInventory((s) => s.selectedId);
  const select = useInventory((s) => s.select);
  const notice = useInventory((s) => s.notice);
  const last = useInventory((s) => s.last);
  const undo = useInventory((s) => s.undo);
  const busy = useInventory((s) => s.busy);
  const [text, setText] = useState(useInventory.getState().search);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  useEffect(() => {
    void load();
  }, [load]);
  useEffect(() => () => void (timer.current && clearTimeout(timer.current)), []);
  // A sync, a fulfilment or someone else's adjustment moved queues: reserved and available follow.
  // Past the first page the rows stay as they are (reloading would drop the pages shown); the open SKU still refreshes.
  useOmsEvent('orders.changed', () => {
    if (useInventory.getState().items.length <= 100) void load();
    const id = useInventory.getState().selectedId;
    if (id !== null) void select(id);
  });

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === '/' && !typing(e.target)) {
        e.preventDefault();
        document.getElementById(SEARCH_ID)?.focus();
        return;
      }
      if (e.key === 'Escape') {
        if (typing(e.target)) (e.target as HTMLElement).blur();
        else if (selectedId !== null) void select(null);
        return;
      }
      if (typing(e.target) || e.metaKey || e.ctrlKey || e.altKey) return;
      if (e.key === 'ArrowDown' || e.key === 'ArrowUp' || e.key === 'j' || e.key === 'k') {
        e.preventDefault();
        const items = useInventory.getState().items;
        if (!items.length) return;
        const at = items.findIndex((i) => i.variantId === selectedId);
        const step = e.key === 'ArrowDown' || e.key === 'j' ? 1 : -1;
        const next = items[Math.min(items.length - 1, Math.max(0, at === -1 ? 0 : at + step))]!;
        void select(next.variantId);
        document.querySelector(`[data-testid="stock-row"][aria-selected="true"]`)?.scrollIntoView({ block: 'nearest' });
      } else if (e.key === 'a' && selectedId !== null) {
        e.preventDefault();
        document.getElementById(ADJUST_QTY_ID)?.focus();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [select, selectedId]);

  function onSearch(value: string) {
    setText(value);
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => setSearch(value.trim()), DEBOUNCE_MS);
  }

  const tabs: { id: StockFilter; label: string }[] = [
    { id: 'all', label: 'All SKUs' },
    { id: 'short', label: 'Short' },
  ];

  return (
    <div className="inventory-screen">
      <div className="inventory-toolbar">
        <div className="search-box inventory-search">
          <SearchIcon />
          <input
            id={SEARCH_ID}
            className="search-input"
            type="search"
            placeholder="Search SKU, product or barcode…"
            aria-label="Search stock"
            autoComplete="off"
            spellCheck={false}
            value={text}
            onChange={(e) => onSearch(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                if (timer.current) clearTimeout(timer.current);
                setSearch(text.trim());
              }
            }}
            data-testid="stock-search"
          />
          <Kbd>/</Kbd>
        </div>
        <nav className="view-tabs" aria-label="Which SKUs">
          {tabs.map((t) => (
            <button key={t.id} type="button" className={`view-tab${filter === t.id ? ' is-active' : ''}`} aria-pressed={filter === t.id} onClick={() => setFilter(t.id)} data-testid={`stock-filter-${t.id}`}>
              {t.label}
            </button>
          ))}
        </nav>
        <span className="muted small inventory-keys">
          <Kbd>↑</Kbd>
          <Kbd>↓</Kbd> move · <Kbd>A</Kbd> adjust · <Kbd>Esc</Kbd> close
        </span>
      </div>
      {notice ? (
        <div className="notice notice-success inventory-notice" role="status" data-testid="stock-notice">
          <span className="notice-text">{notice}</span>
          {last ? (
            <button type="button" className="btn btn-small" onClick={() => void undo()} disabled={busy} data-testid="stock-undo">
              Undo {last.label}
            </button>
          ) : null}
        </div>
      ) : null}
      <div className={`inventory-body${selectedId !== null ? ' has-detail' : ''}`}>
        <StockTable />
        {selectedId !== null ? <StockPanel /> : null}
      </div>
    </div>
  );
}
