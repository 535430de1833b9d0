import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { loginDisplayFor } from '../config/login-display';
import { passKeys } from '../queries/pass-keys';
import { useCreateSession } from '../queries/sessions';
import { usePassScope } from '../queries/use-pass-scope';
import { accessActions } from '../state/access-store';
import { useDeviceActions } from '../state/device-store';
import { withRelayVia, type LoginRelayVia } from './login-relay';
import { safeReturnPath, signInRedirectUrl } from './return-path';

export interface ChosenMvpd {
  id: string;
  displayName: string;
  logoUrl: string;
}

/** The MVPD login shown inside the app (dialog with an iframe) or beside it (pop-up window). */
export interface LoginWindow {
  via: LoginRelayVia;
  mvpd: ChosenMvpd;
  returnTo: string;
  /** The authentication code and URL, once the session exists. */
  code: string | null;
  url: string | null;
  /** The pop-up window (via `popup`); null when the browser blocked it. */
  popup: Window | null;
}

const POPUP_NAME = 'passref-mvpd-login';
const POPUP_FEATURES = 'popup=yes,width=520,height=720';

/**
 * Opens the pop-up for an MVPD login. Called synchronously in the viewer's click (a pop-up opened
 * after an await is blocked): it starts blank and is sent to the login once the session exists.
 */
export function openLoginPopup(url = ''): Window | null {
  try {
    return window.open(url, POPUP_NAME, POPUP_FEATURES);
  } catch {
    return null;
  }
}

/**
 * Primary-screen sign-in (cookbook phase B, step 3): create a session for the chosen MVPD and show
 * the MVPD login; the browser comes back on `/sign-in/complete`. How the login is shown is the
 * programmer's choice per MVPD (`mvpdLoginDisplay` in the runtime config): this tab goes there
 * (`redirect`), or the page stays and shows it in a dialog (`iframe`) or a pop-up (`popup`), whose
 * return page reports back (login-relay.ts). When a profile already exists (`authorize`), go
 * straight to the return path. Either way the TV provider becomes the active access once signed in
 * (a free pass is kept for the switch).
 */
export function useStartSignIn() {
  const { config, client, serviceProvider, deviceId } = usePassScope();
  const { mvpdChosen, codeIssued } = useDeviceActions();
  const createSession = useCreateSession();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [loginWindow, setLoginWindow] = useState<LoginWindow | null>(null);
  // This tab is on its way to the MVPD's login (which may take a while to answer).
  const [leavingFor, setLeavingFor] = useState<ChosenMvpd | null>(null);

  useEffect(() => {
    // Back from the MVPD page through the back/forward cache: this page is live again.
    const onPageShow = (event: PageTransitionEvent) => {
      if (event.persisted) setLeavingFor(null);
    };
    window.addEventListener('pageshow', onPageShow);
    return () => window.removeEventListener('pageshow', onPageShow);
  }, []);

  const start = (mvpd: ChosenMvpd, returnTo: string) => {
    const display = loginDisplayFor(config, mvpd.id);
    // In the click itself, before anything is awaited.
    const popup = display === 'popup' ? openLoginPopup() : null;
    mvpdChosen(mvpd);
    setLoginWindow(
      display === 'redirect' ? null : { via: display, mvpd, returnTo, code: null, url: null, popup },
    );
    createSession.mutate(
      {
        mvpd: mvpd.id,
        domainName: config.domainName || window.location.hostname,
        redirectUrl: withRelayVia(signInRedirectUrl(window.location.origin, returnTo), display),
      },
      {
        onSuccess: (session) => {
          if (session.actionName === 'authenticate' && session.url && session.code) {
            const url = client.resolveUrl(session.url);
            const code = session.code;
            codeIssued(code);
            if (display === 'redirect') {
              setLeavingFor(mvpd);
              window.location.assign(url);
              return;
            }
            if (popup && !popup.closed) popup.location.replace(url);
            setLoginWindow((current) => (current ? { ...current, code, url } : current));
          } else {
            popup?.close();
            setLoginWindow(null);
            // A profile already exists: watching with the TV provider from now on.
            accessActions.providerChosen();
            void queryClient.invalidateQueries({ queryKey: passKeys.profiles(serviceProvider, deviceId) });
            navigate(safeReturnPath(returnTo), { replace: true });
          }
        },
        onError: () => {
          popup?.close();
          setLoginWindow(null);
        },
      },
    );
  };

  /** Reopens (or focuses) the pop-up with the login; in the viewer's click. */
  const reopenPopup = () => {
    const current = loginWindow;
    if (!current?.url) return;
    if (current.popup && !current.popup.closed) {
      current.popup.focus();
      return;
    }
    const popup = openLoginPopup(current.url);
    setLoginWindow({ ...current, popup });
  };

  /** The viewer gave up on the login shown in the dialog or pop-up. */
  const cancelWindow = () => {
    if (loginWindow?.popup && !loginWindow.popup.closed) loginWindow.popup.close();
    setLoginWindow(null);
    codeIssued(null);
  };

  /** The login window came back to the app's return page: confirm the profile in this window. */
  const windowReturned = (returned: LoginWindow) => {
    setLoginWindow(null);
    navigate(`/sign-in/complete?to=${encodeURIComponent(safeReturnPath(returned.returnTo))}`);
  };

  return {
    start,
    isPending: createSession.isPending,
    error: createSession.error,
    reset: createSession.reset,
    /** Set while this tab is navigating to the MVPD login (a redirect). */
    leavingFor,
    loginWindow,
    reopenPopup,
    cancelWindow,
    windowReturned,
  };
}
