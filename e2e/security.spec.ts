import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { AppPage } from './pages/app-page.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Records every Content-Security-Policy violation the page reports. */
async function watchCsp(page: Page): Promise<string[]> {
  const violations: string[] = [];
  await page.exposeFunction('__cspViolation', (text: string) => violations.push(text));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      (window as unknown as { __cspViolation(text: string): void }).__cspViolation(
        `${event.violatedDirective} blocked ${event.blockedURI} on ${location.pathname}`,
      );
    });
  });
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  return violations;
}

test('the built page has no inline script', () => {
  const html = readFileSync(join(root, 'dist', 'index.html'), 'utf8');
  const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
  expect(scripts.length).toBeGreaterThan(0);
  for (const [, attributes = '', body = ''] of scripts) {
    expect(attributes).toMatch(/\bsrc=/);
    expect(body.trim()).toBe('');
  }
});

test('a full flow under the Content-Security-Policy reports no violation', async ({ page, emulator }) => {
  void emulator;
  const violations = await watchCsp(page);
  const response = await page.goto('/');
  expect(response?.headers()['content-security-policy']).toContain("object-src 'none'");
  const app = new AppPage(page);
  await app.signIn('AcmeCable', 'premium');
  await app.tile('harbor-city-desk').getByRole('link').click();
  await app.expectPlaying();
  await page.goto('/tv');
  await expect(page.getByTestId('activation-qr')).toBeVisible();
  await page.goto('/activate');
  await page.goto('/account');
  await page.getByRole('button', { name: 'Sign out of Acme Cable' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('You are signed out of Acme Cable');
  expect(violations).toEqual([]);
});
