// @vitest-environment node
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startEmulatorProcess, type EmulatorProcess } from '../e2e/emulator-process.ts';
import { apiHeaders, httpRequester, registerAndToken, signIn, SP, type Requester } from './test-support.ts';
import { BASIC, identityHeader, PROMO } from './http/temppass-test-helpers.ts';

/**
 * Crash durability of the real server process (`emulator/main.ts`, SQLite in WAL with
 * synchronous=FULL): a stream of concurrent authorizations (regular, promotional TempPass with an
 * identity, basic TempPass) runs while the process is SIGKILLed at three different points; each
 * time it restarts on the same database file. Every write the client saw acknowledged (HTTP 200)
 * must still be there, nothing may be half-written, and SQLite must report the file intact.
 */
const dir = mkdtempSync(join(tmpdir(), 'pass-durability-'));
const dbFile = join(dir, 'durable.sqlite');
const env = { EMULATOR_DB: dbFile, EMULATOR_THROTTLE: 'off' };
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const DEVICE = 'durable-tv';
const ALLOWANCE = 3;
const WORKERS = 12;
/** Kill after this many acknowledged answers of the round (early, middle, late in the stream). */
const KILL_POINTS = [3, 40, 150];
const REGULAR_TITLES = ['lantern-night-train', 'harbor-morning-brief', 'summit-derby-day'];

interface DecisionsBody {
  decisions: { authorized: boolean; error?: { code: string } }[];
}
interface ProfileBody {
  profiles: Record<string, { notAfter: number; attributes?: Record<string, { value: unknown }> }>;
}

/** Each round's promotional trial has its own identity and device (a trial follows both). */
const email = (round: number) => `durable-${round}@example.com`;
const promoDevice = (round: number) => `durable-promo-${round}`;

function authorize(
  http: Requester,
  token: string,
  mvpd: string,
  resource: string,
  extra: Record<string, string> = {},
  device = DEVICE,
) {
  return http.request(`/api/v2/${SP}/decisions/authorize/${mvpd}`, {
    method: 'POST',
    headers: apiHeaders(token, device, { 'Content-Type': 'application/json', ...extra }),
    body: JSON.stringify({ resources: [resource] }),
  });
}

interface RoundLog {
  /** Promotional titles answered `authorized: true` before the kill. */
  promoAcked: Set<string>;
  /** Every promotional title sent (acknowledged or not). */
  promoSent: Set<string>;
  regularAcked: number;
  basicAcked: number;
  failedAfterKill: number;
}

/** Runs the mixed stream until `killAfter` answers were acknowledged, then SIGKILLs the server. */
async function streamAndKill(
  server: EmulatorProcess,
  token: string,
  round: number,
  killAfter: number,
): Promise<RoundLog> {
  const http = httpRequester(server.url);
  const log: RoundLog = {
    promoAcked: new Set(),
    promoSent: new Set(),
    regularAcked: 0,
    basicAcked: 0,
    failedAfterKill: 0,
  };
  let acked = 0;
  let killed: Promise<void> | undefined;
  let next = 0;
  const worker = async () => {
    while (!killed) {
      const n = next++;
      const kind = n % 3;
      try {
        if (kind === 0) {
          const title = `promo-${round}-${n}`;
          log.promoSent.add(title);
          const response = await authorize(
            http,
            token,
            PROMO,
            title,
            { 'AP-TempPass-Identity': identityHeader(email(round)) },
            promoDevice(round),
          );
          if (response.status !== 200) throw new Error(`promo HTTP ${response.status}`);
          const body = (await response.json()) as DecisionsBody;
          if (body.decisions[0]?.authorized) log.promoAcked.add(title);
        } else if (kind === 1) {
          const response = await authorize(http, token, 'AcmeCable', REGULAR_TITLES[n % 3] ?? '');
          if (response.status !== 200) throw new Error(`regular HTTP ${response.status}`);
          const body = (await response.json()) as DecisionsBody;
          if (body.decisions[0]?.authorized) log.regularAcked += 1;
        } else {
          const response = await authorize(http, token, BASIC, `basic-${round}-${n}`);
          if (response.status !== 200) throw new Error(`basic HTTP ${response.status}`);
          await response.arrayBuffer();
          log.basicAcked += 1;
        }
        acked += 1;
        if (acked >= killAfter && !killed) killed = server.kill('SIGKILL');
      } catch (error) {
        // Only the kill may break a request (a refused or reset connection).
        if (!killed) throw error;
        log.failedAfterKill += 1;
      }
    }
  };
  await Promise.all(Array.from({ length: WORKERS }, worker));
  await killed;
  return log;
}

function readDb<T>(read: (db: Database.Database) => T): T {
  const db = new Database(dbFile, { readonly: true, fileMustExist: true });
  try {
    return read(db);
  } finally {
    db.close();
  }
}

interface TrialRow {
  trial_id: string;
  expires_at: number;
  used_assets: string;
}

/** The promotional trial of an identity, straight from the file (the API hides a used-up trial). */
function promoTrial(identity: string): { usedAssets: string[]; expiresAt: number } | undefined {
  return readDb((db) => {
    const links = db.prepare('SELECT trial_id FROM temppass_identity_links WHERE mvpd = ?').all(PROMO) as {
      trial_id: string;
    }[];
    const rows = links
      .map(
        (link) =>
          db
            .prepare('SELECT trial_id, expires_at, used_assets FROM temppass_trials WHERE trial_id = ?')
            .get(link.trial_id) as TrialRow | undefined,
      )
      .filter((row): row is TrialRow => row !== undefined);
    const row = rows.find((trial) =>
      (JSON.parse(trial.used_assets) as string[]).some((title) => title.startsWith(`promo-${identity}-`)),
    );
    return row
      ? { usedAssets: JSON.parse(row.used_assets) as string[], expiresAt: row.expires_at }
      : undefined;
  });
}

function integrity(): { check: string; dangling: number } {
  return readDb((db) => ({
    check: db.pragma('integrity_check', { simple: true }) as string,
    dangling: (
      db
        .prepare(
          `SELECT COUNT(*) AS n FROM (
             SELECT trial_id FROM temppass_device_links UNION ALL SELECT trial_id FROM temppass_identity_links
           ) WHERE trial_id NOT IN (SELECT trial_id FROM temppass_trials)`,
        )
        .get() as { n: number }
    ).n,
  }));
}

describe('durability across SIGKILL', () => {
  it(`keeps every acknowledged profile, decision and trial through ${KILL_POINTS.length} crashes`, async () => {
    let server = await startEmulatorProcess(env);
    const http = httpRequester(server.url);
    const token = await registerAndToken(http);
    await signIn(http, {
      token,
      deviceId: DEVICE,
      mvpd: 'AcmeCable',
      username: 'premium',
      password: 'password',
    });
    expect((await authorize(http, token, BASIC, 'basic-start')).status).toBe(200);
    const basicProfile = async (requester: Requester) => {
      const response = await requester.request(`/api/v2/${SP}/profiles/${BASIC}`, {
        headers: apiHeaders(token, DEVICE),
      });
      expect(response.status).toBe(200);
      return ((await response.json()) as ProfileBody).profiles[BASIC]?.notAfter;
    };
    const basicExpiry = await basicProfile(http);
    expect(basicExpiry).toBeGreaterThan(Date.now());

    const logs: RoundLog[] = [];
    try {
      for (const [round, killAfter] of KILL_POINTS.entries()) {
        const log = await streamAndKill(server, token, round, killAfter);
        logs.push(log);
        // The kill landed mid-stream: requests were still in flight.
        expect(log.failedAfterKill).toBeGreaterThan(0);

        server = await startEmulatorProcess(env);
        const again = httpRequester(server.url);

        // The same token still works (signing key and client persisted) and the profile is there.
        const profiles = await again.request(`/api/v2/${SP}/profiles`, {
          headers: apiHeaders(token, DEVICE),
        });
        expect(profiles.status).toBe(200);
        expect(Object.keys(((await profiles.json()) as ProfileBody).profiles)).toContain('AcmeCable');
        const regular = await authorize(again, token, 'AcmeCable', 'lantern-night-train');
        expect(((await regular.json()) as DecisionsBody).decisions[0]?.authorized).toBe(true);

        // The basic trial kept its expiry, whatever was in flight.
        expect(await basicProfile(again)).toBe(basicExpiry);

        // Every round's promotional trial: acknowledged titles kept, allowance never exceeded,
        // nothing but titles that were actually sent.
        for (const [earlier, earlierLog] of logs.entries()) {
          const trial = promoTrial(String(earlier));
          if (earlierLog.promoAcked.size === 0 && trial === undefined) continue;
          expect(trial, `trial of round ${earlier}`).toBeDefined();
          const used = trial?.usedAssets ?? [];
          expect(new Set(used).size).toBe(used.length);
          expect(used.length).toBeLessThanOrEqual(ALLOWANCE);
          for (const title of earlierLog.promoAcked) expect(used).toContain(title);
          for (const title of used) expect(earlierLog.promoSent.has(title), title).toBe(true);

          const viaApi = await again.request(`/api/v2/${SP}/profiles/${PROMO}`, {
            headers: apiHeaders(token, promoDevice(earlier), {
              'AP-TempPass-Identity': identityHeader(email(earlier)),
            }),
          });
          if (used.length < ALLOWANCE) {
            expect(viaApi.status).toBe(200);
            const attributes = ((await viaApi.json()) as ProfileBody).profiles[PROMO]?.attributes;
            expect(attributes?.used_assets?.value).toEqual(used);
            expect(attributes?.remaining_resources?.value).toBe(ALLOWANCE - used.length);
          } else {
            expect(viaApi.status).toBe(403);
            expect(((await viaApi.json()) as { code: string }).code).toBe(
              'temporary_access_resources_limit_exceeded',
            );
          }
        }

        expect(integrity()).toEqual({ check: 'ok', dangling: 0 });
      }
    } finally {
      await server.stop();
    }
    expect(integrity()).toEqual({ check: 'ok', dangling: 0 });
    const acknowledged = logs.map((log) => ({
      promo: log.promoAcked.size,
      regular: log.regularAcked,
      basic: log.basicAcked,
      cutOff: log.failedAfterKill,
    }));
    console.log(
      `durability: kill points ${KILL_POINTS.join('/')}, acknowledged ${JSON.stringify(acknowledged)}`,
    );
  }, 90_000);
});
