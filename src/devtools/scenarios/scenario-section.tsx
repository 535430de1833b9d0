import { lazy, Suspense, useId, useState } from 'react';
import { usePassIfProvided } from '../../app/pass-context';
import type { Scenario } from '../../emulator-control/scenario-model';
import { useChosenMvpd, useDeviceId } from '../../state/device-store';
import './scenarios.css';

/** The controls themselves (forms, lists, the control-plane client) load when first shown. */
const ScenarioPanel = lazy(() => import('./scenario-panel'));

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * The drawer's "Scenarios" part: the emulator's scenario controls (behind a disclosure button, only
 * when the backend is the emulator) and "Copy share link", a deep link to the current page with this
 * device's scenarios (`src/app/deep-link.ts`). Outside the app's providers (the drawer rendered on its
 * own) there is nothing to control, so nothing is shown.
 */
export function ScenarioSection({ onStatus }: { onStatus: (text: string) => void }) {
  const pass = usePassIfProvided();
  const deviceId = useDeviceId();
  const chosen = useChosenMvpd();
  const [open, setOpen] = useState(false);
  const [shareUrl, setShareUrl] = useState<string | null>(null);
  const ids = useId();
  if (!pass) return null;
  const emulator = pass.config.backend === 'emulator';
  const headingId = `${ids}-scenarios`;
  const panelId = `${ids}-scenario-panel`;
  const shareId = `${ids}-share-link`;

  const copyShareLink = async () => {
    // Loaded on first use: the drawer opens without the link grammar and the control-plane client.
    const [{ buildShareLink }, { describeScenario }, { createEmulatorControl }] = await Promise.all([
      import('../../app/deep-link'),
      import('../../emulator-control/describe-scenario'),
      import('../../emulator-control/control-client'),
    ]);
    let scenarios: Scenario[] = [];
    if (emulator) {
      try {
        scenarios = await createEmulatorControl({ baseUrl: pass.config.apiBaseUrl }).listScenarios();
      } catch (error) {
        onStatus(`The share link could not read this device’s scenarios: ${message(error)}`);
        return;
      }
    }
    const link = buildShareLink({
      origin: location.origin,
      path: location.pathname,
      provider: chosen?.id ?? null,
      deviceId,
      scenarios,
    });
    setShareUrl(link.url);
    const left = link.left.map(({ scenario, reason }) => `${describeScenario(scenario)} (${reason})`);
    const notes = [...link.notes, ...(left.length ? [`Not in the link: ${left.join('; ')}`] : [])];
    const suffix = notes.length ? ` ${notes.join('. ')}.` : '';
    try {
      await navigator.clipboard.writeText(link.url);
      onStatus(`Copied the share link (${link.included.length} scenarios).${suffix}`);
    } catch {
      onStatus(`The clipboard is not available here: copy the share link below.${suffix}`);
    }
  };

  return (
    <section className="scenario-section" aria-labelledby={headingId} data-testid="scenario-section">
      <h3 id={headingId}>Scenarios</h3>
      {emulator ? (
        <p className="muted">
          Switch emulator behaviour on for this device or all devices (the emulator’s control plane,{' '}
          <code>/__emulator/*</code>).
        </p>
      ) : (
        <p className="muted" data-testid="scenario-unavailable">
          Scenario controls belong to the emulator’s control plane (<code>/__emulator/*</code>); this app
          talks to Adobe Pass.
        </p>
      )}
      <div className="scenario-row">
        {emulator && (
          <button
            type="button"
            className="button small"
            aria-expanded={open}
            aria-controls={open ? panelId : undefined}
            data-testid="scenario-toggle"
            onClick={() => setOpen((value) => !value)}
          >
            Scenario controls
          </button>
        )}
        <button
          type="button"
          className="button small"
          data-testid="share-link-copy"
          onClick={() => void copyShareLink()}
        >
          Copy share link
        </button>
      </div>
      {shareUrl !== null && (
        <div className="scenario-field scenario-share">
          <label htmlFor={shareId}>Share link</label>
          <input id={shareId} type="text" readOnly value={shareUrl} data-testid="share-link" />
        </div>
      )}
      {emulator && open && (
        <div id={panelId}>
          <Suspense fallback={<p className="muted">Loading the scenario controls…</p>}>
            <ScenarioPanel onStatus={onStatus} />
          </Suspense>
        </div>
      )}
    </section>
  );
}
