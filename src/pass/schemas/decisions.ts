import { z } from './zod';
import { enhancedErrorSchema } from './enhanced-error';
import { epochMsSchema, openEnum } from './open-enum';

/** Who produced the decision. Open: Adobe may add sources. */
export const DECISION_SOURCES = ['mvpd', 'degradation', 'temppass', 'dummy'] as const;
export type DecisionSource = (typeof DECISION_SOURCES)[number];

/** Media token carried by an authorize permit. `issuedAt` appears in one Adobe sample only. */
export const mediaTokenSchema = z
  .object({
    notBefore: epochMsSchema,
    notAfter: epochMsSchema,
    serializedToken: z.string().min(1),
    issuedAt: epochMsSchema.optional(),
  })
  .loose();
export type MediaToken = z.infer<typeof mediaTokenSchema>;

const decisionBase = {
  resource: z.string(),
  serviceProvider: z.string(),
  mvpd: z.string(),
  source: openEnum(DECISION_SOURCES),
  /** Validity of the decision itself (authZ TTL); absent on preauthorize and some degradation items. */
  notBefore: epochMsSchema.optional(),
  notAfter: epochMsSchema.optional(),
};

/** A permit. `token` is present on authorize permits only. */
export const permitDecisionSchema = z
  .object({
    ...decisionBase,
    authorized: z.literal(true),
    token: mediaTokenSchema.optional(),
  })
  .loose();
export type PermitDecision = z.infer<typeof permitDecisionSchema>;

/** A deny. The item-level `error.status` (e.g. 403) differs from the HTTP status (200). */
export const denyDecisionSchema = z
  .object({
    ...decisionBase,
    authorized: z.literal(false),
    error: enhancedErrorSchema,
  })
  .loose();
export type DenyDecision = z.infer<typeof denyDecisionSchema>;

/** One `DecisionResponse`, discriminated by `authorized`. */
export const decisionSchema = z.discriminatedUnion('authorized', [permitDecisionSchema, denyDecisionSchema]);
export type Decision = z.infer<typeof decisionSchema>;

/** 200 answer of preauthorize and authorize: one item per requested resource. */
export const decisionsResponseSchema = z.object({ decisions: z.array(decisionSchema) }).loose();
export type DecisionsResponse = z.infer<typeof decisionsResponseSchema>;

/** Body sent to both decision endpoints. */
export const decisionsRequestSchema = z.object({ resources: z.array(z.string()) });
export type DecisionsRequest = z.infer<typeof decisionsRequestSchema>;
