import type { Seed, SeedAccount, SeedMvpd } from './seed.ts';

/**
 * What an MVPD answers for one subscriber and one resource (spec decisions.md, emulator notes).
 * Resources are opaque strings to Adobe; the emulated MVPDs understand:
 *  - a catalog resource id (`harbor-morning-brief`),
 *  - a channel id (`harbor-news`) — channel-level authorization,
 *  - an MRSS document whose `<channel><title>` is one of the above.
 * Anything else is not carried by the MVPD and is denied.
 */
export interface CatalogMatch {
  /** The plain id the MVPD matched (catalog resource or channel). */
  id: string;
  channel: string;
}

export type Entitlement = { permit: true } | { permit: false; details: string };

const MRSS_CHANNEL_TITLE =
  /^\s*(?:<\?xml[^>]*\?>\s*)?<rss\b[\s\S]*?<channel\b[^>]*>\s*<title\b[^>]*>([\s\S]*?)<\/title>/;

function xmlText(raw: string): string {
  const cdata = /^\s*<!\[CDATA\[([\s\S]*?)\]\]>\s*$/.exec(raw);
  if (cdata) return cdata[1] ?? '';
  return raw
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&')
    .trim();
}

/** The plain id a resource string names: itself, or the channel title of an MRSS document. */
export function resourceIdOf(resource: string): string {
  if (!resource.trimStart().startsWith('<')) return resource;
  const match = MRSS_CHANNEL_TITLE.exec(resource);
  return match ? xmlText(match[1] ?? '') : '';
}

export function findInCatalog(seed: Seed, resource: string): CatalogMatch | undefined {
  const id = resourceIdOf(resource);
  const item = seed.resources.find((r) => r.id === id);
  if (item) return { id: item.id, channel: item.channel };
  const channel = seed.resources.find((r) => r.channel === id);
  return channel ? { id, channel: channel.channel } : undefined;
}

export function notCarriedDetails(mvpd: SeedMvpd): string {
  return `${mvpd.displayName} does not carry this title or channel.`;
}

export function unknownSubscriberDetails(mvpd: SeedMvpd): string {
  return `${mvpd.displayName} does not recognise this subscriber.`;
}

/**
 * The MVPD's answer for one resource. `account` undefined (a profile whose user is not a seed
 * account) denies everything.
 */
export function entitlementFor(
  seed: Seed,
  mvpd: SeedMvpd,
  account: SeedAccount | undefined,
  resource: string,
): Entitlement {
  if (!account) return { permit: false, details: unknownSubscriberDetails(mvpd) };
  const rule = account.entitlement;
  // A lapsed subscription is the reason whatever the resource.
  if (rule.kind === 'none') return { permit: false, details: rule.deniedDetails };
  const match = findInCatalog(seed, resource);
  if (!match) return { permit: false, details: notCarriedDetails(mvpd) };
  if (rule.kind === 'all' || rule.channels.includes(match.channel)) return { permit: true };
  return { permit: false, details: rule.deniedDetails };
}
