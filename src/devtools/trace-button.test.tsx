import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { TraceButton } from './trace-button';
import { traceRecorder } from './trace-recorder';

const TOKEN = 'raw-bearer-token-123';

afterEach(() => {
  cleanup();
  traceRecorder.clear();
});

function recordAuthorize() {
  traceRecorder.record({
    method: 'POST',
    url: '/api/v2/REF30/decisions/authorize/AcmeCable',
    status: 200,
    durationMs: 42,
    attempt: 1,
    requestHeaders: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' },
    requestBody: '{"resources":["r"]}',
    responseHeaders: { 'content-type': 'application/json' },
    responseBody: '{"decisions":[{"resource":"r","authorized":true,"token":{"serializedToken":"media-1"}}]}',
  });
}

describe('API trace button and drawer', () => {
  it('opens the lazy drawer, moves focus into it, masks, reveals, and Escape returns focus', async () => {
    recordAuthorize();
    render(<TraceButton />);
    const button = screen.getByRole('button', { name: 'API trace' });
    expect(screen.queryByRole('dialog')).toBeNull();
    button.focus();
    fireEvent.click(button);
    const dialog = await screen.findByRole('dialog', { name: 'API trace' });
    expect(button.getAttribute('aria-expanded')).toBe('true');
    await waitFor(() =>
      expect(document.activeElement).toBe(screen.getByRole('heading', { name: 'API trace' })),
    );

    const summary = screen.getByRole('button', { name: /D1 Authorize/ });
    expect(summary.getAttribute('aria-expanded')).toBe('false');
    fireEvent.click(summary);
    expect(summary.getAttribute('aria-expanded')).toBe('true');
    expect(document.getElementById(summary.getAttribute('aria-controls') ?? '')).not.toBeNull();
    expect(dialog.textContent).toContain('Bearer [MASKED]');
    expect(dialog.innerHTML).not.toContain(TOKEN);
    expect(dialog.innerHTML).not.toContain('media-1');

    fireEvent.click(screen.getByRole('button', { name: 'Reveal secrets' }));
    expect(dialog.textContent).toContain(`Bearer ${TOKEN}`);
    expect(dialog.textContent).toContain('media-1');

    fireEvent.keyDown(dialog, { key: 'Escape' });
    expect(screen.queryByRole('dialog')).toBeNull();
    await waitFor(() => expect(document.activeElement).toBe(button));
  });

  it('Alt+Shift+T toggles the drawer; new calls show up live; filters and clear', async () => {
    render(<TraceButton />);
    fireEvent.keyDown(window, { key: 'T', code: 'KeyT', altKey: true, shiftKey: true });
    const dialog = await screen.findByRole('dialog', { name: 'API trace' });
    expect(dialog.textContent).toContain('0 calls');
    act(() => recordAuthorize());
    expect(screen.getAllByTestId('api-trace-call')).toHaveLength(1);
    fireEvent.change(screen.getByLabelText('Phase'), { target: { value: 'registration' } });
    expect(screen.queryAllByTestId('api-trace-call')).toHaveLength(0);
    fireEvent.change(screen.getByLabelText('Phase'), { target: { value: 'all' } });
    fireEvent.change(screen.getByLabelText('Filter calls'), { target: { value: 'decisions/authorize' } });
    expect(screen.getAllByTestId('api-trace-call')).toHaveLength(1);
    fireEvent.click(screen.getByRole('button', { name: 'Clear' }));
    expect(screen.queryAllByTestId('api-trace-call')).toHaveLength(0);
    fireEvent.keyDown(window, { key: 'T', code: 'KeyT', altKey: true, shiftKey: true });
    expect(screen.queryByRole('dialog')).toBeNull();
  });
});
