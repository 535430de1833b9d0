import { describe, expect, it } from 'vitest';
import { ResetTempPassError, type ResetTempPassRequest } from '../../pass';
import { describeResetOutcome } from './reset-result';

const request: ResetTempPassRequest = { method: 'DELETE', url: '/reset-tempass/v3/reset', headers: {} };

describe('describeResetOutcome', () => {
  it('204 → Reset done', () => {
    expect(describeResetOutcome(null, 204).title).toBe('204 No Content — Reset done');
  });

  it('400, 401 and 403 each say what to do next', () => {
    const outcome = (status: number, kind: ResetTempPassError['kind']) =>
      describeResetOutcome(new ResetTempPassError(kind, status, request), null);
    expect(outcome(400, 'bad-request')).toMatchObject({ title: '400 Bad Request', next: /TempPass MVPD/ });
    expect(outcome(401, 'unauthorized')).toMatchObject({
      title: '401 Unauthorized',
      next: /register the app again/,
    });
    expect(outcome(403, 'forbidden')).toMatchObject({ title: '403 Forbidden', next: /management API/ });
    expect(describeResetOutcome(new ResetTempPassError('network', null, request), null).title).toBe(
      'No answer',
    );
  });
});
