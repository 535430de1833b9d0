import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PROMO_FREE_PASS } from '../../temppass/free-passes';
import { resetAccessStoresForTests, useTempPassIdentity } from '../../state/access-store';
import { PromoEmailForm } from './promo-email-form';

const HASH = 'f7ee5ec7312165148b69fcca1d29075b14b8aef0b5048a332b18b88d09069fb7';

function Probe() {
  const identity = useTempPassIdentity();
  return <output data-testid="probe">{identity ? `${identity.mvpd} ${identity.key}` : 'none'}</output>;
}

beforeEach(() => {
  resetAccessStoresForTests();
  localStorage.clear();
});
afterEach(cleanup);

describe('<PromoEmailForm>', () => {
  it('explains what is wrong and keeps focus on the field', () => {
    render(<PromoEmailForm pass={PROMO_FREE_PASS} />);
    const input = screen.getByLabelText('Email address');
    fireEvent.change(input, { target: { value: 'not-an-email' } });
    fireEvent.click(screen.getByRole('button', { name: 'Get my free titles' }));
    expect(screen.getByRole('alert').textContent).toBe('Enter an email address like name@example.com.');
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe(input);
  });

  it('hashes the normalised address, keeps only the hash (in memory) and clears the field', async () => {
    render(
      <>
        <PromoEmailForm pass={PROMO_FREE_PASS} />
        <Probe />
      </>,
    );
    const input = screen.getByLabelText<HTMLInputElement>('Email address');
    fireEvent.change(input, { target: { value: '  User@Domain.com ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Get my free titles' }));
    await waitFor(() => expect(screen.getByTestId('probe').textContent).toBe(`TempPassPromo ${HASH}`));
    expect(input.value).toBe('');
    const storage = Object.keys(localStorage).map((key) => localStorage.getItem(key) ?? '');
    expect(storage.join('\n')).not.toMatch(/domain\.com/i);
    expect(storage.join('\n')).not.toContain(HASH);
  });
});
