import type { DecisionRequest } from './decisions.ts';
import { prepareMediaToken, type UnsignedMediaToken } from './media-token.ts';

/**
 * The media token of one permitted resource: a fresh one per permit, never reused (spec
 * decisions.md), for the request's service provider and MVPD with that MVPD's token lifetime. It is
 * signed later, off the event loop (`decide`).
 */
export function permitToken(
  request: Pick<DecisionRequest, 'serviceProvider' | 'mvpd'>,
  resource: string,
  userId: string,
  issuedAt: number,
): UnsignedMediaToken {
  return prepareMediaToken({
    userId,
    requestor: request.serviceProvider,
    resource,
    ttlMs: request.mvpd.mediaTokenTtlMs,
    issuedAt,
    mvpd: request.mvpd.id,
  });
}
