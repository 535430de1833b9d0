import { useId, useState, type FormEvent } from 'react';
import { ProviderLogo } from '../../components/provider-logo';
import type { ProviderChoice } from './provider-choices';

interface ProviderChooserProps {
  choices: readonly ProviderChoice[];
  /** Preselected (the provider in use); none → the first one. */
  selected: string | null;
  onChoose(choice: ProviderChoice): void;
}

/**
 * "Which TV provider do you want to watch with on this device?": one radio per signed-in provider
 * (arrow keys move between them), then one button. A native radio group in a fieldset, so screen
 * readers announce the question, each provider and how many there are.
 */
export function ProviderChooser({ choices, selected, onChoose }: ProviderChooserProps) {
  const name = useId();
  const [value, setValue] = useState(() =>
    choices.some((choice) => choice.id === selected) ? selected : (choices[0]?.id ?? null),
  );
  const picked = choices.find((choice) => choice.id === value) ?? choices[0];
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (picked) onChoose(picked);
  };
  return (
    <form className="provider-chooser stack" onSubmit={submit} data-testid="provider-chooser">
      <fieldset>
        <legend>Which TV provider do you want to watch with on this device?</legend>
        {choices.map((choice) => (
          <label
            key={choice.id}
            className="provider-choice"
            data-testid="provider-choice"
            data-mvpd={choice.id}
          >
            <input
              type="radio"
              name={name}
              value={choice.id}
              checked={picked?.id === choice.id}
              onChange={() => setValue(choice.id)}
            />
            {choice.logoUrl && <ProviderLogo src={choice.logoUrl} />}
            <span className="provider-choice-name">{choice.displayName}</span>
            <span className="muted">signed in until {new Date(choice.notAfter).toLocaleDateString()}</span>
          </label>
        ))}
      </fieldset>
      <div className="actions">
        <button type="submit" className="button primary" disabled={!picked}>
          Watch with {picked?.displayName ?? 'this provider'}
        </button>
      </div>
    </form>
  );
}
