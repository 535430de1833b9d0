// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { createHarness } from '../testing/harness';
import { authenticateUrl, resolveApiUrl } from './authenticate-url';

describe('authenticateUrl', () => {
  it('builds the absolute browser URL against the API base', () => {
    expect(authenticateUrl('https://sp.auth.adobe.com', 'REF30', '8ER640M')).toBe(
      'https://sp.auth.adobe.com/api/v2/authenticate/REF30/8ER640M',
    );
  });

  it('encodes path segments', () => {
    expect(authenticateUrl('http://localhost:3000/', 'REF 30', 'A/B')).toBe(
      'http://localhost:3000/api/v2/authenticate/REF%2030/A%2FB',
    );
  });

  it('uses the page origin when the base is empty (same origin)', () => {
    expect(authenticateUrl('', 'REF30', 'XTC98W', 'http://127.0.0.1:5173')).toBe(
      'http://127.0.0.1:5173/api/v2/authenticate/REF30/XTC98W',
    );
  });

  it('is exposed on the client without any HTTP call', () => {
    const { client, fake } = createHarness();
    expect(client.authenticateUrl('8ER640M')).toBe(
      'https://sp.auth.adobe.com/api/v2/authenticate/REF30/8ER640M',
    );
    expect(fake.requests).toHaveLength(0);
  });
});

describe('resolveApiUrl', () => {
  it('prefixes relative session URLs with the API base', () => {
    expect(resolveApiUrl('https://sp.auth.adobe.com', '/api/v2/REF30/sessions/8ER640M')).toBe(
      'https://sp.auth.adobe.com/api/v2/REF30/sessions/8ER640M',
    );
  });

  it('leaves absolute URLs unchanged', () => {
    const url = 'https://sp.auth.adobe.com/adobe-services/logout?mso_id=Cablevision';
    expect(resolveApiUrl('http://localhost:3000', url)).toBe(url);
  });

  it('stays relative with an empty base and no page origin', () => {
    expect(resolveApiUrl('', '/adobe-services/logout?requestor_id=REF30', undefined)).toBe(
      '/adobe-services/logout?requestor_id=REF30',
    );
  });
});
