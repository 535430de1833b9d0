import { useEffect, useEffectEvent, useState, type CSSProperties } from 'react';

/** Remaining time as `mm:ss` (minutes may exceed 59); partial seconds round up, so 0 means "over". */
export function formatCountdown(remainingMs: number): string {
  const totalSeconds = Number.isFinite(remainingMs) ? Math.max(0, Math.ceil(remainingMs / 1000)) : 0;
  const minutes = Math.floor(totalSeconds / 60);
  const seconds = totalSeconds % 60;
  return `${String(minutes).padStart(2, '0')}:${String(seconds).padStart(2, '0')}`;
}

/**
 * What a screen reader hears: changes every 5 minutes, then every minute in the last five, then once
 * for the last minute — never every second.
 */
export function countdownAnnouncement(remainingMs: number, subject = 'The code'): string {
  if (remainingMs <= 0) return `${subject} has expired.`;
  const minutes = Math.ceil(remainingMs / 60_000);
  if (minutes <= 1) return `${subject} expires in less than a minute.`;
  if (minutes <= 5) return `${subject} expires in ${minutes} minutes.`;
  return `${subject} expires in about ${Math.ceil(minutes / 5) * 5} minutes.`;
}

const visuallyHidden: CSSProperties = {
  position: 'absolute',
  width: 1,
  height: 1,
  margin: -1,
  padding: 0,
  overflow: 'hidden',
  clip: 'rect(0 0 0 0)',
  whiteSpace: 'nowrap',
  border: 0,
};

interface CountdownProps {
  /** Deadline in epoch ms, on this device's clock. */
  until: number;
  /** Called once when the deadline passes (or at mount if it already has). */
  onExpire?: () => void;
  /** Used in the spoken announcement, e.g. "The code". */
  subject?: string;
  testId?: string;
  className?: string;
}

/**
 * A visible `mm:ss` countdown that updates every second, plus a polite live region that speaks only
 * at coarse steps. Remount it (React `key`) when the deadline belongs to something new.
 */
export function Countdown({
  until,
  onExpire,
  subject = 'The code',
  testId = 'code-countdown',
  className,
}: CountdownProps) {
  const [now, setNow] = useState(() => Date.now());
  const remaining = Math.max(0, until - now);
  const expired = remaining === 0;
  const notifyExpired = useEffectEvent(() => onExpire?.());

  useEffect(() => {
    if (expired) {
      notifyExpired();
      return;
    }
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [expired]);

  return (
    <>
      <span role="timer" aria-live="off" className={className} data-testid={testId}>
        {formatCountdown(remaining)}
      </span>
      <span aria-live="polite" style={visuallyHidden} data-testid={`${testId}-announcement`}>
        {countdownAnnouncement(remaining, subject)}
      </span>
    </>
  );
}
