import AxeBuilder from '@axe-core/playwright';
import { expect, test } from './fixtures.ts';
import { AppPage } from './pages/app-page.ts';
import { ScenarioPanel } from './pages/scenario-panel.ts';

test('deny a title from the drawer: its tile locks with the MVPD’s message; removing it unlocks it', async ({
  page,
  emulator,
}) => {
  const app = new AppPage(page);
  await app.signIn('AcmeCable', 'premium');
  await expect(page.locator('[data-lock-state="unlocked"]')).toHaveCount(16);
  const { deviceId } = await app.storedDeviceState();

  const scenarios = new ScenarioPanel(page);
  await scenarios.open();
  await expect(scenarios.panel.getByTestId('scenario-none')).toBeVisible();
  // The viewer's provider is preselected for the MVPD presets.
  await scenarios.field('Scenario').selectOption({ label: 'Degrade an MVPD' });
  await expect(scenarios.field('MVPD')).toHaveValue('AcmeCable');

  await scenarios.add('Deny a title', { Title: 'harbor-morning-brief' });
  await expect(scenarios.status).toHaveText('Added s1: Deny “The Morning Brief” (this device).');
  await expect(scenarios.items).toHaveCount(1);
  await expect(scenarios.item('s1')).toHaveAttribute('data-scope', 'device');
  await expect(scenarios.item('s1')).toContainText('this device');
  expect(await emulator.scenarios()).toEqual([
    expect.objectContaining({ id: 's1', type: 'deny-resource', resource: 'harbor-morning-brief', deviceId }),
  ]);

  // The catalog asked again: that title is locked with the MVPD's text, the others stay unlocked.
  await expect(app.tile('harbor-morning-brief')).toHaveAttribute('data-lock-state', 'locked', {
    timeout: 15_000,
  });
  await expect(app.tile('harbor-morning-brief').getByTestId('tile-message')).toHaveText(
    'Acme Cable does not allow this title to be watched on this account.',
  );
  await expect(page.locator('[data-lock-state="unlocked"]')).toHaveCount(15);

  await scenarios.remove('s1');
  await expect(scenarios.status).toHaveText('Removed s1: Deny “The Morning Brief”.');
  await expect(scenarios.panel.getByTestId('scenario-none')).toBeVisible();
  await expect(page.locator('[data-lock-state="unlocked"]')).toHaveCount(16, { timeout: 15_000 });
  expect(await emulator.scenarios()).toEqual([]);
});

test('the control plane’s 400 message shows as text; scenarios for all devices are marked; remove all of this device', async ({
  page,
  request,
  emulator,
}) => {
  await page.goto('/');
  await expect(page.getByTestId('catalog')).toBeVisible();
  // Another device's scenario is not this device's business.
  expect(
    (
      await request.post(`${emulator.url}/__emulator/scenarios`, {
        data: { type: 'throttle', throttled: true, deviceId: 'some-other-tv' },
      })
    ).status(),
  ).toBe(201);

  const scenarios = new ScenarioPanel(page);
  await scenarios.open();
  await expect(scenarios.panel).toContainText('1 more scenario applies to other devices only.');

  // DCR requests carry no device: the emulator refuses a device scope, and says why.
  const dropRegister = {
    Endpoint: 'register',
    Fault: 'drop',
    'Probability (%)': '0',
  };
  await scenarios.add('Injected 5xx, 429 or dropped connection', dropRegister);
  const refusal =
    'Adding the scenario failed: Requests of the register endpoint carry no device: drop "deviceId".';
  await expect(scenarios.error).toHaveText(refusal);
  await expect(scenarios.status).toHaveText(refusal);

  // The form's own checks.
  await scenarios.add('Added latency on an endpoint', { 'Delay (ms)': '70000' });
  await expect(scenarios.status).toHaveText(
    'The delay must be a whole number of milliseconds from 0 to 60000.',
  );

  await scenarios.add('Injected 5xx, 429 or dropped connection', dropRegister, 'All devices');
  await expect(scenarios.status).toHaveText('Added s2: Dropped connection on register, 0 % (all devices).');
  await expect(scenarios.error).toHaveCount(0);
  await scenarios.add('Throttle this device on or off', { Throttling: 'off' });
  await expect(scenarios.status).toHaveText('Added s3: Never throttle the device (this device).');
  await expect(scenarios.items).toHaveCount(2);
  await expect(scenarios.item('s2')).toHaveAttribute('data-scope', 'all');
  await expect(scenarios.item('s2')).toContainText('all devices');
  await expect(scenarios.item('s3')).toHaveAttribute('data-scope', 'device');

  await scenarios.panel.getByRole('button', { name: 'Remove all of this device' }).click();
  await expect(scenarios.status).toHaveText('Removed 1 scenario of this device.');
  await expect(scenarios.items).toHaveCount(1);
  expect((await emulator.scenarios()).map((s) => s.id)).toEqual(['s1', 's2']);
});

test('the emulator clock moves forward from the drawer, until the provider’s sign-in has expired', async ({
  page,
  emulator,
}) => {
  const app = new AppPage(page);
  const scenarios = new ScenarioPanel(page);
  // Metro Fiber's sign-in lasts 7 days.
  await app.signIn('MetroFiber', 'premium');
  await scenarios.open();
  const before = await emulator.now();
  await scenarios.advanceClock('+1 min');
  await expect(scenarios.status).toContainText('Emulator clock advanced by 1 minute: now ');
  expect(await emulator.now()).toBeGreaterThanOrEqual(before + 60_000);
  await expect
    .poll(async () => Number(await scenarios.panel.getByTestId('emulator-clock').getAttribute('data-now')))
    .toBeGreaterThanOrEqual(before + 60_000);
  await expect(page.getByTestId('current-provider')).toContainText('Metro Fiber');

  // Half an hour before the sign-in expires, "+1 h" from the drawer: the app finds itself signed out
  // (after the refetches the request pacing lets through, a second apart).
  await emulator.advanceClock(7 * 86_400_000 - 30 * 60_000);
  await scenarios.advanceClock('+1 h');
  await expect(scenarios.status).toContainText('Emulator clock advanced by 1 hour: now ');
  await expect(page.getByTestId('header-sign-in')).toBeVisible({ timeout: 30_000 });
  expect(await emulator.now()).toBeGreaterThanOrEqual(before + 7 * 86_400_000 + 31 * 60_000);
});

test('reset this device from the drawer, after a confirmation: signed out, its scenarios gone', async ({
  page,
  emulator,
}) => {
  const app = new AppPage(page);
  const scenarios = new ScenarioPanel(page);
  await app.signIn('AcmeCable', 'premium');
  await scenarios.open();
  await scenarios.add('Throttle this device on or off');
  await expect(scenarios.items).toHaveCount(1);
  await scenarios.panel.getByTestId('reset-device').click();
  const confirmation = scenarios.panel.getByRole('group', { name: 'Confirm the device reset' });
  await expect(confirmation).toContainText('Reset this device on the emulator?');
  await scenarios.panel.getByTestId('reset-device-cancel').click();
  await expect(scenarios.status).toHaveText('Device reset cancelled.');
  await expect(page.getByTestId('current-provider')).toContainText('Acme Cable');

  await scenarios.resetDevice();
  await expect(scenarios.status).toHaveText(
    'This device was reset on the emulator: signed out, no scenarios.',
  );
  await expect(page.getByTestId('header-sign-in')).toBeVisible({ timeout: 30_000 });
  await expect(scenarios.panel.getByTestId('scenario-none')).toBeVisible();
  await expect(page.locator('[data-lock-state="signed-out"]')).toHaveCount(16);
  expect(await emulator.scenarios()).toEqual([]);
});

test('axe: the drawer with the scenario form open has no WCAG 2.1 A/AA violation', async ({
  page,
  emulator,
}) => {
  void emulator;
  await page.goto('/watch/harbor-city-desk');
  await expect(page).toHaveURL(/\/providers/);
  const scenarios = new ScenarioPanel(page);
  await scenarios.open();
  await scenarios.field('Scenario').selectOption({ label: 'Injected 5xx, 429 or dropped connection' });
  await expect(scenarios.field('Status')).toBeVisible();
  await scenarios.add('Deny a channel', { Channel: 'pebble-kids' }, 'All devices');
  await expect(scenarios.items).toHaveCount(1);
  await scenarios.panel.getByTestId('reset-device').click();
  await expect(scenarios.panel.getByTestId('reset-device-confirm')).toBeVisible();
  await scenarios.drawer.getByTestId('share-link-copy').click();
  await expect(scenarios.drawer.getByTestId('share-link')).toBeVisible();
  await expect(page.locator('.spinner')).toHaveCount(0, { timeout: 15_000 });
  const results = await new AxeBuilder({ page })
    .include('[data-testid="api-trace-drawer"]')
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  expect(
    results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
  ).toEqual([]);
});
