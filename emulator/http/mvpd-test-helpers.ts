import { expect } from 'vitest';
import {
  apiHeaders,
  formBody,
  makeEmulator,
  registerAndToken,
  SP,
  type EmulatorApp,
} from '../test-support.ts';

/** Shared set-up of the MVPD page tests: a session ready for the browser login. */
export const REDIRECT = 'http://localhost/auth/done?x=1';

export async function startSession(
  app: EmulatorApp,
  token: string,
  params: Record<string, string>,
  deviceId = 'device-1',
  base = '',
) {
  const response = await app.request(`${base}/api/v2/${SP}/sessions`, {
    method: 'POST',
    headers: apiHeaders(token, deviceId, { 'Content-Type': 'application/x-www-form-urlencoded' }),
    body: formBody(params),
  });
  expect(response.status).toBe(200);
  return (await response.json()) as { code: string; url: string };
}

export async function setup(mvpd = 'AcmeCable') {
  const emulator = makeEmulator();
  const token = await registerAndToken(emulator.app);
  const session = await startSession(emulator.app, token, {
    mvpd,
    domainName: 'localhost',
    redirectUrl: REDIRECT,
  });
  return { ...emulator, token, session };
}

export async function expectHtmlError(response: Response, status: number, text: RegExp) {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toMatch(/^text\/html/);
  const html = await response.text();
  expect(html).toMatch(text);
  expect(html).not.toMatch(/at .*\.ts:\d+|Error:/);
  return html;
}
