import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router-dom';
import { passKeys } from '../queries/pass-keys';
import { useCreateSession } from '../queries/sessions';
import { usePassScope } from '../queries/use-pass-scope';
import { accessActions } from '../state/access-store';
import { useDeviceActions } from '../state/device-store';
import { safeReturnPath, signInRedirectUrl } from './return-path';

export interface ChosenMvpd {
  id: string;
  displayName: string;
  logoUrl: string;
}

/**
 * Primary-screen sign-in (cookbook phase B, step 3): create a session for the chosen MVPD and send
 * this browser to the MVPD login; it comes back on `/sign-in/complete`. When a profile already
 * exists (`authorize`), go straight to the return path. Either way the TV provider becomes the
 * active access once signed in (a free pass is kept for the switch).
 */
export function useStartSignIn() {
  const { config, client, serviceProvider, deviceId } = usePassScope();
  const { mvpdChosen, codeIssued } = useDeviceActions();
  const createSession = useCreateSession();
  const queryClient = useQueryClient();
  const navigate = useNavigate();

  const start = (mvpd: ChosenMvpd, returnTo: string) => {
    mvpdChosen(mvpd);
    createSession.mutate(
      {
        mvpd: mvpd.id,
        domainName: config.domainName || window.location.hostname,
        redirectUrl: signInRedirectUrl(window.location.origin, returnTo),
      },
      {
        onSuccess: (session) => {
          if (session.actionName === 'authenticate' && session.url && session.code) {
            codeIssued(session.code);
            window.location.assign(client.resolveUrl(session.url));
          } else {
            // A profile already exists: watching with the TV provider from now on.
            accessActions.providerChosen();
            void queryClient.invalidateQueries({ queryKey: passKeys.profiles(serviceProvider, deviceId) });
            navigate(safeReturnPath(returnTo), { replace: true });
          }
        },
      },
    );
  };
  return {
    start,
    isPending: createSession.isPending,
    error: createSession.error,
    reset: createSession.reset,
  };
}
