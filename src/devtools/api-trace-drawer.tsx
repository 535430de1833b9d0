import { useEffect, useId, useMemo, useRef, useState, useSyncExternalStore, type KeyboardEvent } from 'react';
import { createPortal } from 'react-dom';
import { toCurl } from './api-trace-curl';
import { buildHar } from './api-trace-har';
import { viewCall } from './api-trace-mask';
import { classifyCall, phaseLabel, PHASES, tempPassMvpdsFrom, type TracePhase } from './api-trace-phase';
import { ScenarioSection } from './scenarios/scenario-section';
// Types only: the recorder instance comes from the button (so it stays in the initial chunk alone).
import type { TraceEntry, TraceRecorder } from './trace-recorder';
import './api-trace-drawer.css';

interface Row {
  entry: TraceEntry;
  phase: TracePhase;
  step: string;
}

function pretty(body: string | undefined): string {
  if (body === undefined || body === '') return '(none)';
  try {
    return JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    return body;
  }
}

function headerLines(headers: Readonly<Record<string, string>>): string {
  const lines = Object.entries(headers).map(([name, value]) => `${name}: ${value}`);
  return lines.length ? lines.join('\n') : '(none)';
}

function pathAndQuery(url: string): string {
  try {
    const parsed = new URL(url, location.origin);
    return parsed.origin === location.origin ? `${parsed.pathname}${parsed.search}` : parsed.href;
  } catch {
    return url;
  }
}

function downloadText(fileName: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function truncatedNote(length: number | undefined, kept: number): string {
  return length === undefined
    ? ''
    : ` (truncated: first ${Math.round(kept / 1024)} KB of ${length} characters)`;
}

function CallDetails({
  row,
  reveal,
  id,
  kept,
  onCopy,
}: {
  row: Row;
  reveal: boolean;
  kept: number;
  id: string;
  onCopy: (entry: TraceEntry) => void;
}) {
  const { entry } = row;
  const view = viewCall(entry, reveal);
  return (
    <div className="trace-details" id={id} data-testid="api-trace-details">
      <p className="trace-url">
        <span className="muted">URL </span>
        <code>{view.url}</code>
      </p>
      <p className="muted">
        Attempt {entry.attempt} · started {new Date(entry.startedAt).toISOString()}
        {entry.error ? ` · failed: ${entry.error}` : ''}
      </p>
      <h4>Request headers</h4>
      <pre tabIndex={0}>{headerLines(view.requestHeaders)}</pre>
      <h4>Request body{truncatedNote(entry.requestBodyLength, kept)}</h4>
      <pre tabIndex={0}>{pretty(view.requestBody)}</pre>
      <h4>Response headers</h4>
      <pre tabIndex={0}>{headerLines(view.responseHeaders)}</pre>
      <h4>Response body{truncatedNote(entry.responseBodyLength, kept)}</h4>
      <pre tabIndex={0}>{pretty(view.responseBody)}</pre>
      <button type="button" className="button small" onClick={() => onCopy(entry)}>
        Copy as curl{reveal ? '' : ' (masked)'}
      </button>
    </div>
  );
}

/**
 * The API-trace drawer: every HTTP attempt of the Pass client, labelled with its cookbook phase and
 * step; secrets masked unless revealed; filter, clear, copy as curl, download as HAR. A non-modal
 * dialog: focus moves into it on open, Escape closes it (focus goes back to what opened it).
 */
export default function ApiTraceDrawer({
  recorder,
  onClose,
}: {
  recorder: TraceRecorder;
  onClose: () => void;
}) {
  const entries = useSyncExternalStore(recorder.subscribe, recorder.getSnapshot);
  const [phase, setPhase] = useState<TracePhase | 'all'>('all');
  const [text, setText] = useState('');
  const [reveal, setReveal] = useState(false);
  const [expanded, setExpanded] = useState<ReadonlySet<number>>(new Set());
  const [status, setStatus] = useState('');
  const [manualCurl, setManualCurl] = useState<string | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const ids = useId();

  useEffect(() => {
    heading.current?.focus();
  }, []);

  const rows = useMemo<Row[]>(() => {
    const tempPassMvpds = tempPassMvpdsFrom(entries);
    return entries.map((entry) => ({ entry, ...classifyCall(entry, { tempPassMvpds }) }));
  }, [entries]);

  const visible = useMemo(() => {
    const needle = text.trim().toLowerCase();
    return rows.filter((row) => {
      if (phase !== 'all' && row.phase !== phase) return false;
      if (!needle) return true;
      const url = viewCall(row.entry, reveal).url;
      const haystack = `${row.entry.method} ${url} ${row.entry.status ?? 'failed'} ${phaseLabel(row.phase)} ${row.step}`;
      return haystack.toLowerCase().includes(needle);
    });
  }, [rows, phase, text, reveal]);

  const toggle = (id: number) =>
    setExpanded((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  const copyCurl = async (entry: TraceEntry) => {
    const curl = toCurl(entry, { reveal, baseUrl: location.origin });
    try {
      await navigator.clipboard.writeText(curl);
      setManualCurl(null);
      setStatus(`Copied ${entry.method} ${pathAndQuery(viewCall(entry, false).url)} as curl.`);
    } catch {
      setManualCurl(curl);
      setStatus('The clipboard is not available here: copy the command below.');
    }
  };

  const downloadHar = () => {
    const har = buildHar(entries, {
      reveal,
      baseUrl: location.origin,
      creator: { name: 'Pass Reference TV API trace', version: '1' },
    });
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    downloadText(`pass-api-trace-${stamp}.har`, JSON.stringify(har, null, 2), 'application/json');
    setStatus(
      `Downloaded ${entries.length} calls as HAR${reveal ? ' (secrets revealed)' : ' (secrets masked)'}.`,
    );
  };

  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    if (event.key === 'Escape' && !event.defaultPrevented) {
      event.preventDefault();
      onClose();
    }
  };

  const headingId = `${ids}-title`;
  return createPortal(
    <section
      className="trace-drawer"
      role="dialog"
      aria-modal="false"
      aria-labelledby={headingId}
      data-testid="api-trace-drawer"
      onKeyDown={onKeyDown}
    >
      <div className="trace-top">
        <h2 id={headingId} ref={heading} tabIndex={-1}>
          API trace
        </h2>
        <button type="button" className="button small" onClick={onClose} aria-label="Close API trace">
          Close
        </button>
      </div>
      <p className="muted trace-help">
        Every call of the Pass client on this page (last {recorder.limit} kept). Alt+Shift+T or Escape closes.
      </p>

      <div className="trace-toolbar">
        <label>
          <span>Phase</span>
          <select value={phase} onChange={(event) => setPhase(event.target.value as TracePhase | 'all')}>
            <option value="all">All phases</option>
            {PHASES.map((p) => (
              <option key={p.id} value={p.id}>
                {p.label}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>Filter calls</span>
          <input type="search" value={text} onChange={(event) => setText(event.target.value)} />
        </label>
        <button
          type="button"
          className="button small"
          aria-pressed={reveal}
          onClick={() => setReveal((value) => !value)}
        >
          Reveal secrets
        </button>
        <button
          type="button"
          className="button small"
          onClick={() => {
            recorder.clear();
            setExpanded(new Set());
            setStatus('Trace cleared.');
          }}
        >
          Clear
        </button>
        <button type="button" className="button small" onClick={downloadHar}>
          Download HAR
        </button>
      </div>

      {/* Scenario controls (emulator control plane, /__emulator/*) and the share link. */}
      <ScenarioSection onStatus={setStatus} />

      <p className="trace-status" role="status" data-testid="api-trace-status">
        {status}
      </p>
      {manualCurl !== null && (
        <label className="trace-manual-copy">
          <span>curl command</span>
          <textarea readOnly value={manualCurl} rows={6} />
        </label>
      )}

      <p className="muted" data-testid="api-trace-count">
        {visible.length === entries.length
          ? `${entries.length} calls`
          : `${visible.length} of ${entries.length} calls`}
      </p>
      <ol className="trace-list" aria-label="Calls">
        {visible.map((row) => {
          const { entry } = row;
          const open = expanded.has(entry.id);
          const detailsId = `${ids}-call-${entry.id}`;
          return (
            <li
              key={entry.id}
              className="trace-call"
              data-testid="api-trace-call"
              data-phase={row.phase}
              data-method={entry.method}
              data-status={entry.status ?? 'failed'}
            >
              <button
                type="button"
                className="trace-summary"
                aria-expanded={open}
                aria-controls={open ? detailsId : undefined}
                onClick={() => toggle(entry.id)}
              >
                <span className={`trace-phase trace-phase-${row.phase}`}>{phaseLabel(row.phase)}</span>
                <span className="trace-step">{row.step}</span>
                <span className="trace-line">
                  <strong>{entry.method}</strong> <code>{pathAndQuery(viewCall(entry, reveal).url)}</code>
                </span>
                <span className="trace-meta">
                  {entry.status ?? 'failed'} · {Math.round(entry.durationMs)} ms
                  {entry.attempt > 1 ? ` · attempt ${entry.attempt}` : ''}
                </span>
              </button>
              {open && (
                <CallDetails
                  row={row}
                  reveal={reveal}
                  id={detailsId}
                  kept={recorder.maxBodyChars}
                  onCopy={copyCurl}
                />
              )}
            </li>
          );
        })}
      </ol>
    </section>,
    document.body,
  );
}
