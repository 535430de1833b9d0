import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { StrictMode } from 'react';
import { MemoryRouter, Route, Routes } from 'react-router-dom';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  PassApiError,
  type ConfigurationResponse,
  type PassClient,
  type SessionStatusResponse,
} from '../../pass';
import { readActivationMemo } from './activation-memo';
import { ActivatePage, INVALID_CODE_MESSAGE } from './activate-page';
import { leaveApp } from './leave-app';

const pass = vi.hoisted(() => ({ value: null as unknown }));
vi.mock('../../app/pass-context', () => ({ usePass: () => pass.value }));

const API = 'http://api.test';

function fakeClient(overrides: Partial<PassClient>): PassClient {
  return {
    config: { serviceProvider: 'REF30', apiBaseUrl: API },
    authenticateUrl: (code: string) => `${API}/api/v2/authenticate/REF30/${code}`,
    resolveUrl: (url: string) => `${API}${url}`,
    ...overrides,
  } as unknown as PassClient;
}

function renderActivate(client: PassClient, path = '/activate') {
  pass.value = { client, config: { serviceProvider: 'REF30', domainName: '' } };
  const queryClient = new QueryClient({
    defaultOptions: { queries: { retry: false }, mutations: { retry: false } },
  });
  render(
    <StrictMode>
      <QueryClientProvider client={queryClient}>
        <MemoryRouter initialEntries={[path]}>
          <Routes>
            <Route path="/activate" element={<ActivatePage />} />
          </Routes>
        </MemoryRouter>
      </QueryClientProvider>
    </StrictMode>,
  );
}

function status(overrides: Partial<SessionStatusResponse> = {}): SessionStatusResponse {
  return {
    existingParameters: {
      mvpd: 'AcmeCable',
      domainName: 'localhost',
      redirectUrl: 'http://localhost/activate/done',
      serviceProvider: 'REF30',
    },
    device: {},
    notBefore: '1000',
    notAfter: '1801000',
    ...overrides,
  };
}

const configuration: ConfigurationResponse = {
  device: 'web',
  clientType: 'REST_V2',
  os: 'any',
  requestor: {
    id: 'REF30',
    name: 'Pass Reference TV',
    domains: [],
    mvpds: [
      { id: 'AcmeCable', displayName: 'Acme Cable', logoUrl: '/a.svg' },
      { id: 'MetroFiber', displayName: 'Metro Fiber', logoUrl: '/m.svg' },
      { id: 'TempPass1', displayName: 'Free preview', logoUrl: '/t.svg', isTempPass: true },
    ],
  },
};

const deadCode = (code: string) =>
  new PassApiError(400, { status: 400, code, action: 'none', message: 'The code is unknown.' });

function typeCode(value: string) {
  fireEvent.change(screen.getByLabelText('Activation code'), { target: { value } });
  fireEvent.click(screen.getByRole('button', { name: 'Continue' }));
}

let leave: ReturnType<typeof vi.spyOn>;
beforeEach(() => {
  sessionStorage.clear();
  leave = vi.spyOn(leaveApp, 'to').mockImplementation(() => {});
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

describe('ActivatePage', () => {
  it('normalises a code typed in lower case with spaces and dashes, then opens the MVPD login once', async () => {
    const getSession = vi.fn(async () => status());
    renderActivate(fakeClient({ getSession }));
    typeCode(' ab1-2 cd3 ');
    await waitFor(() => expect(leave).toHaveBeenCalledTimes(1));
    expect(getSession).toHaveBeenCalledWith('AB12CD3', expect.anything());
    expect(leave).toHaveBeenCalledWith(`${API}/api/v2/authenticate/REF30/AB12CD3`);
    expect(readActivationMemo()).toEqual({ code: 'AB12CD3', mvpd: 'AcmeCable' });
  });

  it('prefills the code from ?code=', () => {
    renderActivate(fakeClient({}), '/activate?code=XTC98W');
    expect(screen.getByLabelText('Activation code')).toHaveProperty('value', 'XTC98W');
  });

  it.each(['invalid_authentication_session', 'invalid_parameter_code'])(
    'answers %s with the one generic message',
    async (code) => {
      const getSession = vi.fn(async (): Promise<SessionStatusResponse> => {
        throw deadCode(code);
      });
      renderActivate(fakeClient({ getSession }));
      typeCode('abc1234');
      const error = await screen.findByTestId('activation-error');
      expect(error.textContent).toBe(INVALID_CODE_MESSAGE);
      expect(screen.getByLabelText('Activation code').getAttribute('aria-invalid')).toBe('true');
      expect(leave).not.toHaveBeenCalled();
    },
  );

  it('refuses an obviously malformed code without asking Adobe, with the same message', async () => {
    const getSession = vi.fn(async () => status());
    renderActivate(fakeClient({ getSession }));
    typeCode('a!');
    expect((await screen.findByTestId('activation-error')).textContent).toBe(INVALID_CODE_MESSAGE);
    expect(getSession).not.toHaveBeenCalled();
  });

  it('lets the viewer pick the provider when the TV left it open, then resumes and opens the login', async () => {
    const getSession = vi.fn(async () =>
      status({
        existingParameters: {
          domainName: 'localhost',
          redirectUrl: 'http://localhost/activate/done',
          serviceProvider: 'REF30',
        },
        missingParameters: ['mvpd'],
      }),
    );
    const resumeSession = vi.fn(async () => ({
      actionName: 'authenticate',
      actionType: 'interactive',
      reasonType: 'none',
      url: '/api/v2/authenticate/REF30/AB12CD3',
      code: 'AB12CD3',
      sessionId: 's-1',
      mvpd: 'MetroFiber',
      serviceProvider: 'REF30',
    }));
    const getConfiguration = vi.fn(async () => configuration);
    renderActivate(fakeClient({ getSession, resumeSession, getConfiguration }));
    typeCode('AB12CD3');
    const options = await screen.findAllByTestId('provider-option');
    // TempPass pseudo-MVPDs are not offered.
    expect(options.map((option) => option.textContent)).toEqual(['Acme Cable', 'Metro Fiber']);
    fireEvent.click(screen.getByRole('button', { name: 'Metro Fiber' }));
    await waitFor(() => expect(leave).toHaveBeenCalledTimes(1));
    expect(resumeSession).toHaveBeenCalledWith('AB12CD3', { mvpd: 'MetroFiber' });
    expect(leave).toHaveBeenCalledWith(`${API}/api/v2/authenticate/REF30/AB12CD3`);
    expect(readActivationMemo()).toEqual({ code: 'AB12CD3', mvpd: 'MetroFiber', displayName: 'Metro Fiber' });
  });

  it('supplies missing domainName and redirectUrl itself', async () => {
    const getSession = vi.fn(async () =>
      status({
        existingParameters: { mvpd: 'AcmeCable', serviceProvider: 'REF30' },
        missingParameters: ['domain', 'redirectUrl'],
      }),
    );
    const resumeSession = vi.fn(async () => ({
      actionName: 'authenticate',
      actionType: 'interactive',
      reasonType: 'none',
      url: '/api/v2/authenticate/REF30/AB12CD3',
      code: 'AB12CD3',
      sessionId: 's-1',
      serviceProvider: 'REF30',
    }));
    renderActivate(fakeClient({ getSession, resumeSession }));
    typeCode('AB12CD3');
    await waitFor(() => expect(leave).toHaveBeenCalledTimes(1));
    expect(resumeSession).toHaveBeenCalledTimes(1);
    expect(resumeSession).toHaveBeenCalledWith('AB12CD3', {
      domainName: window.location.hostname,
      redirectUrl: `${window.location.origin}/activate/done`,
    });
  });

  it('shows other failures with a way to try again', async () => {
    const getSession = vi.fn(async (): Promise<SessionStatusResponse> => {
      throw new PassApiError(503, { status: 503, code: 'service_unavailable', action: 'retry' });
    });
    renderActivate(fakeClient({ getSession }));
    typeCode('AB12CD3');
    const panel = await screen.findByTestId('activation-lookup-error');
    expect(panel.textContent).toContain('Try again');
    expect(screen.queryByTestId('activation-error')).toBeNull();
  });
});
