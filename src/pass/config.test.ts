// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { parsePassConfig, resolvePassConfig } from './config';

const valid = {
  apiBaseUrl: 'http://localhost:3000/',
  serviceProvider: 'REF30',
  softwareStatement: 'a.b.c',
  redirectUri: 'adobepass://com.programmer',
};

describe('PassConfig', () => {
  it('trims trailing slashes and defaults dcrBaseUrl to apiBaseUrl', () => {
    expect(resolvePassConfig(valid)).toEqual({
      ...valid,
      apiBaseUrl: 'http://localhost:3000',
      dcrBaseUrl: 'http://localhost:3000',
    });
  });

  it('accepts an empty base (same origin) and a separate DCR host', () => {
    const config = resolvePassConfig({ ...valid, apiBaseUrl: '', dcrBaseUrl: 'https://sp.auth.adobe.com' });
    expect(config.apiBaseUrl).toBe('');
    expect(config.dcrBaseUrl).toBe('https://sp.auth.adobe.com');
  });

  it('lists every problem in one readable error', () => {
    expect(() => parsePassConfig({ ...valid, apiBaseUrl: 'localhost:3000', serviceProvider: '' })).toThrow(
      /apiBaseUrl: must be empty \(same origin\) or an absolute http\(s\) URL; serviceProvider: /,
    );
  });

  it('rejects a missing software statement', () => {
    const { softwareStatement: _dropped, ...rest } = valid;
    expect(() => parsePassConfig(rest)).toThrow(/softwareStatement/);
  });
});
