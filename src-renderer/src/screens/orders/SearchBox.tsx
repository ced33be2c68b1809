import { useEffect, useRef, useState } from 'react';
import { CloseIcon, SearchIcon } from '../../components/icons';
import { Kbd } from '../../components/Kbd';
import { useOrdersList } from '../../stores/orders-list';

export const SEARCH_INPUT_ID = 'order-search';
/** Long enough to skip a query per keystroke, short enough to feel instant. */
const DEBOUNCE_MS = 250;

export function SearchBox() {
  const applied = useOrdersList((s) => s.filters.search);
  const setFilters = useOrdersList((s) => s.setFilters);
  const [text, setText] = useState(applied);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  // Follow the store when it changes from elsewhere ("clear filters", sign-out reset):
  // adjusted during render, React's pattern for state derived from a changing prop.
  const [seen, setSeen] = useState(applied);
  if (seen !== applied) {
    setSeen(applied);
    if (text.trim() !== applied.trim()) setText(applied);
  }

  useEffect(() => () => void (timer.current && clearTimeout(timer.current)), []);

  function apply(value: string) {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    if (value.trim() !== useOrdersList.getState().filters.search.trim()) setFilters({ search: value.trim() });
  }

  function onChange(value: string) {
    setText(value);
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => apply(value), DEBOUNCE_MS);
  }

  return (
    <div className="search-box">
      <SearchIcon />
      <input
        id={SEARCH_INPUT_ID}
        className="search-input"
        type="search"
        placeholder="Search orders, customers, SKU…"
        title="Order number, customer name, email, phone or SKU"
        aria-label="Search orders"
        autoComplete="off"
        spellCheck={false}
        value={text}
        data-testid="order-search"
        onChange={(e) => onChange(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            // Search now, then hand the keyboard back to the list (j/k, Enter).
            apply(text);
            e.currentTarget.blur();
          } else if (e.key === 'Escape') {
            e.preventDefault();
            if (text) onChange('');
            else e.currentTarget.blur();
          }
        }}
      />
      {text ? (
        <button type="button" className="search-clear" aria-label="Clear search" onClick={() => { setText(''); apply(''); }}>
          <CloseIcon />
        </button>
      ) : (
        <Kbd>/</Kbd>
      )}
    </div>
  );
}
