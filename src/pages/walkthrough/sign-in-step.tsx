import { useMutation, useQuery } from '@tanstack/react-query';
import { usePass } from '../../app/pass-context';
import { useChosenMvpd, useDeviceActions, usePendingCode } from '../../state/device-store';
import { describeError } from './describe-error';

/** Steps 1–2 of the walkthrough: pick a TV provider, sign in, detect the new profile by code. */
export function SignInStep() {
  const { client, config } = usePass();
  const chosen = useChosenMvpd();
  const code = usePendingCode();
  const { mvpdChosen, codeIssued } = useDeviceActions();

  const configuration = useQuery({
    queryKey: ['pass', 'configuration', config.serviceProvider],
    queryFn: ({ signal }) => client.getConfiguration({ signal }),
    enabled: false,
    staleTime: 3 * 60_000,
  });

  const signIn = useMutation({
    mutationFn: async () => {
      if (!chosen) throw new Error('Choose a TV provider first.');
      const session = await client.createSession({
        mvpd: chosen.id,
        domainName: config.domainName || window.location.hostname,
        redirectUrl: `${window.location.origin}/`,
      });
      if (session.actionName === 'authenticate' && session.url && session.code) {
        codeIssued(session.code);
        window.location.assign(client.resolveUrl(session.url));
      }
      return session;
    },
  });

  const profile = useQuery({
    queryKey: ['pass', 'profiles', 'code', code],
    queryFn: ({ signal }) => client.getProfileByCode(code ?? '', { signal }),
    enabled: code !== null,
  });
  const signedInProfile = chosen ? profile.data?.profiles[chosen.id] : undefined;

  return (
    <section aria-labelledby="step-sign-in">
      <h2 id="step-sign-in">1. Sign in with your TV provider</h2>
      <button type="button" onClick={() => void configuration.refetch()} disabled={configuration.isFetching}>
        {configuration.isFetching ? 'Loading TV providers…' : 'Load TV providers'}
      </button>
      {configuration.isError && <p role="alert">{describeError(configuration.error)}</p>}
      {configuration.data && (
        <fieldset>
          <legend>TV provider</legend>
          {configuration.data.requestor.mvpds
            .filter((mvpd) => !mvpd.isTempPass)
            .map((mvpd) => (
              <label key={mvpd.id} className="choice" data-testid="mvpd-option">
                <input
                  type="radio"
                  name="mvpd"
                  value={mvpd.id}
                  checked={chosen?.id === mvpd.id}
                  onChange={() =>
                    mvpdChosen({ id: mvpd.id, displayName: mvpd.displayName, logoUrl: mvpd.logoUrl })
                  }
                />
                <img src={mvpd.logoUrl} alt="" width={60} height={20} /> {mvpd.displayName}
              </label>
            ))}
        </fieldset>
      )}
      <p>
        <button type="button" onClick={() => signIn.mutate()} disabled={!chosen || signIn.isPending}>
          {signIn.isPending ? 'Starting sign-in…' : `Sign in${chosen ? ` with ${chosen.displayName}` : ''}`}
        </button>
      </p>
      {signIn.isError && <p role="alert">{describeError(signIn.error)}</p>}
      {signIn.data?.actionName === 'authorize' && (
        <p>You are already signed in with {chosen?.displayName}.</p>
      )}
      {code && (
        <p>
          Authentication code: <strong data-testid="session-code">{code}</strong>
        </p>
      )}
      {code && (
        <p data-testid="profile-status" aria-live="polite">
          {profile.isFetching
            ? 'Checking your sign-in…'
            : signedInProfile
              ? `Signed in with ${chosen?.displayName} until ${new Date(signedInProfile.notAfter).toLocaleString()}`
              : profile.isError
                ? describeError(profile.error)
                : 'Not signed in yet.'}
        </p>
      )}
      {code && !signedInProfile && (
        <button type="button" onClick={() => void profile.refetch()}>
          Check sign-in
        </button>
      )}
    </section>
  );
}
