import { useState, type FormEvent } from 'react';
import type { OrderDetail } from '../../../../../src-shared/orders';
import { ErrorNotice } from '../../../components/ErrorNotice';
import { Kbd } from '../../../components/Kbd';
import { call } from '../../../lib/api';
import { downloadPdf } from '../../../lib/download';
import { useOrderActions, type DetailAction } from '../../../stores/order-actions';

const FORM_LABEL: Record<Exclude<DetailAction, 'readyToPack'>, { label: string; placeholder: string; submit: string }> = {
  hold: { label: 'Why hold this order?', placeholder: 'e.g. Customer asked to wait, fraud check', submit: 'Hold' },
  release: { label: 'Why release it?', placeholder: 'e.g. Customer confirmed', submit: 'Release' },
  tag: { label: 'Tags to add (comma-separated)', placeholder: 'e.g. gift, priority', submit: 'Add tags' },
  note: { label: 'Internal note (colleagues only)', placeholder: 'What happened, what is next', submit: 'Add note' },
};

/** Hold, release, tag, note and ready-to-pack for the open order; each has a one-key shortcut (see ?). */
export function OrderActionsBar({ order }: { order: OrderDetail }) {
  const form = useOrderActions((s) => s.form);
  const busy = useOrderActions((s) => s.busy);
  const error = useOrderActions((s) => s.actionError);
  const openForm = useOrderActions((s) => s.openForm);
  const act = useOrderActions((s) => s.act);
  const [text, setText] = useState('');
  const closed = order.status === 'cancelled' || order.fulfillmentStatus === 'fulfilled';
  const ready = order.queue === 'ready_to_pack';

  const start = (f: DetailAction) => {
    setText('');
    openForm(f);
  };
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (form && form !== 'readyToPack' && (await act(form, text))) setText('');
  };

  return (
    <div className="order-actions" data-testid="order-actions">
      <div className="order-actions-buttons">
        {order.onHold ? (
          <button type="button" className="btn btn-small" onClick={() => start('release')} data-testid="action-release" disabled={busy}>
            Release <Kbd>u</Kbd>
          </button>
        ) : (
          <button type="button" className="btn btn-small" onClick={() => start('hold')} data-testid="action-hold" disabled={busy || closed}>
            Hold <Kbd>h</Kbd>
          </button>
        )}
        <button type="button" className="btn btn-small" onClick={() => start('tag')} data-testid="action-tag" disabled={busy}>
          Tag <Kbd>t</Kbd>
        </button>
        <button type="button" className="btn btn-small" onClick={() => start('note')} data-testid="action-note" disabled={busy}>
          Note <Kbd>n</Kbd>
        </button>
        <button type="button" className="btn btn-small" onClick={() => void act('readyToPack')} data-testid="action-ready" disabled={busy || closed || order.onHold}>
          {ready ? 'Take back from packing' : 'Ready to pack'} <Kbd>p</Kbd>
        </button>
        <button
          type="button"
          className="btn btn-small btn-ghost"
          data-testid="action-slip"
          onClick={() =>
            void call('orders.packingSlips', { orderIds: [order.id] }).then((r) => {
              if (r.ok) void downloadPdf(r.result);
            })
          }
        >
          Packing slip (PDF)
        </button>
      </div>
      {form && form !== 'readyToPack' ? (
        <form className="order-actions-form" onSubmit={(e) => void submit(e)}>
          <label htmlFor="order-action-text" className="field-label">
            {FORM_LABEL[form].label}
          </label>
          <div className="order-actions-row">
            {form === 'note' ? (
              <textarea
                id="order-action-text"
                className="input"
                rows={2}
                value={text}
                placeholder={FORM_LABEL[form].placeholder}
                onChange={(e) => setText(e.target.value)}
                onKeyDown={(e) => {
                  if (e.key === 'Enter' && !e.shiftKey) void submit(e);
                  if (e.key === 'Escape') openForm(null);
                }}
                autoFocus
                data-testid="action-text"
              />
            ) : (
              <input
                id="order-action-text"
                className="input"
                value={text}
                placeholder={FORM_LABEL[form].placeholder}
                onChange={(e) => setText(e.target.value)}
                onKeyDown={(e) => e.key === 'Escape' && openForm(null)}
                autoFocus
                autoComplete="off"
                data-testid="action-text"
              />
            )}
            <button type="submit" className="btn btn-primary btn-small" disabled={busy || !text.trim()} data-testid="action-submit">
              {FORM_LABEL[form].submit}
            </button>
            <button type="button" className="btn btn-ghost btn-small" onClick={() => openForm(null)}>
              Cancel
            </button>
          </div>
        </form>
      ) : null}
      {error ? <ErrorNotice error={error} testId="action-error" /> : null}
    </div>
  );
}
