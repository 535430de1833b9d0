import { readFile } from 'node:fs/promises';
import type { Request } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { ApiTracePanel } from './pages/api-trace-panel.ts';
import { AppPage } from './pages/app-page.ts';

const DRAWER_CHUNK = /\/assets\/api-trace-drawer[^/]*\.js(?:\?|$)/;
const MASK = '[MASKED]';

interface HarLike {
  log: {
    version: string;
    creator: { name: string; version: string };
    entries: {
      startedDateTime: string;
      time: number;
      request: Record<string, unknown> & { url: string; headers: { name: string; value: string }[] };
      response: Record<string, unknown> & { content: Record<string, unknown> };
      cache: object;
      timings: { send: number; wait: number; receive: number };
      _phase: string;
    }[];
  };
}

test('the API trace lists a full flow by phase, masks tokens, reveals them and downloads a HAR 1.2', async ({
  page,
  emulator,
}) => {
  void emulator;
  const bearerTokens = new Set<string>();
  const drawerChunkRequests: string[] = [];
  let buttonClicked = false;
  page.on('request', (request: Request) => {
    if (DRAWER_CHUNK.test(request.url())) {
      drawerChunkRequests.push(`${buttonClicked ? 'after' : 'before'} ${request.url()}`);
    }
    const bearer = /^Bearer (.+)$/.exec(request.headers()['authorization'] ?? '');
    if (bearer?.[1]) bearerTokens.add(bearer[1]);
  });
  const mediaTokens = new Set<string>();
  page.on('response', async (response) => {
    if (!/\/decisions\/authorize\//.test(response.url()) || response.status() !== 200) return;
    const body = (await response.json()) as { decisions: { token?: { serializedToken: string } }[] };
    for (const decision of body.decisions)
      if (decision.token) mediaTokens.add(decision.token.serializedToken);
  });

  // Full flow: sign in (premium), catalog, play a title.
  const app = new AppPage(page);
  await app.signIn('AcmeCable', 'premium');
  await expect(page.locator('[data-lock-state="unlocked"]')).toHaveCount(16);
  await app.tile('summit-court-side').getByRole('link').click();
  await app.expectPlaying();
  expect(bearerTokens.size).toBeGreaterThan(0);
  expect(mediaTokens.size).toBe(1);

  // The drawer's code is not loaded until the button is pressed.
  expect(drawerChunkRequests).toEqual([]);
  const trace = new ApiTracePanel(page);
  await expect(trace.button).toHaveAttribute('aria-expanded', 'false');
  buttonClicked = true;
  await trace.open();
  expect(drawerChunkRequests).toHaveLength(1);
  expect(drawerChunkRequests[0]).toMatch(/^after /);
  await expect(trace.button).toHaveAttribute('aria-expanded', 'true');
  // Focus moves into the drawer.
  await expect(trace.drawer.getByRole('heading', { name: 'API trace' })).toBeFocused();

  // Every call of this page load (the MVPD login reloaded the page), labelled with its phase.
  for (const phase of ['registration', 'authentication', 'preauthorization', 'authorization']) {
    await expect(trace.callsInPhase(phase).first(), `a ${phase} call`).toBeVisible();
  }
  await expect(trace.callsInPhase('registration')).toHaveCount(2);
  await expect(trace.callsInPhase('preauthorization')).toHaveCount(4);
  // D1 authorize and D2 the playback backend's media-token verification.
  await expect(trace.callsInPhase('authorization')).toHaveCount(2);
  const callCount = await trace.calls.count();

  // Tokens are masked: no raw bearer token or media token anywhere in the drawer's DOM.
  const authorize = await trace.expand(0, 'authorization');
  await expect(authorize).toContainText(`Bearer ${MASK}`);
  await expect(authorize).toContainText(`"serializedToken": "${MASK}"`);
  await trace.expand(1, 'registration'); // POST /o/client/token: client_secret, access_token
  const masked = await trace.drawer.evaluate((element) => element.outerHTML);
  for (const token of [...bearerTokens, ...mediaTokens]) expect(masked).not.toContain(token);
  expect(masked).toContain(`client_secret=${MASK}`);
  expect(masked).toContain(`"access_token": "${MASK}"`);

  // The masked HAR.
  const harFile = await (await trace.downloadHar()).path();
  const harText = await readFile(harFile, 'utf8');
  for (const token of [...bearerTokens, ...mediaTokens]) expect(harText).not.toContain(token);
  const har = JSON.parse(harText) as HarLike;
  expect(har.log.version).toBe('1.2');
  expect(har.log.creator.name).toEqual(expect.any(String));
  expect(har.log.creator.version).toEqual(expect.any(String));
  expect(har.log.entries.length).toBeGreaterThanOrEqual(callCount);
  for (const entry of har.log.entries) {
    expect(Date.parse(entry.startedDateTime)).not.toBeNaN();
    expect(entry.time).toEqual(expect.any(Number));
    expect(entry.cache).toEqual({});
    expect(entry.timings).toEqual({ send: 0, wait: entry.time, receive: 0 });
    for (const key of [
      'method',
      'url',
      'httpVersion',
      'headers',
      'queryString',
      'cookies',
      'headersSize',
      'bodySize',
    ])
      expect(entry.request, `request.${key}`).toHaveProperty(key);
    for (const key of [
      'status',
      'statusText',
      'httpVersion',
      'headers',
      'content',
      'redirectURL',
      'headersSize',
      'bodySize',
      'cookies',
    ])
      expect(entry.response, `response.${key}`).toHaveProperty(key);
    expect(entry.response.content).toHaveProperty('size');
    expect(entry.response.content).toHaveProperty('mimeType');
    expect(entry.request.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//);
  }
  const authorization = har.log.entries.find((entry) => entry._phase === 'authorization');
  expect(authorization?.request.headers).toContainEqual({ name: 'Authorization', value: `Bearer ${MASK}` });

  // Copy one call as curl (masked).
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await authorize.getByRole('button', { name: 'Copy as curl (masked)' }).click();
  await expect(trace.drawer.getByTestId('api-trace-status')).toContainText('as curl');
  const curl = await page.evaluate(() => navigator.clipboard.readText());
  expect(curl).toMatch(
    /^curl \\\n {2}'http:\/\/127\.0\.0\.1:\d+\/api\/v2\/REF30\/decisions\/authorize\/AcmeCable' \\\n/,
  );
  expect(curl).toContain(`-H 'Authorization: Bearer ${MASK}'`);
  expect(curl).toContain(`--data-raw '{"resources":["summit-court-side"]}'`);
  for (const token of bearerTokens) expect(curl).not.toContain(token);

  // Reveal shows the real token of this page load.
  await trace.revealButton.click();
  await expect(trace.revealButton).toHaveAttribute('aria-pressed', 'true');
  const revealed = await trace.drawer.evaluate((element) => element.textContent ?? '');
  expect([...bearerTokens].some((token) => revealed.includes(`Bearer ${token}`))).toBe(true);
  expect(revealed).toContain([...mediaTokens][0]);
  const revealedHar = await readFile(await (await trace.downloadHar()).path(), 'utf8');
  expect([...bearerTokens].some((token) => revealedHar.includes(token))).toBe(true);

  // Filter by phase and by text; clear.
  await trace.drawer.getByLabel('Phase').selectOption('preauthorization');
  await expect(trace.calls).toHaveCount(4);
  await trace.drawer.getByLabel('Phase').selectOption('all');
  await trace.drawer.getByLabel('Filter calls').fill('/o/client/register');
  await expect(trace.calls).toHaveCount(1);
  await trace.drawer.getByLabel('Filter calls').fill('');
  await trace.drawer.getByRole('button', { name: 'Clear' }).click();
  await expect(trace.calls).toHaveCount(0);

  // Escape closes; focus returns to the button; the shortcut opens it again (chunk loaded once).
  await trace.close();
  await expect(trace.button).toBeFocused();
  await page.keyboard.press('Alt+Shift+T');
  await expect(trace.drawer).toBeVisible();
  await page.keyboard.press('Alt+Shift+T');
  await expect(trace.drawer).toBeHidden();
  expect(drawerChunkRequests).toHaveLength(1);
});
