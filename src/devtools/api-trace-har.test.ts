// @vitest-environment node
import { describe, expect, it } from 'vitest';
import type { PassExchange } from '../pass/transport';
import { buildHar } from './api-trace-har';
import { MASK } from './api-trace-mask';
import { createTraceRecorder } from './trace-recorder';

const JWT = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJjIn0.sig';
const SECRET = 'client-secret-xyz';

type Json = Record<string, unknown>;

/** Checks the fields HAR 1.2 requires (log, creator, entries, request, response, content, timings). */
function harProblems(har: unknown): string[] {
  const problems: string[] = [];
  const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
  const need = (obj: Json, key: string, type: 'string' | 'number' | 'object' | 'array', where: string) => {
    const value = obj[key];
    const ok =
      type === 'array' ? Array.isArray(value) : type === 'object' ? isObj(value) : typeof value === type;
    if (!ok) problems.push(`${where}.${key} should be ${type}`);
    return value;
  };
  const nameValues = (list: unknown, where: string) => {
    if (!Array.isArray(list)) return;
    list.forEach((item, i) => {
      if (!isObj(item) || typeof item.name !== 'string' || typeof item.value !== 'string')
        problems.push(`${where}[${i}] needs name and value strings`);
    });
  };
  if (!isObj(har) || !isObj(har.log)) return ['log missing'];
  const log = har.log;
  if (log.version !== '1.2') problems.push('log.version should be "1.2"');
  const creator = need(log, 'creator', 'object', 'log');
  if (isObj(creator)) {
    need(creator, 'name', 'string', 'log.creator');
    need(creator, 'version', 'string', 'log.creator');
  }
  const entries = need(log, 'entries', 'array', 'log');
  (Array.isArray(entries) ? entries : []).forEach((entry: unknown, i) => {
    const at = `entries[${i}]`;
    if (!isObj(entry)) return problems.push(`${at} not an object`);
    const started = need(entry, 'startedDateTime', 'string', at);
    if (typeof started === 'string' && Number.isNaN(Date.parse(started)))
      problems.push(`${at}.startedDateTime`);
    need(entry, 'time', 'number', at);
    need(entry, 'cache', 'object', at);
    const timings = need(entry, 'timings', 'object', at);
    if (isObj(timings))
      for (const k of ['send', 'wait', 'receive']) need(timings, k, 'number', `${at}.timings`);
    const request = need(entry, 'request', 'object', at);
    if (isObj(request)) {
      for (const k of ['method', 'url', 'httpVersion']) need(request, k, 'string', `${at}.request`);
      for (const k of ['headers', 'queryString', 'cookies']) {
        need(request, k, 'array', `${at}.request`);
        nameValues(request[k], `${at}.request.${k}`);
      }
      for (const k of ['headersSize', 'bodySize']) need(request, k, 'number', `${at}.request`);
      if (request.postData !== undefined) {
        const postData = need(request, 'postData', 'object', `${at}.request`);
        if (isObj(postData)) need(postData, 'mimeType', 'string', `${at}.request.postData`);
      }
      if (typeof request.url === 'string' && !/^https?:\/\//.test(request.url))
        problems.push(`${at}.request.url absolute`);
    }
    const response = need(entry, 'response', 'object', at);
    if (isObj(response)) {
      need(response, 'status', 'number', `${at}.response`);
      for (const k of ['statusText', 'httpVersion', 'redirectURL'])
        need(response, k, 'string', `${at}.response`);
      for (const k of ['headers', 'cookies']) {
        need(response, k, 'array', `${at}.response`);
        nameValues(response[k], `${at}.response.${k}`);
      }
      for (const k of ['headersSize', 'bodySize']) need(response, k, 'number', `${at}.response`);
      const content = need(response, 'content', 'object', `${at}.response`);
      if (isObj(content)) {
        need(content, 'size', 'number', `${at}.response.content`);
        need(content, 'mimeType', 'string', `${at}.response.content`);
      }
    }
  });
  return problems;
}

function calls(): PassExchange[] {
  return [
    {
      method: 'POST',
      url: '/o/client/register',
      status: 201,
      durationMs: 12,
      attempt: 1,
      requestHeaders: { 'Content-Type': 'application/json' },
      requestBody: '{"software_statement":"s","redirect_uri":"r"}',
      responseHeaders: { 'content-type': 'application/json' },
      responseBody: JSON.stringify({ client_id: 'c', client_secret: SECRET }),
    },
    {
      method: 'GET',
      url: '/stream/r?token=media-token-1&x=é',
      status: 429,
      durationMs: 3,
      attempt: 1,
      requestHeaders: { Authorization: `Bearer ${JWT}` },
      requestBody: undefined,
      responseHeaders: {},
      responseBody: '<html>Too many</html>',
    },
    {
      method: 'GET',
      url: '/api/v2/REF30/profiles',
      status: null,
      durationMs: 1,
      attempt: 2,
      requestHeaders: { Authorization: `Bearer ${JWT}` },
      requestBody: undefined,
      responseHeaders: {},
      responseBody: undefined,
      error: 'Failed to fetch',
    },
  ];
}

describe('HAR builder', () => {
  const recorder = createTraceRecorder({ now: () => Date.UTC(2026, 0, 1) });
  for (const call of calls()) recorder.record(call);
  const entries = recorder.getSnapshot();

  it('writes a valid HAR 1.2 log, secrets masked by default', () => {
    const har = buildHar(entries, { baseUrl: 'http://127.0.0.1:8080' });
    expect(harProblems(JSON.parse(JSON.stringify(har)))).toEqual([]);
    expect(har.log.version).toBe('1.2');
    expect(har.log.entries).toHaveLength(3);
    const text = JSON.stringify(har);
    for (const secret of [JWT, SECRET, 'media-token-1']) expect(text).not.toContain(secret);
    const [register, stream, failed] = har.log.entries;
    expect(register?.request.url).toBe('http://127.0.0.1:8080/o/client/register');
    expect(register?.request.postData).toEqual({
      mimeType: 'application/json',
      text: '{"software_statement":"s","redirect_uri":"r"}',
    });
    expect(register?.response).toMatchObject({ status: 201, statusText: 'Created' });
    expect(register?.response.content.text).toContain(`"client_secret":"${MASK}"`);
    expect(register?._phase).toBe('registration');
    expect(register?.startedDateTime).toBe(new Date(Date.UTC(2026, 0, 1) - 12).toISOString());
    expect(register?.timings).toEqual({ send: 0, wait: 12, receive: 0 });
    expect(stream?.request.queryString).toEqual([
      { name: 'token', value: MASK },
      { name: 'x', value: 'é' },
    ]);
    expect(stream?.request.headers).toEqual([{ name: 'Authorization', value: `Bearer ${MASK}` }]);
    expect(stream?.request).not.toHaveProperty('postData');
    expect(stream?.response.statusText).toBe('Too Many Requests');
    expect(failed?.response.status).toBe(0);
    expect(failed?._error).toBe('Failed to fetch');
    expect(failed?._attempt).toBe(2);
  });

  it('reveal keeps the secrets', () => {
    const har = buildHar(entries, { reveal: true, baseUrl: 'http://127.0.0.1:8080' });
    expect(harProblems(har)).toEqual([]);
    const text = JSON.stringify(har);
    for (const secret of [JWT, SECRET, 'media-token-1']) expect(text).toContain(secret);
  });

  it('the validator catches a broken log', () => {
    const broken = JSON.parse(JSON.stringify(buildHar(entries))) as { log: Json & { entries: Json[] } };
    broken.log.version = '1.1';
    delete (broken.log.entries[0] as { timings?: unknown }).timings;
    expect(harProblems(broken)).toEqual(
      expect.arrayContaining(['log.version should be "1.2"', 'entries[0].timings should be object']),
    );
  });
});
