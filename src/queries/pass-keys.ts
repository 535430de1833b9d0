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
  preauthorizations: (serviceProvider: string, deviceId: string, mvpd: string) =>
    [...passKeys.device(serviceProvider, deviceId), 'preauthorize', mvpd] as const,
  preauthorize: (serviceProvider: string, deviceId: string, mvpd: string, resources: readonly string[]) =>
    [...passKeys.preauthorizations(serviceProvider, deviceId, mvpd), resources] as const,
  authorize: (serviceProvider: string, deviceId: string, mvpd: string, resource: string, attempt: string) =>
    [...passKeys.device(serviceProvider, deviceId), 'authorize', mvpd, resource, attempt] as const,
  codes: (serviceProvider: string) => [...passKeys.all(serviceProvider), 'code'] as const,
  session: (serviceProvider: string, code: string) =>
    [...passKeys.codes(serviceProvider), code, 'session'] as const,
  profileByCode: (serviceProvider: string, code: string) =>
    [...passKeys.codes(serviceProvider), code, 'profiles'] as const,
};

export const catalogKeys = {
  all: ['catalog'] as const,
};
