// @vitest-environment node
import { describe, expect, it } from 'vitest';
import type { Scenario, ScenarioInput } from '../emulator-control/scenario-model';
import {
  buildShareLink,
  MAX_LINK_SCENARIOS,
  parseDeepLink,
  presetOf,
  withoutDeepLinkKeys,
  type DeepLink,
} from './deep-link';
import { isDeepLink } from './deep-link-gate';

const specs = (link: DeepLink) => link.scenarios.map((scenario) => scenario.spec);

describe('parseDeepLink: provider and title', () => {
  it('reads provider, title and scenario; other keys are not its business', () => {
    const link = parseDeepLink(
      '?provider=AcmeCable&title=harbor-morning-brief&scenario=degrade:AuthZNone&utm=x',
    );
    expect(link).toEqual({
      provider: 'AcmeCable',
      title: 'harbor-morning-brief',
      scenarios: [{ text: 'degrade:AuthZNone', spec: { type: 'degradation', rule: 'AuthZNone' } }],
      ignored: [],
    });
    expect(parseDeepLink('')).toEqual({ provider: null, title: null, scenarios: [], ignored: [] });
  });

  it('leaves out malformed ids and repeated keys, with a notice each', () => {
    const link = parseDeepLink(
      `?provider=${encodeURIComponent('<script>')}&title=${encodeURIComponent('../../etc/passwd')}&scenario=deny&scenario=throttle`,
    );
    expect(link.provider).toBeNull();
    expect(link.title).toBeNull();
    expect(link.scenarios).toEqual([]);
    expect(link.ignored).toEqual([
      'provider “<script>” is not an MVPD id.',
      'title “../../etc/passwd” is not a title id.',
      'scenario was given 2 times; give it once.',
    ]);
  });

  it('quotes long values shortened', () => {
    const link = parseDeepLink(`?title=${'x'.repeat(101)}`);
    expect(link.ignored).toEqual([`title “${'x'.repeat(57)}…” is not a title id.`]);
  });
});

describe('parseDeepLink: every scenario preset', () => {
  it.each<[string, ScenarioInput]>([
    ['deny', { type: 'deny-resource', resource: 'harbor-morning-brief' }],
    ['deny:summit-derby-day', { type: 'deny-resource', resource: 'summit-derby-day' }],
    ['deny-channel:lantern-movies', { type: 'deny-channel', channel: 'lantern-movies' }],
    ['degrade:AuthNAll', { type: 'degradation', rule: 'AuthNAll' }],
    ['degrade:AuthZAll', { type: 'degradation', rule: 'AuthZAll' }],
    ['degrade:AuthZNone', { type: 'degradation', rule: 'AuthZNone' }],
    ['slow-login:5000', { type: 'login-delay', delayMs: 5000 }],
    ['slow-login:0', { type: 'login-delay', delayMs: 0 }],
    ['failing-login', { type: 'login-failure', probability: 1 }],
    ['failing-login:12.5', { type: 'login-failure', probability: 0.125 }],
    ['latency:all:1500', { type: 'latency', delayMs: 1500 }],
    ['latency:authorize:60000', { type: 'latency', delayMs: 60000, endpoint: 'authorize' }],
    ['fault:profiles:5xx', { type: 'fault', endpoint: 'profiles', fault: 'server-error', probability: 1 }],
    [
      'fault:profiles:503:30',
      { type: 'fault', endpoint: 'profiles', fault: 'server-error', probability: 0.3, status: 503 },
    ],
    [
      'fault:preauthorize:429:100',
      { type: 'fault', endpoint: 'preauthorize', fault: 'too-many-requests', probability: 1 },
    ],
    ['fault:sessions:drop:0', { type: 'fault', endpoint: 'sessions', fault: 'drop', probability: 0 }],
    ['throttle', { type: 'throttle', throttled: true }],
    ['throttle:on', { type: 'throttle', throttled: true }],
    ['throttle:off', { type: 'throttle', throttled: false }],
  ])('%s', (preset, spec) => {
    const link = parseDeepLink(
      `?provider=AcmeCable&title=harbor-morning-brief&scenario=${encodeURIComponent(preset)}`,
    );
    expect(link.ignored).toEqual([]);
    expect(link.scenarios).toEqual([{ text: preset, spec }]);
  });

  it('several presets separated by commas, in order, blanks skipped', () => {
    const link = parseDeepLink('?title=harbor-city-desk&scenario=deny, throttle:off,,latency:all:10');
    expect(specs(link)).toEqual([
      { type: 'deny-resource', resource: 'harbor-city-desk' },
      { type: 'throttle', throttled: false },
      { type: 'latency', delayMs: 10 },
    ]);
  });

  it.each([
    ['explode', '“explode” is not a known scenario preset'],
    ['deny:a:b', '“deny:a:b” is not deny or deny:<title id>'],
    ['deny:../x', '“deny:../x” is not deny:<title id>'],
    ['deny-channel', '“deny-channel” is not deny-channel:<channel id>'],
    ['degrade:AuthZSome', '“degrade:AuthZSome” is not degrade:AuthNAll|AuthZAll|AuthZNone'],
    ['degrade', '“degrade” is not degrade:AuthNAll|AuthZAll|AuthZNone'],
    ['slow-login:60001', '“slow-login:60001” is not slow-login:<ms, 0–60000>'],
    ['slow-login:-1', '“slow-login:-1” is not slow-login:<ms, 0–60000>'],
    ['slow-login:1.5', '“slow-login:1.5” is not slow-login:<ms, 0–60000>'],
    ['failing-login:101', '“failing-login:101” is not failing-login:<percent, 0–100>'],
    ['failing-login:0.125', '“failing-login:0.125” is not failing-login:<percent, 0–100>'],
    ['latency:1500', '“latency:1500” is not latency:<endpoint or all>:<ms, 0–60000>'],
    ['latency:nowhere:10', '“latency:nowhere:10” is not latency:<endpoint or all>:<ms, 0–60000>'],
    ['latency:token:10', '“latency:token:10”: token requests name no device, so a link cannot apply it'],
    ['fault:profiles', '“fault:profiles” is not fault:<endpoint>:<5xx, 500–599, 429 or drop>[:<percent>]'],
    [
      'fault:profiles:404',
      '“fault:profiles:404” is not fault:<endpoint>:<5xx, 500–599, 429 or drop>[:<percent>]',
    ],
    [
      'fault:profiles:5xx:200',
      '“fault:profiles:5xx:200” is not fault:<endpoint>:<5xx, 500–599, 429 or drop>[:<percent>]',
    ],
    [
      'fault:register:drop',
      '“fault:register:drop”: register requests name no device, so a link cannot apply it',
    ],
    [
      'fault:media-token-verify:5xx',
      '“fault:media-token-verify:5xx”: media-token-verify requests name no device, so a link cannot apply it',
    ],
    ['throttle:maybe', '“throttle:maybe” is not throttle, throttle:on or throttle:off'],
  ])('leaves out %s with a notice', (preset, notice) => {
    const link = parseDeepLink(`?provider=AcmeCable&scenario=${encodeURIComponent(preset)}`);
    expect(link.scenarios).toEqual([]);
    expect(link.ignored).toEqual([`Scenario ${notice}.`]);
  });

  it('MVPD presets need a provider; deny without an argument needs a title', () => {
    const link = parseDeepLink('?scenario=degrade:AuthZNone,slow-login:10,failing-login,deny,throttle');
    expect(specs(link)).toEqual([{ type: 'throttle', throttled: true }]);
    expect(link.ignored).toEqual([
      'Scenario “degrade:AuthZNone” needs provider=<MVPD id>.',
      'Scenario “slow-login:10” needs provider=<MVPD id>.',
      'Scenario “failing-login” needs provider=<MVPD id>.',
      'Scenario “deny” needs a title (deny:<title id> or title=).',
    ]);
  });

  it(`applies at most ${MAX_LINK_SCENARIOS} presets`, () => {
    const link = parseDeepLink(`?scenario=${Array.from({ length: 12 }, () => 'throttle').join(',')}`);
    expect(link.scenarios).toHaveLength(MAX_LINK_SCENARIOS);
    expect(link.ignored).toEqual([`Only the first ${MAX_LINK_SCENARIOS} scenarios of a link are applied.`]);
  });
});

describe('the gate and the cleaned URL', () => {
  it('isDeepLink: one of the keys on / only', () => {
    expect(isDeepLink('/', '?provider=AcmeCable')).toBe(true);
    expect(isDeepLink('/', '?utm=1&title=x')).toBe(true);
    expect(isDeepLink('/', '?scenario=')).toBe(true);
    expect(isDeepLink('/', '')).toBe(false);
    expect(isDeepLink('/', '?subtitle=x&myprovider=y')).toBe(false);
    expect(isDeepLink('/tv', '?provider=AcmeCable')).toBe(false);
    expect(isDeepLink('/watch/x', '?title=x')).toBe(false);
  });

  it('withoutDeepLinkKeys keeps other parameters', () => {
    expect(withoutDeepLinkKeys('?provider=A&title=t&scenario=deny')).toBe('');
    expect(withoutDeepLinkKeys('?utm=1&provider=A&scenario=x&scenario=y')).toBe('?utm=1');
  });
});

const stored = (input: ScenarioInput, id: string): Scenario => ({ ...input, id, createdAt: 1 }) as Scenario;

describe('buildShareLink', () => {
  const DEVICE = 'tv-1';

  it('the current title, the chosen provider and this device’s scenarios, readable', () => {
    const link = buildShareLink({
      origin: 'http://127.0.0.1:8080/',
      path: '/watch/harbor-morning-brief',
      provider: 'AcmeCable',
      deviceId: DEVICE,
      scenarios: [
        stored({ type: 'deny-resource', resource: 'harbor-morning-brief', deviceId: DEVICE }, 's1'),
        stored({ type: 'degradation', rule: 'AuthZNone', mvpd: 'AcmeCable', deviceId: DEVICE }, 's2'),
        stored(
          {
            type: 'fault',
            endpoint: 'profiles',
            fault: 'server-error',
            probability: 0.3,
            status: 503,
            deviceId: DEVICE,
          },
          's3',
        ),
        stored(
          { type: 'fault', endpoint: 'authorize', fault: 'server-error', probability: 1, deviceId: DEVICE },
          's4',
        ),
        stored({ type: 'latency', delayMs: 1500, deviceId: DEVICE }, 's5'),
        stored({ type: 'throttle', throttled: false, deviceId: DEVICE }, 's6'),
        stored({ type: 'login-failure', probability: 0.125, mvpd: 'AcmeCable', deviceId: DEVICE }, 's7'),
        stored({ type: 'deny-channel', channel: 'pebble-kids', deviceId: 'tv-2' }, 's8'),
      ],
    });
    expect(link.url).toBe(
      'http://127.0.0.1:8080/?provider=AcmeCable&title=harbor-morning-brief&scenario=deny:harbor-morning-brief,degrade:AuthZNone,fault:profiles:503:30,fault:authorize:5xx:100,latency:all:1500,throttle:off,failing-login:12.5',
    );
    expect(link.included.map((s) => s.id)).toEqual(['s1', 's2', 's3', 's4', 's5', 's6', 's7']);
    expect(link.left).toEqual([]);
    expect(link.notes).toEqual([]);
  });

  it('leaves out what a link cannot carry, and says why', () => {
    const global = stored({ type: 'latency', delayMs: 5 }, 's1');
    const otherMvpd = stored(
      { type: 'login-delay', delayMs: 10, mvpd: 'MetroFiber', deviceId: DEVICE },
      's2',
    );
    const limited = stored(
      { type: 'deny-channel', channel: 'pebble-kids', mvpd: 'AcmeCable', deviceId: DEVICE },
      's3',
    );
    const withText = stored(
      { type: 'deny-resource', resource: 'summit-derby-day', details: 'Blackout.', deviceId: DEVICE },
      's4',
    );
    const link = buildShareLink({
      origin: 'http://h',
      path: '/account',
      provider: 'AcmeCable',
      deviceId: DEVICE,
      scenarios: [global, otherMvpd, limited, withText],
    });
    expect(link.url).toBe('http://h/?provider=AcmeCable&scenario=deny:summit-derby-day');
    expect(link.left).toEqual([
      { scenario: global, reason: 'it applies to all devices; a link applies scenarios to one device' },
      { scenario: otherMvpd, reason: 'it is for MetroFiber, the link’s provider is AcmeCable' },
      { scenario: limited, reason: 'it is limited to AcmeCable; a link cannot carry that limit' },
    ]);
    expect(link.notes).toEqual(['deny:summit-derby-day is carried without its own deny text']);
  });

  it('without a chosen provider, the MVPD of this device’s MVPD scenarios; nothing at all → the bare origin', () => {
    const link = buildShareLink({
      origin: 'http://h',
      path: '/',
      provider: null,
      deviceId: DEVICE,
      scenarios: [
        stored({ type: 'degradation', rule: 'AuthNAll', mvpd: 'MetroFiber', deviceId: DEVICE }, 's1'),
      ],
    });
    expect(link.url).toBe('http://h/?provider=MetroFiber&scenario=degrade:AuthNAll');
    expect(
      buildShareLink({ origin: 'http://h', path: '/', provider: null, deviceId: DEVICE, scenarios: [] }).url,
    ).toBe('http://h/');
    expect(
      buildShareLink({
        origin: 'http://h',
        path: '/watch/%E0%A4%A',
        provider: null,
        deviceId: DEVICE,
        scenarios: [],
      }).url,
    ).toBe('http://h/');
  });

  it('round trip: what a share link carries, the parser gives back', () => {
    const inputs: ScenarioInput[] = [
      { type: 'deny-resource', resource: 'summit-derby-day', deviceId: DEVICE },
      { type: 'deny-channel', channel: 'lantern-movies', deviceId: DEVICE },
      { type: 'degradation', rule: 'AuthNAll', mvpd: 'AcmeCable', deviceId: DEVICE },
      { type: 'login-delay', delayMs: 2500, mvpd: 'AcmeCable', deviceId: DEVICE },
      { type: 'login-failure', probability: 0.33, mvpd: 'AcmeCable', deviceId: DEVICE },
      { type: 'latency', delayMs: 10, endpoint: 'configuration', deviceId: DEVICE },
      { type: 'fault', endpoint: 'logout', fault: 'drop', probability: 0.5, deviceId: DEVICE },
      { type: 'fault', endpoint: 'v1', fault: 'too-many-requests', probability: 1, deviceId: DEVICE },
      { type: 'throttle', throttled: true, deviceId: DEVICE },
    ];
    const link = buildShareLink({
      origin: 'http://h',
      path: '/watch/summit-derby-day',
      provider: 'AcmeCable',
      deviceId: DEVICE,
      scenarios: inputs.map((input, index) => stored(input, `s${index + 1}`)),
    });
    const parsed = parseDeepLink(new URL(link.url).search);
    expect(parsed.ignored).toEqual([]);
    expect(parsed.provider).toBe('AcmeCable');
    expect(parsed.title).toBe('summit-derby-day');
    expect(specs(parsed)).toEqual(
      inputs.map((input) => {
        const { deviceId: _device, mvpd: _mvpd, ...spec } = input;
        return spec;
      }),
    );
  });

  it('presetOf names every type', () => {
    expect(presetOf({ type: 'throttle', throttled: true })).toBe('throttle:on');
    expect(presetOf({ type: 'deny-resource', resource: 'a b' })).toBeNull();
  });
});
