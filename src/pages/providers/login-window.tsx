import { useEffect, useId, useRef, useState } from 'react';
import { isLoginReturn } from '../../app/login-relay';
import type { LoginWindow } from '../../app/use-start-sign-in';
import { Spinner } from '../../components/spinner';

interface LoginWindowProps {
  login: LoginWindow;
  onCancel(): void;
  onReturned(login: LoginWindow): void;
}

/**
 * Waits for the return page inside the frame or pop-up to say the browser came back: a message
 * from this origin, from that very window, in the relay shape, for this login's code.
 */
function useLoginReturn(
  login: LoginWindow,
  source: () => MessageEventSource | null,
  onReturned: (login: LoginWindow) => void,
) {
  const latest = useRef({ source, onReturned });
  useEffect(() => {
    latest.current = { source, onReturned };
  });
  useEffect(() => {
    const code = login.code;
    if (!code) return;
    let done = false;
    const onMessage = (event: MessageEvent) => {
      if (done) return;
      const expected = { origin: window.location.origin, source: latest.current.source(), code };
      if (!isLoginReturn(event, expected)) return;
      done = true;
      latest.current.onReturned(login);
    };
    window.addEventListener('message', onMessage);
    return () => window.removeEventListener('message', onMessage);
  }, [login]);
}

/** The MVPD login in a modal dialog with an iframe (MVPDs whose pages allow framing by this app). */
export function LoginDialog({ login, onCancel, onReturned }: LoginWindowProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  const frame = useRef<HTMLIFrameElement>(null);
  const titleId = useId();
  const name = login.mvpd.displayName;
  useLoginReturn(login, () => frame.current?.contentWindow ?? null, onReturned);

  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
    return () => element?.close();
  }, []);

  return (
    <dialog
      ref={dialog}
      className="login-dialog"
      aria-labelledby={titleId}
      data-testid="mvpd-login-dialog"
      onCancel={(event) => {
        // Escape: the viewer leaves the sign-in.
        event.preventDefault();
        onCancel();
      }}
    >
      <div className="login-dialog-header">
        <h2 id={titleId}>Sign in with {name}</h2>
        <button type="button" className="button small" onClick={onCancel}>
          Cancel
        </button>
      </div>
      {login.url ? (
        <iframe
          ref={frame}
          className="login-frame"
          src={login.url}
          title={`${name} sign-in page`}
          data-testid="mvpd-login-frame"
        />
      ) : (
        <Spinner label={`Opening ${name}’s sign-in page…`} />
      )}
    </dialog>
  );
}

/** How often the page looks whether the viewer closed the pop-up (a local check, no request). */
const POPUP_CHECK_MS = 500;

/**
 * The MVPD login in a pop-up window: the page says so, can bring the pop-up back or cancel, and
 * falls back to a same-tab link when the browser blocked the pop-up.
 */
export function LoginPopupPanel({
  login,
  onCancel,
  onReturned,
  onReopen,
}: LoginWindowProps & { onReopen(): void }) {
  const titleId = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  // The pop-up the viewer closed (a reopened one starts open again).
  const [closedPopup, setClosedPopup] = useState<Window | null>(null);
  const closed = login.popup !== null && closedPopup === login.popup;
  const name = login.mvpd.displayName;
  const blocked = login.popup === null;
  useLoginReturn(login, () => login.popup, onReturned);

  useEffect(() => heading.current?.focus(), [blocked]);

  useEffect(() => {
    const popup = login.popup;
    if (!popup) return;
    const timer = setInterval(() => {
      if (popup.closed) setClosedPopup(popup);
    }, POPUP_CHECK_MS);
    return () => clearInterval(timer);
  }, [login.popup]);

  return (
    <section
      className="panel login-popup"
      aria-labelledby={titleId}
      data-testid="mvpd-login-popup"
      data-state={blocked ? 'blocked' : closed ? 'closed' : 'open'}
    >
      <h2 id={titleId} ref={heading} tabIndex={-1}>
        {blocked ? 'Your browser blocked the pop-up window' : 'Continue in the pop-up window'}
      </h2>
      {!login.url ? (
        <Spinner label={`Opening ${name}’s sign-in page…`} />
      ) : blocked ? (
        <p>
          Sign in with {name} in this tab instead; you will come back here afterwards.{' '}
          <a className="button primary" href={login.url} data-testid="mvpd-login-same-tab">
            Open the {name} sign-in page in this tab
          </a>
        </p>
      ) : (
        <p role="status">
          {closed
            ? `The pop-up window was closed before you finished signing in with ${name}.`
            : `Sign in with ${name} in the pop-up window. This page continues on its own when you are done.`}
        </p>
      )}
      <div className="actions">
        {!blocked && login.url && (
          <button type="button" className="button" onClick={onReopen}>
            Reopen the pop-up window
          </button>
        )}
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </section>
  );
}
