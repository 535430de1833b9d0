import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router-dom';
import { Spinner } from '../../components/spinner';
import type { SessionStatusResponse } from '../../pass';
import { normalizeCode } from '../../pass/device-code';
import { sessionQuery } from '../../queries/session-lookup';
import { usePassScope } from '../../queries/use-pass-scope';
import type { FailureKind } from './after-submit';
import type { CodeEntryGuard } from './code-entry-guard';
import './activate.css';

/** What follows an answer (see after-submit.tsx), requested with each lookup. */
type AfterSubmit = typeof import('./after-submit');
const loadAfterSubmit = (): Promise<AfterSubmit> => import('./after-submit');

/** Adobe codes are 6–7 upper-case letters and digits; anything far from that is not worth a call. */
const CODE_PATTERN = /^[A-Z0-9]{4,16}$/;
export const INVALID_CODE_MESSAGE =
  'That code isn’t valid or has expired. Check the code on your TV and try again.';

/** `offline`: not even the code that reads the answer could be loaded. */
type Check = { code: string } & (
  | { state: 'checking' }
  | { state: 'found'; session: SessionStatusResponse }
  | { state: 'failed'; kind: FailureKind | 'offline'; error: unknown }
);

/**
 * Second-screen code entry, phone side: normalise the typed code and look it up
 * (`GET sessions/{code}`); a live code continues in `SessionStep` (provider, then the MVPD login).
 * Wrong and expired codes get one generic message; too many in a row, or a 429 from Adobe, pause
 * entry for a while (`code-entry-guard.ts`), keeping the typed code. The code that reads an answer
 * loads with the first lookup (`after-submit.tsx`), so the page's own JS is the form.
 */
export function ActivatePage() {
  const [params] = useSearchParams();
  const { client } = usePassScope();
  const queryClient = useQueryClient();
  const [input, setInput] = useState(() => (params.get('code') ?? '').slice(0, 32));
  const [check, setCheck] = useState<Check | null>(null);
  const [next, setNext] = useState<AfterSubmit | null>(null);
  /** `null`: no failed lookup since the last code that was found. */
  const [guard, setGuard] = useState<CodeEntryGuard | null>(null);
  const [liveRegion, setLiveRegion] = useState<HTMLElement | null>(null);
  const latest = useRef<string | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const inputId = useId();
  const hintId = useId();
  const errorId = useId();

  const lookUp = (code: string) => {
    latest.current = code;
    setCheck({ code, state: 'checking' });
    const answer = queryClient.fetchQuery(sessionQuery(client, code)).then(
      (session) => ({ session }),
      (error: unknown) => ({ error }),
    );
    Promise.all([loadAfterSubmit(), answer]).then(
      ([loaded, result]) => {
        if (latest.current !== code) return;
        setNext(loaded);
        if ('session' in result) {
          setGuard(null);
          setCheck({ code, state: 'found', session: result.session });
          return;
        }
        const kind = loaded.failureKind(result.error);
        setGuard((current) => loaded.nextGuard(current, kind, Date.now()));
        setCheck({ code, state: 'failed', kind, error: result.error });
      },
      () => {
        if (latest.current === code) setCheck({ code, state: 'failed', kind: 'offline', error: null });
      },
    );
  };

  const paused = !!guard?.pausedUntil;
  const checking = check?.state === 'checking';
  const failed = check?.state === 'failed' ? check : null;
  const invalidCode = failed?.kind === 'invalid';

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (paused || checking) return;
    const code = normalizeCode(input);
    if (!CODE_PATTERN.test(code)) {
      latest.current = null;
      setCheck({ code, state: 'failed', kind: 'invalid', error: null });
      return;
    }
    setInput(code);
    lookUp(code);
  };

  const startOver = () => {
    latest.current = null;
    setCheck(null);
  };

  // After a refused code, put the keyboard back in the field.
  useEffect(() => {
    if (invalidCode) inputRef.current?.focus();
  }, [invalidCode]);

  if (check?.state === 'found' && next) {
    const { code, session } = check;
    return (
      <next.SessionStep
        code={code}
        session={session}
        onStartOver={startOver}
        onFailed={(error) =>
          setCheck({
            code,
            state: 'failed',
            kind: next.failureKind(error) === 'invalid' ? 'invalid' : 'other',
            error,
          })
        }
      />
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
            aria-describedby={invalidCode && !paused ? `${hintId} ${errorId}` : hintId}
          />
          <p className="hint" id={hintId}>
            The code is on your TV screen, for example “8ER640M”. Upper or lower case, spaces and dashes are
            all fine.
          </p>
          {invalidCode && !paused && (
            <p className="activate-error" id={errorId} role="alert" data-testid="activation-error">
              {INVALID_CODE_MESSAGE}
            </p>
          )}
        </div>
        <p
          aria-live="polite"
          className="visually-hidden"
          ref={setLiveRegion}
          data-testid="activation-pause-status"
        />
        {guard && next && (
          <next.PauseNotice
            guard={guard}
            onOver={() => setGuard((current) => current && next.pauseOver(current))}
            liveRegion={liveRegion}
          />
        )}
        <div className="actions">
          <button type="submit" className="button primary" disabled={checking || paused}>
            Continue
          </button>
        </div>
      </form>
      {checking && <Spinner label="Checking your code…" />}
      {failed?.kind === 'other' && next && (
        <next.ErrorPanel
          error={failed.error}
          onRetry={() => lookUp(failed.code)}
          testId="activation-lookup-error"
        />
      )}
      {failed?.kind === 'offline' && (
        <p className="activate-error" role="alert" data-testid="activation-lookup-error">
          We couldn’t check the code. Check your connection, then try again.
        </p>
      )}
    </div>
  );
}
