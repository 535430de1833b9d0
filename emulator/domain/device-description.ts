import type { DeviceInfo } from './device.ts';

/**
 * The server-normalised device Adobe echoes as `device` in `GET /sessions/{code}` (spec
 * sessions.md §3): explicit X-Device-Info values merged over what the User-Agent reveals, unknown
 * values as `null`, versions split into numbers, `connection.port` a string.
 */
export interface DeviceVersion {
  major: number | null;
  minor: number | null;
  patch: number | null;
  profile: string | null;
}

export interface DeviceDescription {
  type: string | null;
  model: string | null;
  version: DeviceVersion | null;
  hardware: {
    name: string | null;
    vendor: string | null;
    version: DeviceVersion | null;
    manufacturer: string | null;
  };
  operatingSystem: {
    name: string | null;
    family: string | null;
    vendor: string | null;
    version: DeviceVersion | null;
  };
  browser: {
    name: string | null;
    vendor: string | null;
    version: DeviceVersion | null;
    userAgent: string | null;
    originalUserAgent: string | null;
  };
  display: {
    width: number | null;
    height: number | null;
    ppi: number | null;
    name: string | null;
    vendor: string | null;
    version: DeviceVersion | null;
    diagonalSize: number | null;
  };
  applicationId: string | null;
  connection: { ipAddress: string | null; port: string | null; secure: boolean | null; type: string | null };
}

const MAX_TEXT = 1024;

function text(info: DeviceInfo | undefined, key: string): string | null {
  const value = info?.[key];
  if (typeof value === 'string' && value.length > 0 && value.length <= MAX_TEXT) return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return null;
}

function number(info: DeviceInfo | undefined, key: string): number | null {
  const value = info?.[key];
  const parsed =
    typeof value === 'number' ? value : typeof value === 'string' && value.length <= 32 ? Number(value) : NaN;
  return Number.isFinite(parsed) ? parsed : null;
}

function bool(info: DeviceInfo | undefined, key: string): boolean | null {
  const value = info?.[key];
  if (typeof value === 'boolean') return value;
  if (value === 'true' || value === 'false') return value === 'true';
  return null;
}

/** "10.15.7" → {major:10, minor:15, patch:7, profile:""}; "r0q" → {null, null, null, "r0q"}. */
export function parseVersion(value: string | null): DeviceVersion | null {
  if (value === null) return null;
  const match = /^(\d{1,9})(?:[._](\d{1,9}))?(?:[._](\d{1,9}))?(.*)$/.exec(value.trim());
  if (!match) return { major: null, minor: null, patch: null, profile: value };
  const part = (group: string | undefined) => (group === undefined ? null : Number(group));
  return {
    major: part(match[1]),
    minor: part(match[2]),
    patch: part(match[3]),
    profile: (match[4] ?? '').replace(/^[.\s-]+/, ''),
  };
}

interface UaFacts {
  type: string | null;
  os: { name: string; family: string; vendor: string | null; version: string | null } | null;
  browser: { name: string; vendor: string; version: string | null } | null;
}

/** Just enough User-Agent sniffing for the common desktop and mobile browsers. */
export function readUserAgent(ua: string | null): UaFacts {
  if (!ua) return { type: null, os: null, browser: null };
  const find = (re: RegExp) => re.exec(ua)?.[1]?.replace(/_/g, '.') ?? null;
  let os: UaFacts['os'] = null;
  if (/iPhone|iPad|iPod/.test(ua))
    os = { name: 'iOS', family: 'iOS', vendor: 'Apple', version: find(/OS (\d+[_.\d]*)/) };
  else if (/Android/.test(ua))
    os = { name: 'Android', family: 'Android', vendor: 'Google', version: find(/Android (\d+[.\d]*)/) };
  else if (/CrOS/.test(ua)) os = { name: 'Chrome OS', family: 'Linux', vendor: 'Google', version: null };
  else if (/Windows NT/.test(ua))
    os = { name: 'Windows', family: 'Windows', vendor: 'Microsoft', version: find(/Windows NT (\d+[.\d]*)/) };
  else if (/Mac OS X/.test(ua))
    os = { name: 'macOS', family: 'macOS', vendor: 'Apple', version: find(/Mac OS X (\d+[_.\d]*)/) };
  else if (/Linux/.test(ua)) os = { name: 'Linux', family: 'Linux', vendor: null, version: null };
  let browser: UaFacts['browser'] = null;
  if (/Edg\//.test(ua)) browser = { name: 'Edge', vendor: 'Microsoft', version: find(/Edg\/([\d.]+)/) };
  else if (/OPR\//.test(ua)) browser = { name: 'Opera', vendor: 'Opera', version: find(/OPR\/([\d.]+)/) };
  else if (/Firefox\//.test(ua))
    browser = { name: 'Firefox', vendor: 'Mozilla', version: find(/Firefox\/([\d.]+)/) };
  else if (/Chrome\//.test(ua))
    browser = { name: 'Chrome', vendor: 'Google', version: find(/Chrome\/([\d.]+)/) };
  else if (/Safari\//.test(ua))
    browser = { name: 'Safari', vendor: 'Apple', version: find(/Version\/([\d.]+)/) };
  const type = /iPad|Tablet/.test(ua)
    ? 'Tablet'
    : /Mobile|iPhone|Android/.test(ua)
      ? 'MobilePhone'
      : os
        ? 'Desktop'
        : null;
  return { type, os, browser };
}

export function describeDevice(
  info: DeviceInfo | undefined,
  userAgent: string | null,
  ipAddress: string | null,
): DeviceDescription {
  const ua = readUserAgent(text(info, 'userAgent') ?? userAgent);
  const model = text(info, 'model');
  const deviceVersion = parseVersion(text(info, 'version'));
  return {
    type: text(info, 'primaryHardwareType') ?? ua.type,
    model,
    version: deviceVersion,
    hardware: {
      name: model,
      vendor: text(info, 'vendor'),
      version: deviceVersion,
      manufacturer: text(info, 'manufacturer'),
    },
    operatingSystem: {
      name: text(info, 'osName') ?? ua.os?.name ?? null,
      family: text(info, 'osFamily') ?? ua.os?.family ?? null,
      vendor: text(info, 'osVendor') ?? ua.os?.vendor ?? null,
      version: parseVersion(text(info, 'osVersion') ?? ua.os?.version ?? null),
    },
    browser: {
      name: text(info, 'browserName') ?? ua.browser?.name ?? null,
      vendor: text(info, 'browserVendor') ?? ua.browser?.vendor ?? null,
      version: parseVersion(text(info, 'browserVersion') ?? ua.browser?.version ?? null),
      userAgent: text(info, 'userAgent') ?? userAgent,
      originalUserAgent: userAgent,
    },
    display: {
      width: number(info, 'displayWidth'),
      height: number(info, 'displayHeight'),
      ppi: number(info, 'displayPpi'),
      name: null,
      vendor: null,
      version: null,
      diagonalSize: number(info, 'diagonalScreenSize'),
    },
    applicationId: text(info, 'applicationId'),
    connection: {
      ipAddress: text(info, 'connectionIp') ?? ipAddress,
      port: text(info, 'connectionPort'),
      secure: bool(info, 'connectionSecure'),
      type: text(info, 'connectionType'),
    },
  };
}
