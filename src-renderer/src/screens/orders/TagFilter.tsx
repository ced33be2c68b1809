import { useState } from 'react';
import { CloseIcon } from '../../components/icons';
import { useOrdersList } from '../../stores/orders-list';

/** Tags to filter by: typed (Enter adds) or clicked on a row. An order must carry every tag chosen. */
export function TagFilter() {
  const tags = useOrdersList((s) => s.filters.tags);
  const setFilters = useOrdersList((s) => s.setFilters);
  const [text, setText] = useState('');

  function add() {
    const tag = text.trim();
    setText('');
    if (tag && !tags.includes(tag) && tags.length < 20) setFilters({ tags: [...tags, tag] });
  }

  return (
    <div className="tag-filter">
      {tags.map((t) => (
        <span key={t} className="chip chip-active" data-testid="tag-chip">
          {t}
          <button type="button" className="chip-remove" aria-label={`Remove tag filter ${t}`} onClick={() => setFilters({ tags: tags.filter((x) => x !== t) })}>
            <CloseIcon />
          </button>
        </span>
      ))}
      <input
        className="input input-tag"
        placeholder={tags.length ? 'Add tag' : 'Filter by tag'}
        aria-label="Filter by tag"
        data-testid="tag-input"
        value={text}
        maxLength={64}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            add();
          } else if (e.key === 'Backspace' && !text && tags.length) {
            setFilters({ tags: tags.slice(0, -1) });
          } else if (e.key === 'Escape') {
            e.currentTarget.blur();
          }
        }}
        onBlur={add}
      />
    </div>
  );
}
