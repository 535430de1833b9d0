import type { SeedMvpd } from './seed.ts';

/**
 * The seeded TempPass pseudo-MVPDs (spec temppass.md). They never show a login: Adobe itself grants
 * temporary access, limited by time (basic) or by time and a number of distinct titles
 * (promotional). Flags as in Adobe's configuration samples: `isTempPass` and `authPerAggregator`.
 */
export interface TempPassConfig {
  kind: 'basic' | 'promotional';
  /** Wall-clock duration, counted from the first authorization. */
  ttlMs: number;
  /** Promotional: how many resources one trial may use. */
  maxResources?: number;
  /** Promotional: the key read from the `AP-TempPass-Identity` JSON object (e.g. `email`). */
  identityKey?: string;
  /** true: a resource already in `used_assets` is authorized again without using a slot. */
  countDistinct: boolean;
}

/** The fixed, publicly documented key of the superseded v2 Reset TempPass API (reset-temppass.md §4). */
export const TEMPPASS_RESET_API_KEY = '1232293681726481';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** A small inline badge as logo: pickers hide TempPass entries, so no file needs serving. */
function badgeLogo(text: string): string {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="160" height="40"><rect width="160" height="40" rx="6" fill="#334155"/><text x="80" y="26" font-family="sans-serif" font-size="14" fill="#fff" text-anchor="middle">${text}</text></svg>`;
  return `data:image/svg+xml,${encodeURIComponent(svg)}`;
}

export function tempPassMvpd(
  id: string,
  displayName: string,
  demonstrates: string,
  tempPass: TempPassConfig,
): SeedMvpd {
  return {
    id,
    displayName,
    logoUrl: badgeLogo(displayName),
    personality: 'none',
    demonstrates,
    hasLogoutEndpoint: false,
    authnTtlMs: tempPass.ttlMs,
    authzTtlMs: tempPass.ttlMs,
    mediaTokenTtlMs: 420_000,
    preauthorizeMaxResources: 5,
    authorizeMaxResources: 1,
    flags: { authPerAggregator: true, isTempPass: true },
    tempPass,
  };
}

export function tempPassMvpds(): SeedMvpd[] {
  return [
    tempPassMvpd(
      'TempPass',
      'TempPass',
      'Basic TempPass: any title for 10 minutes per device, counted from the first authorization.',
      { kind: 'basic', ttlMs: 10 * MINUTE, countDistinct: true },
    ),
    tempPassMvpd(
      'TempPassPromo',
      'Promotional TempPass',
      'Promotional TempPass: 3 different titles within 24 hours per device and per hashed e-mail (AP-TempPass-Identity header).',
      { kind: 'promotional', ttlMs: 24 * HOUR, maxResources: 3, identityKey: 'email', countDistinct: true },
    ),
  ];
}
