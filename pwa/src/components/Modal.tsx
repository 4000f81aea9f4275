import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import './modal.css';

/**
 * A modal dialog on the native <dialog> (showModal): the rest of the page is inert, Escape closes it, and
 * focus goes to the element marked `data-autofocus` inside (else the first button) and back to where it
 * was when the dialog closes. Named by `labelledBy` (its heading's id) and described by `describedBy`.
 * Used by the wallet's confirm step and by Settings' "delete my data".
 */
export function Modal({
  open,
  onClose,
  labelledBy,
  describedBy,
  children,
  testId,
  returnFocusTo,
}: {
  open: boolean;
  /** Escape, or a close button inside calling it. */
  onClose: () => void;
  labelledBy: string;
  describedBy?: string;
  children: ComponentChildren;
  testId?: string;
  /** Where focus goes on closing (a selector), instead of back to the opener: e.g. when the opener goes away. */
  returnFocusTo?: string;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const returnTo = useRef<HTMLElement | null>(null);
  const onCloseRef = useRef(onClose);
  onCloseRef.current = onClose;

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      returnTo.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      if (typeof dialog.showModal === 'function') dialog.showModal();
      else dialog.setAttribute('open', '');
      const first = dialog.querySelector<HTMLElement>('[data-autofocus]') ?? dialog.querySelector<HTMLElement>('button');
      first?.focus();
    } else if (!open && dialog.open) {
      if (typeof dialog.close === 'function') dialog.close();
      else dialog.removeAttribute('open');
      const chosen = returnFocusTo ? document.querySelector<HTMLElement>(returnFocusTo) : null;
      if (chosen && !chosen.matches('a[href], button, input, select, textarea, [tabindex]')) {
        chosen.setAttribute('tabindex', '-1');
      }
      const target = chosen ?? returnTo.current;
      returnTo.current = null;
      if (target?.isConnected) target.focus();
      else document.querySelector<HTMLElement>('main h1')?.focus();
    }
  }, [open]);

  // Escape: the browser fires "cancel"; keep the dialog under our control (state decides when it closes)
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const cancel = (event: Event) => {
      event.preventDefault();
      onCloseRef.current();
    };
    dialog.addEventListener('cancel', cancel);
    return () => dialog.removeEventListener('cancel', cancel);
  }, []);

  return (
    <dialog ref={ref} class="modal" aria-labelledby={labelledBy} aria-describedby={describedBy} data-testid={testId}>
      {open && children}
    </dialog>
  );
}
