import { useEffect, useState } from 'react';

/** Browsers run a timeout at once when its delay exceeds 2^31 - 1 ms; longer waits re-arm. */
const MAX_TIMEOUT_MS = 2_147_483_647;

/**
 * `true` once the device clock has passed `until` (epoch ms); `false` while it has not, or when there
 * is no deadline. One timer, re-armed only when the deadline changes.
 */
export function useDeadline(until: number | null): boolean {
  const [passed, setPassed] = useState<number | null>(null);
  const [rearm, setRearm] = useState(0);
  useEffect(() => {
    if (until === null) return;
    const wait = Math.min(Math.max(0, until - Date.now()), MAX_TIMEOUT_MS);
    const timer = setTimeout(() => {
      if (Date.now() >= until) setPassed(until);
      else setRearm((count) => count + 1);
    }, wait);
    return () => clearTimeout(timer);
  }, [until, rearm]);
  return until !== null && passed === until;
}
