/**
 * Which cookbook phase (A–E, /work/shared/spec/flows.md) and step a call belongs to, from its
 * method and path (any origin: the emulator, sp.auth.adobe.com, mgmt.auth.adobe.com).
 */
export type TracePhase =
  | 'registration'
  | 'authentication'
  | 'preauthorization'
  | 'authorization'
  | 'logout'
  | 'temporary-access'
  | 'other';

export const PHASES: readonly { id: TracePhase; label: string }[] = [
  { id: 'registration', label: 'A. Registration' },
  { id: 'authentication', label: 'B. Authentication' },
  { id: 'preauthorization', label: 'C. Preauthorization' },
  { id: 'authorization', label: 'D. Authorization' },
  { id: 'logout', label: 'E. Logout' },
  { id: 'temporary-access', label: 'Temporary access (TempPass)' },
  { id: 'other', label: 'Other' },
];

export function phaseLabel(phase: TracePhase): string {
  return PHASES.find((p) => p.id === phase)?.label ?? phase;
}

export interface Classification {
  phase: TracePhase;
  /** The cookbook step, e.g. "A1 Register the client (DCR)". */
  step: string;
}

export interface ClassifyInput {
  method: string;
  url: string;
  requestHeaders?: Readonly<Record<string, string>>;
  requestBody?: string | undefined;
}

export interface ClassifyContext {
  /** MVPD ids with `isTempPass: true` (from a configuration answer); ids named TempPass* count too. */
  tempPassMvpds?: ReadonlySet<string>;
}

function pathOf(url: string): string {
  try {
    return new URL(url, 'http://trace.invalid').pathname;
  } catch {
    return url.replace(/[?#].*$/, '');
  }
}

function segment(value: string | undefined): string {
  if (value === undefined) return '';
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

function hasHeader(headers: Readonly<Record<string, string>> | undefined, name: string): boolean {
  return Object.keys(headers ?? {}).some((key) => key.toLowerCase() === name);
}

function formValue(body: string | undefined, name: string): string | undefined {
  if (!body || body.trimStart().startsWith('{')) return undefined;
  try {
    return new URLSearchParams(body).get(name) ?? undefined;
  } catch {
    return undefined;
  }
}

export function isTempPassMvpd(mvpd: string | undefined, context: ClassifyContext = {}): boolean {
  if (!mvpd) return false;
  return context.tempPassMvpds?.has(mvpd) === true || /^temp_?pass/i.test(mvpd);
}

/** The cookbook phase and step of one call. */
export function classifyCall(input: ClassifyInput, context: ClassifyContext = {}): Classification {
  const method = input.method.toUpperCase();
  const path = pathOf(input.url);
  const parts = path.split('/').filter(Boolean).map(segment);
  const temp = (mvpd: string | undefined) =>
    isTempPassMvpd(mvpd, context) || hasHeader(input.requestHeaders, 'ap-temppass-identity');
  const tempOr = (mvpd: string | undefined, phase: TracePhase, step: string): Classification =>
    temp(mvpd) ? { phase: 'temporary-access', step: `${step} (TempPass)` } : { phase, step };

  if (parts[0] === 'o' && parts[1] === 'client') {
    if (parts[2] === 'register') return { phase: 'registration', step: 'A1 Register the client (DCR)' };
    if (parts[2] === 'token') return { phase: 'registration', step: 'A2 Get an access token' };
    return { phase: 'registration', step: 'A Registration' };
  }
  if (parts[0] === 'reset-tempass') {
    return { phase: 'temporary-access', step: 'Reset TempPass (programmer, management API)' };
  }
  if (parts[0] === 'media-token' && parts[1] === 'verify') {
    return { phase: 'authorization', step: 'D2 Verify the media token (programmer backend)' };
  }
  if (parts[0] === 'stream') {
    return { phase: 'authorization', step: 'D2 Stream from the protected origin' };
  }
  if (parts[0] === 'api' && parts[1] === 'v2') {
    if (parts[2] === 'authenticate') {
      return { phase: 'authentication', step: 'B3.2 Authenticate at the MVPD (browser)' };
    }
    // /api/v2/{sp}/…
    const [resource, a] = parts.slice(4);
    switch (parts[3]) {
      case 'configuration':
        return { phase: 'authentication', step: 'B3.1 Configuration (MVPD list)' };
      case 'sessions': {
        const mvpd = formValue(input.requestBody, 'mvpd');
        if (resource === undefined) return tempOr(mvpd, 'authentication', 'B3.2 Create a session');
        if (method === 'POST') return tempOr(mvpd, 'authentication', 'B3.2 Resume a session (second screen)');
        return { phase: 'authentication', step: 'B3.2 Look up a session code (second screen)' };
      }
      case 'profiles':
        if (resource === undefined) return { phase: 'authentication', step: 'B2 Existing profiles' };
        if (resource === 'code') return { phase: 'authentication', step: 'B4 Poll the profile by code' };
        return tempOr(resource, 'authentication', 'B2 Profile for the MVPD');
      case 'decisions':
        if (resource === 'preauthorize') return tempOr(a, 'preauthorization', 'C Preauthorize');
        if (resource === 'authorize') return tempOr(a, 'authorization', 'D1 Authorize');
        return { phase: 'other', step: 'Decisions' };
      case 'logout':
        return tempOr(resource, 'logout', 'E Logout');
      default:
        return { phase: 'other', step: 'REST API v2' };
    }
  }
  return { phase: 'other', step: 'Other' };
}

/** TempPass MVPD ids named by configuration answers (`requestor.mvpds[].isTempPass`) in the trace. */
export function tempPassMvpdsFrom(
  entries: readonly { url: string; status: number | null; responseBody?: string | undefined }[],
): Set<string> {
  const ids = new Set<string>();
  for (const entry of entries) {
    if (entry.status !== 200 || !/\/configuration(?:[?#]|$)/.test(entry.url) || !entry.responseBody) continue;
    try {
      const body = JSON.parse(entry.responseBody) as { requestor?: { mvpds?: unknown } };
      const mvpds = body.requestor?.mvpds;
      if (!Array.isArray(mvpds)) continue;
      for (const mvpd of mvpds as { id?: unknown; isTempPass?: unknown }[]) {
        if (mvpd?.isTempPass === true && typeof mvpd.id === 'string') ids.add(mvpd.id);
      }
    } catch {
      // Not JSON (or truncated): nothing learnt.
    }
  }
  return ids;
}
