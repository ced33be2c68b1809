import { useEffect, useState } from 'react';
import type { SavedView } from '../../../../../src-shared/contract';
import { Kbd } from '../../../components/Kbd';
import { useOrderViews, currentSpec, sameSpec } from '../../../stores/order-views';
import { useOrdersList } from '../../../stores/orders-list';
import '../../../styles/order-views.css';
import { usePopover } from './use-popover';

export const VIEWS_BUTTON_ID = 'views-menu-button';

type Mode = { kind: 'list' } | { kind: 'save' } | { kind: 'rename'; view: SavedView } | { kind: 'delete'; view: SavedView };

/**
 * Saved views: the queue, filters, sort and columns under a name, per user.
 * Keyboard: v opens, ↑/↓ move, Enter applies, F2 renames, Delete asks to delete.
 */
export function ViewsMenu() {
  const { views, status, error } = useOrderViews();
  const filters = useOrdersList((s) => s.filters);
  const columns = useOrdersList((s) => s.columns);
  const { open, setOpen, button, panel, onPanelKey } = usePopover();
  const [mode, setMode] = useState<Mode>({ kind: 'list' });
  const [name, setName] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (status === 'idle') void useOrderViews.getState().load();
  }, [status]);

  // The view the list shows right now, if it is exactly a saved one.
  void filters;
  void columns;
  const spec = currentSpec();
  const active = views.find((v) => sameSpec(v.spec, spec)) ?? null;

  const toggle = (v: boolean) => {
    setMode({ kind: 'list' });
    setProblem(null);
    setOpen(v);
  };

  async function run(work: () => Promise<{ message: string } | null>) {
    setBusy(true);
    const err = await work();
    setBusy(false);
    if (err) setProblem(err.message);
    else {
      setProblem(null);
      setMode({ kind: 'list' });
    }
  }

  const submitName = () => {
    const n = name.trim();
    if (!n) return setProblem('Give the view a name.');
    if (mode.kind === 'save') {
      const same = views.find((v) => v.name === n);
      void run(() => useOrderViews.getState().saveCurrent(n, same?.id));
    } else if (mode.kind === 'rename') void run(() => useOrderViews.getState().rename(mode.view, n));
  };

  const itemKeys = (e: React.KeyboardEvent, v: SavedView) => {
    if (e.key === 'F2') {
      e.preventDefault();
      setName(v.name);
      setMode({ kind: 'rename', view: v });
    } else if (e.key === 'Delete') {
      e.preventDefault();
      setMode({ kind: 'delete', view: v });
    }
  };

  return (
    <div className="popover-anchor">
      <button
        id={VIEWS_BUTTON_ID}
        ref={button}
        type="button"
        className={`btn btn-small ${active ? 'view-active' : 'btn-ghost'}`}
        aria-haspopup="dialog"
        aria-expanded={open}
        title="Saved views (v)"
        data-testid="views-button"
        onClick={() => toggle(!open)}
      >
        {active ? `View: ${active.name}` : 'Views'} ▾
      </button>
      {open ? (
        <div ref={panel} className="popover popover-views card" role="dialog" aria-label="Saved views" data-testid="views-menu" onKeyDown={onPanelKey}>
          <div className="popover-title">Your saved views</div>
          {status === 'error' && error ? <div className="notice notice-error small">{error.message}</div> : null}
          {status === 'ready' && views.length === 0 && mode.kind === 'list' ? (
            <p className="popover-empty muted">
              No saved views yet. Set up the queue, filters, sort and columns you use often, then save them here to come back in one step.
            </p>
          ) : null}
          {mode.kind === 'delete' ? (
            <div className="view-confirm" role="alertdialog" aria-label="Delete view">
              <p>
                Delete the view <strong>“{mode.view.name}”</strong>? The orders are not touched.
              </p>
              <div className="popover-foot">
                <button type="button" className="btn btn-danger btn-small" data-nav disabled={busy} data-testid="view-delete-confirm" onClick={() => void run(() => useOrderViews.getState().remove(mode.view.id))}>
                  Delete
                </button>
                <button type="button" className="btn btn-ghost btn-small" data-nav onClick={() => setMode({ kind: 'list' })}>
                  Keep it
                </button>
              </div>
            </div>
          ) : (
            <ul className="view-list">
              {views.map((v) => (
                <li key={v.id} className={`view-item${active?.id === v.id ? ' current' : ''}`}>
                  <button
                    type="button"
                    className="view-apply"
                    data-nav
                    data-testid="view-item"
                    title="Apply (Enter) · rename (F2) · delete (Delete)"
                    onKeyDown={(e) => itemKeys(e, v)}
                    onClick={() => {
                      useOrderViews.getState().apply(v);
                      toggle(false);
                    }}
                  >
                    {v.name}
                  </button>
                  <button type="button" className="icon-btn" aria-label={`Rename ${v.name}`} title="Rename (F2)" onClick={() => (setName(v.name), setMode({ kind: 'rename', view: v }))}>
                    ✎
                  </button>
                  <button type="button" className="icon-btn" aria-label={`Delete ${v.name}`} title="Delete" data-testid="view-delete" onClick={() => setMode({ kind: 'delete', view: v })}>
                    ×
                  </button>
                </li>
              ))}
            </ul>
          )}
          {mode.kind === 'save' || mode.kind === 'rename' ? (
            <form
              className="view-name-form"
              onSubmit={(e) => {
                e.preventDefault();
                submitName();
              }}
            >
              <label className="small muted" htmlFor="view-name">
                {mode.kind === 'save' ? 'Name for this view (an existing name is replaced)' : `New name for “${mode.view.name}”`}
              </label>
              <input id="view-name" className="input" data-nav autoFocus maxLength={60} value={name} data-testid="view-name" onChange={(e) => setName(e.target.value)} />
              <div className="popover-foot">
                <button type="submit" className="btn btn-primary btn-small" disabled={busy} data-testid="view-save-submit">
                  {mode.kind === 'save' ? 'Save view' : 'Rename'}
                </button>
                <button type="button" className="btn btn-ghost btn-small" onClick={() => setMode({ kind: 'list' })}>
                  Cancel
                </button>
              </div>
            </form>
          ) : mode.kind === 'list' ? (
            <div className="popover-foot">
              <button
                type="button"
                className="btn btn-small"
                data-nav
                data-testid="view-save"
                onClick={() => {
                  setName(active?.name ?? '');
                  setProblem(null);
                  setMode({ kind: 'save' });
                }}
              >
                Save current view…
              </button>
              <span className="muted small">
                <Kbd>F2</Kbd> rename · <Kbd>Del</Kbd> delete
              </span>
            </div>
          ) : null}
          {problem ? (
            <div className="notice notice-error small" role="alert" data-testid="view-problem">
              {problem}
            </div>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
