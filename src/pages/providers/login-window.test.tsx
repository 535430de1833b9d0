import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { LOGIN_RELAY_TYPE } from '../../app/login-relay';
import type { LoginWindow } from '../../app/use-start-sign-in';
import { LoginDialog, LoginPopupPanel } from './login-window';

afterEach(cleanup);

beforeAll(() => {
  // jsdom has <dialog> without its modal methods.
  HTMLDialogElement.prototype.showModal ??= function showModal(this: HTMLDialogElement) {
    this.setAttribute('open', '');
  };
  HTMLDialogElement.prototype.close ??= function close(this: HTMLDialogElement) {
    this.removeAttribute('open');
  };
});

const MVPD = { id: 'BeaconTV', displayName: 'Beacon TV', logoUrl: '/media/logos/beacontv.svg' };

/** A pop-up stand-in: jsdom accepts only a window or a port as a message source, so use this window. */
function popupLogin(over: Partial<LoginWindow> = {}): LoginWindow {
  return {
    via: 'popup',
    mvpd: MVPD,
    returnTo: '/watch/harbor-city-desk',
    code: 'ABC1234',
    url: 'http://localhost:3000/api/v2/authenticate/REF30/ABC1234',
    popup: window,
    ...over,
  };
}

function post(data: unknown, origin = window.location.origin, source: MessageEventSource | null = window) {
  act(() => {
    window.dispatchEvent(new MessageEvent('message', { data, origin, source }));
  });
}

const GOOD = { type: LOGIN_RELAY_TYPE, code: 'ABC1234' };

describe('<LoginPopupPanel> (receiver of the pop-up return page)', () => {
  it('continues once, on the message from its own origin and its pop-up, for its code', () => {
    const onReturned = vi.fn();
    const login = popupLogin();
    render(<LoginPopupPanel login={login} onCancel={vi.fn()} onReopen={vi.fn()} onReturned={onReturned} />);
    post(GOOD, 'https://evil.example');
    post(GOOD, window.location.origin, new MessageChannel().port1);
    post({ type: LOGIN_RELAY_TYPE, code: 'OTHER12' });
    post({ ...GOOD, extra: true });
    post('passref:mvpd-login-returned');
    expect(onReturned).not.toHaveBeenCalled();
    post(GOOD);
    post(GOOD);
    expect(onReturned).toHaveBeenCalledTimes(1);
    expect(onReturned).toHaveBeenCalledWith(login);
  });

  it('says to continue in the pop-up, can reopen it or cancel', () => {
    const onCancel = vi.fn();
    const onReopen = vi.fn();
    render(
      <LoginPopupPanel login={popupLogin()} onCancel={onCancel} onReopen={onReopen} onReturned={vi.fn()} />,
    );
    const heading = screen.getByRole('heading', { name: 'Continue in the pop-up window' });
    expect(document.activeElement).toBe(heading);
    fireEvent.click(screen.getByRole('button', { name: 'Reopen the pop-up window' }));
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(onReopen).toHaveBeenCalledTimes(1);
    expect(onCancel).toHaveBeenCalledTimes(1);
    expect(screen.getByTestId('mvpd-login-popup').getAttribute('data-state')).toBe('open');
  });

  it('offers the login in this tab when the browser blocked the pop-up', () => {
    const onReturned = vi.fn();
    const login = popupLogin({ popup: null });
    render(<LoginPopupPanel login={login} onCancel={vi.fn()} onReopen={vi.fn()} onReturned={onReturned} />);
    expect(screen.getByRole('heading', { name: 'Your browser blocked the pop-up window' })).toBeTruthy();
    const link = screen.getByRole('link', { name: 'Open the Beacon TV sign-in page in this tab' });
    expect(link.getAttribute('href')).toBe(login.url);
    expect(screen.queryByRole('button', { name: 'Reopen the pop-up window' })).toBeNull();
    expect(screen.getByTestId('mvpd-login-popup').getAttribute('data-state')).toBe('blocked');
    post(GOOD);
    expect(onReturned).not.toHaveBeenCalled();
  });

  it('ignores every message before the session exists', () => {
    const onReturned = vi.fn();
    render(
      <LoginPopupPanel
        login={popupLogin({ code: null, url: null })}
        onCancel={vi.fn()}
        onReopen={vi.fn()}
        onReturned={onReturned}
      />,
    );
    expect(screen.getByRole('status').textContent).toMatch(/Opening Beacon TV/);
    post(GOOD);
    expect(onReturned).not.toHaveBeenCalled();
  });
});

describe('<LoginDialog> (iframe)', () => {
  const frameLogin = (): LoginWindow => ({
    ...popupLogin(),
    via: 'iframe',
    mvpd: { ...MVPD, displayName: 'PixelBox TV' },
    popup: null,
  });

  it('is a modal dialog named by its heading, framing the login URL with a title', () => {
    render(<LoginDialog login={frameLogin()} onCancel={vi.fn()} onReturned={vi.fn()} />);
    const dialog = screen.getByTestId('mvpd-login-dialog');
    expect(dialog.hasAttribute('open')).toBe(true);
    expect(screen.getByRole('dialog', { name: 'Sign in with PixelBox TV' })).toBe(dialog);
    const frame = screen.getByTitle('PixelBox TV sign-in page');
    expect(frame.getAttribute('src')).toBe(frameLogin().url);
  });

  it('listens to its frame only', () => {
    const onReturned = vi.fn();
    render(<LoginDialog login={frameLogin()} onCancel={vi.fn()} onReturned={onReturned} />);
    const frame = screen.getByTestId<HTMLIFrameElement>('mvpd-login-frame');
    post(GOOD, window.location.origin, window);
    expect(onReturned).not.toHaveBeenCalled();
    if (!frame.contentWindow) throw new Error('jsdom gives iframes a window');
    post(GOOD, window.location.origin, frame.contentWindow);
    expect(onReturned).toHaveBeenCalledTimes(1);
  });

  it('Cancel and Escape leave the sign-in', () => {
    const onCancel = vi.fn();
    render(<LoginDialog login={frameLogin()} onCancel={onCancel} onReturned={vi.fn()} />);
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    fireEvent(screen.getByTestId('mvpd-login-dialog'), new Event('cancel', { cancelable: true }));
    expect(onCancel).toHaveBeenCalledTimes(2);
  });
});
