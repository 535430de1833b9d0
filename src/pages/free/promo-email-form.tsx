import { useId, useRef, useState, type FormEvent } from 'react';
import { Spinner } from '../../components/spinner';
import { useAccessActions } from '../../state/access-store';
import { emailProblem, hashEmail } from '../../temppass/email';
import { promoIdentity, type FreePass } from '../../temppass/free-passes';

/**
 * The email for a promotional pass. It is checked, trimmed and lower-cased, hashed with SHA-256 on
 * this device, then cleared: only the hash goes on (in memory). Never a URL, storage, a query key
 * or a log.
 */
export function PromoEmailForm({ pass }: { pass: FreePass }) {
  const [email, setEmail] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [hashing, setHashing] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const { promoIdentityEntered } = useAccessActions();
  const id = useId();

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const issue = emailProblem(email);
    setProblem(issue);
    if (issue) {
      input.current?.focus();
      return;
    }
    setHashing(true);
    try {
      const hash = await hashEmail(email);
      setEmail('');
      promoIdentityEntered(promoIdentity(pass.mvpd, hash));
    } finally {
      setHashing(false);
    }
  };

  return (
    <form className="stack" noValidate onSubmit={(event) => void submit(event)} aria-busy={hashing}>
      <div className="field">
        <label htmlFor={`${id}-email`}>Email address</label>
        <input
          ref={input}
          id={`${id}-email`}
          type="email"
          inputMode="email"
          autoComplete="email"
          autoCapitalize="none"
          spellCheck={false}
          value={email}
          onChange={(event) => setEmail(event.target.value)}
          aria-invalid={problem !== null}
          aria-describedby={`${id}-hint${problem ? ` ${id}-error` : ''}`}
          data-testid="promo-email-input"
        />
        <p id={`${id}-hint`} className="hint">
          Counts your free titles on every device where you enter it. Only a one-way code made from it on this
          device (SHA-256) is sent — never the address.
        </p>
        {problem && (
          <p id={`${id}-error`} className="field-error" role="alert" data-testid="promo-email-error">
            {problem}
          </p>
        )}
      </div>
      {hashing && <Spinner label="Preparing your free titles…" />}
      <div className="actions">
        <button type="submit" className="button primary" disabled={hashing}>
          Get my free titles
        </button>
      </div>
    </form>
  );
}
