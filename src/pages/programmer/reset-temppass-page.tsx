import { useId, useState, type FormEvent } from 'react';
import { ErrorPanel } from '../../components/error-panel';
import { Spinner } from '../../components/spinner';
import { isResetTempPassError, RESET_ALL } from '../../pass';
import { useConfiguration } from '../../queries/configuration';
import { useResetTempPass, type ResetTarget } from '../../queries/reset-temppass';
import { useDeviceId } from '../../state/device-store';
import { emailProblem, hashEmail } from '../../temppass/email';
import { describeResetOutcome, ResetRequestView } from './reset-result';
import './programmer.css';

type Scope = 'device' | 'all-devices' | 'identity' | 'all-identities';
type IdentityInput = 'email' | 'key';

const HEX_64 = /^[0-9a-f]{64}$/i;

/**
 * The programmer's Reset TempPass tool (not part of the viewer's app): wipes TempPass trials of one
 * device, of every device, or of one promotional identity, through Adobe's management API with this
 * app's DCR access token — and shows the request made and the answer.
 */
export function ResetTempPassPage() {
  const configuration = useConfiguration();
  const thisDevice = useDeviceId();
  const reset = useResetTempPass();
  const id = useId();
  const [chosenMvpd, setChosenMvpd] = useState('');
  const [scope, setScope] = useState<Scope>('device');
  const [deviceId, setDeviceId] = useState(thisDevice);
  const [identityInput, setIdentityInput] = useState<IdentityInput>('email');
  const [email, setEmail] = useState('');
  const [key, setKey] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [hashing, setHashing] = useState(false);

  const tempPassMvpds = configuration.data?.requestor.mvpds.filter((mvpd) => mvpd.isTempPass) ?? [];
  const mvpd = chosenMvpd || tempPassMvpds[0]?.id || '';

  const targetFor = async (): Promise<ResetTarget | string> => {
    if (!mvpd) return 'Choose a TempPass MVPD.';
    switch (scope) {
      case 'device':
        return deviceId.trim()
          ? { endpoint: 'device', mvpd, deviceId: deviceId.trim() }
          : 'Enter a device id.';
      case 'all-devices':
        return { endpoint: 'device', mvpd, deviceId: RESET_ALL };
      case 'all-identities':
        return { endpoint: 'identity', mvpd, key: RESET_ALL };
      case 'identity': {
        if (identityInput === 'key') {
          const raw = key.trim();
          if (!raw) return 'Enter the identity key.';
          return { endpoint: 'identity', mvpd, key: HEX_64.test(raw) ? raw.toLowerCase() : raw };
        }
        const issue = emailProblem(email);
        if (issue) return issue;
        setHashing(true);
        try {
          const hash = await hashEmail(email);
          setEmail('');
          return { endpoint: 'identity', mvpd, key: hash };
        } finally {
          setHashing(false);
        }
      }
    }
  };

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const target = await targetFor();
    if (typeof target === 'string') {
      setProblem(target);
      return;
    }
    setProblem(null);
    reset.mutate(target);
  };

  const request = reset.data?.request ?? (isResetTempPassError(reset.error) ? reset.error.request : null);
  const outcome =
    reset.isSuccess || reset.isError ? describeResetOutcome(reset.error, reset.data?.status ?? null) : null;

  return (
    <div className="stack narrow programmer">
      <h1>Reset TempPass</h1>
      <p className="muted">
        For the programmer’s support and operations teams: lets devices or people start a free pass again.
        Calls Adobe’s management API <code>/reset-tempass/v3</code> with this app’s access token.
      </p>
      {configuration.isPending && <Spinner label="Loading the TempPass MVPDs…" />}
      {configuration.isError && (
        <ErrorPanel error={configuration.error} onRetry={() => void configuration.refetch()} />
      )}
      {configuration.data && tempPassMvpds.length === 0 && (
        <div className="panel" data-testid="reset-no-temppass">
          <p>No TempPass MVPD is configured for {configuration.data.requestor.id}.</p>
        </div>
      )}
      {tempPassMvpds.length > 0 && (
        <form className="panel stack" noValidate onSubmit={(event) => void submit(event)}>
          <div className="field">
            <label htmlFor={`${id}-mvpd`}>TempPass MVPD</label>
            <select id={`${id}-mvpd`} value={mvpd} onChange={(event) => setChosenMvpd(event.target.value)}>
              {tempPassMvpds.map((option) => (
                <option key={option.id} value={option.id}>
                  {option.displayName && option.displayName !== option.id
                    ? `${option.displayName} (${option.id})`
                    : option.id}
                </option>
              ))}
            </select>
          </div>

          <fieldset className="choices">
            <legend>What to reset</legend>
            <label>
              <input
                type="radio"
                name={`${id}-scope`}
                checked={scope === 'device'}
                onChange={() => setScope('device')}
              />{' '}
              One device
            </label>
            {scope === 'device' && (
              <div className="field nested">
                <label htmlFor={`${id}-device`}>Device id</label>
                <input
                  id={`${id}-device`}
                  value={deviceId}
                  onChange={(event) => setDeviceId(event.target.value)}
                  autoComplete="off"
                  spellCheck={false}
                  aria-describedby={`${id}-device-hint`}
                />
                <p id={`${id}-device-hint`} className="hint">
                  Prefilled with this browser’s device id (the value its AP-Device-Identifier header encodes).
                </p>
              </div>
            )}
            <label>
              <input
                type="radio"
                name={`${id}-scope`}
                checked={scope === 'all-devices'}
                onChange={() => setScope('all-devices')}
              />{' '}
              All devices
            </label>
            <label>
              <input
                type="radio"
                name={`${id}-scope`}
                checked={scope === 'identity'}
                onChange={() => setScope('identity')}
              />{' '}
              One identity (promotional TempPass)
            </label>
            {scope === 'identity' && (
              <fieldset className="choices nested">
                <legend>Identify it by</legend>
                <label>
                  <input
                    type="radio"
                    name={`${id}-identity`}
                    checked={identityInput === 'email'}
                    onChange={() => setIdentityInput('email')}
                  />{' '}
                  Email address, hashed here like the app does
                </label>
                <label>
                  <input
                    type="radio"
                    name={`${id}-identity`}
                    checked={identityInput === 'key'}
                    onChange={() => setIdentityInput('key')}
                  />{' '}
                  Identity key (the hash the app sent)
                </label>
                {identityInput === 'email' ? (
                  <div className="field">
                    <label htmlFor={`${id}-email`}>Email address</label>
                    <input
                      id={`${id}-email`}
                      type="email"
                      autoComplete="off"
                      spellCheck={false}
                      value={email}
                      onChange={(event) => setEmail(event.target.value)}
                      aria-describedby={`${id}-email-hint`}
                    />
                    <p id={`${id}-email-hint`} className="hint">
                      Trimmed, lower-cased and hashed with SHA-256 on this device; only the hash is sent.
                    </p>
                  </div>
                ) : (
                  <div className="field">
                    <label htmlFor={`${id}-key`}>Identity key</label>
                    <input
                      id={`${id}-key`}
                      value={key}
                      onChange={(event) => setKey(event.target.value)}
                      autoComplete="off"
                      spellCheck={false}
                    />
                  </div>
                )}
              </fieldset>
            )}
            <label>
              <input
                type="radio"
                name={`${id}-scope`}
                checked={scope === 'all-identities'}
                onChange={() => setScope('all-identities')}
              />{' '}
              All identities (promotional TempPass)
            </label>
          </fieldset>

          {problem && (
            <p className="field-error" role="alert" data-testid="reset-form-error">
              {problem}
            </p>
          )}
          {(hashing || reset.isPending) && <Spinner label="Resetting…" />}
          <div className="actions">
            <button type="submit" className="button primary" disabled={hashing || reset.isPending}>
              Reset TempPass
            </button>
          </div>
        </form>
      )}

      {request && !reset.isPending && <ResetRequestView request={request} />}
      {outcome && !reset.isPending && (
        <div
          className={`panel ${reset.isSuccess ? 'panel-success' : 'panel-error'}`}
          role="status"
          data-testid="reset-result"
          data-status={
            reset.data?.status ?? (isResetTempPassError(reset.error) ? (reset.error.status ?? '') : '')
          }
        >
          <h2 className="panel-title">{outcome.title}</h2>
          <p>{outcome.next}</p>
        </div>
      )}
    </div>
  );
}
