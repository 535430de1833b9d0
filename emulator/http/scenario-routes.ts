import { Hono, type Context } from 'hono';
import { z } from 'zod';
import type { EmulatorContext } from '../context.ts';
import {
  deviceIdField,
  ScenarioBody,
  seedProblem,
  withAliases,
  type ScenarioInput,
} from '../domain/scenario-rules.ts';
import {
  addScenario,
  clearScenarios,
  listScenarios,
  removeScenario,
  type ScenarioScope,
  type ScenarioSpec,
} from '../domain/scenarios.ts';
import type { EmulatorEnv } from './env.ts';
import { readJsonBody } from './json-body.ts';
import { sendJson } from './respond.ts';

/**
 * The scenario part of the control plane (README "Scenarios"): `GET`/`POST`/`DELETE
 * /__emulator/scenarios`, `DELETE /__emulator/scenarios/{id}`. These paths sit under
 * `/__emulator/*`, which the control plane's admin gate (control-routes.ts, mounted before this
 * router) covers. Every body is validated; errors are `{"error":"invalid_request","message":…}` 400,
 * an unknown id `{"error":"not_found",…}` 404.
 */
const MAX_BODY_BYTES = 16 * 1024;

function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'Invalid scenario.';
  if (issue.code === 'invalid_union' && issue.path.join('.') === 'type')
    return `"type" must be one of ${ScenarioBody.options.map((option) => option.shape.type.value).join(', ')}.`;
  if (issue.code === 'invalid_type' && issue.path.length === 0)
    return 'The body must be one scenario object.';
  if (issue.code === 'unrecognized_keys') return `Unknown field(s): ${issue.keys.join(', ')}.`;
  const path = issue.path.map(String).join('.');
  return path ? `"${path}": ${issue.message}` : issue.message;
}

function invalid(c: Context<EmulatorEnv>, message: string): Response {
  return sendJson(c, { error: 'invalid_request', message }, 400);
}

/** Drops optional keys that are absent so the stored scenario has exactly the fields sent. */
function toSpec(input: ScenarioInput): ScenarioSpec & ScenarioScope {
  return Object.fromEntries(
    Object.entries(input).filter(([, value]) => value !== undefined),
  ) as ScenarioSpec & ScenarioScope;
}

export function scenarioRoutes(context: EmulatorContext): Hono<EmulatorEnv> {
  const router = new Hono<EmulatorEnv>();
  const path = '/__emulator/scenarios';

  router.get(path, (c) => sendJson(c, { scenarios: listScenarios(context) }));

  router.post(path, async (c) => {
    const body = await readJsonBody(c, MAX_BODY_BYTES);
    if (!body.ok) {
      return invalid(
        c,
        body.reason === 'too_large' ? 'The body is too large.' : 'The body must be one scenario as JSON.',
      );
    }
    const parsed = ScenarioBody.safeParse(withAliases(body.value));
    if (!parsed.success) return invalid(c, describeIssue(parsed.error));
    const problem = seedProblem(context, parsed.data);
    if (problem) return invalid(c, problem);
    return sendJson(c, addScenario(context, toSpec(parsed.data)), 201);
  });

  router.delete(path, (c) => {
    const deviceIds = c.req.queries('deviceId');
    if (deviceIds !== undefined) {
      const parsed = deviceIdField.safeParse(deviceIds.length === 1 ? deviceIds[0] : undefined);
      if (!parsed.success) return invalid(c, 'deviceId must be given once, as the decoded device id.');
      return sendJson(c, { removed: clearScenarios(context, parsed.data) });
    }
    return sendJson(c, { removed: clearScenarios(context) });
  });

  router.delete(`${path}/:id`, (c) => {
    const id = c.req.param('id');
    if (!removeScenario(context, id))
      return sendJson(c, { error: 'not_found', message: `There is no scenario "${id.slice(0, 64)}".` }, 404);
    return sendJson(c, { removed: 1 });
  });

  const notAllowed = (allow: string) => (c: Context<EmulatorEnv>) => {
    c.header('Allow', allow);
    return sendJson(c, { error: 'method_not_allowed', message: `Use ${allow}.` }, 405);
  };
  router.all(path, notAllowed('GET, POST, DELETE'));
  router.all(`${path}/:id`, notAllowed('DELETE'));

  return router;
}
