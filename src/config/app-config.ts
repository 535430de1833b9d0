import { z } from '../pass/schemas/zod';
import { MVPD_LOGIN_DISPLAYS } from './login-display';

export { MVPD_LOGIN_DISPLAYS, type MvpdLoginDisplay } from './login-display';

/**
 * Runtime configuration of the SPA, fetched from `/app-config.json` at start-up, so one build runs
 * against the embedded emulator or against real Adobe Pass hosts without a rebuild. The server
 * builds it from environment variables (README: "Configuration"); a static host can serve a file.
 */
export const appConfigSchema = z.object({
  /** 'emulator' when the embedded emulator is the backend (enables its developer tools). */
  backend: z.enum(['emulator', 'adobe']),
  /** Origin of REST API v2 (`/api/v2`) and DCR (`/o/client`); '' means this page's origin. */
  apiBaseUrl: z.string(),
  serviceProvider: z.string().check(z.minLength(1)),
  softwareStatement: z.string().check(z.minLength(1)),
  redirectUri: z.string().check(z.minLength(1)),
  /** Registered domain sent as `domainName` when creating sessions; '' means this page's host name. */
  domainName: z.string(),
  /** Origin of the programmer's playback service (`/media-token/verify`, `/stream`); '' = this origin. */
  playbackBaseUrl: z.string(),
  /** MVPD id → how its login is shown (see `MvpdLoginDisplay`); absent or unlisted = `redirect`. */
  mvpdLoginDisplay: z.optional(z.record(z.string(), z.enum(MVPD_LOGIN_DISPLAYS))),
});

export type AppConfig = z.infer<typeof appConfigSchema>;
