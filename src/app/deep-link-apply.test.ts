// @vitest-environment node
import { describe, expect, it, vi } from 'vitest';
import { EmulatorControlError } from '../emulator-control/control-client';
import type { Scenario, ScenarioInput } from '../emulator-control/scenario-model';
import { applyDeepLink, type DeepLinkDeps } from './deep-link-apply';

const ACME = { id: 'AcmeCable', displayName: 'Acme Cable', logoUrl: '/acme.svg' };
const TITLES = [
  { id: 'harbor-morning-brief', title: 'The Morning Brief', channel: 'harbor-news' },
  { id: 'summit-derby-day', title: 'Derby Day Live', channel: 'summit-sports' },
];

function deps(search: string, overrides: Partial<DeepLinkDeps> = {}) {
  const active: Scenario[] = [];
  const added: ScenarioInput[] = [];
  const calls = {
    navigate: vi.fn<(to: string) => void>(),
    chooseProvider: vi.fn<DeepLinkDeps['chooseProvider']>(),
    scenariosChanged: vi.fn<() => void>(),
  };
  const value: DeepLinkDeps = {
    search,
    backend: 'emulator',
    deviceId: 'tv-1',
    control: {
      listScenarios: async () => [...active],
      addScenario: async (input) => {
        // As the emulator does: MVPD ids must be seeded ones.
        if (input.mvpd !== undefined && input.mvpd !== 'AcmeCable') {
          throw new EmulatorControlError('invalid', 400, `Unknown mvpd "${input.mvpd}".`);
        }
        added.push(input);
        const scenario = { ...input, id: `s${added.length}`, createdAt: 0 } as Scenario;
        active.push(scenario);
        return scenario;
      },
    },
    loadProviders: async () => [ACME],
    loadTitles: async () => TITLES,
    isSignedIn: async () => false,
    ...calls,
    ...overrides,
  };
  return { value, active, added, calls };
}

describe('applyDeepLink', () => {
  it('provider + title + scenario: scenarios for this device (MVPD ones on the provider), provider chosen, then the title', async () => {
    const { value, added, calls } = deps(
      '?provider=AcmeCable&title=harbor-morning-brief&scenario=deny,degrade:AuthZNone',
    );
    const outcome = await applyDeepLink(value);
    expect(added).toEqual([
      { type: 'deny-resource', resource: 'harbor-morning-brief', deviceId: 'tv-1' },
      { type: 'degradation', rule: 'AuthZNone', deviceId: 'tv-1', mvpd: 'AcmeCable' },
    ]);
    expect(calls.scenariosChanged).toHaveBeenCalledTimes(1);
    expect(calls.chooseProvider).toHaveBeenCalledWith(ACME);
    expect(calls.navigate.mock.calls).toEqual([['/watch/harbor-morning-brief']]);
    expect(outcome).toEqual({
      applied: [
        'Deny “The Morning Brief” on this device',
        'Degrade Acme Cable: AuthZNone on this device',
        'Acme Cable preselected',
        'Opening “The Morning Brief”',
      ],
      ignored: [],
      target: '/watch/harbor-morning-brief',
    });
  });

  it('a scenario already active on this device is not added twice (the link opened again)', async () => {
    const { value, active, added, calls } = deps('?scenario=throttle');
    active.push({ type: 'throttle', throttled: true, deviceId: 'tv-1', id: 's9', createdAt: 1 });
    const outcome = await applyDeepLink(value);
    expect(added).toEqual([]);
    expect(calls.scenariosChanged).not.toHaveBeenCalled();
    expect(outcome.applied).toEqual(['Throttle the device (already active on this device)']);
    expect(calls.navigate).toHaveBeenCalledWith('/');
  });

  it('a provider without a title: the picker when signed out, the catalog when signed in', async () => {
    const signedOut = deps('?provider=AcmeCable&utm=1');
    expect((await applyDeepLink(signedOut.value)).target).toBe('/providers');
    const isSignedIn = vi.fn(async (mvpd: string) => mvpd === 'AcmeCable');
    const signedIn = deps('?provider=AcmeCable&utm=1', { isSignedIn });
    expect((await applyDeepLink(signedIn.value)).target).toBe('/?utm=1');
    expect(signedIn.calls.navigate).toHaveBeenCalledWith('/?utm=1');
    // The link's provider is asked about by name: its profile may be a degraded one /profiles leaves out.
    expect(isSignedIn.mock.calls).toEqual([['AcmeCable']]);
  });

  it('unknown provider and title: left out with notices; the emulator refuses MVPD scenarios for it; still navigates', async () => {
    const { value, added, calls } = deps(
      '?provider=Nope&title=no-such-title&scenario=degrade:AuthNAll,throttle',
    );
    const outcome = await applyDeepLink(value);
    expect(added).toEqual([{ type: 'throttle', throttled: true, deviceId: 'tv-1' }]);
    expect(calls.chooseProvider).not.toHaveBeenCalled();
    expect(outcome.ignored).toEqual([
      'provider “Nope” is not one of this app’s TV providers.',
      'title “no-such-title” is not in the catalog.',
      'Scenario “degrade:AuthNAll”: Unknown mvpd "Nope".',
    ]);
    expect(outcome.target).toBe('/');
  });

  it('the emulator’s refusals become notices; the other scenarios still apply', async () => {
    const { value, added } = deps('?scenario=deny:summit-derby-day,throttle', {
      control: {
        listScenarios: async () => [],
        addScenario: async (input) => {
          if (input.type === 'deny-resource') {
            throw new EmulatorControlError('invalid', 400, 'Unknown resource "summit-derby-day".');
          }
          added.push(input);
          return { ...input, id: 's1', createdAt: 0 } as Scenario;
        },
      },
    });
    const outcome = await applyDeepLink(value);
    expect(added).toEqual([{ type: 'throttle', throttled: true, deviceId: 'tv-1' }]);
    expect(outcome.ignored).toEqual([
      'Scenario “deny:summit-derby-day”: Unknown resource "summit-derby-day".',
    ]);
  });

  it('a control plane that refuses (403) or cannot be read: one notice, nothing thrown', async () => {
    const { value, calls } = deps('?scenario=throttle', {
      control: {
        listScenarios: async () => {
          throw new EmulatorControlError('forbidden', 403, 'The control plane answers on loopback only.');
        },
        addScenario: async () => {
          throw new Error('not reached');
        },
      },
    });
    const outcome = await applyDeepLink(value);
    expect(outcome.ignored).toEqual([
      'Scenarios could not be applied: The control plane answers on loopback only.',
    ]);
    expect(calls.navigate).toHaveBeenCalledWith('/');
  });

  it('against Adobe Pass, scenarios are left out (the provider and title still apply)', async () => {
    const { value, added, calls } = deps('?provider=AcmeCable&title=summit-derby-day&scenario=throttle', {
      backend: 'adobe',
    });
    const outcome = await applyDeepLink(value);
    expect(added).toEqual([]);
    expect(outcome.ignored).toEqual([
      'Scenarios are a feature of the emulator; this app talks to Adobe Pass, so none was applied.',
    ]);
    expect(calls.chooseProvider).toHaveBeenCalledWith(ACME);
    expect(outcome.target).toBe('/watch/summit-derby-day');
  });

  it('configuration or catalog unavailable: notices, no crash', async () => {
    const { value } = deps('?provider=AcmeCable&title=summit-derby-day', {
      loadProviders: async () => {
        throw new Error('HTTP 503');
      },
      loadTitles: async () => {
        throw new Error('offline');
      },
    });
    const outcome = await applyDeepLink(value);
    expect(outcome.ignored).toEqual([
      'provider “AcmeCable” could not be checked: HTTP 503',
      'title “summit-derby-day” could not be checked: offline',
    ]);
    expect(outcome.target).toBe('/');
  });
});
