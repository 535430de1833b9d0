import { useId, useState, type FormEvent, type ReactNode } from 'react';
import {
  DEGRADATION_RULES,
  FAULT_KINDS,
  MAX_DELAY_MS,
  SCENARIO_ENDPOINTS,
  type DegradationRule,
  type FaultKind,
  type ScenarioEndpoint,
  type ScenarioInput,
  type SeedView,
} from '../../emulator-control/scenario-model';
import {
  DEVICE_ONLY_PRESETS,
  FAULT_LABELS,
  initialFormState,
  isDeviceless,
  MVPD_PRESETS,
  PRESETS,
  toScenarioInput,
  usesDelay,
  usesPercent,
  type PresetId,
  type ScenarioFormState,
} from './scenario-form-model';

interface ScenarioFormProps {
  seed: SeedView;
  busy: boolean;
  /** Preselected title (the page's) and MVPD (the viewer's). */
  defaults: { resource?: string; mvpd?: string };
  deviceId: string;
  onAdd: (input: ScenarioInput) => void;
  onInvalid: (message: string) => void;
}

/** A labelled control; the label names it alone (a wrapping label would add the selected option). */
function Field({ label, children }: { label: string; children: (id: string) => ReactNode }) {
  const id = useId();
  return (
    <div className="scenario-field">
      <label htmlFor={id}>{label}</label>
      {children(id)}
    </div>
  );
}

function endpointLabel(endpoint: ScenarioEndpoint): string {
  return isDeviceless(endpoint) ? `${endpoint} (no device: all devices only)` : endpoint;
}

/** "Add a scenario": one preset at a time, scoped to this device unless "All devices" is chosen. */
export function ScenarioForm({ seed, busy, defaults, deviceId, onAdd, onInvalid }: ScenarioFormProps) {
  const mvpds = seed.mvpds.filter((mvpd) => !mvpd.isTempPass);
  const titles = seed.resources;
  const channels = titles
    .filter((title, index) => titles.findIndex((other) => other.channel === title.channel) === index)
    .map((title) => ({ id: title.channel, name: title.channelName }));
  const [state, setState] = useState<ScenarioFormState>(() =>
    initialFormState({
      resource: titles.some((t) => t.id === defaults.resource) ? defaults.resource : titles[0]?.id,
      channel: channels[0]?.id,
      mvpd: mvpds.some((m) => m.id === defaults.mvpd) ? defaults.mvpd : mvpds[0]?.id,
    }),
  );
  const ids = useId();
  const set = <K extends keyof ScenarioFormState>(key: K, value: ScenarioFormState[K]) =>
    setState((current) => ({ ...current, [key]: value }));
  const { preset } = state;
  const deviceOnly = DEVICE_ONLY_PRESETS.includes(preset);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const result = toScenarioInput(state, deviceId);
    if ('error' in result) onInvalid(result.error);
    else onAdd(result.input);
  };

  const headingId = `${ids}-add`;
  return (
    <form
      className="scenario-form"
      aria-labelledby={headingId}
      onSubmit={submit}
      noValidate
      data-testid="scenario-form"
    >
      <h4 id={headingId}>Add a scenario</h4>
      <Field label="Scenario">
        {(id) => (
          <select
            id={id}
            value={preset}
            data-testid="scenario-preset"
            onChange={(event) => {
              const next = event.target.value as PresetId;
              // "Every API request" is a latency target only.
              setState((current) => ({
                ...current,
                preset: next,
                endpoint: next !== 'latency' && current.endpoint === 'all' ? 'authorize' : current.endpoint,
              }));
            }}
          >
            {PRESETS.map((option) => (
              <option key={option.id} value={option.id}>
                {option.label}
              </option>
            ))}
          </select>
        )}
      </Field>

      {preset === 'deny-title' && (
        <Field label="Title">
          {(id) => (
            <select id={id} value={state.resource} onChange={(event) => set('resource', event.target.value)}>
              {titles.map((title) => (
                <option key={title.id} value={title.id}>
                  {title.title} ({title.id})
                </option>
              ))}
            </select>
          )}
        </Field>
      )}
      {preset === 'deny-channel' && (
        <Field label="Channel">
          {(id) => (
            <select id={id} value={state.channel} onChange={(event) => set('channel', event.target.value)}>
              {channels.map((channel) => (
                <option key={channel.id} value={channel.id}>
                  {channel.name}
                </option>
              ))}
            </select>
          )}
        </Field>
      )}
      {MVPD_PRESETS.includes(preset) && (
        <Field label="MVPD">
          {(id) => (
            <select id={id} value={state.mvpd} onChange={(event) => set('mvpd', event.target.value)}>
              {mvpds.map((mvpd) => (
                <option key={mvpd.id} value={mvpd.id}>
                  {mvpd.displayName} ({mvpd.id})
                </option>
              ))}
            </select>
          )}
        </Field>
      )}
      {preset === 'degrade' && (
        <Field label="Rule">
          {(id) => (
            <select
              id={id}
              value={state.rule}
              onChange={(event) => set('rule', event.target.value as DegradationRule)}
            >
              {DEGRADATION_RULES.map((rule) => (
                <option key={rule} value={rule}>
                  {rule}
                </option>
              ))}
            </select>
          )}
        </Field>
      )}
      {(preset === 'latency' || preset === 'fault') && (
        <Field label="Endpoint">
          {(id) => (
            <select
              id={id}
              value={state.endpoint}
              onChange={(event) => set('endpoint', event.target.value as ScenarioEndpoint | 'all')}
            >
              {preset === 'latency' && <option value="all">Every API request</option>}
              {SCENARIO_ENDPOINTS.map((endpoint) => (
                <option key={endpoint} value={endpoint}>
                  {endpointLabel(endpoint)}
                </option>
              ))}
            </select>
          )}
        </Field>
      )}
      {preset === 'fault' && (
        <Field label="Fault">
          {(id) => (
            <select
              id={id}
              value={state.fault}
              onChange={(event) => set('fault', event.target.value as FaultKind)}
            >
              {FAULT_KINDS.map((fault) => (
                <option key={fault} value={fault}>
                  {FAULT_LABELS[fault]}
                </option>
              ))}
            </select>
          )}
        </Field>
      )}
      {preset === 'fault' && state.fault === 'server-error' && (
        <Field label="Status">
          {(id) => (
            <input
              id={id}
              type="number"
              inputMode="numeric"
              min={500}
              max={599}
              value={state.status}
              onChange={(event) => set('status', event.target.value)}
            />
          )}
        </Field>
      )}
      {usesDelay(preset) && (
        <Field label="Delay (ms)">
          {(id) => (
            <input
              id={id}
              type="number"
              inputMode="numeric"
              min={0}
              max={MAX_DELAY_MS}
              step={100}
              value={state.delayMs}
              onChange={(event) => set('delayMs', event.target.value)}
            />
          )}
        </Field>
      )}
      {usesPercent(preset) && (
        <Field label="Probability (%)">
          {(id) => (
            <input
              id={id}
              type="number"
              inputMode="decimal"
              min={0}
              max={100}
              step="any"
              value={state.percent}
              onChange={(event) => set('percent', event.target.value)}
            />
          )}
        </Field>
      )}
      {preset === 'throttle' && (
        <Field label="Throttling">
          {(id) => (
            <select
              id={id}
              value={state.throttled ? 'on' : 'off'}
              onChange={(event) => set('throttled', event.target.value === 'on')}
            >
              <option value="on">On: a throttle bucket of its own, whatever the mode</option>
              <option value="off">Off: never throttled</option>
            </select>
          )}
        </Field>
      )}

      <fieldset className="scenario-scope">
        <legend>Applies to</legend>
        <label>
          <input
            type="radio"
            name={`${ids}-scope`}
            checked={state.scope === 'device' || deviceOnly}
            onChange={() => set('scope', 'device')}
          />{' '}
          This device
        </label>
        <label>
          <input
            type="radio"
            name={`${ids}-scope`}
            checked={state.scope === 'all' && !deviceOnly}
            disabled={deviceOnly}
            onChange={() => set('scope', 'all')}
          />{' '}
          All devices{deviceOnly ? ' (not for this scenario)' : ''}
        </label>
      </fieldset>
      <button type="submit" className="button small primary" disabled={busy} data-testid="scenario-add">
        Add scenario
      </button>
    </form>
  );
}
