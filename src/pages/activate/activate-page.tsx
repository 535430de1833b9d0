import { useEffect, useEffectEvent, useId, useRef, useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router-dom';
import { ErrorPanel } from '../../components/error-panel';
import { Spinner } from '../../components/spinner';
import type { Mvpd, SessionParameters, SessionResponse, SessionStatusResponse } from '../../pass';
import { normalizeCode } from '../../pass/device-code';
import { isPassApiError } from '../../pass/errors';
import { usePickableMvpds } from '../../queries/configuration';
import { useResumeSession, useSessionLookup } from '../../queries/sessions';
import { usePassScope } from '../../queries/use-pass-scope';
import { ProviderList } from '../providers/provider-list';
// The picker's grid styles live with the primary-screen picker.
import '../providers/providers.css';
import { saveActivationMemo, type ActivationMemo } from './activation-memo';
import { leaveApp } from './leave-app';
import './activate.css';

/** Adobe codes are 6–7 upper-case letters and digits; anything far from that is not worth a call. */
const CODE_PATTERN = /^[A-Z0-9]{4,16}$/;
/** Errors that mean "no such live code" — reported with one message, whichever it was. */
const INVALID_CODE_ERRORS = new Set(['invalid_authentication_session', 'invalid_parameter_code']);
export const INVALID_CODE_MESSAGE =
  'That code isn’t valid or has expired. Check the code on your TV and try again.';

export function isInvalidCodeError(error: unknown): boolean {
  return isPassApiError(error) && (INVALID_CODE_ERRORS.has(error.code) || error.httpStatus === 404);
}

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

/**
 * Second-screen code entry, phone side: validate the typed code (`GET sessions/{code}`), let the
 * viewer pick the provider when the TV left it open (`POST sessions/{code}`), then open the MVPD
 * login (`/api/v2/authenticate/{sp}/{code}`) in this browser.
 */
export function ActivatePage() {
  const [params] = useSearchParams();
  const { client, config } = usePassScope();
  const [input, setInput] = useState(() => (params.get('code') ?? '').slice(0, 32));
  const [submitted, setSubmitted] = useState<string | null>(null);
  const [badFormat, setBadFormat] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const lookup = useSessionLookup(submitted);
  const resume = useResumeSession();
  const inputRef = useRef<HTMLInputElement>(null);
  const inputId = useId();
  const hintId = useId();
  const errorId = useId();

  const session = submitted !== null && lookup.isSuccess && !lookup.isFetching ? lookup.data : undefined;
  const missing = session ? missingParameters(session) : [];
  const needsProvider = missing.includes('mvpd');
  const domainName = config.domainName || window.location.hostname;

  const lookupError = submitted !== null && lookup.isError && !lookup.isFetching ? lookup.error : null;
  const invalidCode = badFormat || isInvalidCodeError(lookupError) || isInvalidCodeError(resume.error);
  const otherLookupError = lookupError && !isInvalidCodeError(lookupError) ? lookupError : null;
  const otherResumeError = resume.isError && !isInvalidCodeError(resume.error) ? resume.error : null;

  const openLogin = (url: string, memo: ActivationMemo) => {
    saveActivationMemo(memo);
    setOutcome({ kind: 'opening', providerName: memo.displayName ?? null });
    leaveApp.to(url);
  };

  const follow = (code: string, answer: SessionResponse, memo: ActivationMemo) => {
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

  // The TV chose the provider: go straight to its login (supplying anything else still missing).
  const proceeded = useRef<SessionStatusResponse | null>(null);
  const proceed = useEffectEvent((code: string, status: SessionStatusResponse) => {
    const mvpd = status.existingParameters.mvpd;
    const extras = extraParameters(missingParameters(status), domainName);
    const memo: ActivationMemo = { code, ...(mvpd ? { mvpd } : {}) };
    if (Object.keys(extras).length === 0) {
      openLogin(client.authenticateUrl(code), memo);
    } else {
      resume.mutate({ code, parameters: extras }, { onSuccess: (answer) => follow(code, answer, memo) });
    }
  });
  useEffect(() => {
    if (!session || submitted === null || needsProvider || proceeded.current === session) return;
    proceeded.current = session;
    proceed(submitted, session);
  }, [session, submitted, needsProvider]);

  const choose = (mvpd: Mvpd) => {
    if (submitted === null || !session) return;
    const memo: ActivationMemo = { code: submitted, mvpd: mvpd.id, displayName: mvpd.displayName };
    resume.mutate(
      { code: submitted, parameters: { mvpd: mvpd.id, ...extraParameters(missing, domainName) } },
      { onSuccess: (answer) => follow(submitted, answer, memo) },
    );
  };

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const code = normalizeCode(input);
    resume.reset();
    setOutcome(null);
    proceeded.current = null;
    if (!CODE_PATTERN.test(code)) {
      setBadFormat(true);
      setSubmitted(null);
      return;
    }
    setBadFormat(false);
    setInput(code);
    if (code === submitted) void lookup.refetch();
    else setSubmitted(code);
  };

  const startOver = () => {
    resume.reset();
    setOutcome(null);
    setSubmitted(null);
    proceeded.current = null;
  };

  // After a refused code, put the keyboard back in the field.
  useEffect(() => {
    if (invalidCode) inputRef.current?.focus();
  }, [invalidCode]);

  const checking = submitted !== null && lookup.isFetching;

  if (outcome?.kind === 'opening' || resume.isPending) {
    const name = outcome?.kind === 'opening' ? outcome.providerName : null;
    return (
      <div className="activate narrow stack">
        <h1>Activate your TV</h1>
        <Spinner
          label={name ? `Opening the ${name} sign-in page…` : 'Opening your TV provider’s sign-in page…'}
        />
      </div>
    );
  }

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
            <button type="button" className="button primary" onClick={startOver}>
              Enter a code
            </button>
          </div>
        </section>
      </div>
    );
  }

  if (session && needsProvider && submitted !== null) {
    return (
      <div className="activate stack">
        <h1>Activate your TV</h1>
        <p className="activate-code-line">
          Code <span className="code-display">{submitted}</span>{' '}
          <button type="button" className="button small secondary" onClick={startOver}>
            Use a different code
          </button>
        </p>
        <section aria-labelledby="activate-pick-title" className="stack">
          <h2 id="activate-pick-title">Choose your TV provider</h2>
          {otherResumeError && <ErrorPanel error={otherResumeError} onRetry={() => resume.reset()} />}
          <PhoneProviderPicker onChoose={choose} disabled={resume.isPending} />
        </section>
      </div>
    );
  }

  return (
    <div className="activate narrow stack">
      <h1>Activate your TV</h1>
      <p className="muted">Enter the code shown on your TV to sign in with your TV provider.</p>
      <form className="stack" onSubmit={submit} noValidate aria-busy={checking}>
        <div className="field">
          <label htmlFor={inputId}>Activation code</label>
          <input
            ref={inputRef}
            id={inputId}
            name="code"
            className="activate-code-input"
            data-testid="activation-code-input"
            value={input}
            onChange={(event) => setInput(event.target.value)}
            autoComplete="one-time-code"
            autoCapitalize="characters"
            autoCorrect="off"
            spellCheck={false}
            maxLength={32}
            aria-invalid={invalidCode}
            aria-describedby={invalidCode ? `${hintId} ${errorId}` : hintId}
          />
          <p className="hint" id={hintId}>
            The code is on your TV screen, for example “8ER640M”. Upper or lower case, spaces and dashes are
            all fine.
          </p>
          {invalidCode && (
            <p className="activate-error" id={errorId} role="alert" data-testid="activation-error">
              {INVALID_CODE_MESSAGE}
            </p>
          )}
        </div>
        <div className="actions">
          <button type="submit" className="button primary" disabled={checking}>
            Continue
          </button>
        </div>
      </form>
      {checking && <Spinner label="Checking your code…" />}
      {otherLookupError && (
        <ErrorPanel
          error={otherLookupError}
          onRetry={() => void lookup.refetch()}
          testId="activation-lookup-error"
        />
      )}
      {otherResumeError && <ErrorPanel error={otherResumeError} onRetry={() => startOver()} />}
    </div>
  );
}
