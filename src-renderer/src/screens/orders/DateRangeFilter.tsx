import { DATE_PRESET_LABELS, toDayString, type DatePreset } from '../../lib/date-range';
import { useOrdersList } from '../../stores/orders-list';

const PRESETS = Object.keys(DATE_PRESET_LABELS) as DatePreset[];

export function DateRangeFilter() {
  const range = useOrdersList((s) => s.filters.range);
  const setFilters = useOrdersList((s) => s.setFilters);

  return (
    <div className="date-filter">
      <select
        className="select"
        aria-label="Date range"
        data-testid="date-preset"
        value={range.preset}
        onChange={(e) => {
          const preset = e.target.value as DatePreset;
          if (preset === 'custom') {
            // Start the custom range from the last 7 days rather than two empty boxes.
            const today = new Date();
            const weekAgo = new Date(today.getFullYear(), today.getMonth(), today.getDate() - 6);
            setFilters({ range: { preset, fromDay: range.fromDay || toDayString(weekAgo), toDay: range.toDay || toDayString(today) } });
          } else setFilters({ range: { preset, fromDay: '', toDay: '' } });
        }}
      >
        {PRESETS.map((p) => (
          <option key={p} value={p}>
            {DATE_PRESET_LABELS[p]}
          </option>
        ))}
      </select>
      {range.preset === 'custom' ? (
        <span className="date-custom">
          <input
            type="date"
            className="input input-date"
            aria-label="From date"
            data-testid="date-from"
            value={range.fromDay}
            onChange={(e) => setFilters({ range: { ...range, fromDay: e.target.value } })}
          />
          <span className="date-dash">–</span>
          <input
            type="date"
            className="input input-date"
            aria-label="To date"
            data-testid="date-to"
            value={range.toDay}
            onChange={(e) => setFilters({ range: { ...range, toDay: e.target.value } })}
          />
        </span>
      ) : null}
    </div>
  );
}
