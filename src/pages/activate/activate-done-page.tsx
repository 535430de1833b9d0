import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { Spinner } from '../../components/spinner';
import { configurationQuery } from '../../queries/configuration';
import { hasProfile, useProfileByCode } from '../../queries/profile-by-code';
import { usePassScope } from '../../queries/use-pass-scope';
import { readActivationMemo, type ActivationMemo } from './activation-memo';
import './activate.css';

/** The provider's display name: remembered from the picker, else from configuration, else null. */
function useProviderName(mvpdId: string | undefined, memo: ActivationMemo | null): string | null {
  const { client } = usePassScope();
  const remembered = mvpdId && memo?.mvpd === mvpdId ? (memo.displayName ?? null) : null;
  const configured = useQuery({
    ...configurationQuery(client),
    enabled: !!mvpdId && remembered === null,
    select: (configuration) =>
      configuration.requestor.mvpds.find((mvpd) => mvpd.id === mvpdId)?.displayName ?? null,
  });
  return remembered ?? configured.data ?? null;
}

/**
 * The `redirectUrl` of a second-screen sign-in: the MVPD login ends here, on the phone. One read of
 * `profiles/code/{code}` tells a completed sign-in from a cancelled one; the TV continues by itself.
 */
export function ActivateDonePage() {
  const [memo] = useState(readActivationMemo);
  const profile = useProfileByCode(memo?.code ?? null);
  const found = hasProfile(profile.data) ? profile.data : undefined;
  const foundIds = found ? Object.keys(found.profiles) : [];
  const mvpdId = found ? (memo?.mvpd && foundIds.includes(memo.mvpd) ? memo.mvpd : foundIds[0]) : memo?.mvpd;
  const providerName = useProviderName(mvpdId, memo);

  if (memo && profile.isPending) {
    return (
      <div className="activate narrow stack">
        <h1>Almost done</h1>
        <Spinner label="Checking your sign-in…" />
      </div>
    );
  }

  if (memo && profile.isSuccess && !found) {
    return (
      <div className="activate narrow stack" data-testid="activation-incomplete">
        <h1>Sign-in wasn’t completed</h1>
        <p>
          {providerName ?? 'Your TV provider'} didn’t confirm the sign-in. If you cancelled, you can try again
          with the code that is still on your TV.
        </p>
        <div className="actions">
          <Link className="button primary" to={`/activate?code=${encodeURIComponent(memo.code)}`}>
            Try again
          </Link>
        </div>
      </div>
    );
  }

  const signedIn = !!found;
  return (
    <div className="activate narrow stack">
      <h1>{signedIn ? 'You’re signed in' : 'Go back to your TV'}</h1>
      <section className="panel panel-success activate-done" data-testid="activation-done">
        <p className="activate-done-lead">
          {signedIn
            ? `You’re signed in${providerName ? ` with ${providerName}` : ''}. Go back to your TV — it will continue by itself.`
            : 'If you signed in with your TV provider, your TV will continue by itself.'}
        </p>
        <p className="muted">You can close this page.</p>
      </section>
    </div>
  );
}
