import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { StrictMode } from 'react';
import { MemoryRouter, Route, Routes } from 'react-router-dom';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  PassApiError,
  PassTransportError,
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
// The page loads these lazily; load them once up front so no test waits on a first import.
beforeAll(async () => {
  await import('./after-submit');
});
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

  it('a code that expired before the resume call comes back to the entry with the one generic message', async () => {
    const getSession = vi.fn(async () =>
      status({
        existingParameters: { domainName: 'localhost', serviceProvider: 'REF30' },
        missingParameters: ['mvpd', 'redirectUrl'],
      }),
    );
    const resumeSession = vi.fn(async () => {
      throw deadCode('invalid_authentication_session');
    });
    const getConfiguration = vi.fn(async () => configuration);
    renderActivate(fakeClient({ getSession, resumeSession, getConfiguration }));
    typeCode('AB12CD3');
    fireEvent.click(await screen.findByRole('button', { name: 'Acme Cable' }));
    expect((await screen.findByTestId('activation-error')).textContent).toBe(INVALID_CODE_MESSAGE);
    expect(screen.getByLabelText('Activation code')).toHaveProperty('value', 'AB12CD3');
    expect(leave).not.toHaveBeenCalled();
  });
});

describe('ActivatePage: pacing code entry', () => {
  beforeEach(() => vi.useFakeTimers({ shouldAdvanceTime: true }));
  afterEach(() => vi.useRealTimers());

  const continueButton = () => screen.getByRole('button', { name: 'Continue' }) as HTMLButtonElement;
  const pauseStatus = () => screen.getByTestId('activation-pause-status').textContent;

  it('after 5 wrong codes in a row: one calm message with a countdown, the code kept, Continue disabled until then', async () => {
    const getSession = vi.fn(async (): Promise<SessionStatusResponse> => {
      throw deadCode('invalid_authentication_session');
    });
    renderActivate(fakeClient({ getSession }));
    expect(pauseStatus()).toBe('');
    for (let n = 1; n <= 4; n += 1) {
      typeCode(`WRONG${n}`);
      expect((await screen.findByTestId('activation-error')).textContent).toBe(INVALID_CODE_MESSAGE);
    }
    expect(screen.queryByTestId('activation-paused')).toBeNull();
    typeCode('wrong 5');
    const paused = await screen.findByTestId('activation-paused');
    expect(getSession).toHaveBeenCalledTimes(5);
    // One message: the pause replaces the wrong-code message; the typed code stays.
    expect(screen.queryByTestId('activation-error')).toBeNull();
    expect(screen.getByLabelText('Activation code')).toHaveProperty('value', 'WRONG5');
    expect(screen.getByRole('timer').textContent).toBe('0:30');
    expect(paused.textContent).toContain('you can try again in 0:30');
    expect(pauseStatus()).toBe('Code entry is paused. You can try again in less than a minute.');
    expect(continueButton().disabled).toBe(true);
    // Enter in the field does nothing while paused.
    fireEvent.submit(continueButton().form as HTMLFormElement);
    expect(getSession).toHaveBeenCalledTimes(5);

    await act(async () => void (await vi.advanceTimersByTimeAsync(10_000)));
    expect(screen.getByRole('timer').textContent).toBe('0:20');
    await act(async () => void (await vi.advanceTimersByTimeAsync(20_000)));
    expect(screen.queryByTestId('activation-paused')).toBeNull();
    expect(continueButton().disabled).toBe(false);
    expect(pauseStatus()).toBe('You can enter a code again.');
    // Still the same streak: 5 more wrong codes pause for twice as long.
    for (let n = 6; n <= 10; n += 1) {
      typeCode(`WRONG${n}`);
      await waitFor(() => expect(getSession).toHaveBeenCalledTimes(n));
      await waitFor(() => expect(screen.queryByText('Checking your code…')).toBeNull());
    }
    expect(screen.getByRole('timer').textContent).toBe('1:00');
    expect(pauseStatus()).toBe('Code entry is paused. You can try again in less than a minute.');
  });

  it('a 429 from Adobe pauses entry at once, without the wrong-code message or an error panel', async () => {
    const getSession = vi.fn(async (): Promise<SessionStatusResponse> => {
      throw new PassTransportError('throttled', 'Throttled by Adobe Pass (HTTP 429) after retries', {
        method: 'GET',
        url: `${API}/api/v2/REF30/sessions/AB12CD3`,
        httpStatus: 429,
      });
    });
    renderActivate(fakeClient({ getSession }));
    typeCode('ab12cd3');
    await screen.findByTestId('activation-paused');
    expect(screen.getByRole('timer').textContent).toBe('0:30');
    expect(screen.queryByTestId('activation-error')).toBeNull();
    expect(screen.queryByTestId('activation-lookup-error')).toBeNull();
    expect(screen.getByLabelText('Activation code')).toHaveProperty('value', 'AB12CD3');
    expect(continueButton().disabled).toBe(true);
    await act(async () => void (await vi.advanceTimersByTimeAsync(30_000)));
    expect(continueButton().disabled).toBe(false);
  });

  it('a code that is found ends the streak', async () => {
    let live = false;
    const getSession = vi.fn(async (): Promise<SessionStatusResponse> => {
      if (live)
        return status({ existingParameters: { serviceProvider: 'REF30' }, missingParameters: ['mvpd'] });
      throw deadCode('invalid_authentication_session');
    });
    const getConfiguration = vi.fn(async () => configuration);
    renderActivate(fakeClient({ getSession, getConfiguration }));
    for (let n = 1; n <= 4; n += 1) {
      typeCode(`WRONG${n}`);
      await screen.findByTestId('activation-error');
    }
    live = true;
    typeCode('AB12CD3');
    fireEvent.click(await screen.findByRole('button', { name: 'Use a different code' }));
    live = false;
    typeCode('WRONG5');
    expect((await screen.findByTestId('activation-error')).textContent).toBe(INVALID_CODE_MESSAGE);
    expect(screen.queryByTestId('activation-paused')).toBeNull();
  });
});
