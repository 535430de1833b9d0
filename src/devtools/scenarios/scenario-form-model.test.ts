// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { describeScenario, describeScope, percent } from '../../emulator-control/describe-scenario';
import { initialFormState, toScenarioInput, type ScenarioFormState } from './scenario-form-model';

const DEVICE = 'tv-1';
const base = initialFormState({
  resource: 'harbor-morning-brief',
  channel: 'harbor-news',
  mvpd: 'AcmeCable',
});
const form = (changes: Partial<ScenarioFormState>): ScenarioFormState => ({ ...base, ...changes });

describe('toScenarioInput: each preset', () => {
  it.each<[string, Partial<ScenarioFormState>, unknown]>([
    ['deny a title', {}, { type: 'deny-resource', resource: 'harbor-morning-brief', deviceId: DEVICE }],
    [
      'deny a channel',
      { preset: 'deny-channel' },
      { type: 'deny-channel', channel: 'harbor-news', deviceId: DEVICE },
    ],
    [
      'degrade, all devices',
      { preset: 'degrade', rule: 'AuthNAll', scope: 'all' },
      { type: 'degradation', rule: 'AuthNAll', mvpd: 'AcmeCable' },
    ],
    [
      'slow login',
      { preset: 'slow-login', delayMs: ' 2500 ' },
      { type: 'login-delay', delayMs: 2500, mvpd: 'AcmeCable', deviceId: DEVICE },
    ],
    [
      'failing login',
      { preset: 'failing-login', percent: '12.5' },
      { type: 'login-failure', probability: 0.125, mvpd: 'AcmeCable', deviceId: DEVICE },
    ],
    [
      'latency on everything',
      { preset: 'latency', endpoint: 'all', delayMs: '0' },
      { type: 'latency', delayMs: 0, deviceId: DEVICE },
    ],
    [
      'latency on one endpoint',
      { preset: 'latency', endpoint: 'preauthorize', delayMs: '60000', scope: 'all' },
      { type: 'latency', delayMs: 60000, endpoint: 'preauthorize' },
    ],
    [
      '5xx with a status',
      { preset: 'fault', endpoint: 'profiles', status: '503', percent: '30' },
      {
        type: 'fault',
        endpoint: 'profiles',
        fault: 'server-error',
        probability: 0.3,
        status: 503,
        deviceId: DEVICE,
      },
    ],
    [
      '429 (no status)',
      { preset: 'fault', endpoint: 'authorize', fault: 'too-many-requests', status: 'ignored' },
      { type: 'fault', endpoint: 'authorize', fault: 'too-many-requests', probability: 1, deviceId: DEVICE },
    ],
    [
      'dropped connection',
      { preset: 'fault', endpoint: 'sessions', fault: 'drop', percent: '0' },
      { type: 'fault', endpoint: 'sessions', fault: 'drop', probability: 0, deviceId: DEVICE },
    ],
    ['throttle on', { preset: 'throttle' }, { type: 'throttle', throttled: true, deviceId: DEVICE }],
    [
      'throttle off is per device even with "all devices"',
      { preset: 'throttle', throttled: false, scope: 'all' },
      { type: 'throttle', throttled: false, deviceId: DEVICE },
    ],
  ])('%s', (_name, changes, expected) => {
    expect(toScenarioInput(form(changes), DEVICE)).toEqual({ input: expected });
  });
});

describe('toScenarioInput: what the form refuses before asking the emulator', () => {
  it.each<[Partial<ScenarioFormState>, string]>([
    [
      { preset: 'slow-login', delayMs: '60001' },
      'The delay must be a whole number of milliseconds from 0 to 60000.',
    ],
    [
      { preset: 'latency', delayMs: '1.5' },
      'The delay must be a whole number of milliseconds from 0 to 60000.',
    ],
    [{ preset: 'latency', delayMs: '' }, 'The delay must be a whole number of milliseconds from 0 to 60000.'],
    [{ preset: 'failing-login', percent: '101' }, 'The probability must be a percentage from 0 to 100.'],
    [
      { preset: 'fault', endpoint: 'token', percent: '-3' },
      'The probability must be a percentage from 0 to 100.',
    ],
    [{ preset: 'fault', endpoint: 'token', status: '404' }, 'The status must be from 500 to 599.'],
    [{ preset: 'fault', endpoint: 'all' }, 'Choose the endpoint to fail.'],
    [{ preset: 'degrade', mvpd: '' }, 'Choose an MVPD.'],
    [{ resource: '' }, 'Choose a title.'],
    [{ preset: 'deny-channel', channel: '' }, 'Choose a channel.'],
  ])('%o', (changes, error) => {
    expect(toScenarioInput(form(changes), DEVICE)).toEqual({ error });
  });
});

describe('describeScenario and describeScope', () => {
  const names = {
    title: (id: string) => (id === 'harbor-morning-brief' ? 'The Morning Brief' : undefined),
    channel: (id: string) => (id === 'harbor-news' ? 'Harbor News' : undefined),
    mvpd: (id: string) => (id === 'AcmeCable' ? 'Acme Cable' : undefined),
  };

  it('one line per type, with display names where known', () => {
    expect(
      [
        { type: 'deny-resource', resource: 'harbor-morning-brief' },
        { type: 'deny-resource', resource: 'x', details: 'Blackout.' },
        { type: 'deny-channel', channel: 'harbor-news' },
        { type: 'degradation', rule: 'AuthZAll', mvpd: 'AcmeCable' },
        { type: 'login-delay', delayMs: 300, mvpd: 'MetroFiber' },
        { type: 'login-failure', probability: 0.5, mvpd: 'AcmeCable' },
        { type: 'latency', delayMs: 20 },
        { type: 'latency', delayMs: 20, endpoint: 'token' },
        { type: 'fault', endpoint: 'profiles', fault: 'server-error', probability: 1, status: 503 },
        { type: 'fault', endpoint: 'profiles', fault: 'server-error', probability: 1 },
        { type: 'fault', endpoint: 'token', fault: 'too-many-requests', probability: 0.25 },
        { type: 'fault', endpoint: 'sessions', fault: 'drop', probability: 1 / 3 },
        { type: 'throttle', throttled: true },
        { type: 'throttle', throttled: false },
      ].map((scenario) => describeScenario(scenario as Parameters<typeof describeScenario>[0], names)),
    ).toEqual([
      'Deny “The Morning Brief”',
      'Deny “x”: Blackout.',
      'Deny channel Harbor News',
      'Degrade Acme Cable: AuthZAll',
      'Slow MetroFiber login: 300 ms',
      'Failing Acme Cable login: 50 %',
      '+20 ms on every API request',
      '+20 ms on token',
      'HTTP 503 on profiles, 100 %',
      'HTTP 500 on profiles, 100 %',
      'HTTP 429 on token, 25 %',
      'Dropped connection on sessions, 33.33 %',
      'Throttle the device',
      'Never throttle the device',
    ]);
    expect(percent(0.125)).toBe('12.5 %');
  });

  it('scope: this device, all devices, another device, an MVPD limit', () => {
    expect(describeScope({ type: 'latency', deviceId: DEVICE }, DEVICE)).toBe('this device');
    expect(describeScope({ type: 'latency' }, DEVICE)).toBe('all devices');
    expect(describeScope({ type: 'latency', deviceId: 'tv-2' }, DEVICE)).toBe('device tv-2');
    expect(describeScope({ type: 'deny-channel', mvpd: 'AcmeCable' }, DEVICE, names)).toBe(
      'all devices, Acme Cable only',
    );
    expect(describeScope({ type: 'degradation', mvpd: 'AcmeCable', deviceId: DEVICE }, DEVICE, names)).toBe(
      'this device',
    );
  });
});
