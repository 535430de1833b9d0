// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { Throttle } from './throttle.ts';

describe('Throttle (Adobe: 1 request/s plus a one-time burst of 10)', () => {
  it("reproduces Adobe's published one-device timeline exactly", () => {
    let now = 0;
    const throttle = new Throttle('adobe', () => now);
    const timeline: [number, boolean][] = [
      [0, true],
      [0.3, true],
      [0.6, true],
      [0.9, true],
      [1.2, true],
      [1.3, true],
      [1.4, true],
      [1.5, true],
      [1.6, true],
      [1.7, true],
      [1.8, true],
      [2.1, true],
      [2.2, true],
      [2.4, false],
      [2.6, false],
      [2.8, false],
      [3.1, true],
    ];
    for (const [seconds, allowed] of timeline) {
      now = seconds * 1000;
      expect(throttle.take({ remoteAddress: '203.0.113.7' }), `request at t=${seconds}s`).toBe(allowed);
    }
  });

  it('configure: another rate and burst, every bucket full again; Retry-After seconds follow the rate', () => {
    let now = 0;
    const throttle = new Throttle('adobe', () => now);
    for (let i = 0; i < 11; i += 1) throttle.take({ remoteAddress: '203.0.113.7' });
    expect(throttle.take({ remoteAddress: '203.0.113.7' })).toBe(false);
    expect(throttle.retryAfterSeconds).toBe(1);

    throttle.configure({ ratePerSecond: 0.25, burst: 1 });
    expect(throttle.settings).toEqual({ ratePerSecond: 0.25, burst: 1, retryAfter: false });
    expect(throttle.retryAfterSeconds).toBe(4);
    expect([1, 2, 3].map(() => throttle.take({ remoteAddress: '203.0.113.7' }))).toEqual([true, true, false]);
    now = 3_999;
    expect(throttle.take({ remoteAddress: '203.0.113.7' })).toBe(false);
    now = 4_000;
    expect(throttle.take({ remoteAddress: '203.0.113.7' })).toBe(true);
  });

  it('keys buckets by the first X-Forwarded-For hop before the socket address', () => {
    const now = 0;
    const throttle = new Throttle('adobe', () => now);
    for (let i = 0; i < 11; i += 1)
      expect(throttle.take({ forwardedFor: '198.51.100.1, 10.0.0.1', remoteAddress: '127.0.0.1' })).toBe(
        true,
      );
    expect(throttle.take({ forwardedFor: '198.51.100.1', remoteAddress: '127.0.0.1' })).toBe(false);
    expect(throttle.take({ forwardedFor: '198.51.100.2', remoteAddress: '127.0.0.1' })).toBe(true);
    expect(throttle.take({ remoteAddress: '127.0.0.1' })).toBe(true);
  });

  it('per-device mode gives each AP-Device-Identifier its own bucket on one IP', () => {
    const throttle = new Throttle('per-device', () => 0);
    for (let i = 0; i < 11; i += 1)
      expect(throttle.take({ remoteAddress: '127.0.0.1', deviceIdentifier: 'fingerprint QQ==' })).toBe(true);
    expect(throttle.take({ remoteAddress: '127.0.0.1', deviceIdentifier: 'fingerprint QQ==' })).toBe(false);
    expect(throttle.take({ remoteAddress: '127.0.0.1', deviceIdentifier: 'fingerprint Qg==' })).toBe(true);
    // Requests that name no device (the browser's authenticate hop) are not throttled in this mode.
    for (let i = 0; i < 50; i += 1) expect(throttle.take({ remoteAddress: '127.0.0.1' })).toBe(true);
  });

  it('off never throttles; switching mode starts every bucket full', () => {
    const throttle = new Throttle('adobe', () => 0);
    for (let i = 0; i < 11; i += 1) throttle.take({ remoteAddress: '127.0.0.1' });
    expect(throttle.take({ remoteAddress: '127.0.0.1' })).toBe(false);
    throttle.setMode('off');
    for (let i = 0; i < 100; i += 1) expect(throttle.take({ remoteAddress: '127.0.0.1' })).toBe(true);
    throttle.setMode('adobe');
    expect(throttle.take({ remoteAddress: '127.0.0.1' })).toBe(true);
  });

  it('bounds its memory by evicting buckets that have refilled', () => {
    let now = 0;
    const throttle = new Throttle('adobe', () => now, {}, 100);
    for (let i = 0; i < 100; i += 1) throttle.take({ remoteAddress: `10.0.0.${i}` });
    now = 60_000;
    for (let i = 0; i < 100; i += 1) expect(throttle.take({ remoteAddress: `10.0.1.${i}` })).toBe(true);
  });
});
