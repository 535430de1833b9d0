import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { MemoryRouter } from 'react-router-dom';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PassApiError } from '../pass/errors';
import { ErrorPanel, prefetchErrorPanel } from './error-panel';

afterEach(cleanup);

describe('ErrorPanel (loaded on demand)', () => {
  it('renders the panel with the next step once its code has loaded', async () => {
    prefetchErrorPanel();
    const onRetry = vi.fn();
    const error = new PassApiError(503, {
      status: 503,
      code: 'internal_server_error',
      action: 'retry',
      message: 'Try later.',
    });
    render(
      <MemoryRouter>
        <ErrorPanel error={error} onRetry={onRetry} testId="the-panel" />
      </MemoryRouter>,
    );
    const panel = await screen.findByTestId('the-panel');
    expect(panel.getAttribute('role')).toBe('alert');
    expect(panel.getAttribute('data-error-code')).toBe('internal_server_error');
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(onRetry).toHaveBeenCalledTimes(1);
  });
});
