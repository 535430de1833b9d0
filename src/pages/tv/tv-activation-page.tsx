import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useEffectEvent, useRef, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import type { ChosenMvpd } from '../../app/use-start-sign-in';
import { Countdown } from '../../components/countdown';
import { ErrorPanel } from '../../components/error-panel';
import { QrCode } from '../../components/qr-code';
import { Spinner } from '../../components/spinner';
import { isPassApiError } from '../../pass/errors';
import type { ProfilesResponse } from '../../pass/schemas/profiles';
import { configurationQuery } from '../../queries/configuration';
import { passKeys } from '../../queries/pass-keys';
import { hasProfile, useProfileByCode } from '../../queries/profile-by-code';
import { useRememberProfiles } from '../../queries/profiles';
import { useCreateSession } from '../../queries/sessions';
import { usePassScope } from '../../queries/use-pass-scope';
import { useChosenMvpd, useDeviceActions } from '../../state/device-store';
import {
  activationDoneUrl,
  activationUrl,
  localExpiry,
  mvpdFromParam,
  pollIntervalFromParam,
} from './tv-params';
import './tv.css';

/** Answers of `profiles/code/{code}` that mean the code is dead: only a new code helps. */
const DEAD_CODE_ERRORS = new Set(['invalid_authentication_session', 'invalid_parameter_code']);

/**
 * Name and logo of an MVPD: the choice made on this TV, else configuration (cached, or asked once
 * when the provider was chosen on the phone, so the TV can show its name), else its id.
 */
function useDescribeMvpd() {
  const { client } = usePassScope();
  const queryClient = useQueryClient();
  const chosen = useChosenMvpd();
  return async (id: string): Promise<ChosenMvpd> => {
    if (chosen?.id === id) return chosen;
    const configured = (
      await queryClient.ensureQueryData(configurationQuery(client)).catch(() => undefined)
    )?.requestor.mvpds.find((mvpd) => mvpd.id === id);
    return configured
      ? { id, displayName: configured.displayName, logoUrl: configured.logoUrl }
      : { id, displayName: id, logoUrl: '' };
  };
}

/** Display name of the MVPD chosen on the TV (asks configuration only if nothing here knows it). */
function useProviderName(mvpdId: string | null): string | null {
  const { client } = usePassScope();
  const chosen = useChosenMvpd();
  const remembered = mvpdId !== null && chosen?.id === mvpdId ? chosen.displayName : null;
  const configured = useQuery({
    ...configurationQuery(client),
    enabled: mvpdId !== null && remembered === null,
    select: (configuration) =>
      configuration.requestor.mvpds.find((mvpd) => mvpd.id === mvpdId)?.displayName ?? null,
  });
  if (remembered) return remembered;
  return configured.data ?? (configured.isPending ? null : mvpdId);
}

/**
 * Second-screen sign-in, TV side (cookbook phase B, steps 3–4, "cannot open a browser"): create a
 * session, show its code, URL and QR code, and poll `profiles/code/{code}` until the viewer has
 * signed in on a phone or computer, the code expires, or a new code is requested.
 */
export function TvActivationPage() {
  const [params] = useSearchParams();
  const mvpdId = mvpdFromParam(params.get('mvpd'));
  const pollMs = pollIntervalFromParam(params.get('poll'));
  const { config, serviceProvider, deviceId } = usePassScope();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const { mvpdChosen, codeIssued } = useDeviceActions();
  const remember = useRememberProfiles();
  const describeMvpd = useDescribeMvpd();
  const providerName = useProviderName(mvpdId);
  const createSession = useCreateSession();

  // One POST /sessions per code request, even when StrictMode runs effects twice.
  const [request, setRequest] = useState(0);
  const sentRequest = useRef(-1);
  const requestCode = useEffectEvent(() => {
    const origin = window.location.origin;
    createSession.mutate(
      {
        ...(mvpdId ? { mvpd: mvpdId } : {}),
        domainName: config.domainName || window.location.hostname,
        redirectUrl: activationDoneUrl(origin),
      },
      {
        onSuccess: (session) => {
          if (session.actionName === 'authorize') {
            // This TV already has a profile for the chosen MVPD: nothing to sign in.
            void queryClient.invalidateQueries({ queryKey: passKeys.profiles(serviceProvider, deviceId) });
            void (mvpdId ? describeMvpd(mvpdId).then(mvpdChosen) : Promise.resolve()).then(() =>
              navigate('/', { replace: true }),
            );
          } else if (session.code) {
            codeIssued(session.code);
          }
        },
      },
    );
  });
  useEffect(() => {
    if (sentRequest.current === request) return;
    sentRequest.current = request;
    requestCode();
  }, [request]);
  const newCode = () => {
    createSession.reset();
    setRequest((value) => value + 1);
  };

  const session = createSession.data;
  const code = session && session.actionName !== 'authorize' && session.code ? session.code : null;
  const expiresAt = session ? localExpiry(session, createSession.submittedAt) : undefined;
  const [expiredCode, setExpiredCode] = useState<string | null>(null);
  const profile = useProfileByCode(code, {
    intervalMs: pollMs,
    notAfter: expiresAt,
    enabled: expiredCode !== code,
  });
  const deadCode = isPassApiError(profile.error) && DEAD_CODE_ERRORS.has(profile.error.code);
  const expired = code !== null && (expiredCode === code || deadCode);
  const found = hasProfile(profile.data) ? profile.data : undefined;

  // Signed in on the other device: keep the profile, remember the MVPD, continue to the catalog.
  const completed = useRef<ProfilesResponse | null>(null);
  const complete = useEffectEvent(async (profiles: ProfilesResponse) => {
    const ids = Object.keys(profiles.profiles);
    const mvpd = mvpdId && ids.includes(mvpdId) ? mvpdId : ids[0];
    remember(profiles);
    if (mvpd) mvpdChosen(await describeMvpd(mvpd));
    codeIssued(null);
    navigate('/', { replace: true });
  });
  useEffect(() => {
    if (!found || completed.current === found) return;
    completed.current = found;
    void complete(found);
  }, [found]);

  // A TV remote lands on the one useful control when the code dies.
  const newCodeButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (expired) newCodeButton.current?.focus();
  }, [expired]);

  const heading = providerName ? `Sign in with ${providerName}` : 'Sign in with your TV provider';

  if (createSession.isError) {
    return (
      <div className="tv-activation narrow stack">
        <h1>{heading}</h1>
        <p>We couldn’t get an activation code for this TV.</p>
        <ErrorPanel error={createSession.error} onRetry={newCode} testId="tv-error" />
        <div className="actions">
          <button type="button" className="button secondary" onClick={newCode}>
            Get a new code
          </button>
        </div>
      </div>
    );
  }

  if (!session || createSession.isPending) {
    return (
      <div className="tv-activation stack">
        <h1>{heading}</h1>
        <Spinner label="Getting your activation code…" />
      </div>
    );
  }

  if (!code) {
    return (
      <div className="tv-activation stack">
        <h1>{heading}</h1>
        <Spinner label="You’re already signed in. Opening the catalog…" />
      </div>
    );
  }

  const url = activationUrl(window.location.origin, code);

  if (expired) {
    return (
      <div className="tv-activation narrow stack">
        <h1>{heading}</h1>
        <section
          className="panel panel-error"
          role="alert"
          aria-labelledby="code-expired-title"
          data-testid="code-expired"
        >
          <h2 id="code-expired-title" className="panel-title">
            This code has expired
          </h2>
          <p>
            For your security, activation codes only work for a limited time. Get a new code and enter it on
            your phone.
          </p>
          <div className="actions">
            <button ref={newCodeButton} type="button" className="button primary" onClick={newCode}>
              Get a new code
            </button>
            <Link className="button secondary" to="/providers">
              Other ways to sign in
            </Link>
          </div>
        </section>
      </div>
    );
  }

  return (
    <div className="tv-activation stack">
      <h1>{heading}</h1>
      <div className="tv-activation-grid">
        <section className="panel tv-steps" aria-labelledby="tv-steps-title">
          <h2 id="tv-steps-title">On your phone or computer</h2>
          <ol className="tv-step-list">
            <li>
              Go to{' '}
              <span className="tv-url" data-testid="activation-url">
                {url}
              </span>
            </li>
            <li>
              Enter this code:
              <span className="visually-hidden-tv"> {code.split('').join(' ')}</span>
              <span className="code-display tv-code" data-testid="activation-code" aria-hidden="true">
                {code}
              </span>
            </li>
            <li>
              {providerName
                ? `Sign in with your ${providerName} account.`
                : 'Choose your TV provider and sign in.'}
            </li>
          </ol>
          {expiresAt !== undefined && (
            <p className="tv-expiry">
              Code expires in{' '}
              <Countdown
                key={code}
                until={expiresAt}
                onExpire={() => setExpiredCode(code)}
                className="tv-countdown"
              />
            </p>
          )}
        </section>
        <section className="panel tv-qr" aria-labelledby="tv-qr-title">
          <h2 id="tv-qr-title">Or scan with your phone’s camera</h2>
          <QrCode value={url} testId="activation-qr" size={240} />
        </section>
      </div>

      {profile.isError ? (
        <ErrorPanel error={profile.error} onRetry={() => void profile.refetch()} testId="tv-poll-error" />
      ) : (
        // A status line rather than a spinner: the wait is open-ended and the page is otherwise settled.
        <p data-testid="tv-status" className="tv-status" role="status">
          <span className="tv-pulse" aria-hidden="true" />
          Waiting for you to sign in on your phone…
        </p>
      )}

      <div className="actions">
        <button type="button" className="button secondary" onClick={newCode}>
          Get a new code
        </button>
        <Link className="button secondary" to="/providers">
          Other ways to sign in
        </Link>
      </div>
    </div>
  );
}
