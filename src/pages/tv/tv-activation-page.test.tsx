import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { StrictMode } from 'react';
import { MemoryRouter, Route, Routes } from 'react-router-dom';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PassApiError, type PassClient, type ProfilesResponse, type SessionResponse } from '../../pass';
import { passKeys } from '../../queries/pass-keys';
import { getDeviceId } from '../../state/device-store';
import { TvActivationPage } from './tv-activation-page';

const pass = vi.hoisted(() => ({ value: null as unknown }));
vi.mock('../../app/pass-context', () => ({ usePass: () => pass.value }));

function session(code: string, overrides: Partial<SessionResponse> = {}): SessionResponse {
  const now = Date.now();
  return {
    actionName: 'resume',
    actionType: 'direct',
    reasonType: 'none',
    url: `/api/v2/REF30/sessions/${code}`,
    missingParameters: ['mvpd'],
    code,
    sessionId: `s-${code}`,
    serviceProvider: 'REF30',
    notBefore: String(now),
    notAfter: String(now + 1_800_000),
    ...overrides,
  };
}

const profile: ProfilesResponse = {
  profiles: {
    MetroFiber: {
      notBefore: 1,
      notAfter: Date.now() + 86_400_000,
      issuer: 'MetroFiber',
      type: 'regular',
      attributes: {},
    },
  },
};

function renderTv(client: Partial<PassClient>, path = '/tv') {
  pass.value = {
    client: { config: { serviceProvider: 'REF30' }, ...client } as unknown as PassClient,
    config: { serviceProvider: 'REF30', domainName: '' },
  };
  const queryClient = new QueryClient({
    defaultOptions: { queries: { retry: false }, mutations: { retry: false } },
  });
  render(
    <StrictMode>
      <QueryClientProvider client={queryClient}>
        <MemoryRouter initialEntries={[path]}>
          <Routes>
            <Route path="/tv" element={<TvActivationPage />} />
            <Route path="/" element={<h1>Catalog</h1>} />
          </Routes>
        </MemoryRouter>
      </QueryClientProvider>
    </StrictMode>,
  );
  return queryClient;
}

beforeEach(() => vi.useFakeTimers({ shouldAdvanceTime: true }));
afterEach(() => {
  cleanup();
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('TvActivationPage', () => {
  it('creates one session even in StrictMode and shows code, URL, QR code, countdown and status', async () => {
    const createSession = vi.fn(async () => session('AB12CD3'));
    const getProfileByCode = vi.fn(async (): Promise<ProfilesResponse> => ({ profiles: {} }));
    renderTv({ createSession, getProfileByCode });
    expect(await screen.findByTestId('activation-code')).toHaveProperty('textContent', 'AB12CD3');
    expect(createSession).toHaveBeenCalledTimes(1);
    expect(createSession).toHaveBeenCalledWith({
      domainName: window.location.hostname,
      redirectUrl: `${window.location.origin}/activate/done`,
    });
    const url = `${window.location.origin}/activate?code=AB12CD3`;
    expect(screen.getByTestId('activation-url').textContent).toBe(url);
    expect(screen.getByRole('img', { name: `QR code to open ${url}` })).toBeTruthy();
    expect(screen.getByTestId('code-countdown').textContent).toBe('30:00');
    expect(screen.getByTestId('tv-status').textContent).toContain(
      'Waiting for you to sign in on your phone…',
    );
    expect(screen.getAllByRole('heading', { level: 1 })).toHaveLength(1);
  });

  it('sends the MVPD chosen on the TV', async () => {
    const createSession = vi.fn(async () =>
      session('AB12CD3', { actionName: 'authenticate', missingParameters: [] }),
    );
    const getProfileByCode = vi.fn(async (): Promise<ProfilesResponse> => ({ profiles: {} }));
    const getConfiguration = vi.fn(async () => ({
      device: 'web',
      clientType: 'REST_V2',
      os: 'any',
      requestor: {
        id: 'REF30',
        name: 'Ref',
        domains: [],
        mvpds: [{ id: 'AcmeCable', displayName: 'Acme Cable', logoUrl: '/a.svg' }],
      },
    }));
    renderTv({ createSession, getProfileByCode, getConfiguration }, '/tv?mvpd=AcmeCable');
    await screen.findByTestId('activation-code');
    expect(createSession).toHaveBeenCalledWith(expect.objectContaining({ mvpd: 'AcmeCable' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Sign in with Acme Cable' })).toBeTruthy();
  });

  it('polls at the ?poll= interval, then keeps the profile and continues to the catalog', async () => {
    const createSession = vi.fn(async () => session('AB12CD3'));
    const answers: ProfilesResponse[] = [{ profiles: {} }, { profiles: {} }, profile];
    const getProfileByCode = vi.fn(async () => answers.shift() ?? { profiles: {} });
    const queryClient = renderTv({ createSession, getProfileByCode }, '/tv?poll=3');
    await screen.findByTestId('activation-code');
    await waitFor(() => expect(getProfileByCode).toHaveBeenCalledTimes(1));
    await act(async () => void (await vi.advanceTimersByTimeAsync(3_000)));
    expect(getProfileByCode).toHaveBeenCalledTimes(2);
    await act(async () => void (await vi.advanceTimersByTimeAsync(3_000)));
    expect(getProfileByCode).toHaveBeenCalledTimes(3);
    expect(await screen.findByRole('heading', { name: 'Catalog' })).toBeTruthy();
    await act(async () => void (await vi.advanceTimersByTimeAsync(60_000)));
    expect(getProfileByCode).toHaveBeenCalledTimes(3);
    expect(queryClient.getQueryData(passKeys.profiles('REF30', getDeviceId()))).toEqual(profile);
    const stored = JSON.parse(localStorage.getItem('passref.device') ?? '{}') as {
      state: { chosenMvpd: { id: string } | null; pendingCode: string | null };
    };
    expect(stored.state.chosenMvpd?.id).toBe('MetroFiber');
    expect(stored.state.pendingCode).toBeNull();
  });

  it('shows the expired state on a dead code and gets a new code on request', async () => {
    const codes = ['AB12CD3', 'ZZ98YX7'];
    const createSession = vi.fn(async () => session(codes.shift() ?? 'NOPE'));
    const getProfileByCode = vi.fn(async (): Promise<ProfilesResponse> => {
      throw new PassApiError(400, { status: 400, code: 'invalid_authentication_session', action: 'none' });
    });
    renderTv({ createSession, getProfileByCode });
    const expired = await screen.findByTestId('code-expired');
    expect(expired.textContent).toContain('This code has expired');
    expect(screen.queryByTestId('activation-code')).toBeNull();
    await act(async () => void (await vi.advanceTimersByTimeAsync(60_000)));
    expect(getProfileByCode).toHaveBeenCalledTimes(1);
    fireEvent.click(screen.getByRole('button', { name: 'Get a new code' }));
    expect(await screen.findByTestId('activation-code')).toHaveProperty('textContent', 'ZZ98YX7');
    expect(createSession).toHaveBeenCalledTimes(2);
  });

  it('expires when the countdown reaches zero and stops polling', async () => {
    const createSession = vi.fn(async () => session('AB12CD3'));
    const getProfileByCode = vi.fn(async (): Promise<ProfilesResponse> => ({ profiles: {} }));
    renderTv({ createSession, getProfileByCode });
    await screen.findByTestId('activation-code');
    await act(async () => void (await vi.advanceTimersByTimeAsync(1_800_000)));
    expect(await screen.findByTestId('code-expired')).toBeTruthy();
    const calls = getProfileByCode.mock.calls.length;
    await act(async () => void (await vi.advanceTimersByTimeAsync(120_000)));
    expect(getProfileByCode).toHaveBeenCalledTimes(calls);
  });
});
