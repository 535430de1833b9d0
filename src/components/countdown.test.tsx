import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Countdown, countdownAnnouncement, formatCountdown } from './countdown';

afterEach(cleanup);

describe('formatCountdown', () => {
  it('shows mm:ss, rounding partial seconds up', () => {
    expect(formatCountdown(30 * 60_000)).toBe('30:00');
    expect(formatCountdown(29 * 60_000 + 59_001)).toBe('30:00');
    expect(formatCountdown(29 * 60_000 + 59_000)).toBe('29:59');
    expect(formatCountdown(61_000)).toBe('01:01');
    expect(formatCountdown(9_000)).toBe('00:09');
    expect(formatCountdown(1)).toBe('00:01');
  });

  it('never goes below zero and survives nonsense', () => {
    expect(formatCountdown(0)).toBe('00:00');
    expect(formatCountdown(-5_000)).toBe('00:00');
    expect(formatCountdown(Number.NaN)).toBe('00:00');
  });

  it('keeps counting minutes past an hour', () => {
    expect(formatCountdown(75 * 60_000)).toBe('75:00');
  });
});

describe('countdownAnnouncement', () => {
  it('changes in coarse steps only', () => {
    expect(countdownAnnouncement(30 * 60_000)).toBe('The code expires in about 30 minutes.');
    expect(countdownAnnouncement(26 * 60_000)).toBe('The code expires in about 30 minutes.');
    expect(countdownAnnouncement(25 * 60_000)).toBe('The code expires in about 25 minutes.');
    expect(countdownAnnouncement(4 * 60_000 + 1)).toBe('The code expires in 5 minutes.');
    expect(countdownAnnouncement(59_000)).toBe('The code expires in less than a minute.');
    expect(countdownAnnouncement(0)).toBe('The code has expired.');
  });
});

describe('<Countdown>', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('ticks every second and reports expiry once', () => {
    const onExpire = vi.fn();
    render(<Countdown until={Date.now() + 3_000} onExpire={onExpire} />);
    const timer = screen.getByRole('timer');
    expect(timer).toHaveProperty('textContent', '00:03');
    act(() => void vi.advanceTimersByTime(1_000));
    expect(timer.textContent).toBe('00:02');
    act(() => void vi.advanceTimersByTime(2_000));
    expect(timer.textContent).toBe('00:00');
    expect(onExpire).toHaveBeenCalledTimes(1);
    act(() => void vi.advanceTimersByTime(10_000));
    expect(onExpire).toHaveBeenCalledTimes(1);
  });

  it('keeps the visible timer out of the live region and announces politely', () => {
    render(<Countdown until={Date.now() + 10 * 60_000} />);
    expect(screen.getByRole('timer').getAttribute('aria-live')).toBe('off');
    const announcer = screen.getByTestId('code-countdown-announcement');
    expect(announcer.getAttribute('aria-live')).toBe('polite');
    expect(announcer.textContent).toBe('The code expires in about 10 minutes.');
    act(() => void vi.advanceTimersByTime(30_000));
    // Half a minute later the spoken text has not changed (no per-second chatter).
    expect(announcer.textContent).toBe('The code expires in about 10 minutes.');
  });

  it('reports a deadline already past at mount', () => {
    const onExpire = vi.fn();
    render(<Countdown until={Date.now() - 1} onExpire={onExpire} />);
    expect(screen.getByRole('timer').textContent).toBe('00:00');
    expect(onExpire).toHaveBeenCalledTimes(1);
  });
});
