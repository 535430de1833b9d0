import { encodeBase64Utf8, encodeJsonBase64 } from './base64';
import { parseUserAgent } from './user-agent';

// Kept here for callers of the whole device module; the two live in modules of their own.
export { normalizeCode } from './device-code';
export { encodeTempPassIdentity } from './temppass-identity';

/**
 * The JSON object sent (Base64-encoded) in `X-Device-Info`. Keys and the required five follow
 * Adobe's header reference; values of restricted keys are open because Adobe's lists keep growing.
 */
export interface DeviceInfo {
  model: string;
  version: string;
  osName: string;
  osVersion: string;
  connectionType: string;
  primaryHardwareType?: string;
  manufacturer?: string;
  vendor?: string;
  osFamily?: string;
  osVendor?: string;
  browserName?: string;
  browserVendor?: string;
  browserVersion?: string;
  userAgent?: string;
  displayWidth?: number;
  displayHeight?: number;
  displayPpi?: number;
  diagonalScreenSize?: number;
  connectionIp?: string;
  connectionPort?: number;
  connectionSecure?: boolean;
  applicationId?: string;
}

/** The parts of `navigator` this module reads; a plain object works in tests. */
export interface NavigatorLike {
  userAgent?: string;
  connection?: { type?: string; effectiveType?: string } | undefined;
}

/** The parts of `screen` this module reads. */
export interface ScreenLike {
  width: number;
  height: number;
}

export interface BrowserDeviceInfoExtras {
  /** `window.devicePixelRatio`; Adobe wants physical pixels. Default 1. */
  devicePixelRatio?: number;
  /** e.g. the service provider id. */
  applicationId?: string;
}

const UNKNOWN = 'Unknown';

/** `AP-Device-Identifier` value: `fingerprint <standard Base64 of the UTF-8 device id>`. */
export function encodeDeviceIdentifier(deviceId: string): string {
  return `fingerprint ${encodeBase64Utf8(deviceId)}`;
}

/** `X-Device-Info` value: Base64 of the device-info JSON (UTF-8 safe). */
export function encodeDeviceInfo(info: DeviceInfo): string {
  return encodeJsonBase64(info);
}

function connectionTypeOf(nav: NavigatorLike): string {
  const connection = nav.connection;
  switch (connection?.type) {
    case 'wifi':
      return 'WiFi';
    case 'ethernet':
      return 'LAN';
    case 'cellular':
      return connection.effectiveType ? connection.effectiveType.toUpperCase() : 'Cellular';
    case 'bluetooth':
      return 'Bluetooth';
    default:
      return UNKNOWN;
  }
}

/**
 * Builds `X-Device-Info` content for a web browser from navigator/screen-like inputs. Pure, so it can
 * be unit-tested with canned User-Agent strings. Browsers cannot tell their model or device version,
 * so those fall back to coarse values (`Macintosh`, `PC`, `Unknown`).
 */
export function buildBrowserDeviceInfo(
  nav: NavigatorLike,
  screen?: ScreenLike,
  extras: BrowserDeviceInfoExtras = {},
): DeviceInfo {
  const userAgent = nav.userAgent ?? '';
  const ua = parseUserAgent(userAgent);
  const info: DeviceInfo = {
    primaryHardwareType: ua.hardwareType,
    model: ua.model ?? UNKNOWN,
    version: UNKNOWN,
    osName: ua.osName ?? UNKNOWN,
    osVersion: ua.osVersion ?? UNKNOWN,
    connectionType: connectionTypeOf(nav),
  };
  if (ua.manufacturer) info.manufacturer = ua.manufacturer;
  if (ua.osFamily) info.osFamily = ua.osFamily;
  if (ua.osVendor) info.osVendor = ua.osVendor;
  if (ua.browserName) info.browserName = ua.browserName;
  if (ua.browserVendor) info.browserVendor = ua.browserVendor;
  if (ua.browserVersion) info.browserVersion = ua.browserVersion;
  if (userAgent) info.userAgent = userAgent;
  if (screen && screen.width > 0 && screen.height > 0) {
    const ratio = extras.devicePixelRatio && extras.devicePixelRatio > 0 ? extras.devicePixelRatio : 1;
    info.displayWidth = Math.round(screen.width * ratio);
    info.displayHeight = Math.round(screen.height * ratio);
  }
  if (extras.applicationId) info.applicationId = extras.applicationId;
  return info;
}
