import { ERROR_ACTIONS } from '../../src/pass/schemas/enhanced-error.ts';
import { parseXml } from '../http/v1-test-xml.ts';

/**
 * Response checks for the endpoint fuzz: what an answer of each route family must look like
 * (spec errors.md, dcr.md, clientless-v1.md, media-token.md). Each check returns a list of
 * problems (empty = fine) instead of throwing, so a fast-check property can report them all.
 */
export type Family = 'v2' | 'dcr' | 'v1' | 'browser' | 'media' | 'control';

/** `action` values of the enhanced error: the client's own list (one definition per Adobe shape). */
const ACTIONS = new Set<string>(ERROR_ACTIONS);

export interface Answer {
  status: number;
  contentType: string;
  text: string;
}

/** The framework's answer for a path no route matches (spec is silent on unknown paths). */
export function isUnroutedNotFound(answer: Answer): boolean {
  return (
    answer.status === 404 && answer.contentType.startsWith('text/plain') && answer.text === '404 Not Found'
  );
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Top-level enhanced error: `status` int equal to the HTTP status, `code`/`action`/`message` strings. */
export function enhancedProblems(answer: Answer): string[] {
  const problems: string[] = [];
  if (answer.contentType !== 'application/json;charset=UTF-8')
    problems.push(`content-type ${answer.contentType}`);
  const parsed = parseJson(answer.text);
  if (!parsed.ok || !isObject(parsed.value)) return [...problems, 'body is not a JSON object'];
  const body = parsed.value;
  if (!Number.isInteger(body.status) || body.status !== answer.status)
    problems.push(`status field ${String(body.status)}`);
  if (typeof body.code !== 'string' || !/^[a-z_]+$/.test(body.code)) problems.push('code');
  if (typeof body.action !== 'string' || !ACTIONS.has(body.action)) problems.push('action');
  if (typeof body.message !== 'string' || body.message === '') problems.push('message');
  return problems;
}

function jsonObjectProblems(answer: Answer, check: (body: Record<string, unknown>) => boolean): string[] {
  if (!answer.contentType.startsWith('application/json')) return [`content-type ${answer.contentType}`];
  const parsed = parseJson(answer.text);
  if (!parsed.ok || !isObject(parsed.value)) return ['body is not a JSON object'];
  return check(parsed.value) ? [] : [`unexpected body ${answer.text.slice(0, 200)}`];
}

/** 405 on any JSON family is the enhanced `invalid_http_method` (errors.md §2, inferred). */
function methodNotAllowedProblems(answer: Answer): string[] {
  const problems = enhancedProblems(answer);
  if (!answer.text.includes('"invalid_http_method"')) problems.push('405 without invalid_http_method');
  return problems;
}

/** v1 error body: JSON `{status, message}` or XML `<error><status/><message/></error>`. */
function v1ErrorProblems(answer: Answer, expected: 'json' | 'xml' | undefined): string[] {
  if (answer.contentType.startsWith('application/json')) {
    if (expected === 'xml') return ['JSON answer although XML was asked'];
    return jsonObjectProblems(
      answer,
      (body) => body.status === answer.status && typeof body.message === 'string',
    );
  }
  if (answer.contentType.startsWith('application/xml')) {
    if (expected === 'json') return ['XML answer although JSON was asked'];
    try {
      const root = parseXml(answer.text);
      const field = (name: string) => root.children.find((child) => child.name === name)?.text;
      if (root.name !== 'error') return [`XML root <${root.name}>`];
      if (field('status') !== String(answer.status)) return ['XML <status> differs from HTTP status'];
      if (field('message') === undefined) return ['XML without <message>'];
      return [];
    } catch (error) {
      return [String(error)];
    }
  }
  return [`content-type ${answer.contentType}`];
}

/** Well-formed success body for the content types a family answers with. */
function successProblems(answer: Answer): string[] {
  if (answer.contentType.startsWith('application/json') && !parseJson(answer.text).ok)
    return ['2xx JSON body does not parse'];
  if (answer.contentType.startsWith('application/xml')) {
    try {
      parseXml(answer.text);
    } catch (error) {
      return [String(error)];
    }
  }
  return [];
}

/**
 * Problems with one answer of `family`. `v1Format` is the format the request asked for
 * unambiguously (path suffix), if any.
 */
export function answerProblems(
  family: Family,
  answer: Answer,
  options: { head: boolean; v1Format?: 'json' | 'xml' | undefined },
): string[] {
  if (answer.status >= 500) return [`HTTP ${answer.status}`];
  if (options.head || answer.status < 400) return options.head ? [] : successProblems(answer);
  if (isUnroutedNotFound(answer)) return [];
  // Adobe's throttle shape, also the code entry limit's (GET sessions/{code} after 10 failures).
  if (answer.status === 429 && family !== 'browser' && family !== 'control') {
    return answer.contentType.startsWith('text/html') && answer.text.includes('429 Too Many Requests')
      ? []
      : ['429 without the throttle page'];
  }
  switch (family) {
    case 'v2':
      return enhancedProblems(answer);
    case 'dcr':
      if (answer.status === 405) return methodNotAllowedProblems(answer);
      if (answer.status !== 400) return [`DCR error with HTTP ${answer.status}`];
      return jsonObjectProblems(answer, (body) => typeof body.error === 'string');
    case 'v1':
      return v1ErrorProblems(answer, options.v1Format);
    case 'browser':
      if (!answer.contentType.startsWith('text/html')) return [`content-type ${answer.contentType}`];
      return /<h1>|<form /.test(answer.text) ? [] : ['HTML page without a heading or form'];
    case 'media':
      if (answer.status === 405) return methodNotAllowedProblems(answer);
      return jsonObjectProblems(answer, (body) => typeof body.status === 'string');
    case 'control':
      if (answer.status === 405) return methodNotAllowedProblems(answer);
      return jsonObjectProblems(answer, (body) => typeof body.error === 'string');
  }
}
