/**
 * Test helpers for the TempPass tests: identity headers, decisions/profile/logout calls against an
 * emulator (in-process app or `httpRequester`), and the Reset TempPass API. Test-only code; throws
 * plain Errors.
 */
import { createHash } from 'node:crypto';
import { apiHeaders, SP, type EmulatorApp } from '../test-support.ts';
import type { DecisionItem } from './decision-fixtures.ts';

export const BASIC = 'TempPass';
export const PROMO = 'TempPassPromo';
export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;

export function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** `AP-TempPass-Identity` for a JSON object, or for `{"email": sha256(email)}` given an address. */
export function identityHeader(identity: string | Record<string, unknown>): string {
  const object = typeof identity === 'string' ? { email: sha256(identity) } : identity;
  return Buffer.from(JSON.stringify(object), 'utf8').toString('base64');
}

export type { DecisionItem };

export interface Caller {
  app: EmulatorApp;
  token: string;
  deviceId: string;
  /** e-mail address (hashed into the header), a raw header value, or none. */
  email?: string;
  header?: string;
}

function tempPassHeaders(caller: Caller, extra: Record<string, string> = {}): Record<string, string> {
  const identity: Record<string, string> =
    caller.header !== undefined
      ? { 'AP-TempPass-Identity': caller.header }
      : caller.email !== undefined
        ? { 'AP-TempPass-Identity': identityHeader(caller.email) }
        : {};
  return apiHeaders(caller.token, caller.deviceId, { ...identity, ...extra });
}

export async function decide(
  caller: Caller,
  kind: 'authorize' | 'preauthorize',
  mvpd: string,
  resources: string[],
): Promise<{ status: number; body: unknown; decisions: DecisionItem[] }> {
  const response = await caller.app.request(`/api/v2/${SP}/decisions/${kind}/${mvpd}`, {
    method: 'POST',
    headers: tempPassHeaders(caller, { 'Content-Type': 'application/json' }),
    body: JSON.stringify({ resources }),
  });
  const body: unknown = await response.json();
  const decisions = (body as { decisions?: DecisionItem[] }).decisions ?? [];
  return { status: response.status, body, decisions };
}

/** Authorizes one resource and returns its single decision item. */
export async function authorizeOne(caller: Caller, mvpd: string, resource: string): Promise<DecisionItem> {
  const { status, body, decisions } = await decide(caller, 'authorize', mvpd, [resource]);
  const item = decisions[0];
  if (status !== 200 || !item) throw new Error(`authorize ${resource}: ${status} ${JSON.stringify(body)}`);
  return item;
}

export async function getProfile(
  caller: Caller,
  mvpd: string,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await caller.app.request(`/api/v2/${SP}/profiles/${mvpd}`, {
    headers: tempPassHeaders(caller),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

export async function logout(caller: Caller, mvpd: string): Promise<Record<string, unknown>> {
  const response = await caller.app.request(`/api/v2/${SP}/logout/${mvpd}`, {
    headers: tempPassHeaders(caller),
  });
  if (response.status !== 200) throw new Error(`logout: ${response.status}`);
  return (await response.json()) as Record<string, unknown>;
}

/** `DELETE /reset-tempass/{version}/reset[/generic]?…`; returns the response. */
export async function resetCall(
  app: EmulatorApp,
  path: string,
  query: Record<string, string>,
  headers: Record<string, string>,
  method = 'DELETE',
): Promise<Response> {
  const search = new URLSearchParams(query).toString();
  return await app.request(`/reset-tempass/${path}${search ? `?${search}` : ''}`, { method, headers });
}

/** v3 device reset with a bearer token; throws unless 204. */
export async function resetDevice(app: EmulatorApp, token: string, mvpd: string, deviceId?: string) {
  const query: Record<string, string> = { requestor_id: SP, mvpd_id: mvpd };
  if (deviceId !== undefined) query.device_id = deviceId;
  const response = await resetCall(app, 'v3/reset', query, { Authorization: `Bearer ${token}` });
  if (response.status !== 204) throw new Error(`device reset: ${response.status} ${await response.text()}`);
}

/** v3 generic (identity) reset with a bearer token; `key` is the hash (or `all`). Throws unless 204. */
export async function resetIdentity(app: EmulatorApp, token: string, mvpd: string, key?: string) {
  const query: Record<string, string> = { requestor_id: SP, mvpd_id: mvpd };
  if (key !== undefined) query.key = key;
  const response = await resetCall(app, 'v3/reset/generic', query, { Authorization: `Bearer ${token}` });
  if (response.status !== 204) throw new Error(`generic reset: ${response.status} ${await response.text()}`);
}
