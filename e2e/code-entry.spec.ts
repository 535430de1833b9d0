import AxeBuilder from '@axe-core/playwright';
import { devices, type APIRequestContext } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { PhonePage } from './pages/phone-page.ts';

/**
 * Code entry past the emulator's limit (10 failed lookups of `GET sessions/{code}` per DCR client in
 * 5 minutes): the limited client gets Adobe's 429 page, other clients at the same address do not,
 * and the phone shows one calm message with a countdown when that 429 reaches it.
 */

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

/** A live code, as a TV would create it (provider already chosen). */
async function liveCode(request: APIRequestContext, token: string, baseURL: string): Promise<string> {
  const created = await request.post('/api/v2/REF30/sessions', {
    headers: {
      Authorization: `Bearer ${token}`,
      'AP-Device-Identifier': `fingerprint ${Buffer.from('tv-code-entry').toString('base64')}`,
    },
    form: {
      mvpd: 'AcmeCable',
      domainName: new URL(baseURL).hostname,
      redirectUrl: `${baseURL}/activate/done`,
    },
  });
  expect(created.status()).toBe(200);
  return ((await created.json()) as { code: string }).code;
}

function lookUp(request: APIRequestContext, token: string, code: string, forwardedFor?: string) {
  return request.get(`/api/v2/REF30/sessions/${code}`, {
    headers: {
      Authorization: `Bearer ${token}`,
      ...(forwardedFor ? { 'X-Forwarded-For': forwardedFor } : {}),
    },
  });
}

async function failTenTimes(request: APIRequestContext, token: string, forwardedFor?: string) {
  for (let n = 0; n < 10; n += 1) {
    expect((await lookUp(request, token, `WRONG${n}`, forwardedFor)).status()).toBe(400);
  }
}

test('past the code-entry limit: 429 per client, and a calm, timed pause on the phone', async ({
  browser,
  baseURL,
  request,
  emulator,
}) => {
  void emulator; // reset before the test
  const origin = baseURL ?? '';
  const tv = await dcrToken(request);
  const code = await liveCode(request, tv, origin);

  // A guesser: after 10 wrong codes, even the right one answers Adobe's 429 page.
  const guesser = await dcrToken(request);
  await failTenTimes(request, guesser, '198.51.100.7');
  const refused = await lookUp(request, guesser, code, '198.51.100.7');
  expect(refused.status()).toBe(429);
  expect(refused.headers()['content-type']).toMatch(/^text\/html/);
  expect(await refused.text()).toContain('429 Too Many Requests');
  // The limit follows the client, not the address: still refused from elsewhere; another client
  // at the same address (or this machine's) is unaffected.
  expect((await lookUp(request, guesser, code, '203.0.113.9')).status()).toBe(429);
  expect((await lookUp(request, await dcrToken(request), code, '198.51.100.7')).status()).toBe(200);
  expect((await lookUp(request, tv, code)).status()).toBe(200);

  const context = await browser.newContext({ baseURL, ...devices['Pixel 7'] });
  try {
    const page = await context.newPage();
    // The phone looks the code up as the limited client: its lookups go out with the guesser's
    // token, and the emulator's own answer (the 429 page) comes back to the app.
    await page.route('**/api/v2/REF30/sessions/*', async (route) => {
      if (route.request().method() !== 'GET') return route.fallback();
      const headers = { ...route.request().headers(), authorization: `Bearer ${guesser}` };
      await route.fulfill({ response: await route.fetch({ headers }) });
    });
    await page.clock.install();
    const phone = new PhonePage(page);
    await phone.open(code);
    await expect(phone.codeInput).toHaveValue(code);
    const status = page.getByTestId('activation-pause-status');
    await expect(status).toHaveText('');
    await page.getByRole('button', { name: 'Continue' }).click();

    // The client retries a 429 twice (1 s, 2 s), then the page pauses entry.
    const paused = page.getByTestId('activation-paused');
    await expect(paused).toBeVisible({ timeout: 15_000 });
    await expect(paused).toContainText('Too many tries in a row');
    await expect(page.getByRole('timer')).toHaveText(/^0:(30|29)$/);
    await expect(status).toHaveText('Code entry is paused. You can try again in less than a minute.');
    await expect(status).toHaveAttribute('aria-live', 'polite');
    await expect(phone.codeInput).toHaveValue(code);
    await expect(page.getByRole('button', { name: 'Continue' })).toBeDisabled();
    await expect(phone.error).toHaveCount(0);
    await expect(page.getByTestId('activation-lookup-error')).toHaveCount(0);
    const axe = await new AxeBuilder({ page })
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
      .analyze();
    expect(axe.violations.map((violation) => violation.id)).toEqual([]);

    await page.clock.fastForward(30_000);
    await expect(page.getByRole('button', { name: 'Continue' })).toBeEnabled();
    await expect(paused).toHaveCount(0);
    await expect(status).toHaveText('You can enter a code again.');

    // Still inside the emulator's 5-minute window: refused again, and this pause is twice as long.
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect(paused).toBeVisible({ timeout: 15_000 });
    await expect(page.getByRole('timer')).toHaveText(/^(1:00|0:59)$/);
  } finally {
    await context.close();
  }
});
