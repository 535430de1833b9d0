import { MVPD_LOGIN_DISPLAYS, type AppConfig, type MvpdLoginDisplay } from '../src/config/app-config.ts';
import { loginDisplayOf, type Seed } from './domain/seed.ts';

/** `PASS_MVPD_LOGIN_DISPLAY`: how the app shows each MVPD's login, e.g. `Mvpd1=iframe,Mvpd2=popup`. */
export const MVPD_LOGIN_DISPLAY_ENV = 'PASS_MVPD_LOGIN_DISPLAY';
const MVPD_ID = /^[A-Za-z0-9_.-]{1,64}$/;

/**
 * Parses `id=display` pairs separated by commas or white space (empty = none). A malformed entry
 * stops the server with a message naming it, instead of silently showing a login the wrong way.
 */
export function parseMvpdLoginDisplay(value: string): Record<string, MvpdLoginDisplay> {
  const result: Record<string, MvpdLoginDisplay> = {};
  for (const entry of value.split(/[\s,]+/).filter(Boolean)) {
    const [id = '', display = '', ...rest] = entry.split('=');
    const known = (MVPD_LOGIN_DISPLAYS as readonly string[]).includes(display);
    if (!MVPD_ID.test(id) || !known || rest.length > 0) {
      throw new Error(
        `${MVPD_LOGIN_DISPLAY_ENV}: "${entry}" is not <mvpd id>=${MVPD_LOGIN_DISPLAYS.join('|')}`,
      );
    }
    result[id] = display as MvpdLoginDisplay;
  }
  return result;
}

/** The seeded MVPDs whose personality needs an iframe or a pop-up (the emulator's default). */
export function seedLoginDisplay(seed: Seed): Record<string, MvpdLoginDisplay> {
  return Object.fromEntries(
    seed.mvpds
      .map((mvpd) => [mvpd.id, loginDisplayOf(mvpd.personality)] as const)
      .filter(([, display]) => display !== 'redirect'),
  );
}

/**
 * The SPA's runtime configuration from the environment. With no PASS_* variables set, the app talks
 * to the embedded emulator on its own origin with the seeded software statement, and shows the
 * seeded iframe/pop-up MVPDs' logins that way. Against real Adobe Pass the seed means nothing: the
 * login display comes from PASS_MVPD_LOGIN_DISPLAY only.
 */
export function appConfigFromEnv(env: NodeJS.ProcessEnv, seed: Seed): AppConfig {
  const apiBaseUrl = (env.PASS_API_BASE_URL ?? '').replace(/\/+$/, '');
  return {
    backend: apiBaseUrl === '' ? 'emulator' : 'adobe',
    apiBaseUrl,
    serviceProvider: env.PASS_SERVICE_PROVIDER || seed.serviceProvider,
    softwareStatement: env.PASS_SOFTWARE_STATEMENT || seed.softwareStatement,
    redirectUri: env.PASS_REDIRECT_URI || seed.redirectUris[0] || 'adobepass://com.example.passref',
    domainName: env.PASS_DOMAIN_NAME ?? '',
    playbackBaseUrl: (env.PLAYBACK_BASE_URL ?? '').replace(/\/+$/, ''),
    mvpdLoginDisplay:
      env[MVPD_LOGIN_DISPLAY_ENV] !== undefined
        ? parseMvpdLoginDisplay(env[MVPD_LOGIN_DISPLAY_ENV])
        : apiBaseUrl === ''
          ? seedLoginDisplay(seed)
          : {},
  };
}
