import { z } from './zod';
import { openEnum } from './open-enum';

/** Logout `actionName` values. Open: Adobe may add. */
export const LOGOUT_ACTION_NAMES = ['logout', 'partner_logout', 'complete', 'invalid'] as const;
export type LogoutActionName = (typeof LOGOUT_ACTION_NAMES)[number];

/** Logout `actionType` values. Open: Adobe may add. */
export const LOGOUT_ACTION_TYPES = ['interactive', 'partner_interactive', 'none'] as const;
export type LogoutActionType = (typeof LOGOUT_ACTION_TYPES)[number];

/** What the app must still do for one MVPD. `url` may be absolute or relative to the API host. */
export const mvpdLogoutSchema = z.looseObject({
  actionName: openEnum(LOGOUT_ACTION_NAMES),
  actionType: openEnum(LOGOUT_ACTION_TYPES),
  mvpd: z.string(),
  url: z.optional(z.string()),
});
export type MvpdLogout = z.infer<typeof mvpdLogoutSchema>;

/** 200 answer of `GET /api/v2/{serviceProvider}/logout/{mvpd}`: one entry per deleted profile. */
export const logoutResponseSchema = z.looseObject({ logouts: z.record(z.string(), mvpdLogoutSchema) });
export type LogoutResponse = z.infer<typeof logoutResponseSchema>;
