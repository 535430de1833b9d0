// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { identityHeaderFromGenericData } from '../domain/v1-generic-data.ts';
import { V1Error } from '../domain/v1-errors.ts';
import { SP } from '../test-support.ts';
import { parseXml } from './v1-test-xml.ts';
import { v1Emulator } from './v1-test-support.ts';

describe('v1 response format', () => {
  it.each([
    ['no hint → XML', '', {}, 'xml'],
    ['Accept: application/json', '', { Accept: 'application/json' }, 'json'],
    ['Accept: text/xml', '', { Accept: 'text/xml' }, 'xml'],
    ['Accept wildcard → XML', '', { Accept: '*/*' }, 'xml'],
    ['Accept q-values', '', { Accept: 'application/xml;q=0.2, application/json;q=0.8' }, 'json'],
    ['format=json beats Accept', '?format=json', { Accept: 'application/xml' }, 'json'],
    ['unknown format value ignored', '?format=yaml', { Accept: 'application/json' }, 'json'],
    ['.xml suffix beats everything', '.xml?format=json', { Accept: 'application/json' }, 'xml'],
    ['.json suffix', '.json', {}, 'json'],
  ])('%s', async (_, suffix, headers, expected) => {
    const { app, token } = await v1Emulator();
    const [path, query = ''] = suffix.split('?');
    const response = await app.request(`/api/v1/config/${SP}${path}${query ? `?${query}` : ''}`, {
      headers: { Authorization: `Bearer ${token}`, ...headers },
    });
    expect(response.status).toBe(200);
    const text = await response.text();
    if (expected === 'json') {
      expect(response.headers.get('content-type')).toBe('application/json;charset=UTF-8');
      expect(() => JSON.parse(text) as unknown).not.toThrow();
    } else {
      expect(response.headers.get('content-type')).toBe('application/xml;charset=UTF-8');
      expect(parseXml(text).name).toBe('config');
    }
  });

  it('errors follow the same negotiation', async () => {
    const { app } = await v1Emulator();
    const json = await app.request('/api/v1/tokens/authn.json');
    expect(await json.json()).toMatchObject({ status: 401, message: 'Unauthorized' });
    const xml = await app.request('/api/v1/tokens/authn', { headers: { Accept: 'application/xml' } });
    expect(parseXml(await xml.text()).name).toBe('error');
    const unknown = await app.request('/reggie/v1/nothing-here?format=json');
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ status: 404, message: 'Not Found' });
  });
});

describe('generic_data → AP-TempPass-Identity', () => {
  const decode = (value: string | undefined) =>
    JSON.parse(Buffer.from(value ?? '', 'base64').toString()) as unknown;

  it('reads Adobe\'s ("email":"…") form and plain JSON', () => {
    expect(decode(identityHeaderFromGenericData('("email":"abc123")'))).toEqual({ email: 'abc123' });
    expect(decode(identityHeaderFromGenericData(' {"email":"abc123"} '))).toEqual({ email: 'abc123' });
    expect(identityHeaderFromGenericData(undefined)).toBeUndefined();
    expect(identityHeaderFromGenericData('  ')).toBeUndefined();
  });

  it.each(['email=abc', '[1]', '"x"', '("email":)', 'x'.repeat(3000)])('400 for %s', (value) => {
    expect(() => identityHeaderFromGenericData(value)).toThrow(V1Error);
  });
});
