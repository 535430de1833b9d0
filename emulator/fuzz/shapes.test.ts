// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { answerProblems, type Answer } from './shapes.ts';

/** The fuzz's shape checks must reject wrong shapes, or the fuzz would pass vacuously. */
const JSON_TYPE = 'application/json;charset=UTF-8';
const json = (status: number, body: unknown, contentType = JSON_TYPE): Answer => ({
  status,
  contentType,
  text: JSON.stringify(body),
});
const enhanced = { status: 400, code: 'invalid_parameter_mvpd', action: 'none', message: 'Bad MVPD.' };
const check = (family: Parameters<typeof answerProblems>[0], answer: Answer, v1Format?: 'json' | 'xml') =>
  answerProblems(family, answer, { head: false, v1Format });

describe('fuzz shape checks', () => {
  it('accepts each family in its own error shape', () => {
    expect(check('v2', json(400, enhanced))).toEqual([]);
    expect(check('dcr', json(400, { error: 'invalid_request' }))).toEqual([]);
    expect(check('v1', json(403, { status: 403, message: 'No' }))).toEqual([]);
    expect(
      check('v1', {
        status: 404,
        contentType: 'application/xml;charset=UTF-8',
        text: '<?xml version="1.0"?><error><status>404</status><message>Not Found</message></error>',
      }),
    ).toEqual([]);
    expect(
      check('browser', { status: 400, contentType: 'text/html; charset=UTF-8', text: '<h1>x</h1>' }),
    ).toEqual([]);
    expect(check('media', json(403, { status: 'TOKEN_EXPIRED' }))).toEqual([]);
    expect(
      check('v2', { status: 404, contentType: 'text/plain; charset=UTF-8', text: '404 Not Found' }),
    ).toEqual([]);
  });

  it('rejects 5xx, wrong shapes, wrong formats and mismatched statuses', () => {
    expect(check('v2', json(500, { ...enhanced, status: 500 }))).not.toEqual([]);
    expect(check('v2', json(400, { error: 'invalid_request' }))).not.toEqual([]);
    expect(check('v2', json(400, { ...enhanced, status: 403 }))).not.toEqual([]);
    expect(check('v2', json(400, { ...enhanced, action: 'reboot' }))).not.toEqual([]);
    expect(check('v2', json(400, enhanced, 'application/json'))).not.toEqual([]);
    expect(check('dcr', json(400, enhanced))).not.toEqual([]);
    expect(check('dcr', json(401, { error: 'invalid_client' }))).not.toEqual([]);
    expect(check('v1', json(403, { status: 403, message: 'No' }), 'xml')).not.toEqual([]);
    expect(
      check('v1', { status: 403, contentType: 'application/xml', text: '<error><status>4' }),
    ).not.toEqual([]);
    expect(check('browser', json(400, enhanced))).not.toEqual([]);
    expect(check('media', { status: 400, contentType: 'text/plain', text: 'Bad Request' })).not.toEqual([]);
    expect(check('v2', { status: 200, contentType: JSON_TYPE, text: '{"a":' })).not.toEqual([]);
  });
});
