import { useEffect, useRef, useState, type RefObject } from 'react';

/**
 * A toolbar popover: opens from its button, closes on Escape or a click
 * outside and then gives focus back to the button; ↑/↓ move between the
 * popover's [data-nav] items so it works without a mouse.
 */
export function usePopover(): { open: boolean; setOpen(v: boolean): void; button: RefObject<HTMLButtonElement | null>; panel: RefObject<HTMLDivElement | null>; onPanelKey(e: React.KeyboardEvent): void } {
  const [open, setOpenState] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const panel = useRef<HTMLDivElement>(null);

  const setOpen = (v: boolean) => {
    setOpenState(v);
    if (!v) button.current?.focus();
  };

  useEffect(() => {
    if (!open) return;
    // First item gets focus once the panel is in the DOM.
    const t = setTimeout(() => panel.current?.querySelector<HTMLElement>('[data-nav]')?.focus(), 0);
    const onDown = (e: MouseEvent) => {
      if (!panel.current?.contains(e.target as Node) && !button.current?.contains(e.target as Node)) setOpenState(false);
    };
    document.addEventListener('mousedown', onDown);
    return () => {
      clearTimeout(t);
      document.removeEventListener('mousedown', onDown);
    };
  }, [open]);

  function onPanelKey(e: React.KeyboardEvent) {
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      setOpen(false);
      return;
    }
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
    const items = [...(panel.current?.querySelectorAll<HTMLElement>('[data-nav]') ?? [])];
    if (!items.length) return;
    e.preventDefault();
    const at = items.indexOf(document.activeElement as HTMLElement);
    const next = e.key === 'ArrowDown' ? (at + 1) % items.length : (at - 1 + items.length) % items.length;
    items[next]?.focus();
  }

  return { open, setOpen, button, panel, onPanelKey };
}
