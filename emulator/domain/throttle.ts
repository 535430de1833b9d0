/**
 * Adobe's throttle (spec throttling.md): a token bucket per client, capacity 11 (1 + a one-time
 * burst of 10), refilled at 1 token per second of real time; a rejected request takes no token.
 * This reproduces Adobe's published one-device timeline exactly. Rate and burst can be changed
 * (`configure`, `EMULATOR_THROTTLE_RATE` / `_BURST`), Adobe's values being the default.
 *
 * Modes: `adobe` keys buckets by client IP (X-Forwarded-For first hop, else the socket address);
 * `per-device` keys them by AP-Device-Identifier and leaves requests without one (the browser's
 * authenticate hop, MVPD pages) alone, for test suites whose browsers all share 127.0.0.1; `off`
 * never throttles.
 */
export type ThrottleMode = 'adobe' | 'per-device' | 'off';
export const THROTTLE_MODES: readonly ThrottleMode[] = ['adobe', 'per-device', 'off'];

export interface ThrottleKeyInput {
  forwardedFor?: string;
  remoteAddress?: string;
  deviceIdentifier?: string;
}

interface Bucket {
  tokens: number;
  updatedAt: number;
}

/**
 * The bucket's shape (spec throttling.md, "make rate/burst configurable"): Adobe's values by default.
 * `retryAfter` adds a `Retry-After` header to the 429, which Adobe does not send (a test aid only).
 */
export interface ThrottleSettings {
  /** Tokens refilled per second of real time (Adobe: 1). */
  ratePerSecond: number;
  /** Requests allowed at once on top of the steady one (Adobe: 10, so a full bucket holds 11). */
  burst: number;
  retryAfter: boolean;
}

export const ADOBE_THROTTLE: Readonly<ThrottleSettings> = { ratePerSecond: 1, burst: 10, retryAfter: false };
export const MAX_THROTTLE_RATE = 1000;
export const MAX_THROTTLE_BURST = 100_000;

export class Throttle {
  private readonly buckets = new Map<string, Bucket>();
  private current: ThrottleSettings = { ...ADOBE_THROTTLE };

  constructor(
    public mode: ThrottleMode = 'adobe',
    private readonly realNow: () => number = Date.now,
    settings: Partial<ThrottleSettings> = {},
    private readonly maxBuckets = 50_000,
  ) {
    this.configure(settings);
  }

  /** A full bucket: the steady request plus the burst. */
  private get capacity(): number {
    return this.current.burst + 1;
  }

  private get refillPerMs(): number {
    return this.current.ratePerSecond / 1000;
  }

  setMode(mode: ThrottleMode): void {
    this.mode = mode;
    this.buckets.clear();
  }

  get settings(): Readonly<ThrottleSettings> {
    return this.current;
  }

  /** New rate, burst or Retry-After flag; every bucket starts full again. */
  configure(settings: Partial<ThrottleSettings>): void {
    this.current = { ...this.current, ...settings };
    this.buckets.clear();
  }

  /** Whole seconds until an empty bucket holds a token again (the optional Retry-After value). */
  get retryAfterSeconds(): number {
    return Math.max(1, Math.ceil(1 / this.current.ratePerSecond));
  }

  /** The bucket of a request, or undefined when the mode does not throttle it. */
  keyFor(input: ThrottleKeyInput): string | undefined {
    if (this.mode === 'off') return undefined;
    if (this.mode === 'per-device')
      return input.deviceIdentifier ? `device:${input.deviceIdentifier}` : undefined;
    return `ip:${input.forwardedFor?.split(',')[0]?.trim() || input.remoteAddress || 'unknown'}`;
  }

  /** true when the request may proceed. */
  take(input: ThrottleKeyInput): boolean {
    const key = this.keyFor(input);
    if (key === undefined) return true;
    const now = this.realNow();
    let bucket = this.buckets.get(key);
    if (!bucket) {
      if (this.buckets.size >= this.maxBuckets) this.evictFull(now);
      bucket = { tokens: this.capacity, updatedAt: now };
      this.buckets.set(key, bucket);
    } else {
      bucket.tokens = Math.min(this.capacity, bucket.tokens + (now - bucket.updatedAt) * this.refillPerMs);
      bucket.updatedAt = now;
    }
    if (bucket.tokens < 1) return false;
    bucket.tokens -= 1;
    return true;
  }

  reset(): void {
    this.buckets.clear();
  }

  /** Forgets one device's `per-device` bucket (a device reset); true when there was one. */
  forgetDevice(deviceIdentifier: string): boolean {
    return this.buckets.delete(`device:${deviceIdentifier}`);
  }

  /** Buckets that have refilled completely carry no information; drop them to bound memory. */
  private evictFull(now: number): void {
    for (const [key, bucket] of this.buckets) {
      if (bucket.tokens + (now - bucket.updatedAt) * this.refillPerMs >= this.capacity)
        this.buckets.delete(key);
    }
    if (this.buckets.size >= this.maxBuckets) {
      const oldest = this.buckets.keys().next().value;
      if (oldest !== undefined) this.buckets.delete(oldest);
    }
  }
}

/** Paths Adobe throttles (spec throttling.md), as they exist on the emulator's single origin. */
export function isThrottledPath(path: string): boolean {
  return (
    path.startsWith('/o/client/') ||
    path.startsWith('/api/v2/') ||
    path.startsWith('/api/v1/') ||
    path.startsWith('/reggie/v1/') ||
    path.startsWith('/adobe-services/config/')
  );
}
