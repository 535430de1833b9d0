// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { appConfigSchema } from '../src/config/app-config.ts';
import { loginDisplayFor } from '../src/config/login-display.ts';
import { appConfigFromEnv, parseMvpdLoginDisplay } from './app-config.ts';
import { createSeed } from './domain/seed.ts';

describe('mvpdLoginDisplay in /app-config.json', () => {
  it('is filled from the seed personalities when the app runs on the emulator', () => {
    const config = appConfigFromEnv({}, createSeed());
    expect(config.mvpdLoginDisplay).toEqual({ PixelBox: 'iframe', BeaconTV: 'popup' });
    expect(appConfigSchema.safeParse(config).success).toBe(true);
    expect(loginDisplayFor(config, 'PixelBox')).toBe('iframe');
    expect(loginDisplayFor(config, 'BeaconTV')).toBe('popup');
    expect(loginDisplayFor(config, 'AcmeCable')).toBe('redirect');
    expect(loginDisplayFor(config, 'constructor')).toBe('redirect');
    expect(loginDisplayFor({}, 'PixelBox')).toBe('redirect');
  });

  it('is empty against real Adobe Pass unless PASS_MVPD_LOGIN_DISPLAY names some', () => {
    const adobe = { PASS_API_BASE_URL: 'https://sp.auth.adobe.com' };
    expect(appConfigFromEnv(adobe, createSeed()).mvpdLoginDisplay).toEqual({});
    expect(
      appConfigFromEnv(
        { ...adobe, PASS_MVPD_LOGIN_DISPLAY: 'Cablevision=popup, Comcast_SSO=iframe' },
        createSeed(),
      ).mvpdLoginDisplay,
    ).toEqual({ Cablevision: 'popup', Comcast_SSO: 'iframe' });
    // Set on the emulator, the variable replaces the seeded defaults (empty = every login redirects).
    expect(appConfigFromEnv({ PASS_MVPD_LOGIN_DISPLAY: '' }, createSeed()).mvpdLoginDisplay).toEqual({});
  });

  it.each(['PixelBox', 'PixelBox=frame', '=popup', 'a=popup=x', 'bad id=popup', '<x>=iframe'])(
    'refuses the malformed entry %j with a message naming it',
    (value) => {
      expect(() => parseMvpdLoginDisplay(value)).toThrow(/PASS_MVPD_LOGIN_DISPLAY: ".+" is not/);
    },
  );

  it('is optional for a static host serving an older app-config.json, and validated when present', () => {
    const { mvpdLoginDisplay: _omitted, ...older } = appConfigFromEnv({}, createSeed());
    expect(appConfigSchema.safeParse(older).success).toBe(true);
    expect(appConfigSchema.safeParse({ ...older, mvpdLoginDisplay: { PixelBox: 'modal' } }).success).toBe(
      false,
    );
  });
});
