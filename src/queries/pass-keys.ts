/**
 * Query keys of every Adobe Pass read, from generic to specific. Every input of a query is part of
 * its key; invalidation goes through these functions, never hand-typed arrays.
 */
export const passKeys = {
  all: (serviceProvider: string) => ['pass', serviceProvider] as const,
  configuration: (serviceProvider: string) => [...passKeys.all(serviceProvider), 'configuration'] as const,
  /** Everything bound to one device (profiles, decisions): what sign-in and sign-out invalidate. */
  device: (serviceProvider: string, deviceId: string) =>
    [...passKeys.all(serviceProvider), 'device', deviceId] as const,
  profiles: (serviceProvider: string, deviceId: string) =>
    [...passKeys.device(serviceProvider, deviceId), 'profiles'] as const,
  /** GET /profiles/{mvpd} of a (non-TempPass) MVPD; under `profiles`, so invalidating those covers it. */
  mvpdProfile: (serviceProvider: string, deviceId: string, mvpd: string) =>
    [...passKeys.profiles(serviceProvider, deviceId), 'mvpd', mvpd] as const,
  preauthorizations: (serviceProvider: string, deviceId: string, mvpd: string) =>
    [...passKeys.device(serviceProvider, deviceId), 'preauthorize', mvpd] as const,
  /**
   * `identityKey`: the promotional TempPass identity hash sent in `AP-TempPass-Identity` (the answer
   * depends on it); `null` for every other MVPD.
   */
  preauthorize: (
    serviceProvider: string,
    deviceId: string,
    mvpd: string,
    resources: readonly string[],
    identityKey: string | null = null,
  ) => [...passKeys.preauthorizations(serviceProvider, deviceId, mvpd), identityKey, resources] as const,
  authorize: (
    serviceProvider: string,
    deviceId: string,
    mvpd: string,
    resource: string,
    attempt: string,
    identityKey: string | null = null,
  ) =>
    [
      ...passKeys.device(serviceProvider, deviceId),
      'authorize',
      mvpd,
      identityKey,
      resource,
      attempt,
    ] as const,
  /** Everything about one TempPass MVPD on this device: what a reset or a new permit invalidates. */
  tempPass: (serviceProvider: string, deviceId: string, mvpd: string) =>
    [...passKeys.device(serviceProvider, deviceId), 'temppass', mvpd] as const,
  /** GET /profiles/{tempPassMvpd}, per identity hash for a promotional pass (`null` for a basic one). */
  tempPassProfile: (serviceProvider: string, deviceId: string, mvpd: string, identityKey: string | null) =>
    [...passKeys.tempPass(serviceProvider, deviceId, mvpd), 'profile', identityKey] as const,
  codes: (serviceProvider: string) => [...passKeys.all(serviceProvider), 'code'] as const,
  session: (serviceProvider: string, code: string) =>
    [...passKeys.codes(serviceProvider), code, 'session'] as const,
  profileByCode: (serviceProvider: string, code: string) =>
    [...passKeys.codes(serviceProvider), code, 'profiles'] as const,
};

export const catalogKeys = {
  all: ['catalog'] as const,
};
