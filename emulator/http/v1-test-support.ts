import {
  completeBrowserLogin,
  makeEmulator,
  ORIGIN,
  registerAndToken,
  SP,
  type EmulatorApp,
} from '../test-support.ts';
import type { EmulatorOptions } from '../context.ts';

/** Helpers for the legacy v1 tests: a v1 device talking to an in-memory emulator. */
export const DEVICE_INFO = Buffer.from(
  JSON.stringify({
    model: 'Roku Ultra',
    version: '4800X',
    osName: 'Roku OS',
    osVersion: '12.5',
    connectionType: 'WiFi',
  }),
).toString('base64');

export async function v1Emulator(options: Partial<EmulatorOptions> = {}) {
  const emulator = makeEmulator(options);
  const token = await registerAndToken(emulator.app);
  return { ...emulator, token };
}

export type Format = 'json' | 'xml';

export interface V1RequestOptions {
  token?: string | undefined;
  format?: Format;
  headers?: Record<string, string>;
  method?: 'GET' | 'POST' | 'DELETE' | 'PUT';
  /** Sends X-Device-Info unless false. */
  deviceInfo?: boolean;
}

/** One v1 call: query parameters, Accept by `format`, bearer token, X-Device-Info. */
export async function v1Call(
  app: EmulatorApp,
  path: string,
  params: Record<string, string>,
  options: V1RequestOptions = {},
): Promise<Response> {
  const query = new URLSearchParams(params).toString();
  const headers: Record<string, string> = {
    ...(options.token !== undefined ? { Authorization: `Bearer ${options.token}` } : {}),
    ...(options.format ? { Accept: options.format === 'json' ? 'application/json' : 'application/xml' } : {}),
    ...(options.deviceInfo === false ? {} : { 'X-Device-Info': DEVICE_INFO }),
    ...options.headers,
  };
  return await app.request(`${path}${query ? `?${query}` : ''}`, {
    method: options.method ?? 'GET',
    headers,
  });
}

/** `POST /reggie/v1/{SP}/regcode` (JSON), expecting 201. */
export async function newRegcode(
  app: EmulatorApp,
  token: string,
  deviceId: string,
  extra: Record<string, string> = {},
): Promise<{ id: string; code: string; expires: number; generated: number }> {
  const response = await v1Call(
    app,
    `/reggie/v1/${SP}/regcode`,
    { deviceId, ...extra },
    {
      token,
      format: 'json',
      method: 'POST',
    },
  );
  if (response.status !== 201) throw new Error(`regcode: HTTP ${response.status} ${await response.text()}`);
  return (await response.json()) as { id: string; code: string; expires: number; generated: number };
}

export function authenticateUrl(
  code: string,
  mvpd = 'AcmeCable',
  redirectUrl = `${ORIGIN}/activate/done`,
): string {
  const query = new URLSearchParams({
    requestor_id: SP,
    mso_id: mvpd,
    reg_code: code,
    domain_name: 'localhost',
    noflash: 'true',
    no_iframe: 'true',
    redirect_url: redirectUrl,
  });
  return `/api/v1/authenticate?${query.toString()}`;
}

/** Regcode → second-screen browser login with a seeded account. Returns the regcode. */
export async function v1SignIn(
  app: EmulatorApp,
  token: string,
  deviceId: string,
  options: { mvpd?: string; username?: string } = {},
): Promise<string> {
  const { code } = await newRegcode(app, token, deviceId);
  const done = await completeBrowserLogin(app, authenticateUrl(code, options.mvpd), {
    username: options.username ?? 'premium',
    password: 'password',
  });
  if (done.status !== 302) throw new Error(`login: HTTP ${done.status} ${await done.text()}`);
  return code;
}

export function deviceParams(deviceId: string, extra: Record<string, string> = {}): Record<string, string> {
  return { requestor: SP, deviceId, ...extra };
}
