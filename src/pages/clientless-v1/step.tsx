import type { ReactNode } from 'react';
import { Spinner } from '../../components/spinner';
import type { V1Exchange } from '../../pass/v1';
import { ExchangeView } from './exchange-view';
import { nextStep, type StepId } from './next-step';

/** The steps in order, and one step's frame: title, state, its controls, errors with next steps, the raw exchange. */
export const STEPS: { id: StepId; title: string }[] = [
  { id: 'regcode', title: 'Registration code' },
  { id: 'login', title: 'Sign in on a second screen' },
  { id: 'checkauthn', title: 'Check authentication' },
  { id: 'authorize', title: 'Authorize a resource' },
  { id: 'media', title: 'Media token' },
];

export function Step(props: {
  index: number;
  id: StepId;
  title: string;
  done: boolean;
  current: boolean;
  busy: boolean;
  exchange: V1Exchange | undefined;
  children: ReactNode;
}) {
  const { index, id, title, done, current, busy, exchange } = props;
  return (
    <li aria-current={current ? 'step' : undefined} data-testid={`v1-step-${id}`}>
      <section className="panel" aria-labelledby={`v1-step-${id}-title`} aria-busy={busy}>
        <h2 id={`v1-step-${id}-title`}>
          {index + 1}. {title}
        </h2>
        <p className={`v1-step-state${done ? ' done' : ''}`}>
          {done ? 'Done' : current ? 'Next step' : 'Not done yet'}
        </p>
        {props.children}
        {busy && <Spinner label="Waiting for the answer…" />}
        {exchange && !exchange.ok && (
          <div className="panel panel-error" role="alert" data-testid={`v1-error-${id}`}>
            <p>{nextStep(id, exchange)}</p>
          </div>
        )}
        {exchange && <ExchangeView exchange={exchange} label={title} />}
      </section>
    </li>
  );
}
