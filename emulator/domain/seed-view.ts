import { findAccount, loginDisplayOf, type Seed } from './seed.ts';
import { TEMPPASS_RESET_API_KEY } from './seed-temppass.ts';

/**
 * The public description of the seed served by `GET /__emulator/seed`: what a partner's test suite
 * needs to drive the emulator (ids, credentials, catalog), without internal tuning knobs.
 */
export function describeSeed(seed: Seed) {
  return {
    serviceProvider: seed.serviceProvider,
    serviceProviderName: seed.serviceProviderName,
    softwareStatement: seed.softwareStatement,
    /** Same SP, but its clients get 403 from the Reset TempPass API. */
    softwareStatementNoReset: seed.softwareStatementNoReset,
    tempPassResetApiKey: TEMPPASS_RESET_API_KEY,
    redirectUris: seed.redirectUris,
    domains: seed.domains,
    mvpds: seed.mvpds.map((mvpd) => ({
      id: mvpd.id,
      displayName: mvpd.displayName,
      logoUrl: mvpd.logoUrl,
      personality: mvpd.personality,
      demonstrates: mvpd.demonstrates,
      /** How the app shows this MVPD's login by default (`mvpdLoginDisplay` in /app-config.json). */
      loginDisplay: loginDisplayOf(mvpd.personality),
      ...(mvpd.loginDelayMs !== undefined ? { loginDelayMs: mvpd.loginDelayMs } : {}),
      ...(mvpd.loginFailureRate !== undefined ? { loginFailureRate: mvpd.loginFailureRate } : {}),
      ...(mvpd.degradation !== undefined ? { degradation: mvpd.degradation } : {}),
      hasLogoutEndpoint: mvpd.hasLogoutEndpoint,
      authnTtlMs: mvpd.authnTtlMs,
      authzTtlMs: mvpd.authzTtlMs,
      mediaTokenTtlMs: mvpd.mediaTokenTtlMs,
      preauthorizeMaxResources: mvpd.preauthorizeMaxResources,
      authorizeMaxResources: mvpd.authorizeMaxResources,
      ...(mvpd.flags ?? {}),
      ...(mvpd.tempPass ? { tempPass: { ...mvpd.tempPass } } : {}),
    })),
    accounts: seed.accounts.map((account) => ({
      mvpd: account.mvpd,
      username: account.username,
      password: account.password,
      plan: account.plan,
      entitledChannels:
        account.entitlement.kind === 'all'
          ? seed.resources.map((r) => r.channel).filter((c, i, all) => all.indexOf(c) === i)
          : account.entitlement.kind === 'channels'
            ? account.entitlement.channels
            : [],
    })),
    /** Demo viewers: combinations of the accounts above (e.g. profiles on two MVPDs at once). */
    personas: seed.personas.map((persona) => ({
      id: persona.id,
      personality: persona.personality,
      demonstrates: persona.demonstrates,
      signIns: persona.signIns.map((signIn) => ({
        ...signIn,
        password: findAccount(seed, signIn.mvpd, signIn.username)?.password ?? '',
      })),
    })),
    resources: seed.resources.map((resource) => ({
      id: resource.id,
      title: resource.title,
      channel: resource.channel,
      channelName: resource.channelName,
      poster: resource.poster,
      synopsis: resource.synopsis,
      durationSeconds: resource.durationSeconds,
    })),
    sessionTtlMs: seed.sessionTtlMs,
    accessTokenTtlSeconds: seed.accessTokenTtlSeconds,
  };
}
