import { useId } from 'react';
import { useAccessActions } from '../state/access-store';
import './access-switch.css';

interface AccessSwitchProps {
  providerName: string;
  active: 'provider' | 'free';
}

/**
 * "Watching with: <provider> | Free pass": the viewer holds a regular profile and a free pass at the
 * same time and picks which one the app authorizes against — no sign-out on either side.
 */
export function AccessSwitch({ providerName, active }: AccessSwitchProps) {
  const { providerChosen, freeChosen } = useAccessActions();
  const name = useId();
  return (
    <fieldset className="access-switch" data-testid="access-switch">
      <legend>Watching with</legend>
      <label className={active === 'provider' ? 'selected' : undefined}>
        <input type="radio" name={name} checked={active === 'provider'} onChange={providerChosen} />
        {providerName}
      </label>
      <label className={active === 'free' ? 'selected' : undefined}>
        <input type="radio" name={name} checked={active === 'free'} onChange={freeChosen} />
        Free pass
      </label>
    </fieldset>
  );
}
