import { useEffect, useEffectEvent, useRef, useState } from 'react';
import { ErrorPanel } from '../../components/error-panel';
import { Spinner } from '../../components/spinner';
import type { Mvpd, SessionParameters, SessionResponse, SessionStatusResponse } from '../../pass';
import { usePickableMvpds } from '../../queries/configuration';
import { useResumeSession } from '../../queries/sessions';
import { usePassScope } from '../../queries/use-pass-scope';
import { ProviderList } from '../providers/provider-list';
// The picker's grid styles live with the primary-screen picker.
import '../providers/providers.css';
import { saveActivationMemo, type ActivationMemo } from './activation-memo';
import { leaveApp } from './leave-app';

/**
 * What follows a code the phone found live: its own chunk (the page requests it as the viewer submits
 * a code), so the code entry itself loads none of the provider picker, the resume call or the memo.
 */

/** Missing parameter names; Adobe's older samples say `domain` for `domainName`. */
export function missingParameters(session: SessionStatusResponse): string[] {
  return (session.missingParameters ?? []).map((name) => (name === 'domain' ? 'domainName' : name));
}

/** The non-MVPD parameters the phone can supply itself (the TV normally sent them already). */
function extraParameters(missing: readonly string[], domainName: string): SessionParameters {
  return {
    ...(missing.includes('domainName') ? { domainName } : {}),
    ...(missing.includes('redirectUrl') ? { redirectUrl: `${window.location.origin}/activate/done` } : {}),
  };
}

type Outcome =
  { kind: 'opening'; providerName: string | null } | { kind: 'already-signed-in' } | { kind: 'incomplete' };

function PhoneProviderPicker({ onChoose, disabled }: { onChoose: (mvpd: Mvpd) => void; disabled: boolean }) {
  const providers = usePickableMvpds();
  if (providers.isPending) return <Spinner label="Loading TV providers…" />;
  if (providers.isError)
    return <ErrorPanel error={providers.error} onRetry={() => void providers.refetch()} />;
  return <ProviderList providers={providers.data} onChoose={onChoose} disabled={disabled} />;
}

/** While the MVPD login opens (or the resume call that precedes it runs). */
function OpeningLogin({ providerName }: { providerName: string | null }) {
  return (
    <div className="activate narrow stack">
      <h1>Activate your TV</h1>
      <Spinner
        label={
          providerName
            ? `Opening the ${providerName} sign-in page…`
            : 'Opening your TV provider’s sign-in page…'
        }
      />
    </div>
  );
}

export interface SessionStepProps {
  /** The normalised code, found live by `GET sessions/{code}`. */
  code: string;
  session: SessionStatusResponse;
  /** "Use a different code" / "Enter a code": back to the empty code entry. */
  onStartOver: () => void;
  /** `POST sessions/{code}` failed: the code entry shows why (one message for a dead code). */
  onFailed: (error: unknown) => void;
}

/**
 * When the TV chose the provider, straight to its login (supplying anything else still missing with
 * `POST sessions/{code}`); otherwise the viewer picks the provider here first. Then the MVPD login
 * (`/api/v2/authenticate/{sp}/{code}`) opens in this browser.
 */
export default function SessionStep({ code, session, onStartOver, onFailed }: SessionStepProps) {
  const { client, config } = usePassScope();
  const resume = useResumeSession();
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const missing = missingParameters(session);
  const needsProvider = missing.includes('mvpd');
  const domainName = config.domainName || window.location.hostname;

  const openLogin = (url: string, memo: ActivationMemo) => {
    saveActivationMemo(memo);
    setOutcome({ kind: 'opening', providerName: memo.displayName ?? null });
    leaveApp.to(url);
  };

  const follow = (answer: SessionResponse, memo: ActivationMemo) => {
    if (answer.actionName === 'authenticate') {
      openLogin(answer.url ? client.resolveUrl(answer.url) : client.authenticateUrl(code), {
        ...memo,
        mvpd: memo.mvpd ?? answer.mvpd,
      });
    } else if (answer.actionName === 'authorize') {
      setOutcome({ kind: 'already-signed-in' });
    } else {
      setOutcome({ kind: 'incomplete' });
    }
  };

  const resumeWith = (parameters: SessionParameters, memo: ActivationMemo) =>
    resume.mutate(
      { code, parameters },
      { onSuccess: (answer) => follow(answer, memo), onError: (error) => onFailed(error) },
    );

  // The TV chose the provider: go straight to its login (once per answer of the lookup).
  const proceeded = useRef<SessionStatusResponse | null>(null);
  const proceed = useEffectEvent(() => {
    const mvpd = session.existingParameters.mvpd;
    const extras = extraParameters(missing, domainName);
    const memo: ActivationMemo = { code, ...(mvpd ? { mvpd } : {}) };
    if (Object.keys(extras).length === 0) openLogin(client.authenticateUrl(code), memo);
    else resumeWith(extras, memo);
  });
  useEffect(() => {
    if (needsProvider || proceeded.current === session) return;
    proceeded.current = session;
    proceed();
  }, [session, needsProvider]);

  const choose = (mvpd: Mvpd) =>
    resumeWith(
      { mvpd: mvpd.id, ...extraParameters(missing, domainName) },
      { code, mvpd: mvpd.id, displayName: mvpd.displayName },
    );

  if (outcome?.kind === 'already-signed-in') {
    return (
      <div className="activate narrow stack">
        <h1>Activate your TV</h1>
        <section className="panel panel-success" data-testid="activation-already" role="status">
          <h2 className="panel-title">Your TV is already signed in</h2>
          <p>This TV already has access with that TV provider. Go back to your TV to start watching.</p>
        </section>
      </div>
    );
  }

  if (outcome?.kind === 'incomplete') {
    return (
      <div className="activate narrow stack">
        <h1>Activate your TV</h1>
        <section className="panel panel-error" role="alert" data-testid="activation-incomplete">
          <h2 className="panel-title">We couldn’t start the sign-in</h2>
          <p>Some details from your TV are missing. Get a new code on your TV and enter it here.</p>
          <div className="actions">
            <button type="button" className="button primary" onClick={onStartOver}>
              Enter a code
            </button>
          </div>
        </section>
      </div>
    );
  }

  if (outcome?.kind === 'opening' || resume.isPending || !needsProvider) {
    const name = outcome?.kind === 'opening' ? outcome.providerName : null;
    return <OpeningLogin providerName={name} />;
  }

  return (
    <div className="activate stack">
      <h1>Activate your TV</h1>
      <p className="activate-code-line">
        Code <span className="code-display">{code}</span>{' '}
        <button type="button" className="button small secondary" onClick={onStartOver}>
          Use a different code
        </button>
      </p>
      <section aria-labelledby="activate-pick-title" className="stack">
        <h2 id="activate-pick-title">Choose your TV provider</h2>
        <PhoneProviderPicker onChoose={choose} disabled={resume.isPending} />
      </section>
    </div>
  );
}
