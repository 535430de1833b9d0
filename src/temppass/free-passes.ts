import { encodeTempPassIdentity } from '../pass/temppass-identity';
import type { Mvpd } from '../pass/schemas/configuration';

/**
 * The free passes this app offers. TempPass MVPDs are configured per service provider on Adobe's
 * side; the configuration marks them `isTempPass` but says nothing about their rules, so the app
 * knows which id is which (temppass.md: "often hard-coded") and checks that the configuration
 * lists it.
 */
export type FreePassKind = 'basic' | 'promotional';

export interface FreePass {
  mvpd: string;
  kind: FreePassKind;
}

/** Basic TempPass: 10 minutes per device, the clock starting at the first authorization. */
export const BASIC_FREE_PASS: FreePass = { mvpd: 'TempPass', kind: 'basic' };
/** Promotional TempPass: 3 different titles within 24 hours per email (and per device). */
export const PROMO_FREE_PASS: FreePass = { mvpd: 'TempPassPromo', kind: 'promotional' };

/** What the passes allow, for wording before Adobe's profile tells (the profile wins when present). */
export const FREE_PASS_TERMS = {
  basic: { ttlMs: 10 * 60_000 },
  promotional: { ttlMs: 24 * 60 * 60_000, titles: 3 },
} as const;

/** The identity key configured for the promotional pass (Adobe's "user information key"). */
export const PROMO_IDENTITY_KEY = 'email';

/** The passes the configuration really offers (listed and flagged `isTempPass`). */
export function availableFreePasses(mvpds: readonly Mvpd[]): {
  basic: Mvpd | null;
  promotional: Mvpd | null;
} {
  const find = (id: string) => mvpds.find((mvpd) => mvpd.id === id && mvpd.isTempPass === true) ?? null;
  return { basic: find(BASIC_FREE_PASS.mvpd), promotional: find(PROMO_FREE_PASS.mvpd) };
}

/**
 * A promotional identity as the app keeps it — in memory only: the MVPD it belongs to, the SHA-256
 * of the normalised email (`key`, also what Reset TempPass's `key=` matches) and the ready
 * `AP-TempPass-Identity` value. Never the email itself.
 */
export interface TempPassIdentity {
  mvpd: string;
  key: string;
  header: string;
}

export function promoIdentity(mvpd: string, emailHash: string): TempPassIdentity {
  return {
    mvpd,
    key: emailHash,
    header: encodeTempPassIdentity({ [PROMO_IDENTITY_KEY]: emailHash }),
  };
}
