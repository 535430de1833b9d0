import { describe, expect, it } from 'vitest';
import {
  activationDoneUrl,
  activationUrl,
  localExpiry,
  mvpdFromParam,
  pollIntervalFromParam,
} from './tv-params';

describe('pollIntervalFromParam', () => {
  it('defaults to 5 s', () => {
    expect(pollIntervalFromParam(null)).toBe(5_000);
    expect(pollIntervalFromParam('')).toBe(5_000);
    expect(pollIntervalFromParam('soon')).toBe(5_000);
  });

  it('reads seconds and clamps to 3–15 s', () => {
    expect(pollIntervalFromParam('3')).toBe(3_000);
    expect(pollIntervalFromParam('4.5')).toBe(4_500);
    expect(pollIntervalFromParam('1')).toBe(3_000);
    expect(pollIntervalFromParam('0')).toBe(3_000);
    expect(pollIntervalFromParam('-4')).toBe(3_000);
    expect(pollIntervalFromParam('60')).toBe(15_000);
  });
});

describe('mvpdFromParam', () => {
  it('accepts MVPD ids and ignores anything else', () => {
    expect(mvpdFromParam('AcmeCable')).toBe('AcmeCable');
    expect(mvpdFromParam('Metro_Fiber-2')).toBe('Metro_Fiber-2');
    expect(mvpdFromParam(null)).toBeNull();
    expect(mvpdFromParam('')).toBeNull();
    expect(mvpdFromParam('<script>')).toBeNull();
    expect(mvpdFromParam('a b')).toBeNull();
  });
});

describe('URLs', () => {
  it('builds the second-screen and done URLs on this origin', () => {
    expect(activationUrl('http://localhost:4000', 'ABC1234')).toBe(
      'http://localhost:4000/activate?code=ABC1234',
    );
    expect(activationDoneUrl('http://localhost:4000')).toBe('http://localhost:4000/activate/done');
  });
});

describe('localExpiry', () => {
  it('counts the validity window from when this device asked', () => {
    // The device clock is 10 minutes behind Adobe's: the code still lasts 30 minutes here.
    const adobeNow = 1_733_735_289_035;
    const deviceNow = adobeNow - 600_000;
    expect(
      localExpiry({ notBefore: String(adobeNow), notAfter: String(adobeNow + 1_800_000) }, deviceNow),
    ).toBe(deviceNow + 1_800_000);
  });

  it('falls back to notAfter, or nothing', () => {
    expect(localExpiry({ notAfter: '1000' }, 5)).toBe(1000);
    expect(localExpiry({}, 5)).toBeUndefined();
    expect(localExpiry({ notBefore: '10', notAfter: '20' }, 0)).toBe(20);
  });
});
