import { Hono, type Context } from 'hono';
import { z } from 'zod';
import type { EmulatorContext } from '../context.ts';
import { decide, requireMvpd, type DecisionKind } from '../domain/decisions.ts';
import { PassError } from '../domain/errors.ts';
import type { EmulatorEnv } from './env.ts';
import { isWellFormed, readJsonBody } from './json-body.ts';
import { methodNotAllowed, readDevice, requireClient } from './middleware.ts';
import { sendJson } from './respond.ts';

/**
 * `POST /api/v2/{serviceProvider}/decisions/{preauthorize|authorize}/{mvpd}` (spec decisions.md).
 *
 * Check order: bearer token and `{serviceProvider}` (401/400, requireClient) → AP-Device-Identifier
 * / X-Device-Info (400) → `{mvpd}` (400) → body `{"resources": string[]}` (400
 * `invalid_parameter_resources`) → count (403 `too_many_resources`) → profile (403
 * `authenticated_profile_missing` / `_expired`) → 200 with one decision per resource. TempPass MVPDs
 * skip the profile check; their failures are item-level (domain/temppass-decisions.ts).
 */

/** Longest accepted resource string (plain ids are short; MRSS documents are not). */
export const MAX_RESOURCE_LENGTH = 8192;
/** Largest accepted request body; beyond it the resources are invalid, however many there are. */
export const MAX_DECISION_BODY_BYTES = 128 * 1024;

const ResourcesBody = z.object({
  resources: z.array(z.string().min(1).max(MAX_RESOURCE_LENGTH).refine(isWellFormed)).min(1),
});

async function readResources(c: Context<EmulatorEnv>): Promise<string[]> {
  const body = await readJsonBody(c, MAX_DECISION_BODY_BYTES);
  const parsed = body.ok ? ResourcesBody.safeParse(body.value) : undefined;
  if (!parsed?.success) throw new PassError('invalid_parameter_resources');
  return parsed.data.resources;
}

function decisionHandler(context: EmulatorContext, kind: DecisionKind) {
  return async (c: Context<EmulatorEnv>) => {
    const { deviceId } = readDevice(c);
    const mvpd = requireMvpd(context, c.req.param('mvpd') ?? '');
    const resources = await readResources(c);
    const decisions = await decide(context, {
      kind,
      serviceProvider: c.req.param('serviceProvider') ?? context.seed.serviceProvider,
      mvpd,
      appId: c.get('client').appId,
      deviceId,
      resources,
      trace: c.get('trace'),
      tempPassIdentity: c.req.header('AP-TempPass-Identity'),
    });
    return sendJson(c, { decisions });
  };
}

export function decisionRoutes(context: EmulatorContext): Hono<EmulatorEnv> {
  const router = new Hono<EmulatorEnv>();
  for (const kind of ['preauthorize', 'authorize'] as const) {
    const path = `/api/v2/:serviceProvider/decisions/${kind}/:mvpd`;
    router.post(path, requireClient(context), decisionHandler(context, kind));
    router.all(path, methodNotAllowed(['POST']));
    // `{mvpd}` left out of the path: the parameter is missing (spec errors.md).
    const bare = `/api/v2/:serviceProvider/decisions/${kind}`;
    router.post(bare, requireClient(context), (c) => {
      readDevice(c);
      throw new PassError('invalid_parameter_mvpd');
    });
    router.all(bare, methodNotAllowed(['POST']));
  }
  return router;
}
