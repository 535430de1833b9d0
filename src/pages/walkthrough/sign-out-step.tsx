import { useMutation } from '@tanstack/react-query';
import { usePass } from '../../app/pass-context';
import { useChosenMvpd, useDeviceActions } from '../../state/device-store';
import { describeError } from './describe-error';

/** Step 5 of the walkthrough: logout, then the MVPD logout page when one is returned. */
export function SignOutStep() {
  const { client } = usePass();
  const mvpd = useChosenMvpd();
  const { signedOut } = useDeviceActions();
  const logout = useMutation({
    mutationFn: async () => {
      if (!mvpd) throw new Error('You are not signed in.');
      const answer = await client.logout(mvpd.id, { redirectUrl: `${window.location.origin}/` });
      signedOut();
      return answer.logouts[mvpd.id];
    },
  });
  return (
    <section aria-labelledby="step-sign-out">
      <h2 id="step-sign-out">3. Sign out</h2>
      <button type="button" onClick={() => logout.mutate()} disabled={!mvpd || logout.isPending}>
        {logout.isPending ? 'Signing out…' : 'Sign out of your TV provider'}
      </button>
      {logout.isError && <p role="alert">{describeError(logout.error)}</p>}
      {logout.data && (
        <p data-testid="logout-result">
          Signed out ({logout.data.actionName}).{' '}
          {logout.data.actionType === 'interactive' && logout.data.url && (
            <a href={client.resolveUrl(logout.data.url)}>Finish signing out at your TV provider</a>
          )}
        </p>
      )}
    </section>
  );
}
