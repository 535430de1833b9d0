import type { V1Format } from '../../pass/v1';
import type { StepId } from './next-step';
import { STEPS } from './step';

/** The v1 device's id (sent as `deviceId`) and the response format asked for (`Accept`). */
export function DeviceSettings(props: {
  deviceId: string;
  onDeviceId: (value: string) => void;
  format: V1Format;
  onFormat: (format: V1Format) => void;
}) {
  return (
    <section className="panel v1-settings" aria-label="Device settings">
      <div className="v1-field field">
        <label htmlFor="v1-device-id">Device id</label>
        <input
          id="v1-device-id"
          value={props.deviceId}
          onChange={(event) => props.onDeviceId(event.target.value)}
          aria-describedby="v1-device-id-hint"
        />
        <span id="v1-device-id-hint" className="hint">
          Sent as <code>deviceId</code>. Change it to act as another device.
        </span>
      </div>
      <fieldset>
        <legend>Response format</legend>
        {(['json', 'xml'] as const).map((value) => (
          <label key={value}>
            <input
              type="radio"
              name="v1-format"
              value={value}
              checked={props.format === value}
              onChange={() => props.onFormat(value)}
            />
            {value.toUpperCase()}
          </label>
        ))}
      </fieldset>
    </section>
  );
}

/** How far the flow got, visible and announced. */
export function FlowProgress({ doneCount, current }: { doneCount: number; current: StepId | undefined }) {
  return (
    <div className="v1-progress">
      <label htmlFor="v1-progress">Progress</label>
      <progress id="v1-progress" max={STEPS.length} value={doneCount} />
      <p role="status" data-testid="v1-progress-text">
        {doneCount} of {STEPS.length} steps done
        {current ? ` — next: ${STEPS.find((step) => step.id === current)?.title}` : ' — the flow is complete'}
        .
      </p>
    </div>
  );
}
