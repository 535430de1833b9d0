import AxeBuilder from '@axe-core/playwright';
import { devices, type APIRequestContext, type Browser, type Page } from '@playwright/test';
import { childNames, leaves, parseXml } from '../emulator/http/v1-test-xml.ts';
import { expect, test } from './fixtures.ts';
import { completeMvpdLogin } from './pages/mvpd-login.ts';

/**
 * The legacy clientless REST API v1 device flow against the real emulator process: a v1 device
 * (API calls with a DCR token) gets a regcode, a phone (its own browser context) signs in through
 * the emulated MVPD, the device's checkauthn turns 200, authorize answers the seed's JSON and XML
 * shapes, and the media token verifies at the programmer's verifier. Then the developer page
 * (`/dev/clientless-v1`) walks the same flow with buttons.
 */
const SP = 'REF30';
const RESOURCE = 'harbor-morning-brief';
const DEVICE_INFO = Buffer.from(
  JSON.stringify({
    model: 'Roku Ultra',
    version: '4800X',
    osName: 'Roku OS',
    osVersion: '12.5',
    connectionType: 'WiFi',
  }),
).toString('base64');

async function dcrToken(request: APIRequestContext): Promise<string> {
  const seed = (await (await request.get('/__emulator/seed')).json()) as { softwareStatement: string };
  const registered = await request.post('/o/client/register', {
    data: { software_statement: seed.softwareStatement },
  });
  expect(registered.status()).toBe(201);
  const client = (await registered.json()) as { client_id: string; client_secret: string };
  const issued = await request.post('/o/client/token', {
    form: { ...client, grant_type: 'client_credentials' },
  });
  expect(issued.status()).toBe(201);
  return ((await issued.json()) as { access_token: string }).access_token;
}

/** Signs in on a phone: its own browser context, the emulated MVPD's pages. */
async function signInOnPhone(browser: Browser, baseURL: string | undefined, url: string): Promise<Page> {
  const context = await browser.newContext({ baseURL, ...devices['Pixel 7'] });
  const phone = await context.newPage();
  await phone.goto(url);
  await completeMvpdLogin(phone, 'Acme Cable', { username: 'premium', password: 'password' });
  await expect(phone).toHaveURL(`${baseURL}/activate/done`);
  return phone;
}

test.describe('clientless REST API v1', () => {
  test('device + phone: regcode, MVPD login, checkauthn, authorize (JSON and XML), verified media token', async ({
    browser,
    baseURL,
    request,
    emulator,
  }) => {
    void emulator; // reset before the test
    const token = await dcrToken(request);
    const deviceId = `roku-${Date.now()}`;
    const headers = { Authorization: `Bearer ${token}`, 'X-Device-Info': DEVICE_INFO };
    const device = { requestor: SP, deviceId };

    const created = await request.post(`/reggie/v1/${SP}/regcode.json`, {
      params: { deviceId, mvpd: 'AcmeCable' },
      headers: { ...headers, 'X-Forwarded-For': '203.45.101.20' },
    });
    expect(created.status()).toBe(201);
    const regcode = (await created.json()) as { code: string; id: string; info: { deviceId: string } };
    expect(regcode.code).toMatch(/^[A-Z0-9]{7}$/);
    expect(regcode.info.deviceId).toBe(Buffer.from(deviceId).toString('base64'));

    const before = await request.get('/api/v1/checkauthn', { params: device, headers });
    expect(before.status()).toBe(403);

    const authenticate = new URL('/api/v1/authenticate', baseURL);
    authenticate.search = new URLSearchParams({
      requestor_id: SP,
      mso_id: 'AcmeCable',
      reg_code: regcode.code,
      domain_name: new URL(baseURL ?? '').hostname,
      noflash: 'true',
      no_iframe: 'true',
      redirect_url: `${baseURL}/activate/done`,
    }).toString();
    const phone = await signInOnPhone(browser, baseURL, authenticate.href);
    await phone.context().close();

    const after = await request.get('/api/v1/checkauthn', { params: device, headers });
    expect(after.status()).toBe(200);

    const json = await request.get('/api/v1/authorize', {
      params: { ...device, resource: RESOURCE },
      headers: { ...headers, Accept: 'application/json' },
    });
    expect(json.status()).toBe(200);
    const authorization = (await json.json()) as Record<string, string>;
    expect(Object.keys(authorization)).toEqual(['mvpd', 'resource', 'requestor', 'expires']);
    expect(authorization).toMatchObject({ mvpd: 'AcmeCable', resource: RESOURCE, requestor: SP });
    expect(authorization['expires']).toMatch(/^\d{13}$/);

    const xml = await request.get('/api/v1/authorize', {
      params: { ...device, resource: RESOURCE },
      headers,
    });
    expect(xml.headers()['content-type']).toBe('application/xml;charset=UTF-8');
    const text = await xml.text();
    expect(text.startsWith('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>')).toBe(true);
    const root = parseXml(text);
    expect(root.name).toBe('authorization');
    expect(childNames(root)).toEqual(['expires', 'mvpd', 'requestor', 'resource']);
    expect(leaves(root)).toMatchObject({ mvpd: 'AcmeCable', requestor: SP, resource: RESOURCE });

    const media = await request.get('/api/v1/tokens/media', {
      params: { ...device, resource: RESOURCE },
      headers: { ...headers, Accept: 'application/json' },
    });
    expect(media.status()).toBe(200);
    const play = (await media.json()) as { serializedToken: string; mvpdId: string };
    expect(play.mvpdId).toBe('AcmeCable');
    const verdict = await request.post('/media-token/verify', {
      data: { token: play.serializedToken, resource: RESOURCE },
    });
    expect(await verdict.json()).toMatchObject({ status: 'VALID_TOKEN' });
  });

  test('the developer page walks the v1 flow with raw requests and responses', async ({
    page,
    browser,
    baseURL,
    emulator,
  }) => {
    void emulator;
    await page.goto('/dev/clientless-v1');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Clientless REST API v1');
    await expect(page.getByTestId('v1-progress-text')).toContainText('0 of 5 steps done');

    // Before any sign-in, checkauthn answers 403 with a next step.
    await page.getByRole('button', { name: 'Check authentication' }).click();
    await expect(page.getByTestId('v1-error-checkauthn')).toContainText('sign in on the second screen');

    await page.getByRole('button', { name: 'Get a registration code' }).click();
    const regcodeStep = page.getByTestId('v1-step-regcode');
    await expect(page.getByTestId('v1-code')).toHaveText(/^[A-Z0-9]{7}$/);
    await expect(regcodeStep.getByTestId('v1-status')).toHaveText('HTTP 201 Created');
    await expect(regcodeStep.getByText(/^POST http.*\/reggie\/v1\/REF30\/regcode\?deviceId=/)).toBeVisible();
    await expect(regcodeStep.getByText(/Authorization: Bearer \S+… \(masked/)).toBeVisible();

    await page.getByRole('button', { name: 'Load TV providers' }).click();
    await expect(page.getByLabel('TV provider')).toHaveValue('AcmeCable');
    const link = page.getByTestId('v1-authenticate-link');
    const href = await link.getAttribute('href');
    expect(href).toContain('/api/v1/authenticate?requestor_id=REF30&mso_id=AcmeCable&reg_code=');
    expect(href).toMatch(/&redirect_url=[^&]+$/);
    await expect(page.getByTestId('v1-progress-text')).toContainText('2 of 5 steps done');
    expect(
      (
        await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze()
      ).violations.map((violation) => violation.id),
    ).toEqual([]);

    const phone = await signInOnPhone(browser, baseURL, href ?? '');
    await phone.context().close();

    await page.getByRole('button', { name: 'Check authentication' }).click();
    await expect(page.getByTestId('v1-step-checkauthn').getByTestId('v1-status')).toHaveText('HTTP 200 OK');
    await expect(page.getByTestId('v1-error-checkauthn')).toHaveCount(0);

    await page.getByLabel('XML').check();
    await page.getByRole('button', { name: 'Authorize' }).click();
    const authorizeStep = page.getByTestId('v1-step-authorize');
    await expect(authorizeStep.getByTestId('v1-status')).toHaveText('HTTP 200 OK');
    await expect(authorizeStep.getByTestId('v1-body')).toContainText('<authorization><expires>');

    await page.getByRole('button', { name: 'Get a media token' }).click();
    await expect(page.getByTestId('v1-step-media').getByTestId('v1-body')).toContainText(
      '<serializedToken>PHNpZ25hdHVyZUluZm8',
    );
    await page.getByRole('button', { name: 'Verify the media token' }).click();
    await expect(page.getByTestId('v1-verdict')).toHaveText('Verifier: VALID_TOKEN');
    await expect(page.getByTestId('v1-progress-text')).toContainText('5 of 5 steps done');
  });
});
