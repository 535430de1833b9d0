import type { ProfilesResponse } from '../../pass';

/**
 * Adobe's profiles flow leaves the choice to the app when a device holds profiles of several MVPDs
 * ("choose a profile, eventually by asking the user"). These pure rules decide what the chooser
 * offers and when the app must ask.
 */
export interface ProviderChoice {
  id: string;
  displayName: string;
  logoUrl: string;
  /** End of the profile (epoch ms). */
  notAfter: number;
}

export interface ProviderName {
  displayName: string;
  logoUrl: string;
}

/**
 * The MVPDs this device is signed in with (profiles still valid by the device clock), named from
 * what the device remembers or else from the configuration, sorted by name.
 */
export function providerChoices(
  profiles: ProfilesResponse['profiles'],
  names: (id: string) => ProviderName | undefined,
  now: number,
): ProviderChoice[] {
  return Object.entries(profiles)
    .filter(([, profile]) => profile.notAfter > now)
    .map(([id, profile]) => {
      const name = names(id);
      return {
        id,
        displayName: name?.displayName ?? id,
        logoUrl: name?.logoUrl ?? '',
        notAfter: profile.notAfter,
      };
    })
    .sort((a, b) => a.displayName.localeCompare(b.displayName) || a.id.localeCompare(b.id));
}

/** Several providers and none of them is the one the viewer chose on this device: ask. */
export function needsChoice(choices: readonly ProviderChoice[], chosenId: string | undefined): boolean {
  return choices.length >= 2 && !choices.some((choice) => choice.id === chosenId);
}
