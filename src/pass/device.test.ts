// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { decodeBase64Utf8 } from './base64';
import {
  buildBrowserDeviceInfo,
  encodeDeviceIdentifier,
  encodeDeviceInfo,
  encodeTempPassIdentity,
  normalizeCode,
} from './device';

const MAC_CHROME =
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.6478.127 Safari/537.36';
const IPHONE_SAFARI =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';
const ANDROID_CHROME =
  'Mozilla/5.0 (Linux; Android 14; SM-S901U) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.6478.122 Mobile Safari/537.36';
const WINDOWS_EDGE =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36 Edg/126.0.2592.87';
const LINUX_FIREFOX = 'Mozilla/5.0 (X11; Linux x86_64; rv:127.0) Gecko/20100101 Firefox/127.0';

describe('encodeDeviceIdentifier', () => {
  it('matches Adobe’s documented example', () => {
    expect(encodeDeviceIdentifier('ba23d141-d715-561c-94f4-e9e4c966b1eb')).toBe(
      'fingerprint YmEyM2QxNDEtZDcxNS01NjFjLTk0ZjQtZTllNGM5NjZiMWVi',
    );
  });

  it('uses standard Base64 with padding and is UTF-8 safe', () => {
    expect(encodeDeviceIdentifier('ab')).toBe('fingerprint YWI=');
    expect(encodeDeviceIdentifier('é')).toBe('fingerprint w6k=');
    expect(encodeDeviceIdentifier('??>')).toBe('fingerprint Pz8+');
  });
});

describe('encodeDeviceInfo / encodeTempPassIdentity', () => {
  it('Base64-encodes the JSON, UTF-8 safe', () => {
    const info = {
      model: 'Téléviseur',
      version: '1',
      osName: 'webOS',
      osVersion: '6',
      connectionType: 'LAN',
    };
    const encoded = encodeDeviceInfo(info);
    expect(encoded).toMatch(/^[A-Za-z0-9+/]+=*$/);
    expect(JSON.parse(decodeBase64Utf8(encoded))).toEqual(info);
  });

  it('matches Adobe’s TempPass identity example', () => {
    expect(encodeTempPassIdentity({ email: 'foo@bar.com' })).toBe('eyJlbWFpbCI6ImZvb0BiYXIuY29tIn0=');
  });
});

describe('buildBrowserDeviceInfo', () => {
  it('describes desktop Chrome on macOS with physical pixels', () => {
    const info = buildBrowserDeviceInfo(
      { userAgent: MAC_CHROME, connection: { type: 'wifi', effectiveType: '4g' } },
      { width: 1440, height: 900 },
      { devicePixelRatio: 2, applicationId: 'REF30' },
    );
    expect(info).toEqual({
      primaryHardwareType: 'Desktop',
      model: 'Macintosh',
      version: 'Unknown',
      manufacturer: 'Apple',
      osName: 'Mac OS',
      osFamily: 'macOS',
      osVendor: 'Apple',
      osVersion: '10.15.7',
      connectionType: 'WiFi',
      browserName: 'Chrome',
      browserVendor: 'Google',
      browserVersion: '126.0.6478.127',
      userAgent: MAC_CHROME,
      displayWidth: 2880,
      displayHeight: 1800,
      applicationId: 'REF30',
    });
  });

  it('describes Safari on an iPhone', () => {
    const info = buildBrowserDeviceInfo(
      { userAgent: IPHONE_SAFARI },
      { width: 390, height: 844 },
      { devicePixelRatio: 3 },
    );
    expect(info).toMatchObject({
      primaryHardwareType: 'MobilePhone',
      model: 'iPhone',
      osName: 'iOS',
      osVersion: '17.5',
      browserName: 'Safari',
      browserVersion: '17.5',
      connectionType: 'Unknown',
      displayWidth: 1170,
      displayHeight: 2532,
    });
  });

  it('describes Chrome on an Android phone with its model', () => {
    const info = buildBrowserDeviceInfo({
      userAgent: ANDROID_CHROME,
      connection: { type: 'cellular', effectiveType: '4g' },
    });
    expect(info).toMatchObject({
      primaryHardwareType: 'MobilePhone',
      model: 'SM-S901U',
      osName: 'Android',
      osVersion: '14',
      browserName: 'Chrome',
      connectionType: '4G',
    });
    expect(info.displayWidth).toBeUndefined();
  });

  it('recognises Edge before Chrome and Windows versions', () => {
    expect(
      buildBrowserDeviceInfo({ userAgent: WINDOWS_EDGE, connection: { type: 'ethernet' } }),
    ).toMatchObject({
      model: 'PC',
      osName: 'Windows',
      osVersion: '10.0',
      browserName: 'Edge',
      browserVersion: '126.0.2592.87',
      connectionType: 'LAN',
    });
  });

  it('recognises Firefox on Linux', () => {
    expect(buildBrowserDeviceInfo({ userAgent: LINUX_FIREFOX })).toMatchObject({
      osName: 'Linux',
      osVersion: 'Unknown',
      browserName: 'Firefox',
      browserVersion: '127.0',
    });
  });

  it('fills the required keys even with no input', () => {
    expect(buildBrowserDeviceInfo({})).toEqual({
      primaryHardwareType: 'Unknown',
      model: 'Unknown',
      version: 'Unknown',
      osName: 'Unknown',
      osVersion: 'Unknown',
      connectionType: 'Unknown',
    });
  });
});

describe('normalizeCode', () => {
  it('upper-cases and strips spaces and dashes', () => {
    expect(normalizeCode(' 8er-640 m ')).toBe('8ER640M');
    expect(normalizeCode('xtc–98w')).toBe('XTC98W');
    expect(normalizeCode('8BLW4RW')).toBe('8BLW4RW');
  });
});
