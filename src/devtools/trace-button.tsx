import { lazy, Suspense, useCallback, useEffect, useRef, useState } from 'react';
import './trace-button.css';

/**
 * Loaded on first open only: the drawer (masking, HAR, curl; its own chunk) and the recorder, which
 * takes over every call the tap (`trace-tap.ts`) has held since the page loaded.
 */
const ApiTraceDrawer = lazy(async () => {
  const [drawer, { traceRecorder }] = await Promise.all([
    import('./api-trace-drawer'),
    import('./trace-recorder'),
  ]);
  const Drawer = drawer.default;
  return {
    default: ({ onClose }: { onClose: () => void }) => <Drawer recorder={traceRecorder} onClose={onClose} />,
  };
});

/** Opens and closes the API-trace drawer (Alt+Shift+T toggles it from anywhere). */
export const TRACE_SHORTCUT = 'Alt+Shift+T';

function isShortcut(event: KeyboardEvent): boolean {
  // `code`, not `key`: on macOS Option+Shift+T types "ˇ".
  return event.altKey && event.shiftKey && !event.ctrlKey && !event.metaKey && event.code === 'KeyT';
}

/** The header's small "API trace" button and the drawer it opens (developer tool). */
export function TraceButton() {
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const returnFocus = useRef<HTMLElement | null>(null);

  const show = useCallback(() => {
    const active = document.activeElement;
    returnFocus.current = active instanceof HTMLElement && active !== document.body ? active : button.current;
    setOpen(true);
  }, []);
  const close = useCallback(() => {
    setOpen(false);
    const target = returnFocus.current?.isConnected ? returnFocus.current : button.current;
    // After the drawer is gone from the DOM.
    requestAnimationFrame(() => target?.focus());
  }, []);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!isShortcut(event)) return;
      event.preventDefault();
      if (open) close();
      else show();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [open, show, close]);

  return (
    <>
      <button
        ref={button}
        type="button"
        className="button small trace-button"
        data-testid="api-trace-button"
        aria-expanded={open}
        aria-keyshortcuts={TRACE_SHORTCUT}
        title={`API trace (${TRACE_SHORTCUT})`}
        onClick={() => (open ? close() : show())}
      >
        API trace
      </button>
      {open && (
        <Suspense fallback={null}>
          <ApiTraceDrawer onClose={close} />
        </Suspense>
      )}
    </>
  );
}
