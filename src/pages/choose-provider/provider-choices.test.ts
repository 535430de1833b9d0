import { describe, expect, it } from 'vitest';
import type { MvpdProfile } from '../../pass';
import { needsChoice, providerChoices } from './provider-choices';

const NOW = 1_800_000_000_000;

function profile(notAfter: number): MvpdProfile {
  return { notBefore: NOW - 1000, notAfter, issuer: 'x', type: 'regular', attributes: {} } as MvpdProfile;
}

const names = (id: string) =>
  ({
    AcmeCable: { displayName: 'Acme Cable', logoUrl: '/media/logos/acmecable.svg' },
    MetroFiber: { displayName: 'Metro Fiber', logoUrl: '/media/logos/metrofiber.svg' },
  })[id];

describe('providerChoices', () => {
  it('lists the valid profiles with their names, sorted by name; unknown names show the id', () => {
    const choices = providerChoices(
      { MetroFiber: profile(NOW + 10), Zed: profile(NOW + 5), AcmeCable: profile(NOW + 20) },
      names,
      NOW,
    );
    expect(choices).toEqual([
      {
        id: 'AcmeCable',
        displayName: 'Acme Cable',
        logoUrl: '/media/logos/acmecable.svg',
        notAfter: NOW + 20,
      },
      {
        id: 'MetroFiber',
        displayName: 'Metro Fiber',
        logoUrl: '/media/logos/metrofiber.svg',
        notAfter: NOW + 10,
      },
      { id: 'Zed', displayName: 'Zed', logoUrl: '', notAfter: NOW + 5 },
    ]);
  });

  it('leaves out expired profiles', () => {
    expect(
      providerChoices({ AcmeCable: profile(NOW), MetroFiber: profile(NOW + 1) }, names, NOW),
    ).toHaveLength(1);
  });
});

describe('needsChoice', () => {
  const two = providerChoices({ AcmeCable: profile(NOW + 1), MetroFiber: profile(NOW + 1) }, names, NOW);
  it('asks when several providers are signed in and none was chosen on this device', () => {
    expect(needsChoice(two, undefined)).toBe(true);
    expect(needsChoice(two, 'TempPass')).toBe(true);
  });
  it('does not ask with a choice among them, or with one provider or none', () => {
    expect(needsChoice(two, 'MetroFiber')).toBe(false);
    expect(needsChoice(two.slice(0, 1), undefined)).toBe(false);
    expect(needsChoice([], undefined)).toBe(false);
  });
});
