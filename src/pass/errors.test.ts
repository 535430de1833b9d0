// @vitest-environment node
import { describe, expect, it } from 'vitest';
import {
  isPassApiError,
  isPassDcrError,
  isPassError,
  isPassTransportError,
  PassApiError,
  PassDcrError,
  PassTransportError,
} from './errors';

describe('error classes', () => {
  it('PassApiError copies every enhanced-error field', () => {
    const error = new PassApiError(403, {
      status: 403,
      code: 'authorization_denied_by_mvpd',
      action: 'none',
      message: 'Denied',
      details: 'No Live channel',
      helpUrl: 'https://help.test',
      trace: 't-1',
    });
    expect([error.name, error.httpStatus, error.status, error.code, error.action]).toEqual([
      'PassApiError',
      403,
      403,
      'authorization_denied_by_mvpd',
      'none',
    ]);
    expect([error.message, error.details, error.helpUrl, error.trace]).toEqual([
      'Denied',
      'No Live channel',
      'https://help.test',
      't-1',
    ]);
    expect(error).toBeInstanceOf(Error);
  });

  it('type guards tell the three kinds apart', () => {
    const api = new PassApiError(400, { status: 400, code: 'x', action: 'none' });
    const dcr = new PassDcrError('token', 400, 'invalid_client');
    const transport = new PassTransportError('throttled', 'slow down', {
      method: 'GET',
      url: '/x',
      httpStatus: 429,
    });
    expect([isPassApiError(api), isPassDcrError(api), isPassTransportError(api)]).toEqual([
      true,
      false,
      false,
    ]);
    expect([isPassApiError(dcr), isPassDcrError(dcr), isPassTransportError(dcr)]).toEqual([
      false,
      true,
      false,
    ]);
    expect([isPassApiError(transport), isPassDcrError(transport), isPassTransportError(transport)]).toEqual([
      false,
      false,
      true,
    ]);
    expect([isPassError(api), isPassError(dcr), isPassError(transport), isPassError(new Error('x'))]).toEqual(
      [true, true, true, false],
    );
    expect(dcr.message).toBe('Adobe Pass token failed: invalid_client (HTTP 400)');
    expect(transport.issues).toEqual([]);
  });
});
