export * from './schemas/index';
export {
  parsePassConfig,
  passConfigSchema,
  resolvePassConfig,
  type PassConfig,
  type PassConfigInput,
  type ResolvedPassConfig,
} from './config';
export * from './errors';
export {
  buildBrowserDeviceInfo,
  encodeDeviceIdentifier,
  encodeDeviceInfo,
  encodeTempPassIdentity,
  normalizeCode,
  type BrowserDeviceInfoExtras,
  type DeviceInfo,
  type NavigatorLike,
  type ScreenLike,
} from './device';
export { decodeBase64Utf8, encodeBase64Utf8 } from './base64';
export { parseUserAgent, type ParsedUserAgent } from './user-agent';
export {
  createDcrClient,
  createMemoryCredentialStore,
  type ClientCredentials,
  type CredentialStore,
  type DcrClient,
} from './dcr';
export {
  THROTTLE_DELAYS_MS,
  type ExchangeObserver,
  type HttpMethod,
  type PassExchange,
  type Sleep,
} from './transport';
export type { CallOptions, TempPassCallOptions } from './endpoints/context';
export type { SessionParameters } from './endpoints/create-session';
export type { LogoutOptions } from './endpoints/logout';
export { authenticateUrl, resolveApiUrl } from './endpoints/authenticate-url';
export { chunk, isDeny, isPermit } from './endpoints/decisions';
export { createPassClient, type PassClient, type PassClientOptions } from './client';
export {
  createRequestPacer,
  PACER_CAPACITY,
  webStoragePacerStore,
  type PacerOptions,
  type PacerState,
  type PacerStore,
  type RequestPacer,
} from './pacer';
export {
  isResetTempPassError,
  maskedHeaders,
  RESET_ALL,
  resetErrorKind,
  resetTempPassDevice,
  resetTempPassIdentity,
  ResetTempPassError,
  type ResetCallOptions,
  type ResetDeviceTarget,
  type ResetIdentityTarget,
  type ResetTempPassContext,
  type ResetTempPassDone,
  type ResetTempPassErrorKind,
  type ResetTempPassRequest,
} from './management/reset-temppass';
