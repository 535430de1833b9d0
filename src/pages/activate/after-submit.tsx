import { useEffect, useEffectEvent, useState } from 'react';
import { createPortal } from 'react-dom';
import { isPassApiError, isPassTransportError } from '../../pass/errors';
import { codeRefused, OPEN_GUARD, pauseEntry, type CodeEntryGuard } from './code-entry-guard';

/**
 * Everything the phone's code entry needs once a lookup has answered — what an error means, the
 * pause, the error panel, the provider step — in one chunk of its own. The page requests it together
 * with the lookup, so it is there when the answer is, and its initial JS stays the form.
 */
export { ErrorPanelView as ErrorPanel } from '../../components/error-panel-view';
export { pauseOver } from './code-entry-guard';
export { default as SessionStep } from './session-step';

/** `invalid`: no such live code (one message for wrong and expired); `throttled`: HTTP 429. */
export type FailureKind = 'invalid' | 'throttled' | 'other';

/** Errors that mean "no such live code" — reported with one message, whichever it was. */
const INVALID_CODE_ERRORS = new Set(['invalid_authentication_session', 'invalid_parameter_code']);

export function failureKind(error: unknown): FailureKind {
  if (isPassApiError(error) && (INVALID_CODE_ERRORS.has(error.code) || error.httpStatus === 404))
    return 'invalid';
  return isPassTransportError(error) && error.kind === 'throttled' ? 'throttled' : 'other';
}

/** The guard after a failed lookup (`null` = no failure since the last code that was found). */
export function nextGuard(
  guard: CodeEntryGuard | null,
  kind: FailureKind,
  now: number,
): CodeEntryGuard | null {
  if (kind === 'throttled') return pauseEntry(guard ?? OPEN_GUARD, now);
  if (kind === 'invalid') return codeRefused(guard ?? OPEN_GUARD, now);
  return guard;
}

/**
 * While code entry is paused: a calm note with a visible `m:ss` (a timer, not spoken every second).
 * What a screen reader hears goes into the page's polite live region (`liveRegion`, present from the
 * start so that changes are announced): at the start, once a minute, and when entry opens again.
 */
export function PauseNotice({
  guard,
  onOver,
  liveRegion,
}: {
  guard: CodeEntryGuard;
  onOver: () => void;
  liveRegion: HTMLElement | null;
}) {
  // The clock's last tick, for the pause it was taken in (a new pause starts from its own start).
  const [tick, setTick] = useState({ until: 0, now: 0 });
  const until = guard.pausedUntil;
  const left = Math.max(0, until - (tick.until === until ? tick.now : guard.pausedAt));
  const over = useEffectEvent(onOver);
  useEffect(() => {
    if (until === 0) return;
    const timer = setInterval(() => setTick({ until, now: Date.now() }), 1000);
    return () => clearInterval(timer);
  }, [until]);
  useEffect(() => {
    if (until !== 0 && left === 0) over();
  }, [until, left]);
  const seconds = Math.ceil(left / 1000);
  const minutes = Math.ceil(seconds / 60);
  const spoken =
    until === 0
      ? 'You can enter a code again.'
      : `Code entry is paused. You can try again in ${minutes > 1 ? `${minutes} minutes` : 'less than a minute'}.`;
  return (
    <>
      {liveRegion && createPortal(spoken, liveRegion)}
      {until !== 0 && (
        <div className="panel" data-testid="activation-paused">
          <p className="activate-pause">
            Too many tries in a row, so code entry is paused for a moment. Check the code on your TV; you can
            try again in{' '}
            <span role="timer" data-testid="activation-pause-timer">
              {Math.floor(seconds / 60)}:{String(seconds % 60).padStart(2, '0')}
            </span>
            .
          </p>
        </div>
      )}
    </>
  );
}
