import { act, renderHook } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useDeadline } from './use-deadline';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('useDeadline', () => {
  it('turns true once the device clock passes the deadline, not before', () => {
    const until = Date.now() + 10 * 60_000;
    const { result } = renderHook(() => useDeadline(until));
    expect(result.current).toBe(false);
    act(() => void vi.advanceTimersByTime(10 * 60_000 - 1));
    expect(result.current).toBe(false);
    act(() => void vi.advanceTimersByTime(1));
    expect(result.current).toBe(true);
  });

  it('a deadline already past ends at once; no deadline never ends', () => {
    const past = renderHook(() => useDeadline(Date.now() - 1));
    act(() => void vi.advanceTimersByTime(0));
    expect(past.result.current).toBe(true);
    const none = renderHook(() => useDeadline(null));
    act(() => void vi.advanceTimersByTime(24 * 3_600_000));
    expect(none.result.current).toBe(false);
  });

  it('a new, later deadline starts over', () => {
    let until = Date.now() + 1_000;
    const { result, rerender } = renderHook(() => useDeadline(until));
    act(() => void vi.advanceTimersByTime(1_000));
    expect(result.current).toBe(true);
    until = Date.now() + 5_000;
    rerender();
    expect(result.current).toBe(false);
    act(() => void vi.advanceTimersByTime(5_000));
    expect(result.current).toBe(true);
  });
});
