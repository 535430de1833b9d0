import type { V1Authn } from '../domain/v1-authn.ts';
import type { PreauthorizeItem, UserMetadata, V1MediaToken } from '../domain/v1-authz.ts';
import type { SeedMvpd } from '../domain/seed.ts';
import type { AuthorizationRecord } from '../store/v1-authorizations.ts';
import type { RegcodeRecord } from '../store/v1-regcodes.ts';
import type { V1Body } from './v1-format.ts';
import { el, optional, valueToXml, type XmlElement } from './v1-xml.ts';

/**
 * The legacy v1 bodies (spec clientless-v1.md, "Bodies"), each in JSON and XML with the root and
 * element names of Adobe's samples. JSON `expires` of tokens are strings of epoch ms; the regcode's
 * `generated`/`expires` are numbers (as in the samples). Config and user-metadata XML layouts are
 * not published: `<config>` and `<metadata>` below are our choice (README).
 */
const b64 = (value: string) => Buffer.from(value, 'utf8').toString('base64');

export function regcodeBody(regcode: RegcodeRecord): V1Body {
  const source = { id: regcode.clientId, name: regcode.softwareId };
  const info = {
    deviceId: b64(regcode.deviceId),
    ...(regcode.deviceInfo !== null ? { deviceInfo: regcode.deviceInfo } : {}),
    ...(regcode.userAgent !== null ? { userAgent: regcode.userAgent } : {}),
    ...(regcode.originalUserAgent !== null ? { originalUserAgent: regcode.originalUserAgent } : {}),
    authorizationType: 'OAUTH2',
    sourceApplicationInformation: source,
    ...(regcode.deviceType !== null ? { deviceType: regcode.deviceType } : {}),
    ...(regcode.deviceUser !== null ? { deviceUser: regcode.deviceUser } : {}),
    ...(regcode.appIdParam !== null ? { appId: regcode.appIdParam } : {}),
  };
  const json = {
    id: regcode.id,
    code: regcode.code,
    requestor: regcode.requestor,
    ...(regcode.mvpd !== null ? { mvpd: regcode.mvpd } : {}),
    generated: regcode.generated,
    expires: regcode.expires,
    info,
  };
  const infoXml: XmlElement[] = Object.entries(info).map(([key, value]) =>
    typeof value === 'object' ? el(key, [el('id', value.id), el('name', value.name)]) : el(key, value),
  );
  const xml = el(
    'ns2:regcode',
    [
      el('id', regcode.id),
      el('code', regcode.code),
      el('requestor', regcode.requestor),
      ...optional('mvpd', regcode.mvpd),
      el('generated', regcode.generated),
      el('expires', regcode.expires),
      el('info', infoXml),
    ],
    { 'xmlns:ns2': 'model.mvc.reggie.pass.adobe.com' },
  );
  return { json, xml };
}

export function authnBody(authn: V1Authn): V1Body {
  const requestor = authn.owner.serviceProvider;
  return {
    json: { requestor, mvpd: authn.mvpd.id, userId: authn.userId, expires: String(authn.expires) },
    xml: el('authentication', [
      el('expires', authn.expires),
      el('userId', authn.userId),
      el('mvpd', authn.mvpd.id),
      el('requestor', requestor),
    ]),
  };
}

export function authorizationBody(record: AuthorizationRecord): V1Body {
  const proxy = record.proxyMvpd;
  return {
    json: {
      mvpd: record.mvpd,
      resource: record.resource,
      requestor: record.serviceProvider,
      expires: String(record.notAfter),
      ...(proxy !== null ? { proxyMvpd: proxy } : {}),
    },
    xml: el('authorization', [
      el('expires', record.notAfter),
      el('mvpd', record.mvpd),
      el('requestor', record.serviceProvider),
      el('resource', record.resource),
      ...optional('proxyMvpd', proxy),
    ]),
  };
}

export function playBody(token: V1MediaToken): V1Body {
  return {
    json: {
      resource: token.resource,
      requestor: token.requestor,
      expires: String(token.expires),
      serializedToken: token.serializedToken,
      userId: token.userId,
      mvpdId: token.mvpdId,
      ...(token.proxyMvpdId !== undefined ? { proxyMvpdId: token.proxyMvpdId } : {}),
    },
    xml: el('play', [
      el('expires', token.expires),
      el('mvpdId', token.mvpdId),
      ...optional('proxyMvpdId', token.proxyMvpdId),
      el('requestor', token.requestor),
      el('resource', token.resource),
      el('serializedToken', token.serializedToken),
      el('userId', token.userId),
    ]),
  };
}

export function preauthorizeBody(items: PreauthorizeItem[]): V1Body {
  return {
    json: { resources: items },
    xml: el(
      'resources',
      items.map((item) =>
        el('resource', [
          el('id', item.id),
          el('authorized', item.authorized),
          ...(item.error
            ? [
                el(
                  'error',
                  Object.entries(item.error)
                    .filter(([, value]) => value !== undefined)
                    .map(([key, value]) => el(key, String(value))),
                ),
              ]
            : []),
        ]),
      ),
    ),
  };
}

export function userMetadataBody(metadata: UserMetadata): V1Body {
  return {
    json: metadata,
    xml: el('metadata', [
      el('updated', metadata.updated),
      valueToXml('encrypted', metadata.encrypted, 'key'),
      valueToXml('data', metadata.data),
    ]),
  };
}

/** The legacy MVPD list: the v2 configuration's entries (absolute logo URLs, flags only when true). */
export function configBody(
  requestor: { id: string; name: string },
  mvpds: SeedMvpd[],
  origin: string,
): V1Body {
  const entries = mvpds.map((mvpd) => ({
    id: mvpd.id,
    displayName: mvpd.displayName,
    logoUrl: new URL(mvpd.logoUrl, origin).href,
    ...Object.fromEntries(Object.entries(mvpd.flags ?? {}).filter(([, value]) => value === true)),
  }));
  return {
    json: { requestor, mvpds: entries },
    xml: el('config', [
      el('requestor', [el('id', requestor.id), el('name', requestor.name)]),
      el(
        'mvpds',
        entries.map((entry) =>
          el(
            'mvpd',
            Object.entries(entry).map(([key, value]) => el(key, String(value))),
          ),
        ),
      ),
    ]),
  };
}
