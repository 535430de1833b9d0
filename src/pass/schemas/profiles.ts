import { z } from './zod';
import { epochMsSchema, openEnum } from './open-enum';

/** Profile types; Adobe may add new kinds of SSO, so parsing stays open. */
export const PROFILE_TYPES = [
  'regular',
  'temporary',
  'degraded',
  'appleSSO',
  'platformSSO',
  'serviceTokenSSO',
] as const;
export type ProfileType = (typeof PROFILE_TYPES)[number];

/** `plain` = clear value; `enc` = Base64 ciphertext made with the programmer's public certificate. */
export const ATTRIBUTE_STATES = ['plain', 'enc'] as const;
export type AttributeState = (typeof ATTRIBUTE_STATES)[number];

/** One user-metadata attribute. `value` is any JSON (string, number, array or object). */
export const profileAttributeSchema = z.looseObject({
  value: z.json(),
  state: z.enum(ATTRIBUTE_STATES),
});
export type ProfileAttribute = z.infer<typeof profileAttributeSchema>;

/** `MvpdProfile`: times are epoch-ms **numbers**. */
export const mvpdProfileSchema = z.looseObject({
  notBefore: epochMsSchema,
  notAfter: epochMsSchema,
  issuer: z.string(),
  type: openEnum(PROFILE_TYPES),
  attributes: z.record(z.string(), profileAttributeSchema),
});
export type MvpdProfile = z.infer<typeof mvpdProfileSchema>;

/** 200 answer of the three profiles endpoints: a map keyed by MVPD id (may be empty). */
export const profilesResponseSchema = z.looseObject({ profiles: z.record(z.string(), mvpdProfileSchema) });
export type ProfilesResponse = z.infer<typeof profilesResponseSchema>;
