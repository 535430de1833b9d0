import { z } from './zod';
import { enhancedErrorSchema } from './enhanced-error';
import { epochMsSchema, openEnum } from './open-enum';

/** Who produced the decision. Open: Adobe may add sources. */
export const DECISION_SOURCES = ['mvpd', 'degradation', 'temppass', 'dummy'] as const;
export type DecisionSource = (typeof DECISION_SOURCES)[number];

/** Media token carried by an authorize permit. `issuedAt` appears in one Adobe sample only. */
export const mediaTokenSchema = z.looseObject({
  notBefore: epochMsSchema,
  notAfter: epochMsSchema,
  serializedToken: z.string().check(z.minLength(1)),
  issuedAt: z.optional(epochMsSchema),
});
export type MediaToken = z.infer<typeof mediaTokenSchema>;

const decisionBase = {
  resource: z.string(),
  serviceProvider: z.string(),
  mvpd: z.string(),
  source: openEnum(DECISION_SOURCES),
  /** Validity of the decision itself (authZ TTL); absent on preauthorize and some degradation items. */
  notBefore: z.optional(epochMsSchema),
  notAfter: z.optional(epochMsSchema),
};

/** A permit. `token` is present on authorize permits only. */
export const permitDecisionSchema = z.looseObject({
  ...decisionBase,
  authorized: z.literal(true),
  token: z.optional(mediaTokenSchema),
});
export type PermitDecision = z.infer<typeof permitDecisionSchema>;

/** A deny. The item-level `error.status` (e.g. 403) differs from the HTTP status (200). */
export const denyDecisionSchema = z.looseObject({
  ...decisionBase,
  authorized: z.literal(false),
  error: enhancedErrorSchema,
});
export type DenyDecision = z.infer<typeof denyDecisionSchema>;

/** One `DecisionResponse`, discriminated by `authorized`. */
export const decisionSchema = z.discriminatedUnion('authorized', [permitDecisionSchema, denyDecisionSchema]);
export type Decision = z.infer<typeof decisionSchema>;

/** 200 answer of preauthorize and authorize: one item per requested resource. */
export const decisionsResponseSchema = z.looseObject({ decisions: z.array(decisionSchema) });
export type DecisionsResponse = z.infer<typeof decisionsResponseSchema>;

/** Body sent to both decision endpoints. */
export const decisionsRequestSchema = z.object({ resources: z.array(z.string()) });
export type DecisionsRequest = z.infer<typeof decisionsRequestSchema>;
