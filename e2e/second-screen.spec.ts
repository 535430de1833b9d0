import AxeBuilder from '@axe-core/playwright';
import { devices, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { casuallyTyped, PhonePage } from './pages/phone-page.ts';
import { deviceIdOf, TvPage } from './pages/tv-page.ts';

/** The TV and the phone are separate browsers: own storage, own device id, own DCR client. */
async function openScreens(browser: Browser, baseURL: string | undefined) {
  const tvContext = await browser.newContext({ baseURL, viewport: { width: 1280, height: 720 } });
  const phoneContext = await browser.newContext({ baseURL, ...devices['Pixel 7'] });
  const contexts: BrowserContext[] = [tvContext, phoneContext];
  return {
    tv: new TvPage(await tvContext.newPage()),
    phone: new PhonePage(await phoneContext.newPage()),
    close: () => Promise.all(contexts.map((context) => context.close())),
  };
}

async function expectNoAxeViolations(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  expect(results.violations.map((violation) => violation.id)).toEqual([]);
}

test.describe('second-screen sign-in', () => {
  test('provider chosen on the TV: the phone enters the code and signs in, the TV continues by itself', async ({
    browser,
    baseURL,
    emulator,
  }) => {
    void emulator; // reset before the test
    const { tv, phone, close } = await openScreens(browser, baseURL);
    try {
      await tv.open({ mvpd: 'AcmeCable' });
      const code = await tv.readCode();
      const url = `${baseURL}/activate?code=${code}`;
      await expect(tv.page.getByRole('heading', { level: 1 })).toHaveText('Sign in with Acme Cable');
      await expect(tv.activationUrl).toHaveText(url);
      await expect(tv.qr).toHaveAccessibleName(`QR code to open ${url}`);
      await expect(tv.countdown).toHaveText(/^(30:00|29:[0-5]\d)$/);
      await expect(tv.status).toContainText('Waiting for you to sign in on your phone');

      await phone.open();
      await phone.enterCode(casuallyTyped(code));
      // The TV chose the provider: the phone goes straight to its login.
      await phone.signInAtMvpd('Acme Cable');
      await expect(phone.page).toHaveURL(`${baseURL}/activate/done`);
      await expect(phone.done).toContainText('You’re signed in with Acme Cable');

      // The TV finds the profile on its next poll (every 5 s) and moves to the catalog.
      await expect(tv.page).toHaveURL(`${baseURL}/`, { timeout: 15_000 });
      await expect(tv.currentProvider).toContainText('Acme Cable');
      const stored = await tv.page.evaluate(() => localStorage.getItem('passref.device') ?? '');
      expect(JSON.parse(stored).state).toMatchObject({ chosenMvpd: { id: 'AcmeCable' }, pendingCode: null });
    } finally {
      await close();
    }
  });

  test('provider chosen on the phone: resume with the MVPD, two-page login, the TV continues', async ({
    browser,
    baseURL,
    emulator,
  }) => {
    void emulator;
    const { tv, phone, close } = await openScreens(browser, baseURL);
    try {
      await tv.open();
      const code = await tv.readCode();
      await expect(tv.page.getByRole('heading', { level: 1 })).toHaveText('Sign in with your TV provider');

      await phone.open();
      // A wrong code first: one generic message, nothing revealed.
      await phone.enterCode('ZZZZ-ZZZ');
      await expect(phone.error).toHaveText(
        'That code isn’t valid or has expired. Check the code on your TV and try again.',
      );
      await expect(phone.codeInput).toHaveAttribute('aria-invalid', 'true');
      await expectNoAxeViolations(phone.page);
      await phone.enterCode(casuallyTyped(code));
      await expect(phone.page.getByRole('heading', { name: 'Choose your TV provider' })).toBeVisible();
      await expectNoAxeViolations(phone.page);
      await phone.chooseProvider('Metro Fiber');
      await phone.signInAtMvpd('Metro Fiber');
      await phone.confirmDevice();
      await expect(phone.page).toHaveURL(`${baseURL}/activate/done`);
      await expect(phone.done).toContainText('You’re signed in with Metro Fiber');

      await expect(tv.page).toHaveURL(`${baseURL}/`, { timeout: 15_000 });
      await expect(tv.currentProvider).toContainText(/Metro ?Fiber/);

      const [tvDevice, phoneDevice] = await Promise.all([deviceIdOf(tv.page), deviceIdOf(phone.page)]);
      expect(tvDevice).not.toBe('');
      expect(phoneDevice).not.toBe('');
      expect(tvDevice).not.toBe(phoneDevice);
    } finally {
      await close();
    }
  });

  test('the QR code opens the code entry prefilled', async ({ browser, baseURL, emulator }) => {
    void emulator;
    const { tv, phone, close } = await openScreens(browser, baseURL);
    try {
      await tv.open();
      const code = await tv.readCode();
      // What a phone camera would open: the URL encoded in the QR code.
      const encoded = await tv.qr.getAttribute('data-value');
      expect(encoded).toBe(`${baseURL}/activate?code=${code}`);
      await phone.page.goto(encoded ?? '');
      await expect(phone.codeInput).toHaveValue(code);
      await expect(phone.page.getByRole('heading', { level: 1 })).toHaveCount(1);
    } finally {
      await close();
    }
  });
});
