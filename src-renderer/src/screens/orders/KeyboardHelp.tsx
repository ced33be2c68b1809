import { Kbd } from '../../components/Kbd';
import { TAB_ORDER } from './QueueTabs';

const SHORTCUTS: [string[], string][] = [
  [['j', '↓'], 'Next order'],
  [['k', '↑'], 'Previous order'],
  [['Enter'], 'Open the selected order'],
  [['Esc'], 'Close the order'],
  [['/'], 'Search'],
  [['1', '…', String(TAB_ORDER.length)], 'Switch queue (in tab order)'],
  [['r'], 'Refresh the list'],
  [['v'], 'Saved views (F2 rename, Del delete)'],
  [['c'], 'Choose columns'],
  [['x'], 'Tick the order for a bulk action'],
  [['h', 'u'], 'Hold / release the open order'],
  [['t', 'n'], 'Tag / add a note to the open order'],
  [['p'], 'Ready to pack (or take back)'],
  [['?'], 'Show or hide this list'],
];

/** The queue's keyboard shortcuts, toggled with "?" — people learn them by seeing them. */
export function KeyboardHelp({ onClose }: { onClose(): void }) {
  return (
    <div className="kbd-help card" role="dialog" aria-label="Keyboard shortcuts" data-testid="keyboard-help">
      <div className="kbd-help-head">
        <h3 className="card-title">Keyboard shortcuts</h3>
        <button type="button" className="btn btn-ghost btn-small" onClick={onClose}>
          Close
        </button>
      </div>
      <dl className="kbd-help-list">
        {SHORTCUTS.map(([keys, what]) => (
          <div key={what} className="kbd-help-row">
            <dt>
              {keys.map((k) => (k === '…' ? <span key={k} className="muted">–</span> : <Kbd key={k}>{k}</Kbd>))}
            </dt>
            <dd>{what}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
