import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PassProvider } from '../../app/pass-context';
import type { AppConfig } from '../../config/app-config';
import { getDeviceId } from '../../state/device-store';
import { ScenarioSection } from './scenario-section';

const CONFIG: AppConfig = {
  backend: 'emulator',
  apiBaseUrl: '',
  serviceProvider: 'REF30',
  softwareStatement: 'statement',
  redirectUri: 'adobepass://x',
  domainName: '',
  playbackBaseUrl: '',
};

const SEED = {
  serviceProvider: 'REF30',
  mvpds: [
    { id: 'AcmeCable', displayName: 'Acme Cable' },
    { id: 'TempPass', displayName: 'TempPass', isTempPass: true },
  ],
  resources: [
    {
      id: 'harbor-morning-brief',
      title: 'The Morning Brief',
      channel: 'harbor-news',
      channelName: 'Harbor News',
    },
    { id: 'pebble-star-school', title: 'Star School', channel: 'pebble-kids', channelName: 'Pebble Kids' },
  ],
};

interface Call {
  method: string;
  url: string;
  body: unknown;
}

/** The control plane as a fake `fetch`: `answer` decides per request. */
function controlPlane(answer: (call: Call) => { status: number; body: unknown }) {
  const calls: Call[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
      const call = {
        method: init?.method ?? 'GET',
        url: String(input),
        body: init?.body === undefined ? undefined : JSON.parse(String(init.body)),
      };
      calls.push(call);
      const { status, body } = answer(call);
      return new Response(JSON.stringify(body), { status });
    }),
  );
  return calls;
}

function renderSection(config: AppConfig = CONFIG) {
  const onStatus = vi.fn<(text: string) => void>();
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={queryClient}>
      <PassProvider config={config}>
        <ScenarioSection onStatus={onStatus} />
      </PassProvider>
    </QueryClientProvider>,
  );
  return { onStatus };
}

beforeEach(() => {
  history.replaceState(null, '', '/');
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('the drawer’s scenario section', () => {
  it('lists this device’s scenarios and the global ones (marked), not other devices’; adds one for this device', async () => {
    const deviceId = getDeviceId();
    const stored = [
      { type: 'deny-resource', resource: 'harbor-morning-brief', deviceId, id: 's1', createdAt: 1 },
      { type: 'latency', delayMs: 100, id: 's2', createdAt: 2 },
      { type: 'throttle', throttled: true, deviceId: 'other-tv', id: 's3', createdAt: 3 },
    ];
    const calls = controlPlane(({ method, url, body }) => {
      if (url === '/__emulator/seed') return { status: 200, body: SEED };
      if (url === '/__emulator/clock') return { status: 200, body: { now: 1_000 } };
      if (url === '/__emulator/scenarios' && method === 'GET')
        return { status: 200, body: { scenarios: stored } };
      if (url === '/__emulator/scenarios' && method === 'POST') {
        return { status: 201, body: { ...(body as object), id: 's4', createdAt: 4 } };
      }
      return { status: 200, body: {} };
    });
    const { onStatus } = renderSection();
    fireEvent.click(screen.getByRole('button', { name: 'Scenario controls' }));
    // The panel is a lazy chunk: allow for its first load.
    const list = await screen.findByTestId('scenario-list', {}, { timeout: 5_000 });
    const items = within(list).getAllByTestId('scenario-item');
    expect(items.map((item) => [item.dataset.scenarioId, item.dataset.scope, item.textContent])).toEqual([
      ['s1', 'device', 'Deny “The Morning Brief” this deviceRemove'],
      ['s2', 'all', '+100 ms on every API request all devicesRemove'],
    ]);
    expect(screen.getByTestId('scenario-panel').textContent).toContain(
      '1 more scenario applies to other devices only.',
    );

    // TempPass MVPDs are not offered; the first real one is preselected.
    fireEvent.change(await screen.findByLabelText('Scenario'), { target: { value: 'degrade' } });
    expect(
      within(screen.getByLabelText('MVPD'))
        .getAllByRole('option')
        .map((option) => option.getAttribute('value')),
    ).toEqual(['AcmeCable']);
    fireEvent.change(screen.getByLabelText('Rule'), { target: { value: 'AuthNAll' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add scenario' }));
    await waitFor(() =>
      expect(onStatus).toHaveBeenCalledWith('Added s4: Degrade Acme Cable: AuthNAll (this device).'),
    );
    expect(calls.find((call) => call.method === 'POST')).toEqual({
      method: 'POST',
      url: '/__emulator/scenarios',
      body: { type: 'degradation', rule: 'AuthNAll', mvpd: 'AcmeCable', deviceId },
    });
  });

  it('a refusing control plane (403, not loopback): its message as text', async () => {
    controlPlane(() => ({
      status: 403,
      body: {
        error: 'forbidden',
        message: 'The control plane answers on loopback or with the admin token only.',
      },
    }));
    renderSection();
    fireEvent.click(screen.getByRole('button', { name: 'Scenario controls' }));
    const errors = await screen.findAllByTestId('scenario-error', {}, { timeout: 5_000 });
    expect(errors.map((error) => error.textContent)).toEqual([
      'The emulator’s control plane could not be read: The control plane answers on loopback or with the admin token only.',
    ]);
    expect(screen.queryByRole('form', { name: 'Add a scenario' })).toBeNull();
  });

  it('against Adobe Pass: a note instead of the controls; the share link carries the page’s title', async () => {
    const calls = controlPlane(() => ({ status: 500, body: {} }));
    history.replaceState(null, '', '/watch/harbor-morning-brief');
    const { onStatus } = renderSection({
      ...CONFIG,
      backend: 'adobe',
      apiBaseUrl: 'https://sp.auth.adobe.com',
    });
    expect(screen.getByTestId('scenario-unavailable').textContent).toContain(
      'Scenario controls belong to the emulator’s control plane',
    );
    expect(screen.queryByRole('button', { name: 'Scenario controls' })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Copy share link' }));
    const field = await screen.findByLabelText<HTMLInputElement>('Share link', {}, { timeout: 5_000 });
    expect(field.value).toBe(`${location.origin}/?title=harbor-morning-brief`);
    expect(onStatus).toHaveBeenCalled();
    expect(calls).toEqual([]);
  });
});
