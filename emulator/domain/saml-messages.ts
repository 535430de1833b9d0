/**
 * The SAML-like messages of the `saml-chain` personality. They look like SAML 2.0 (an AuthnRequest
 * from Adobe's service provider to the MVPD's SSO endpoint, a Response with an assertion posted back
 * to Adobe's assertion consumer, both Base64 in an auto-posted form with a RelayState), but they are
 * not signed XML: what makes them safe here is the message ID, a one-time token bound to the login
 * flow (checked timing-safe, and against the flow's CSRF cookie on the MVPD side). The emulator
 * writes them and reads back only what it wrote; anything else is "not a message".
 */
const MAX_MESSAGE_CHARS = 8_192;
const TOKEN = /^[a-f0-9]{64}$/;
const NAME = /^[A-Za-z0-9_.-]{1,64}$/;

function escapeXml(value: string): string {
  return value.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

function encode(xml: string): string {
  return Buffer.from(xml, 'utf8').toString('base64');
}

/** Base64 → XML text, or undefined when it is too long or not Base64. */
function decode(value: string | undefined): string | undefined {
  if (value === undefined || value.length === 0 || value.length > MAX_MESSAGE_CHARS) return undefined;
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(value)) return undefined;
  return Buffer.from(value, 'base64').toString('utf8');
}

function attribute(xml: string, element: string, name: string): string | undefined {
  const tag = new RegExp(`<${element}\\b[^>]*>`).exec(xml)?.[0];
  return tag ? new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1] : undefined;
}

function text(xml: string, element: string): string | undefined {
  return new RegExp(`<${element}>([^<]*)</${element}>`).exec(xml)?.[1];
}

export interface SamlRequestInput {
  /** The flow's one-time token (64 hex). */
  token: string;
  serviceProvider: string;
  destination: string;
  assertionConsumerUrl: string;
  issueInstant: number;
}

/** `SAMLRequest` form value: Adobe (the SP) asks the MVPD (the IdP) to authenticate the viewer. */
export function samlRequest(input: SamlRequestInput): string {
  return encode(
    `<samlp:AuthnRequest xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="_${escapeXml(input.token)}" Version="2.0" IssueInstant="${new Date(input.issueInstant).toISOString()}" Destination="${escapeXml(input.destination)}" AssertionConsumerServiceURL="${escapeXml(input.assertionConsumerUrl)}" ProtocolBinding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST"><saml:Issuer>${escapeXml(input.serviceProvider)}</saml:Issuer></samlp:AuthnRequest>`,
  );
}

/** The token (request ID without its `_`) of a `SAMLRequest` this emulator wrote. */
export function readSamlRequest(value: string | undefined): { token: string } | undefined {
  const xml = decode(value);
  if (!xml?.startsWith('<samlp:AuthnRequest ')) return undefined;
  const id = attribute(xml, 'samlp:AuthnRequest', 'ID');
  const token = id?.startsWith('_') ? id.slice(1) : undefined;
  return token && TOKEN.test(token) ? { token } : undefined;
}

export interface SamlResponseInput {
  /** The flow's one-time token (64 hex), the response ID. */
  token: string;
  /** The MVPD id (the IdP issuing the assertion). */
  mvpd: string;
  destination: string;
  /** The account's user id at the MVPD. */
  nameId: string;
  issueInstant: number;
}

/** `SAMLResponse` form value: the MVPD's assertion that the viewer signed in. */
export function samlResponse(input: SamlResponseInput): string {
  const instant = new Date(input.issueInstant).toISOString();
  return encode(
    `<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="_${escapeXml(input.token)}" Version="2.0" IssueInstant="${instant}" Destination="${escapeXml(input.destination)}"><saml:Issuer>${escapeXml(input.mvpd)}</saml:Issuer><samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/></samlp:Status><saml:Assertion ID="_a${escapeXml(input.token.slice(0, 16))}" IssueInstant="${instant}" Version="2.0"><saml:Issuer>${escapeXml(input.mvpd)}</saml:Issuer><saml:Subject><saml:NameID>${escapeXml(input.nameId)}</saml:NameID></saml:Subject></saml:Assertion></samlp:Response>`,
  );
}

/** Token and issuing MVPD of a `SAMLResponse` this emulator wrote. */
export function readSamlResponse(value: string | undefined): { token: string; mvpd: string } | undefined {
  const xml = decode(value);
  if (!xml?.startsWith('<samlp:Response ')) return undefined;
  const id = attribute(xml, 'samlp:Response', 'ID');
  const token = id?.startsWith('_') ? id.slice(1) : undefined;
  const mvpd = text(xml, 'saml:Issuer');
  return token && TOKEN.test(token) && mvpd && NAME.test(mvpd) ? { token, mvpd } : undefined;
}
