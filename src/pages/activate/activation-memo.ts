/**
 * What the phone remembers across the trip to the MVPD login and back to `/activate/done`: the code
 * it activated and, when known, the provider. Kept in sessionStorage (this tab only); it is a hint
 * for the done page, never trusted for anything else.
 */
export interface ActivationMemo {
  code: string;
  mvpd?: string;
  displayName?: string;
}

const KEY = 'passref.activation';
const CODE = /^[A-Z0-9]{1,16}$/;

function storage(): Storage | undefined {
  try {
    return globalThis.sessionStorage;
  } catch {
    return undefined;
  }
}

export function saveActivationMemo(memo: ActivationMemo): void {
  try {
    storage()?.setItem(KEY, JSON.stringify(memo));
  } catch {
    // Private mode or full storage: the done page just says less.
  }
}

export function readActivationMemo(): ActivationMemo | null {
  try {
    const raw = storage()?.getItem(KEY);
    if (!raw) return null;
    const value = JSON.parse(raw) as Partial<Record<keyof ActivationMemo, unknown>>;
    if (typeof value.code !== 'string' || !CODE.test(value.code)) return null;
    return {
      code: value.code,
      ...(typeof value.mvpd === 'string' ? { mvpd: value.mvpd.slice(0, 64) } : {}),
      ...(typeof value.displayName === 'string' ? { displayName: value.displayName.slice(0, 120) } : {}),
    };
  } catch {
    return null;
  }
}
