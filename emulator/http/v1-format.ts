import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { V1Error } from '../domain/v1-errors.ts';
import type { EmulatorEnv } from './env.ts';
import { JSON_CONTENT_TYPE } from './respond.ts';
import { el, optional, renderXml, type XmlElement } from './v1-xml.ts';

/**
 * Response format of the legacy v1 API (spec clientless-v1.md, Conventions): path suffix
 * `.json`/`.xml`, else the `format=json|xml` query parameter, else `Accept` (the better-rated of
 * `application/json` and `application/xml`/`text/xml`; wildcards do not choose), else XML.
 * Precedence where several are sent is our choice; an unknown `format` value is ignored.
 */
export type V1Format = 'json' | 'xml';

export const XML_CONTENT_TYPE = 'application/xml;charset=UTF-8';

/** A body in both renderings. */
export interface V1Body {
  json: unknown;
  xml: XmlElement;
}

const SUFFIX = /\.(json|xml)$/i;

export function suffixFormat(path: string): V1Format | undefined {
  const match = SUFFIX.exec(path);
  return match ? (match[1]?.toLowerCase() as V1Format) : undefined;
}

/** A path parameter without its `.json`/`.xml` suffix. */
export function stripSuffix(value: string | undefined): string | undefined {
  return value?.replace(SUFFIX, '');
}

function acceptFormat(accept: string | undefined): V1Format | undefined {
  if (!accept) return undefined;
  let best: { format: V1Format; q: number } | undefined;
  for (const part of accept.slice(0, 2048).split(',')) {
    const [type = '', ...params] = part.split(';').map((piece) => piece.trim().toLowerCase());
    const format: V1Format | undefined =
      type === 'application/json' || type === 'text/json'
        ? 'json'
        : type === 'application/xml' || type === 'text/xml'
          ? 'xml'
          : undefined;
    if (!format) continue;
    const qParam = params.find((param) => param.startsWith('q='));
    const q = qParam ? Number(qParam.slice(2)) : 1;
    if (!Number.isFinite(q) || q <= 0) continue;
    if (!best || q > best.q) best = { format, q };
  }
  return best?.format;
}

export function negotiateFormat(c: Context): V1Format {
  const fromSuffix = suffixFormat(c.req.path);
  if (fromSuffix) return fromSuffix;
  const formats = c.req.queries('format');
  const param = formats?.length === 1 ? formats[0]?.toLowerCase() : undefined;
  if (param === 'json' || param === 'xml') return param;
  return acceptFormat(c.req.header('Accept')) ?? 'xml';
}

export function sendV1(
  c: Context<EmulatorEnv>,
  format: V1Format,
  body: V1Body,
  status: ContentfulStatusCode = 200,
): Response {
  c.header('Cache-Control', 'no-store');
  if (format === 'json') {
    return c.body(JSON.stringify(body.json), status, { 'Content-Type': JSON_CONTENT_TYPE });
  }
  return c.body(renderXml(body.xml), status, { 'Content-Type': XML_CONTENT_TYPE });
}

export function errorBody(error: V1Error): V1Body {
  return {
    json: {
      status: error.status,
      message: error.message,
      ...(error.details !== undefined ? { details: error.details } : {}),
    },
    xml: el('error', [
      el('status', error.status),
      el('message', error.message),
      ...optional('details', error.details),
    ]),
  };
}

export function sendV1Error(c: Context<EmulatorEnv>, format: V1Format, error: V1Error): Response {
  return sendV1(c, format, errorBody(error), error.status);
}
