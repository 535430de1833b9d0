// @vitest-environment node
import { describe, expect, it } from 'vitest';
import * as emulatorModel from '../../emulator/domain/scenarios.ts';
import { makeEmulator } from '../../emulator/test-support.ts';
import { createEmulatorControl, EmulatorControlError } from './control-client';
import {
  DEGRADATION_RULES,
  DEVICE_SCOPED_TYPES,
  FAULT_KINDS,
  MVPD_SCOPED_TYPES,
  sameScenario,
  SCENARIO_ENDPOINTS,
  type ScenarioInput,
} from './scenario-model';

/** The browser's control client, talking to an in-process emulator (no socket). */
function controlOf(app: ReturnType<typeof makeEmulator>['app']) {
  return createEmulatorControl({
    baseUrl: 'http://127.0.0.1',
    fetch: async (input, init) => app.request(String(input), init),
  });
}

const EVERY_TYPE: ScenarioInput[] = [
  { type: 'deny-resource', resource: 'harbor-morning-brief', details: 'Blacked out.', deviceId: 'tv-1' },
  { type: 'deny-channel', channel: 'summit-sports', deviceId: 'tv-1' },
  { type: 'degradation', rule: 'AuthZNone', mvpd: 'AcmeCable', deviceId: 'tv-1' },
  { type: 'login-delay', delayMs: 2500, mvpd: 'AcmeCable' },
  { type: 'login-failure', probability: 0.5, mvpd: 'MetroFiber', deviceId: 'tv-1' },
  { type: 'latency', delayMs: 1500 },
  { type: 'latency', delayMs: 100, endpoint: 'authorize', deviceId: 'tv-1' },
  {
    type: 'fault',
    endpoint: 'profiles',
    fault: 'server-error',
    probability: 0.3,
    status: 503,
    deviceId: 'tv-1',
  },
  { type: 'fault', endpoint: 'token', fault: 'too-many-requests', probability: 1 },
  { type: 'fault', endpoint: 'sessions', fault: 'drop', probability: 1, deviceId: 'tv-2' },
  { type: 'throttle', throttled: true, deviceId: 'tv-1' },
];

describe('the browser’s scenario model matches the emulator’s', () => {
  it('same rules, endpoint families, fault kinds and scope rules', () => {
    expect(DEGRADATION_RULES).toEqual(emulatorModel.DEGRADATION_RULES);
    expect(SCENARIO_ENDPOINTS).toEqual(emulatorModel.SCENARIO_ENDPOINTS);
    expect(FAULT_KINDS).toEqual(emulatorModel.FAULT_KINDS);
    expect(MVPD_SCOPED_TYPES).toEqual(emulatorModel.MVPD_SCOPED_TYPES);
    expect(DEVICE_SCOPED_TYPES).toEqual(emulatorModel.DEVICE_SCOPED_TYPES);
  });

  it('every scenario type round-trips through the real control plane and parses', async () => {
    const { app } = makeEmulator();
    const control = controlOf(app);
    const stored = [];
    for (const input of EVERY_TYPE) stored.push(await control.addScenario(input));
    expect(stored.map((s) => s.id)).toEqual(EVERY_TYPE.map((_, i) => `s${i + 1}`));
    stored.forEach((scenario, index) => expect(sameScenario(scenario, EVERY_TYPE[index]!)).toBe(true));
    expect(await control.listScenarios()).toEqual(stored);

    await control.removeScenario('s2');
    expect(await control.clearScenarios('tv-1')).toBe(6);
    expect((await control.listScenarios()).map((s) => s.id)).toEqual(['s4', 's6', 's9', 's10']);
    expect(await control.clearScenarios()).toBe(4);
    expect(await control.listScenarios()).toEqual([]);
  });

  it('the emulator’s 400 and 404 messages come through as the error text', async () => {
    const { app } = makeEmulator();
    const control = controlOf(app);
    const refused = await control
      .addScenario({ type: 'fault', endpoint: 'register', fault: 'drop', probability: 1, deviceId: 'tv-1' })
      .catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(EmulatorControlError);
    expect(refused).toMatchObject({ kind: 'invalid', status: 400 });
    expect((refused as Error).message).toMatch(/register endpoint carry no device/);
    const unknownTitle = await control
      .addScenario({ type: 'deny-resource', resource: 'no-such-title', deviceId: 'tv-1' })
      .catch((error: unknown) => error);
    expect((unknownTitle as Error).message).toMatch(/Unknown resource "no-such-title"/);
    await expect(control.removeScenario('s42')).rejects.toMatchObject({ kind: 'not-found', status: 404 });
  });

  it('device reset removes that device’s scenarios only; the clock moves forward', async () => {
    const { app } = makeEmulator();
    const control = controlOf(app);
    await control.addScenario({ type: 'throttle', throttled: true, deviceId: 'tv-1' });
    await control.addScenario({ type: 'throttle', throttled: true, deviceId: 'tv-2' });
    const reset = await control.resetDevice('tv-1');
    expect(reset.deviceId).toBe('tv-1');
    expect(reset.removed).toMatchObject({ scenarios: 1 });
    expect((await control.listScenarios()).map((s) => s.deviceId)).toEqual(['tv-2']);
    const before = await control.clock();
    const after = await control.advanceClock(3_600_000);
    expect(after - before).toBeGreaterThanOrEqual(3_600_000);
    expect(after - before).toBeLessThan(3_600_000 + 5_000);
  });

  it('reads the seed’s MVPDs (TempPass flagged) and catalog', async () => {
    const { app } = makeEmulator();
    const seed = await controlOf(app).seed();
    expect(seed.serviceProvider).toBe('REF30');
    expect(seed.mvpds.find((m) => m.id === 'AcmeCable')).toEqual({
      id: 'AcmeCable',
      displayName: 'Acme Cable',
    });
    expect(seed.mvpds.find((m) => m.id === 'TempPass')?.isTempPass).toBe(true);
    expect(seed.resources).toHaveLength(16);
    expect(seed.resources[0]).toEqual({
      id: 'harbor-morning-brief',
      title: 'The Morning Brief',
      channel: 'harbor-news',
      channelName: 'Harbor News',
    });
  });
});

describe('sameScenario', () => {
  it('ignores ids, creation times and absent fields; compares every other field', () => {
    const input: ScenarioInput = { type: 'latency', delayMs: 10, deviceId: 'd' };
    expect(sameScenario({ ...input, id: 's1', createdAt: 3 }, input)).toBe(true);
    expect(sameScenario({ ...input, endpoint: undefined }, input)).toBe(true);
    expect(sameScenario({ ...input, delayMs: 11 }, input)).toBe(false);
    expect(sameScenario({ ...input, deviceId: 'e' }, input)).toBe(false);
    expect(sameScenario({ type: 'latency', delayMs: 10 }, input)).toBe(false);
  });
});
