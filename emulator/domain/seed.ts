import type { DegradationRule } from './scenarios.ts';
import { tempPassMvpds, type TempPassConfig } from './seed-temppass.ts';

/**
 * The seeded world of the emulator: one service provider, its registered domains and software
 * statements, the MVPDs with their login personalities, test accounts and the catalog. Runtime
 * state (clients, sessions, profiles, playbacks) lives in SQLite; this is the fixed data a reset
 * returns to. Everything here is documented in the README and served by `GET /__emulator/seed`.
 */

/**
 * How an MVPD's login behaves (README "Seeded demo data"):
 * - `redirect`: one login form, in the app's own tab;
 * - `two-hop`: a login form, then a device-confirmation page;
 * - `iframe`: one login form whose pages allow framing by the app's origin (the app shows it in a dialog);
 * - `popup`: one login form the app opens in a pop-up window;
 * - `saml-chain`: auto-posted SAML-like hops (Adobe → the MVPD's SSO endpoint → login form →
 *   assertion posted back to Adobe's assertion consumer);
 * - `slow`: every login page answers after `loginDelayMs`;
 * - `flaky`: a correct sign-in fails with probability `loginFailureRate`;
 * - `degraded`: a standing degradation rule (`degradation`) on the integration;
 * - `none`: no login at all (TempPass pseudo-MVPDs; Adobe itself grants temporary access).
 */
export type LoginPersonality =
  'redirect' | 'two-hop' | 'iframe' | 'popup' | 'saml-chain' | 'slow' | 'flaky' | 'degraded' | 'none';

/** How the app presents an MVPD's login: its own tab, a dialog with an iframe, or a pop-up window. */
export type MvpdLoginDisplay = 'redirect' | 'iframe' | 'popup';

/** The presentation a personality needs in the app (only `iframe` and `popup` differ from a redirect). */
export function loginDisplayOf(personality: LoginPersonality): MvpdLoginDisplay {
  return personality === 'iframe' || personality === 'popup' ? personality : 'redirect';
}

export interface SeedMvpd {
  id: string;
  displayName: string;
  logoUrl: string;
  personality: LoginPersonality;
  demonstrates: string;
  /** true: logout answers `logout`/`interactive` with the MVPD logout page; false: `complete`/`none`. */
  hasLogoutEndpoint: boolean;
  /** Profile (authentication) lifetime. */
  authnTtlMs: number;
  /** Lifetime of an authorization decision (decision notBefore/notAfter). */
  authzTtlMs: number;
  mediaTokenTtlMs: number;
  preauthorizeMaxResources: number;
  authorizeMaxResources: number;
  /** Flags copied as-is into the configuration answer (omitted when absent). */
  flags?: { authPerAggregator?: boolean; isTempPass?: boolean };
  /** Present on TempPass pseudo-MVPDs (with `flags.isTempPass`). */
  tempPass?: TempPassConfig;
  /** A standing degradation rule on this integration (the `degraded` personality). */
  degradation?: DegradationRule;
  /** Seeded delay before each login page answers (the `slow` personality); scenarios override it. */
  loginDelayMs?: number;
  /** Seeded probability (0..1) that a correct sign-in fails (the `flaky` personality). */
  loginFailureRate?: number;
}

export type Entitlement =
  | { kind: 'all' }
  | { kind: 'channels'; channels: string[]; deniedDetails: string }
  | { kind: 'none'; deniedDetails: string };

export interface SeedAccount {
  mvpd: string;
  username: string;
  password: string;
  plan: 'premium' | 'basic' | 'lapsed';
  userId: string;
  householdId: string;
  zip: string;
  entitlement: Entitlement;
}

export interface SeedResource {
  id: string;
  title: string;
  channel: string;
  channelName: string;
  poster: string;
  stream: string;
  durationSeconds: number;
  synopsis: string;
}

export interface SoftwareStatementInfo {
  softwareId: string;
  serviceProviders: string[];
  scopes: string[];
  /** May its clients call the Reset TempPass management API (reset-temppass.md)? Else 403. */
  canResetTempPass: boolean;
}

/**
 * A demo viewer described in the seed view: which seeded accounts to sign in with, and what that
 * shows. Personas add no data of their own; they name combinations of the accounts.
 */
export interface SeedPersona {
  id: string;
  personality: 'two-providers';
  demonstrates: string;
  /** Sign in with these, one after the other, on the same device. */
  signIns: { mvpd: string; username: string }[];
}

export interface Seed {
  serviceProvider: string;
  serviceProviderName: string;
  domains: string[];
  redirectUris: string[];
  softwareStatement: string;
  /** A statement for the same SP whose clients are refused (403) by the Reset TempPass API. */
  softwareStatementNoReset: string;
  softwareStatements: SoftwareStatementInfo[];
  accessTokenTtlSeconds: number;
  sessionTtlMs: number;
  mvpds: SeedMvpd[];
  accounts: SeedAccount[];
  personas: SeedPersona[];
  resources: SeedResource[];
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

function base64url(value: string): string {
  return Buffer.from(value, 'utf8').toString('base64url');
}

/**
 * A compact JWS shaped like the statements the TVE Dashboard hands out. Adobe's real claim set is
 * not public; the emulator reads only `software_id` (spec dcr.md, inferred) and does not check the
 * signature part, which is a fixed placeholder.
 */
export function makeSoftwareStatement(softwareId: string): string {
  const header = base64url(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid: 'pass-emulator' }));
  const payload = base64url(
    JSON.stringify({
      software_id: softwareId,
      software_version: '1.0.0',
      iss: 'auth.adobe.com',
      iat: 1767225600,
    }),
  );
  return `${header}.${payload}.${base64url('emulator-signature-not-verified')}`;
}

const CHANNELS: { id: string; name: string; titles: [string, string, string][] }[] = [
  {
    id: 'harbor-news',
    name: 'Harbor News',
    titles: [
      ['morning-brief', 'The Morning Brief', 'Overnight headlines and the day ahead, in twenty minutes.'],
      ['city-desk', 'City Desk', 'Local reporters on the stories shaping the harbor city.'],
      ['world-tonight', 'World Tonight', 'The evening round-up of international news.'],
      ['market-watch', 'Market Watch', 'Markets, money and what moved them today.'],
    ],
  },
  {
    id: 'summit-sports',
    name: 'Summit Sports',
    titles: [
      ['derby-day', 'Derby Day Live', 'The cross-town football derby, live from the Summit Arena.'],
      ['trail-run', 'Ultra Trail 100', 'A hundred miles of mountain trail, follow the leaders.'],
      ['court-side', 'Court Side', 'Basketball highlights and the week in review.'],
      ['pit-lane', 'Pit Lane', 'Inside the garage of a touring-car team.'],
    ],
  },
  {
    id: 'lantern-movies',
    name: 'Lantern Movies',
    titles: [
      ['night-train', 'The Night Train', 'A mystery unfolds between two stations at midnight.'],
      ['paper-moons', 'Paper Moons', 'Two sisters restore their late father’s cinema.'],
      ['last-lighthouse', 'The Last Lighthouse', 'A keeper, a storm and a ship that should not be there.'],
      ['glass-city', 'Glass City', 'A heist thriller in a city of mirrors.'],
    ],
  },
  {
    id: 'pebble-kids',
    name: 'Pebble Kids',
    titles: [
      ['robot-garden', 'Robot Garden', 'Tiny robots learn how plants grow.'],
      ['ocean-friends', 'Ocean Friends', 'Undersea adventures with a curious octopus.'],
      ['star-school', 'Star School', 'Space lessons for young astronauts.'],
      ['paint-parade', 'Paint Parade', 'Colours, shapes and a marching band.'],
    ],
  },
];

function buildResources(): SeedResource[] {
  return CHANNELS.flatMap((channel) =>
    channel.titles.map(([slug, title, synopsis]) => ({
      id: `${channel.id.split('-')[0]}-${slug}`,
      title,
      channel: channel.id,
      channelName: channel.name,
      poster: `/media/posters/${channel.id.split('-')[0]}-${slug}.svg`,
      stream: 'sample.webm',
      durationSeconds: 10,
      synopsis,
    })),
  );
}

function accountsFor(mvpd: SeedMvpd): SeedAccount[] {
  const short = mvpd.id.toLowerCase();
  return [
    {
      mvpd: mvpd.id,
      username: 'premium',
      password: 'password',
      plan: 'premium',
      userId: `${short}-premium-0001`,
      householdId: `${short}-hh-0001`,
      zip: '10001',
      entitlement: { kind: 'all' },
    },
    {
      mvpd: mvpd.id,
      username: 'basic',
      password: 'password',
      plan: 'basic',
      userId: `${short}-basic-0002`,
      householdId: `${short}-hh-0002`,
      zip: '94105',
      entitlement: {
        kind: 'channels',
        channels: ['harbor-news', 'pebble-kids'],
        deniedDetails: `Your ${mvpd.displayName} Basic package does not include this channel. Upgrade to Premium to watch it.`,
      },
    },
    {
      mvpd: mvpd.id,
      username: 'lapsed',
      password: 'password',
      plan: 'lapsed',
      userId: `${short}-lapsed-0003`,
      householdId: `${short}-hh-0003`,
      zip: '60601',
      entitlement: {
        kind: 'none',
        deniedDetails: `Your ${mvpd.displayName} subscription is not active. Contact ${mvpd.displayName} to renew it.`,
      },
    },
  ];
}

/** Lifetimes and limits shared by the seeded MVPDs unless one says otherwise. */
const USUAL_MVPD = {
  authnTtlMs: 30 * DAY,
  authzTtlMs: 24 * HOUR,
  mediaTokenTtlMs: 420_000,
  preauthorizeMaxResources: 5,
  authorizeMaxResources: 1,
} as const;

function seedProviders(): SeedMvpd[] {
  return [
    {
      ...USUAL_MVPD,
      id: 'AcmeCable',
      displayName: 'Acme Cable',
      logoUrl: '/media/logos/acmecable.svg',
      personality: 'redirect',
      demonstrates: 'A plain redirect login form, and an interactive MVPD logout page.',
      hasLogoutEndpoint: true,
    },
    {
      ...USUAL_MVPD,
      id: 'MetroFiber',
      displayName: 'Metro Fiber',
      logoUrl: '/media/logos/metrofiber.svg',
      personality: 'two-hop',
      demonstrates:
        'A login that hops through two pages (account, then a device confirmation), and logout without an MVPD page.',
      hasLogoutEndpoint: false,
      authnTtlMs: 7 * DAY,
      authzTtlMs: 12 * HOUR,
    },
    {
      ...USUAL_MVPD,
      id: 'PixelBox',
      displayName: 'PixelBox TV',
      logoUrl: '/media/logos/pixelbox.svg',
      personality: 'iframe',
      demonstrates:
        'A login page that allows framing by the app (frame-ancestors self), shown in a dialog inside the app.',
      hasLogoutEndpoint: false,
    },
    {
      ...USUAL_MVPD,
      id: 'BeaconTV',
      displayName: 'Beacon TV',
      logoUrl: '/media/logos/beacontv.svg',
      personality: 'popup',
      demonstrates:
        'A login the app opens in a pop-up window, with a same-tab fallback when pop-ups are blocked.',
      hasLogoutEndpoint: false,
      authnTtlMs: 14 * DAY,
    },
    {
      ...USUAL_MVPD,
      id: 'NorthStar',
      displayName: 'North Star Satellite',
      logoUrl: '/media/logos/northstar.svg',
      personality: 'saml-chain',
      demonstrates:
        'A SAML-like chain of auto-posted hops: Adobe → the MVPD SSO endpoint → login form → assertion posted back to Adobe.',
      hasLogoutEndpoint: true,
    },
    {
      ...USUAL_MVPD,
      id: 'CanyonCable',
      displayName: 'Canyon Cable',
      logoUrl: '/media/logos/canyoncable.svg',
      personality: 'slow',
      demonstrates:
        'A slow login: every login page answers after 3 seconds (the login-delay scenario overrides it).',
      hasLogoutEndpoint: false,
      loginDelayMs: 3_000,
    },
    {
      ...USUAL_MVPD,
      id: 'BluebirdFiber',
      displayName: 'Bluebird Fiber',
      logoUrl: '/media/logos/bluebirdfiber.svg',
      personality: 'flaky',
      demonstrates:
        'A flaky login: half of the correct sign-ins fail with a "temporarily unavailable, try again" page.',
      hasLogoutEndpoint: false,
      loginFailureRate: 0.5,
    },
    {
      ...USUAL_MVPD,
      id: 'RiverValley',
      displayName: 'River Valley TV',
      logoUrl: '/media/logos/rivervalley.svg',
      personality: 'degraded',
      demonstrates:
        'A degraded integration (standing AuthNAll rule): sessions answer authorize without a login, decisions come from the degradation.',
      hasLogoutEndpoint: false,
      degradation: 'AuthNAll',
    },
  ];
}

const PERSONAS: SeedPersona[] = [
  {
    id: 'two-providers',
    personality: 'two-providers',
    demonstrates:
      'One viewer with profiles on two MVPDs on the same device: the app asks which provider to watch with and remembers it; the account page lists both.',
    signIns: [
      { mvpd: 'AcmeCable', username: 'premium' },
      { mvpd: 'MetroFiber', username: 'basic' },
    ],
  },
];

export function createSeed(): Seed {
  const providers = seedProviders();
  const mvpds = [...providers, ...tempPassMvpds()];
  return {
    serviceProvider: 'REF30',
    serviceProviderName: 'Pass Reference TV',
    // `adobe.com` and `adobepass://com.programmer` are the values of Adobe's own request samples
    // (spec sessions.md, dcr.md), so those samples run unchanged against the emulator.
    domains: ['localhost', '127.0.0.1', 'passref.example', 'adobe.com'],
    redirectUris: [
      'adobepass://com.example.passref',
      'https://passref.example/callback',
      'adobepass://com.programmer',
    ],
    softwareStatement: makeSoftwareStatement('passref-web-app'),
    softwareStatementNoReset: makeSoftwareStatement('passref-partner-app'),
    softwareStatements: [
      {
        softwareId: 'passref-web-app',
        serviceProviders: ['REF30'],
        scopes: ['api:client:v2'],
        canResetTempPass: true,
      },
      {
        softwareId: 'passref-partner-app',
        serviceProviders: ['REF30'],
        scopes: ['api:client:v2'],
        canResetTempPass: false,
      },
    ],
    accessTokenTtlSeconds: 21_600,
    sessionTtlMs: 30 * 60_000,
    mvpds,
    accounts: providers.flatMap(accountsFor),
    personas: PERSONAS.map((persona) => ({ ...persona, signIns: persona.signIns.map((s) => ({ ...s })) })),
    resources: buildResources(),
  };
}

export function findMvpd(seed: Seed, id: string): SeedMvpd | undefined {
  return seed.mvpds.find((mvpd) => mvpd.id === id);
}

export function findResource(seed: Seed, id: string): SeedResource | undefined {
  return seed.resources.find((resource) => resource.id === id);
}

export function findAccount(seed: Seed, mvpd: string, username: string): SeedAccount | undefined {
  return seed.accounts.find((account) => account.mvpd === mvpd && account.username === username);
}
