import type { SoftwareStatementInfo } from '../domain/seed.ts';

/** A client authenticated by its bearer access token. */
export interface AuthenticatedClient {
  clientId: string;
  /** The software statement's `software_id`: the application that profiles are bound to. */
  appId: string;
  statement: SoftwareStatementInfo;
}

/** Hono environment of the emulator's routes: per-request values set by middleware. */
export interface EmulatorEnv {
  Variables: {
    trace: string;
    client: AuthenticatedClient;
  };
}
