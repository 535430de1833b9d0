/**
 * The emulator's clock. Every expiry (codes, access tokens, profiles, decisions, media tokens,
 * TempPass trials) reads `now()`, so tests can move time without sleeping. The clock keeps running
 * from whatever point it was set to: it is real time plus an offset.
 */
export interface Clock {
  now(): number;
}

export class EmulatorClock implements Clock {
  private offsetMs: number;

  constructor(
    offsetMs = 0,
    private readonly realNow: () => number = Date.now,
    private readonly onChange: (offsetMs: number) => void = () => {},
  ) {
    this.offsetMs = offsetMs;
  }

  now(): number {
    return this.realNow() + this.offsetMs;
  }

  get offset(): number {
    return this.offsetMs;
  }

  /** Jump to an absolute time; the clock keeps running from there. */
  set(nowMs: number): void {
    this.offsetMs = nowMs - this.realNow();
    this.onChange(this.offsetMs);
  }

  advance(ms: number): void {
    this.offsetMs += ms;
    this.onChange(this.offsetMs);
  }

  /** Back to real time. */
  reset(): void {
    this.offsetMs = 0;
    this.onChange(this.offsetMs);
  }
}
