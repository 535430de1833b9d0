import { describe, expect, it, vi } from 'vitest';
import {
  isLoginReturn,
  LOGIN_RELAY_TYPE,
  loginRelayMessage,
  relayLoginReturn,
  relayTarget,
  withRelayVia,
} from './login-relay';

const ORIGIN = 'https://app.example';
const popup = {} as Window;
const expected = { origin: ORIGIN, source: popup, code: 'ABC1234' };
const event = (over: Partial<Pick<MessageEvent, 'origin' | 'source' | 'data'>> = {}) => ({
  origin: ORIGIN,
  source: popup,
  data: { type: LOGIN_RELAY_TYPE, code: 'ABC1234' },
  ...over,
});

describe('the login relay receiver', () => {
  it('accepts the message from its own origin, from the window it opened, for its code', () => {
    expect(isLoginReturn(event(), expected)).toBe(true);
    expect(isLoginReturn(event({ data: loginRelayMessage('abc1234') }), expected)).toBe(true);
  });

  it.each([
    ['another origin', { origin: 'https://evil.example' }],
    ['the same host on another scheme', { origin: 'http://app.example' }],
    ['an opaque origin', { origin: 'null' }],
    ['another window', { source: {} as Window }],
    ['no window', { source: null }],
  ])('refuses a message from %s', (_label, over) => {
    expect(isLoginReturn(event(over), expected)).toBe(false);
  });

  it.each([
    ['a string', 'passref:mvpd-login-returned'],
    ['null', null],
    ['an array', [LOGIN_RELAY_TYPE, 'ABC1234']],
    ['another type', { type: 'other', code: 'ABC1234' }],
    ['another code', { type: LOGIN_RELAY_TYPE, code: 'ZZZ9999' }],
    ['a code that is not a code', { type: LOGIN_RELAY_TYPE, code: '<script>' }],
    ['a numeric code', { type: LOGIN_RELAY_TYPE, code: 1234567 }],
    ['extra fields', { type: LOGIN_RELAY_TYPE, code: 'ABC1234', url: 'https://evil.example' }],
  ])('refuses %s as data', (_label, data) => {
    expect(isLoginReturn(event({ data }), expected)).toBe(false);
  });

  it('accepts nothing while it has no window to listen to', () => {
    expect(isLoginReturn(event(), { ...expected, source: null })).toBe(false);
  });
});

describe('the login relay sender', () => {
  it('posts only to the app origin', () => {
    const target = { postMessage: vi.fn() } as unknown as Window;
    relayLoginReturn(target, ORIGIN, 'ABC1234');
    expect(target.postMessage).toHaveBeenCalledWith({ type: LOGIN_RELAY_TYPE, code: 'ABC1234' }, ORIGIN);
  });

  it('reports to the parent of a frame, the opener of a pop-up, and to nobody otherwise', () => {
    const parent = {} as Window;
    const framed = { parent, opener: null } as unknown as Window;
    const opened = { opener: parent } as unknown as Window;
    const top = { opener: null } as unknown as Window & { parent: Window };
    top.parent = top;
    expect(relayTarget(framed, 'iframe')).toBe(parent);
    expect(relayTarget(top, 'iframe')).toBeNull();
    expect(relayTarget(opened, 'popup')).toBe(parent);
    // The blocked pop-up's same-tab fallback: no opener, the page confirms by itself.
    expect(relayTarget(top, 'popup')).toBeNull();
    expect(relayTarget(framed, null)).toBeNull();
    expect(relayTarget(opened, 'redirect')).toBeNull();
  });

  it('marks the redirectUrl of a frame or pop-up login', () => {
    const url = 'https://app.example/sign-in/complete?to=%2Fwatch%2Fx';
    expect(withRelayVia(url, 'redirect')).toBe(url);
    expect(withRelayVia(url, 'iframe')).toBe(
      'https://app.example/sign-in/complete?to=%2Fwatch%2Fx&via=iframe',
    );
    expect(new URL(withRelayVia(url, 'popup')).searchParams.get('via')).toBe('popup');
  });
});
