import { useMemo, useState } from 'react';
import { usePass } from '../../app/pass-context';
import { buildBrowserDeviceInfo, encodeDeviceInfo } from '../../pass';
import { createV1Client, readField, readMvpds, type V1Exchange, type V1Format } from '../../pass/v1';
import { verifyMediaToken } from '../../playback/playback-api';
import { useCatalog } from '../../queries/catalog';
import { useDeviceId } from '../../state/device-store';
import { ExchangeView } from './exchange-view';
import { DeviceSettings, FlowProgress } from './flow-header';
import type { StepId } from './next-step';
import { Step, STEPS } from './step';
import './clientless-v1.css';

/**
 * Developer page: the legacy Adobe Pass clientless REST API v1 device flow, one button per step,
 * with the raw request and response of each call, to compare with REST API v2. The v1 device uses
 * the same device id as this browser's v2 client by default, so a v1 sign-in is visible to v2 too.
 */
export function ClientlessV1Page() {
  const { client, config } = usePass();
  const browserDeviceId = useDeviceId();
  const catalog = useCatalog();
  const [deviceId, setDeviceId] = useState(browserDeviceId);
  const [format, setFormat] = useState<V1Format>('json');
  const [exchanges, setExchanges] = useState<Partial<Record<StepId | 'logout', V1Exchange>>>({});
  const [busy, setBusy] = useState<StepId | 'logout' | 'verify' | null>(null);
  const [chosenMvpd, setChosenMvpd] = useState('');
  const [chosenResource, setChosenResource] = useState('');
  const [verdict, setVerdict] = useState<string | null>(null);

  const origin = window.location.origin;
  const v1 = useMemo(
    () =>
      createV1Client({
        baseUrl: config.apiBaseUrl || origin,
        serviceProvider: config.serviceProvider,
        deviceId: deviceId.trim(),
        deviceInfo: encodeDeviceInfo(
          buildBrowserDeviceInfo(navigator, screen, { applicationId: config.serviceProvider }),
        ),
        getAccessToken: () => client.getAccessToken(),
      }),
    [client, config.apiBaseUrl, config.serviceProvider, deviceId, origin],
  );

  const okBody = (id: StepId) => (exchanges[id]?.ok ? (exchanges[id]?.response?.body ?? '') : undefined);
  const regcodeBody = okBody('regcode');
  const code = regcodeBody !== undefined ? readField(regcodeBody, 'code') : undefined;
  const configBody = okBody('login');
  const mvpds = configBody !== undefined ? readMvpds(configBody).filter((mvpd) => !mvpd.isTempPass) : [];
  const mvpd = chosenMvpd || mvpds[0]?.id || '';
  const resource = chosenResource || catalog.data?.titles[0]?.id || '';
  const mediaBody = okBody('media');
  const serializedToken = mediaBody !== undefined ? readField(mediaBody, 'serializedToken') : undefined;
  const link =
    code && mvpd
      ? v1.authenticateUrl({
          code,
          mvpd,
          domainName: config.domainName || window.location.hostname,
          redirectUrl: `${origin}/activate/done`,
        })
      : undefined;

  const done: Record<StepId, boolean> = {
    regcode: code !== undefined,
    login: link !== undefined,
    checkauthn: exchanges.checkauthn?.ok === true,
    authorize: exchanges.authorize?.ok === true,
    media: serializedToken !== undefined,
  };
  const doneCount = STEPS.filter((step) => done[step.id]).length;
  const current = STEPS.find((step) => !done[step.id])?.id;

  async function run(id: StepId | 'logout', call: () => Promise<V1Exchange>) {
    setBusy(id);
    if (id === 'media' || id === 'authorize') setVerdict(null);
    try {
      const exchange = await call();
      setExchanges((previous) => (id === 'logout' ? { logout: exchange } : { ...previous, [id]: exchange }));
    } finally {
      setBusy(null);
    }
  }

  async function verify() {
    if (!serializedToken) return;
    setBusy('verify');
    try {
      setVerdict(await verifyMediaToken(config.playbackBaseUrl || origin, serializedToken, resource));
    } catch (error) {
      setVerdict(error instanceof Error ? error.message : String(error));
    } finally {
      setBusy(null);
    }
  }

  const stepProps = (id: StepId, index: number) => ({
    index,
    id,
    title: STEPS[index]?.title ?? id,
    done: done[id],
    current: current === id,
    busy: busy === id,
    exchange: exchanges[id],
  });

  return (
    <div className="clientless-v1 stack">
      <h1>Clientless REST API v1</h1>
      <p>
        The legacy Adobe Pass device flow, one call per step, with the raw request and response — to compare
        with REST API v2. Calls use this app&rsquo;s DCR access token. With this browser&rsquo;s device id, a
        v1 sign-in is the same login the v2 app sees.
      </p>

      <DeviceSettings
        deviceId={deviceId}
        onDeviceId={(value) => {
          setDeviceId(value);
          setExchanges({});
          setVerdict(null);
        }}
        format={format}
        onFormat={setFormat}
      />
      <FlowProgress doneCount={doneCount} current={current} />

      <ol className="v1-steps">
        <Step {...stepProps('regcode', 0)}>
          <p>
            The device asks the registration-code service for a code to show on screen (
            <code>POST /reggie/v1/{'{requestor}'}/regcode</code>).
          </p>
          <button
            type="button"
            className="button primary"
            disabled={busy !== null}
            onClick={() => void run('regcode', () => v1.createRegcode(format))}
          >
            Get a registration code
          </button>
          {code && (
            <p>
              Code:{' '}
              <strong className="code-display" data-testid="v1-code">
                {code}
              </strong>
            </p>
          )}
        </Step>

        <Step {...stepProps('login', 1)}>
          <p>
            On a phone or another tab, the login web app loads the provider list (
            <code>GET /api/v1/config/{'{requestor}'}</code>) and opens <code>/api/v1/authenticate</code> with
            the code; the viewer signs in with the TV provider.
          </p>
          <button
            type="button"
            className="button"
            disabled={busy !== null}
            onClick={() => void run('login', () => v1.getConfig(format))}
          >
            Load TV providers
          </button>
          {mvpds.length > 0 && (
            <div className="v1-field field">
              <label htmlFor="v1-mvpd">TV provider</label>
              <select id="v1-mvpd" value={mvpd} onChange={(event) => setChosenMvpd(event.target.value)}>
                {mvpds.map((item) => (
                  <option key={item.id} value={item.id}>
                    {item.displayName}
                  </option>
                ))}
              </select>
            </div>
          )}
          {link ? (
            <p className="v1-link">
              Open on another device or tab:{' '}
              <a href={link} target="_blank" rel="noopener noreferrer" data-testid="v1-authenticate-link">
                sign in with code {code}
              </a>
              <br />
              <code>{link}</code>
            </p>
          ) : (
            <p className="hint">
              {code
                ? 'Load the providers to get the sign-in link.'
                : 'Get a registration code first (step 1).'}
            </p>
          )}
        </Step>

        <Step {...stepProps('checkauthn', 2)}>
          <p>
            The device asks whether it is signed in (<code>GET /api/v1/checkauthn</code>): 200 yes, 403 not
            yet.
          </p>
          <button
            type="button"
            className="button primary"
            disabled={busy !== null}
            onClick={() => void run('checkauthn', () => v1.checkAuthn(format))}
          >
            Check authentication
          </button>
        </Step>

        <Step {...stepProps('authorize', 3)}>
          <div className="v1-field field">
            <label htmlFor="v1-resource">Resource</label>
            <select
              id="v1-resource"
              value={resource}
              onChange={(event) => setChosenResource(event.target.value)}
            >
              {(catalog.data?.titles ?? []).map((title) => (
                <option key={title.id} value={title.id}>
                  {title.title} ({title.id})
                </option>
              ))}
            </select>
          </div>
          <div className="actions">
            <button
              type="button"
              className="button primary"
              disabled={busy !== null || !resource}
              onClick={() => void run('authorize', () => v1.authorize(resource, format))}
            >
              Authorize
            </button>
          </div>
        </Step>

        <Step {...stepProps('media', 4)}>
          <p>
            The device gets a short media token for the authorized resource (
            <code>GET /api/v1/tokens/media</code>) and sends it to the programmer&rsquo;s backend for
            verification.
          </p>
          <div className="actions">
            <button
              type="button"
              className="button primary"
              disabled={busy !== null || !resource}
              onClick={() => void run('media', () => v1.getMediaToken(resource, format))}
            >
              Get a media token
            </button>
            <button
              type="button"
              className="button"
              disabled={busy !== null || !serializedToken}
              onClick={() => void verify()}
            >
              Verify the media token
            </button>
          </div>
          {verdict && (
            <p role="status" data-testid="v1-verdict">
              Verifier: <strong>{verdict}</strong>
            </p>
          )}
        </Step>
      </ol>

      <section className="panel" aria-labelledby="v1-logout-title">
        <h2 id="v1-logout-title">Start over</h2>
        <p>
          Sign this device out (<code>DELETE /api/v1/logout</code>): Adobe-side tokens only, no TV provider
          logout page. It also signs the v2 app out on the same device id.
        </p>
        <button
          type="button"
          className="button"
          disabled={busy !== null}
          onClick={() => void run('logout', () => v1.logout(format))}
        >
          Sign this device out
        </button>
        {exchanges.logout && <ExchangeView exchange={exchanges.logout} label="Sign out" />}
      </section>
    </div>
  );
}
