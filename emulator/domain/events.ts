import type { EmulatorContext } from '../context.ts';
import { insertEvents, queryEvents, type EventQuery } from '../store/events.ts';
import type { ProfileRecord } from '../store/profiles.ts';
import { findSession } from '../store/sessions.ts';
import type { DecisionDraft, DecisionRequest, DecisionSource } from './decisions.ts';
import { PassError } from './errors.ts';
import type { LogoutOutcome } from './logout.ts';
import { mediaTokenBodyId } from './media-token.ts';
import type { SessionOutcome } from './sessions.ts';

/**
 * The emulator's event log for tests and demos (`GET /__emulator/events`, README "Control plane"):
 * what happened to each device, stamped with the emulator clock, kept in SQLite (newest 2,000). The
 * domain records events at the point where they happen; the log never changes an answer. Media
 * tokens are identified by `tokenId` (SHA-256 of the signed body, the key of the single-use
 * playback record), never stored themselves.
 */
export const EVENT_TYPES = [
  'session',
  'code',
  'profile',
  'decision',
  'media-token',
  'logout',
  'temppass',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

interface Base {
  /** The decoded AP-Device-Identifier (v1: `deviceId`) the event belongs to, or null. */
  deviceId: string | null;
}

export type EventDetails = Base &
  (
    | {
        type: 'session';
        action: 'created' | 'resumed';
        /** null when the answer needed no code (`actionName: "authorize"`). */
        code: string | null;
        sessionId: string;
        mvpd: string | null;
        actionName: SessionOutcome['actionName'];
        reasonType: SessionOutcome['reasonType'];
        missingParameters: string[];
        /** `v1`: a registration code (`POST /reggie/v1/{requestor}/regcode`), always `authenticate`. */
        api: 'v2' | 'v1';
      }
    | {
        /** `GET /api/v2/{sp}/sessions/{code}`: a second screen looked the code up. */
        type: 'code';
        action: 'found' | 'not_found' | 'expired';
        code: string;
        mvpd: string | null;
        /** The MVPD login of this code has completed. */
        authenticated: boolean;
      }
    | {
        type: 'profile';
        action: 'created' | 'deleted';
        mvpd: string;
        profileType: string;
        username: string;
        /** The session code a login profile came from. */
        code: string | null;
        cause: 'login' | 'logout';
      }
    | {
        type: 'decision';
        action: 'preauthorize' | 'authorize';
        mvpd: string;
        /** null for a request-level error (no decision per resource). */
        resource: string | null;
        authorized: boolean;
        source: DecisionSource | null;
        /** Error code: item-level, or request-level when `resource` is null. */
        error: string | null;
        status: number | null;
        trace: string;
        api: 'v2' | 'v1';
      }
    | {
        type: 'media-token';
        action: 'issued';
        mvpd: string;
        resource: string;
        notBefore: number;
        notAfter: number;
        /** SHA-256 (hex) of the token's signed body: `mediaTokenId`, the playback record's key. */
        tokenId: string | null;
        api: 'v2' | 'v1';
      }
    | {
        type: 'logout';
        action: LogoutOutcome['actionName'];
        mvpd: string;
      }
    | {
        type: 'temppass';
        action: 'trial-started' | 'reset';
        mvpd: string;
        trialId?: string;
        expiresAt?: number;
        /** Reset TempPass: what the reset removed. */
        linksRemoved?: number;
        trialsDeleted?: number;
      }
  );

/** An event as the control plane answers it. */
export type EmulatorEvent = EventDetails & { id: number; at: number };

/** Appends events (one transaction, stamped with the emulator clock). Never throws into the caller's answer. */
export function recordEvents(context: EmulatorContext, events: readonly EventDetails[]): void {
  const at = context.clock.now();
  insertEvents(
    context.db,
    events.map(({ type, deviceId, ...data }) => ({ at, type, deviceId, data: JSON.stringify(data) })),
  );
}

export function recordEvent(context: EmulatorContext, event: EventDetails): void {
  recordEvents(context, [event]);
}

/** Records a session answer (created or resumed) and returns it unchanged. */
export function recordSessionOutcome(
  context: EmulatorContext,
  action: 'created' | 'resumed',
  deviceId: string,
  outcome: SessionOutcome,
): SessionOutcome {
  recordEvent(context, {
    type: 'session',
    action,
    deviceId,
    code: outcome.session?.code ?? null,
    sessionId: outcome.sessionId,
    mvpd: outcome.mvpd,
    actionName: outcome.actionName,
    reasonType: outcome.reasonType,
    missingParameters: [...outcome.missingParameters],
    api: 'v2',
  });
  return outcome;
}

/** A v1 registration code: the session a second screen logs in with, as a `session` event. */
export function recordRegcodeCreated(
  context: EmulatorContext,
  regcode: { code: string; id: string; mvpd: string | null; deviceId: string },
): void {
  recordEvent(context, {
    type: 'session',
    action: 'created',
    deviceId: regcode.deviceId,
    code: regcode.code,
    sessionId: regcode.id,
    mvpd: regcode.mvpd,
    actionName: 'authenticate',
    reasonType: 'none',
    missingParameters: [],
    api: 'v1',
  });
}

const CODE = /^[A-Za-z0-9]{1,32}$/;
/** Resources can be whole MRSS documents: the log keeps their first characters. */
const MAX_RESOURCE_CHARS = 1_024;
const clip = (resource: string) => resource.slice(0, MAX_RESOURCE_CHARS);

/**
 * A second screen's `GET sessions/{code}`: found, not found (unknown, malformed or another service
 * provider's) or expired. The device is the code's owner (null when there is none).
 */
export function recordCodeLookup(
  context: EmulatorContext,
  serviceProvider: string,
  rawCode: string | undefined,
): void {
  const code = rawCode !== undefined && CODE.test(rawCode) ? rawCode.toUpperCase() : (rawCode ?? '');
  const session = CODE.test(code) ? findSession(context.db, code) : undefined;
  const mine = session !== undefined && session.serviceProvider === serviceProvider ? session : undefined;
  const now = context.clock.now();
  const live = mine !== undefined && mine.notBefore <= now && now < mine.notAfter;
  recordEvent(context, {
    type: 'code',
    action: mine === undefined ? 'not_found' : live ? 'found' : 'expired',
    deviceId: mine?.deviceId ?? null,
    code: code.slice(0, 64),
    mvpd: mine?.mvpd ?? null,
    authenticated: mine?.authenticatedAt != null,
  });
}

export function profileEvent(
  action: 'created' | 'deleted',
  profile: ProfileRecord,
  cause: 'login' | 'logout',
): EventDetails {
  return {
    type: 'profile',
    action,
    deviceId: profile.deviceId,
    mvpd: profile.mvpd,
    profileType: profile.type,
    username: profile.username,
    code: profile.sessionCode,
    cause,
  };
}

/** `token.tokenId`: `mediaTokenId` of the token (SHA-256 of its signed body), null when unreadable. */
export function mediaTokenEvent(
  token: { notBefore: number; notAfter: number; tokenId: string | null },
  input: { deviceId: string; mvpd: string; resource: string; api: 'v2' | 'v1' },
): EventDetails {
  return {
    type: 'media-token',
    action: 'issued',
    ...input,
    resource: clip(input.resource),
    notBefore: token.notBefore,
    notAfter: token.notAfter,
    tokenId: token.tokenId,
  };
}

/**
 * Runs a preauthorize/authorize decision and records it: one `decision` event per resource (and a
 * `media-token` event per token a v2 answer carries), or one request-level `decision` event when it
 * throws.
 */
export function recordDecisions(
  context: EmulatorContext,
  request: DecisionRequest,
  run: () => DecisionDraft[],
): DecisionDraft[] {
  const api = request.api ?? 'v2';
  const common = {
    deviceId: request.deviceId,
    action: request.kind,
    mvpd: request.mvpd.id,
    trace: request.trace,
    api,
  };
  let decisions: DecisionDraft[];
  try {
    decisions = run();
  } catch (error) {
    if (error instanceof PassError) {
      recordEvent(context, {
        type: 'decision',
        ...common,
        resource: null,
        authorized: false,
        source: null,
        error: error.code,
        status: error.status,
      });
    }
    throw error;
  }
  const events: EventDetails[] = [];
  for (const decision of decisions) {
    events.push({
      type: 'decision',
      ...common,
      resource: clip(decision.resource),
      authorized: decision.authorized,
      source: decision.source,
      error: decision.error?.code ?? null,
      status: decision.error?.status ?? null,
    });
    // A v1 authorize keeps only the authorization; its tokens come from /api/v1/tokens/media.
    if (decision.token && api === 'v2') {
      events.push(
        mediaTokenEvent(
          { ...decision.token, tokenId: mediaTokenBodyId(decision.token.body) },
          {
            deviceId: request.deviceId,
            mvpd: request.mvpd.id,
            resource: decision.resource,
            api: 'v2',
          },
        ),
      );
    }
  }
  recordEvents(context, events);
  return decisions;
}

/** Records a logout answer and returns it unchanged. */
export function recordLogout(
  context: EmulatorContext,
  deviceId: string,
  outcome: LogoutOutcome,
): LogoutOutcome {
  recordEvent(context, { type: 'logout', action: outcome.actionName, deviceId, mvpd: outcome.mvpd });
  return outcome;
}

/** The newest matching events first. */
export function listEvents(context: EmulatorContext, query: EventQuery): EmulatorEvent[] {
  return queryEvents(context.db, query).map((row) => {
    let data: Record<string, unknown> = {};
    try {
      const parsed: unknown = JSON.parse(row.data);
      if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed))
        data = parsed as Record<string, unknown>;
    } catch {
      // an imported row with broken data: the envelope is still worth showing
    }
    return { ...data, id: row.id, at: row.at, type: row.type, deviceId: row.device_id } as EmulatorEvent;
  });
}
