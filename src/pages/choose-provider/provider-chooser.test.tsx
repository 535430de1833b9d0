import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ProviderChooser } from './provider-chooser';

afterEach(cleanup);

const CHOICES = [
  {
    id: 'AcmeCable',
    displayName: 'Acme Cable',
    logoUrl: '/media/logos/acmecable.svg',
    notAfter: Date.now() + 1e9,
  },
  { id: 'MetroFiber', displayName: 'Metro Fiber', logoUrl: '', notAfter: Date.now() + 1e9 },
];

describe('<ProviderChooser>', () => {
  it('is a named radio group with one labelled radio per provider and stable test ids', () => {
    render(<ProviderChooser choices={CHOICES} selected={null} onChoose={() => undefined} />);
    const group = screen.getByRole('group', {
      name: 'Which TV provider do you want to watch with on this device?',
    });
    const radios = within(group).getAllByRole('radio');
    expect(radios).toHaveLength(2);
    expect(screen.getByRole('radio', { name: /Acme Cable/ })).toBeTruthy();
    expect(screen.getByRole('radio', { name: /Metro Fiber/ })).toBeTruthy();
    expect(screen.getAllByTestId('provider-choice').map((el) => el.getAttribute('data-mvpd'))).toEqual([
      'AcmeCable',
      'MetroFiber',
    ]);
    // The logo is decorative: the name is the text.
    expect(screen.getByTestId('provider-chooser').querySelector('img')?.getAttribute('alt')).toBe('');
  });

  it('preselects the provider in use, else the first one', () => {
    render(<ProviderChooser choices={CHOICES} selected="MetroFiber" onChoose={() => undefined} />);
    expect(screen.getByRole<HTMLInputElement>('radio', { name: /Metro Fiber/ }).checked).toBe(true);
    expect(screen.getByRole('button', { name: 'Watch with Metro Fiber' })).toBeTruthy();
    cleanup();
    render(<ProviderChooser choices={CHOICES} selected="Gone" onChoose={() => undefined} />);
    expect(screen.getByRole<HTMLInputElement>('radio', { name: /Acme Cable/ }).checked).toBe(true);
  });

  it('chooses the selected provider on submit (the button names it)', () => {
    const onChoose = vi.fn();
    render(<ProviderChooser choices={CHOICES} selected="AcmeCable" onChoose={onChoose} />);
    fireEvent.click(screen.getByRole('radio', { name: /Metro Fiber/ }));
    const button = screen.getByRole('button', { name: 'Watch with Metro Fiber' });
    fireEvent.click(button);
    expect(onChoose).toHaveBeenCalledTimes(1);
    expect(onChoose).toHaveBeenCalledWith(CHOICES[1]);
  });

  it('submits with the keyboard (Enter in the form)', () => {
    const onChoose = vi.fn();
    render(<ProviderChooser choices={CHOICES} selected={null} onChoose={onChoose} />);
    fireEvent.submit(screen.getByTestId('provider-chooser'));
    expect(onChoose).toHaveBeenCalledWith(CHOICES[0]);
  });
});
