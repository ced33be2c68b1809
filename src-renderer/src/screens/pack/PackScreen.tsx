import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Kbd } from '../../components/Kbd';
import { useNav } from '../../stores/nav';
import { usePack } from '../../stores/pack';
import { useSession } from '../../stores/session';
import { CARRIERS, handConfirmable, ordersPerHour, unitsScanned, unitsToShip } from './pack-rules';

const PROMPT = {
  order: 'Scan or type the order number',
  items: 'Scan each item',
  tracking: 'Scan or type the tracking number',
} as const;

/**
 * The pack station: full-screen, big type, keyboard only. One input always
 * has focus, so a keyboard-wedge scanner (fast keys ending in Enter) and a
 * person typing work the same way.
 */
export function PackScreen() {
  const s = usePack();
  const user = useSession((x) => x.user);
  const [value, setValue] = useState('');
  const [now, setNow] = useState(() => Date.now());
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 15_000);
    return () => clearInterval(t);
  }, []);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'F9') {
        e.preventDefault();
        usePack.getState().finishPartial();
      } else if (e.key === 'F6') {
        e.preventDefault();
        setValue('');
        usePack.getState().startConfirm();
      } else if (e.key === 'Escape' && usePack.getState().confirming !== null) {
        // Esc first leaves a hand confirmation; a second Esc starts over.
        e.preventDefault();
        setValue('');
        usePack.getState().cancelConfirm();
      } else if (e.key === 'Escape') {
        e.preventDefault();
        setValue('');
        if (usePack.getState().order) usePack.getState().reset({ tone: 'info', title: 'Started over', text: 'Nothing was shipped. Scan the order number.' });
      } else if (e.key === 'F4') {
        e.preventDefault();
        void usePack.getState().printSlip();
      } else if (e.key === 'F10') {
        e.preventDefault();
        useNav.getState().go('orders');
      } else if (document.activeElement === document.body && e.key.length === 1) {
        // A scan arriving while nothing has focus still lands in the input.
        input.current?.focus();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  useEffect(() => {
    if (!s.busy) input.current?.focus();
  }, [s.phase, s.busy]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const code = value;
    setValue('');
    void s.scan(code);
  };

  const oph = ordersPerHour(s.packed, s.startedAt, now);
  const total = s.order ? unitsToShip(s.order.lines) : 0;
  const scanned = unitsScanned(s.counts);
  const confirmLine = s.confirming !== null ? s.order?.lines.find((l) => l.lineId === s.confirming) : undefined;

  return (
    <div className="pack" data-testid="pack-screen" data-phase={s.phase} data-sound={s.sound ?? ''} data-alarm={s.alarm}>
      <header className="pack-head">
        <div className="pack-brand">
          Pack station{s.order?.locationName ? <span className="pack-dim"> · {s.order.locationName}</span> : null}
        </div>
        <div className="pack-stats" data-testid="pack-stats">
          <span>
            <strong data-testid="pack-packed">{s.packed}</strong> packed
          </span>
          <span>
            <strong data-testid="pack-rate">{oph ?? '—'}</strong> orders/hour
          </span>
          <span className="pack-dim">{user?.displayName}</span>
        </div>
      </header>

      {s.message && (
        <div key={s.alarm} className={`pack-message pack-message-${s.message.tone}`} role={s.message.tone === 'error' ? 'alert' : 'status'} data-testid="pack-message" data-tone={s.message.tone}>
          <div className="pack-message-title">{s.message.title}</div>
          {s.message.text && <div className="pack-message-text">{s.message.text}</div>}
        </div>
      )}

      <form className="pack-scan" onSubmit={submit}>
        <label htmlFor="pack-input" className="pack-prompt" data-testid="pack-prompt">
          {confirmLine ? `How many × ${confirmLine.sku ?? confirmLine.title} are you putting in? Type the count` : PROMPT[s.phase]}
        </label>
        <div className="pack-scan-row">
          <input
            id="pack-input"
            ref={input}
            data-testid="pack-input"
            className={`pack-input${confirmLine ? ' pack-input-confirm' : ''}`}
            inputMode={confirmLine ? 'numeric' : undefined}
            value={value}
            onChange={(e) => setValue(e.target.value)}
            autoComplete="off"
            autoCorrect="off"
            spellCheck={false}
            aria-busy={s.busy}
            autoFocus
          />
          {s.phase === 'tracking' && (
            <select className="pack-carrier" aria-label="Carrier" data-testid="pack-carrier" value={s.carrier} onChange={(e) => s.setCarrier(e.target.value)}>
              {CARRIERS.map((c) => (
                <option key={c}>{c}</option>
              ))}
            </select>
          )}
        </div>
      </form>

      {s.order && (
        <section className="pack-order" data-testid="pack-order">
          <div className="pack-order-head">
            <div>
              <div className="pack-order-name" data-testid="pack-order-name">{s.order.name}</div>
              <div className="pack-dim">
                {s.order.customerName} · {s.order.shipTo}
              </div>
            </div>
            <div className="pack-progress" data-testid="pack-progress">
              <span className="pack-progress-n">
                {scanned} / {total}
              </span>
              <span className="pack-dim">items scanned</span>
            </div>
          </div>
          <table className="pack-lines">
            <thead>
              <tr>
                <th>Bin</th>
                <th>SKU</th>
                <th>Item</th>
                <th className="num">Scanned</th>
              </tr>
            </thead>
            <tbody>
              {s.order.lines.map((l) => {
                const n = s.counts[l.lineId] ?? 0;
                const state = l.remaining === 0 ? 'shipped' : n >= l.remaining ? 'done' : n > 0 ? 'partial' : 'todo';
                return (
                  <tr
                    key={l.lineId}
                    className={`pack-line pack-line-${state}${s.lastLineId === l.lineId ? ' pack-line-last' : ''}${s.confirming === l.lineId ? ' pack-line-confirming' : ''}`}
                    data-testid="pack-line"
                    data-sku={l.sku ?? ''}
                    data-state={state}
                  >
                    <td className="pack-bin">{l.bin ?? '—'}</td>
                    <td className="pack-sku">{l.sku ?? '—'}</td>
                    <td>
                      <div className="pack-title">{l.title}</div>
                      {l.variantTitle && <div className="pack-dim">{l.variantTitle}</div>}
                      {!l.barcode?.trim() && n < l.remaining ? (
                        <div className="pack-nobarcode" data-testid="pack-no-barcode">
                          No barcode — type the SKU, or <Kbd>F6</Kbd> and the count{s.byHand[l.lineId] ? ` · ${s.byHand[l.lineId]} confirmed by hand` : ''}
                        </div>
                      ) : s.byHand[l.lineId] ? (
                        <div className="pack-nobarcode">{s.byHand[l.lineId]} confirmed by hand</div>
                      ) : null}
                    </td>
                    <td className="num pack-count" data-testid="pack-line-count">
                      {l.remaining === 0 ? <span className="pack-dim">shipped</span> : `${n} / ${l.remaining}`}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </section>
      )}

      <footer className="pack-keys">
        <span>
          <Kbd>Enter</Kbd> scan
        </span>
        {s.phase === 'items' && (
          <span>
            <Kbd>F9</Kbd> ship what is scanned (rest stays open)
          </span>
        )}
        {s.order && handConfirmable(s.order.lines, s.counts).length > 0 ? (
          <span>
            <Kbd>F6</Kbd> confirm an item without a barcode
          </span>
        ) : null}
        {s.order || s.lastPacked ? (
          <span>
            <Kbd>F4</Kbd> packing slip
          </span>
        ) : null}
        {s.order && (
          <span>
            <Kbd>Esc</Kbd> start over
          </span>
        )}
        <span>
          <Kbd>F10</Kbd> leave the pack station
        </span>
      </footer>
    </div>
  );
}
