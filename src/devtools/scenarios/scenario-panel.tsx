import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useMemo, useState } from 'react';
import { usePass } from '../../app/pass-context';
import { createEmulatorControl } from '../../emulator-control/control-client';
import {
  describeScenario,
  describeScope,
  type ScenarioNames,
} from '../../emulator-control/describe-scenario';
import type { ScenarioInput, SeedView } from '../../emulator-control/scenario-model';
import { useChosenMvpd, useDeviceId } from '../../state/device-store';
import { ScenarioForm } from './scenario-form';
import { invalidateScenarioDependents } from './scenario-dependents';

const CLOCK_STEPS = [
  { label: '+1 min', name: '1 minute', ms: 60_000 },
  { label: '+10 min', name: '10 minutes', ms: 10 * 60_000 },
  { label: '+1 h', name: '1 hour', ms: 60 * 60_000 },
  { label: '+1 day', name: '1 day', ms: 24 * 60 * 60_000 },
] as const;

/** Keys of the control plane's reads (not Adobe's: they never mix with `passKeys`). */
const emulatorKeys = {
  seed: ['emulator', 'seed'] as const,
  scenarios: ['emulator', 'scenarios'] as const,
  clock: ['emulator', 'clock'] as const,
};

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function namesFrom(seed: SeedView | undefined): ScenarioNames {
  return {
    title: (id) => seed?.resources.find((r) => r.id === id)?.title,
    channel: (id) => seed?.resources.find((r) => r.channel === id)?.channelName,
    mvpd: (id) => seed?.mvpds.find((m) => m.id === id)?.displayName,
  };
}

/** The title of the page the drawer was opened on (`/watch/<id>`), to preselect in the form. */
function currentTitle(): string | undefined {
  const match = /^\/watch\/([^/]+)$/.exec(location.pathname);
  if (!match?.[1]) return undefined;
  try {
    return decodeURIComponent(match[1]);
  } catch {
    return undefined;
  }
}

/**
 * The emulator's scenario controls: this device's active scenarios (and the ones for every device,
 * marked), the "Add a scenario" form, remove one / all of this device, reset this device (after a
 * confirmation) and the emulator clock. After each change the app's server state that depends on it
 * is refreshed, so the pages show the effect.
 */
export default function ScenarioPanel({ onStatus }: { onStatus: (text: string) => void }) {
  const { config } = usePass();
  const deviceId = useDeviceId();
  const chosen = useChosenMvpd();
  const queryClient = useQueryClient();
  const control = useMemo(() => createEmulatorControl({ baseUrl: config.apiBaseUrl }), [config.apiBaseUrl]);
  const seed = useQuery({
    queryKey: emulatorKeys.seed,
    queryFn: () => control.seed(),
    staleTime: Infinity,
    retry: false,
  });
  const scenarios = useQuery({
    queryKey: emulatorKeys.scenarios,
    queryFn: () => control.listScenarios(),
    retry: false,
  });
  const clock = useQuery({ queryKey: emulatorKeys.clock, queryFn: () => control.clock(), retry: false });
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [confirmReset, setConfirmReset] = useState(false);
  const ids = useId();
  const names = namesFrom(seed.data);

  /** One control-plane change: status line, error text, then refresh the lists and the app. */
  const run = async (what: string, action: () => Promise<string>) => {
    setBusy(true);
    try {
      const done = await action();
      setFailure(null);
      onStatus(done);
    } catch (error) {
      const text = `${what} failed: ${message(error)}`;
      setFailure(text);
      onStatus(text);
      return;
    } finally {
      setBusy(false);
    }
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: emulatorKeys.scenarios }),
      queryClient.invalidateQueries({ queryKey: emulatorKeys.clock }),
      invalidateScenarioDependents(queryClient, config.serviceProvider, deviceId),
    ]);
  };

  const add = (input: ScenarioInput) =>
    run('Adding the scenario', async () => {
      const stored = await control.addScenario(input);
      return `Added ${stored.id}: ${describeScenario(stored, names)} (${describeScope(stored, deviceId, names)}).`;
    });

  const loadError = seed.error ?? scenarios.error;
  const visible = (scenarios.data ?? []).filter(
    (scenario) => scenario.deviceId === undefined || scenario.deviceId === deviceId,
  );
  const elsewhere = (scenarios.data?.length ?? 0) - visible.length;
  const ownCount = visible.filter((scenario) => scenario.deviceId === deviceId).length;
  const listId = `${ids}-active`;

  return (
    <div className="scenario-panel" data-testid="scenario-panel">
      {failure !== null && (
        <p className="scenario-error" data-testid="scenario-error">
          {failure}
        </p>
      )}
      {loadError && (
        <p className="scenario-error" data-testid="scenario-error">
          The emulator’s control plane could not be read: {message(loadError)}
        </p>
      )}

      <h4 id={listId}>Active scenarios</h4>
      {scenarios.isPending ? (
        <p className="muted">Loading…</p>
      ) : visible.length === 0 ? (
        <p className="muted" data-testid="scenario-none">
          None for this device.
        </p>
      ) : (
        <ul className="scenario-list" aria-labelledby={listId} data-testid="scenario-list">
          {visible.map((scenario) => {
            const text = describeScenario(scenario, names);
            const scope = describeScope(scenario, deviceId, names);
            return (
              <li
                key={scenario.id}
                className="scenario-item"
                data-testid="scenario-item"
                data-scenario-id={scenario.id}
                data-type={scenario.type}
                data-scope={scenario.deviceId === undefined ? 'all' : 'device'}
              >
                <span>
                  {text}{' '}
                  <span
                    className={scenario.deviceId === undefined ? 'scenario-badge global' : 'scenario-badge'}
                  >
                    {scope}
                  </span>
                </span>
                <button
                  type="button"
                  className="button small"
                  disabled={busy}
                  aria-label={`Remove ${scenario.id}: ${text} (${scope})`}
                  onClick={() =>
                    void run('Removing the scenario', async () => {
                      await control.removeScenario(scenario.id);
                      return `Removed ${scenario.id}: ${text}.`;
                    })
                  }
                >
                  Remove
                </button>
              </li>
            );
          })}
        </ul>
      )}
      {elsewhere > 0 && (
        <p className="muted">
          {elsewhere} more {elsewhere === 1 ? 'scenario applies' : 'scenarios apply'} to other devices only.
        </p>
      )}
      <div className="scenario-row">
        <button
          type="button"
          className="button small"
          disabled={busy || ownCount === 0}
          data-testid="scenario-clear-device"
          onClick={() =>
            void run('Removing this device’s scenarios', async () => {
              const removed = await control.clearScenarios(deviceId);
              return `Removed ${removed} ${removed === 1 ? 'scenario' : 'scenarios'} of this device.`;
            })
          }
        >
          Remove all of this device
        </button>
      </div>

      {seed.data && (
        <ScenarioForm
          seed={seed.data}
          busy={busy}
          defaults={{
            ...(currentTitle() ? { resource: currentTitle() } : {}),
            ...(chosen ? { mvpd: chosen.id } : {}),
          }}
          deviceId={deviceId}
          onAdd={add}
          onInvalid={(text) => {
            setFailure(text);
            onStatus(text);
          }}
        />
      )}

      <h4>This device</h4>
      {confirmReset ? (
        <div className="scenario-confirm" role="group" aria-label="Confirm the device reset">
          <p>
            Reset this device on the emulator? Its sign-ins (profiles), sessions, TempPass trials and
            scenarios are removed; other devices keep theirs.
          </p>
          <div className="scenario-row">
            <button
              type="button"
              className="button small primary"
              disabled={busy}
              data-testid="reset-device-confirm"
              onClick={() => {
                setConfirmReset(false);
                void run('Resetting this device', async () => {
                  await control.resetDevice(deviceId);
                  return 'This device was reset on the emulator: signed out, no scenarios.';
                });
              }}
            >
              Reset this device
            </button>
            <button
              type="button"
              className="button small"
              data-testid="reset-device-cancel"
              onClick={() => {
                setConfirmReset(false);
                onStatus('Device reset cancelled.');
              }}
            >
              Cancel
            </button>
          </div>
        </div>
      ) : (
        <div className="scenario-row">
          <button
            type="button"
            className="button small"
            disabled={busy}
            data-testid="reset-device"
            onClick={() => setConfirmReset(true)}
          >
            Reset this device…
          </button>
        </div>
      )}

      <h4>Emulator clock</h4>
      <p className="muted" data-testid="emulator-clock" data-now={clock.data ?? ''}>
        {clock.data === undefined ? 'Reading…' : new Date(clock.data).toISOString()}
      </p>
      <div className="scenario-row" role="group" aria-label="Advance the emulator clock">
        {CLOCK_STEPS.map((step) => (
          <button
            key={step.ms}
            type="button"
            className="button small"
            disabled={busy}
            data-testid="clock-advance"
            data-ms={step.ms}
            onClick={() =>
              void run('Moving the clock', async () => {
                const now = await control.advanceClock(step.ms);
                return `Emulator clock advanced by ${step.name}: now ${new Date(now).toISOString()}.`;
              })
            }
          >
            {step.label}
          </button>
        ))}
      </div>
    </div>
  );
}
