import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, renderHook, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PassClient, ProfilesResponse } from '../pass';
import { clampPollInterval, profileByCodeQuery } from './profile-by-code';
import { passKeys } from './pass-keys';
import { preauthorizeQuery, PREAUTHORIZE_BATCH_SIZE } from './preauthorize';

function fakeClient(overrides: Partial<PassClient>): PassClient {
  return { config: { serviceProvider: 'REF30' }, ...overrides } as unknown as PassClient;
}

const wrapper = (client: QueryClient) =>
  function Wrapper({ children }: { children: ReactNode }) {
    return <QueryClientProvider client={client}>{children}</QueryClientProvider>;
  };

describe('query keys', () => {
  it('nest from generic to specific so one invalidation covers a device', () => {
    const device = passKeys.device('REF30', 'dev-1');
    expect(passKeys.profiles('REF30', 'dev-1').slice(0, device.length)).toEqual(device);
    expect(passKeys.preauthorize('REF30', 'dev-1', 'AcmeCable', ['a']).slice(0, device.length)).toEqual(
      device,
    );
    expect(passKeys.profileByCode('REF30', 'ABC').slice(0, 3)).toEqual(passKeys.codes('REF30'));
  });
});

describe('profile-by-code polling', () => {
  beforeEach(() => vi.useFakeTimers({ shouldAdvanceTime: true }));
  afterEach(() => vi.useRealTimers());

  it('clamps the interval to 3–15 s', () => {
    expect(clampPollInterval(1_000)).toBe(3_000);
    expect(clampPollInterval(60_000)).toBe(15_000);
    expect(clampPollInterval(Number.NaN)).toBe(5_000);
    expect(clampPollInterval(4_000)).toBe(4_000);
  });

  it('polls every interval until a profile arrives, then stops', async () => {
    const answers: ProfilesResponse[] = [
      { profiles: {} },
      { profiles: {} },
      { profiles: { A: { notBefore: 0, notAfter: 1, issuer: 'A', type: 'regular', attributes: {} } } },
    ];
    const getProfileByCode = vi.fn(async () => answers.shift() ?? { profiles: {} });
    const client = fakeClient({ getProfileByCode });
    const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    const { useQuery } = await import('@tanstack/react-query');
    renderHook(() => useQuery(profileByCodeQuery(client, 'CODE123', { intervalMs: 5_000 })), {
      wrapper: wrapper(queryClient),
    });
    await waitFor(() => expect(getProfileByCode).toHaveBeenCalledTimes(1));
    await act(async () => void (await vi.advanceTimersByTimeAsync(5_000)));
    expect(getProfileByCode).toHaveBeenCalledTimes(2);
    await act(async () => void (await vi.advanceTimersByTimeAsync(5_000)));
    expect(getProfileByCode).toHaveBeenCalledTimes(3);
    await act(async () => void (await vi.advanceTimersByTimeAsync(60_000)));
    expect(getProfileByCode).toHaveBeenCalledTimes(3);
  });

  it('never polls past the code notAfter', async () => {
    const getProfileByCode = vi.fn(async (): Promise<ProfilesResponse> => ({ profiles: {} }));
    const client = fakeClient({ getProfileByCode });
    const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    const { useQuery } = await import('@tanstack/react-query');
    const notAfter = Date.now() + 7_000;
    renderHook(() => useQuery(profileByCodeQuery(client, 'CODE123', { intervalMs: 3_000, notAfter })), {
      wrapper: wrapper(queryClient),
    });
    await waitFor(() => expect(getProfileByCode).toHaveBeenCalledTimes(1));
    await act(async () => void (await vi.advanceTimersByTimeAsync(60_000)));
    // t = 0, 3 s and 6 s; a poll at 9 s would be past notAfter (7 s).
    expect(getProfileByCode).toHaveBeenCalledTimes(3);
  });

  it('stops on an error (a dead code)', async () => {
    const getProfileByCode = vi.fn(async (): Promise<ProfilesResponse> => {
      throw new Error('invalid_authentication_session');
    });
    const client = fakeClient({ getProfileByCode });
    const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    const { useQuery } = await import('@tanstack/react-query');
    const { result } = renderHook(() => useQuery(profileByCodeQuery(client, 'DEAD', { intervalMs: 3_000 })), {
      wrapper: wrapper(queryClient),
    });
    await waitFor(() => expect(result.current.isError).toBe(true));
    await act(async () => void (await vi.advanceTimersByTimeAsync(30_000)));
    expect(getProfileByCode).toHaveBeenCalledTimes(1);
  });
});

describe('preauthorize batches', () => {
  it('keys each batch by its resources and calls preauthorize once per batch', async () => {
    const preauthorize = vi.fn(async (mvpd: string, resources: readonly string[]) => ({
      decisions: resources.map((resource) => ({
        resource,
        serviceProvider: 'REF30',
        mvpd,
        source: 'mvpd',
        authorized: true as const,
      })),
    }));
    const client = fakeClient({ preauthorize } as Partial<PassClient>);
    const queryClient = new QueryClient();
    const batch = ['a', 'b', 'c'];
    await queryClient.fetchQuery(preauthorizeQuery(client, 'dev', 'AcmeCable', batch));
    await queryClient.fetchQuery(preauthorizeQuery(client, 'dev', 'AcmeCable', batch));
    expect(preauthorize).toHaveBeenCalledTimes(1);
    expect(PREAUTHORIZE_BATCH_SIZE).toBe(5);
  });
});
