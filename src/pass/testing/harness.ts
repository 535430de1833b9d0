import { expect, vi } from 'vitest';
import { createPassClient, type PassClient, type PassClientOptions } from '../client';
import type { DeviceInfo } from '../device';
import type { PassExchange } from '../transport';
import { createFakeAdobe, type FakeAdobe } from './fake-adobe';

export const DEVICE_ID = 'ba23d141-d715-561c-94f4-e9e4c966b1eb';
export const DEVICE_HEADER = 'fingerprint YmEyM2QxNDEtZDcxNS01NjFjLTk0ZjQtZTllNGM5NjZiMWVi';
export const API = 'https://sp.auth.adobe.com';
export const T0 = 1752148106221;

export const DEVICE_INFO: DeviceInfo = {
  primaryHardwareType: 'MobilePhone',
  model: 'SM-S901U',
  vendor: 'samsung',
  version: 'r0q',
  manufacturer: 'samsung',
  osName: 'Android',
  osVersion: '14',
  connectionType: 'WiFi',
};

export interface Harness {
  client: PassClient;
  fake: FakeAdobe;
  sleep: ReturnType<typeof vi.fn<(ms: number) => Promise<void>>>;
  clock: { now: number };
  exchanges: PassExchange[];
}

/** A client wired to a fake Adobe, a controllable clock and a recording sleep. */
export function createHarness(overrides: Partial<PassClientOptions> = {}, expiresIn?: number): Harness {
  const clock = { now: T0 };
  const now = (): number => clock.now;
  const fake = createFakeAdobe(expiresIn === undefined ? { now } : { now, expiresIn });
  const sleep = vi.fn((_ms: number) => Promise.resolve());
  const exchanges: PassExchange[] = [];
  const client = createPassClient({
    config: {
      apiBaseUrl: API,
      serviceProvider: 'REF30',
      softwareStatement: 'eyJhbGciOiJSUzI1NiJ9.eyJzb2Z0d2FyZV9pZCI6IjEyMyJ9.sig',
      redirectUri: 'adobepass://com.programmer',
    },
    deviceId: DEVICE_ID,
    deviceInfo: DEVICE_INFO,
    fetch: fake.fetch,
    sleep,
    now,
    onExchange: (exchange) => exchanges.push(exchange),
    ...overrides,
  });
  return { client, fake, sleep, clock, exchanges };
}

/** Decodes the `X-Device-Info` header back to its JSON object. */
export function decodeDeviceInfoHeader(value: string | null): unknown {
  if (value === null) return null;
  return JSON.parse(new TextDecoder().decode(Uint8Array.from(atob(value), (c) => c.charCodeAt(0))));
}

/** The API (non-DCR) requests made so far. */
export function apiRequests(fake: FakeAdobe) {
  return fake.requests.filter((request) => request.pathname.startsWith('/api/'));
}

/** Asserts the headers every protected call carries. */
export function expectStandardHeaders(
  request: { headers: Headers } | undefined,
  contentType: string | null,
  token = 'token-1',
): void {
  expect(request).toBeDefined();
  const headers = request!.headers;
  expect(headers.get('authorization')).toBe(`Bearer ${token}`);
  expect(headers.get('ap-device-identifier')).toBe(DEVICE_HEADER);
  expect(decodeDeviceInfoHeader(headers.get('x-device-info'))).toEqual(DEVICE_INFO);
  expect(headers.get('accept')).toBe('application/json');
  expect(headers.get('content-type')).toBe(contentType);
}
