import type { Db } from './database.ts';

/**
 * One browser walk through an emulated MVPD login (spec sessions.md §4). The row holds the CSRF
 * token that the form echoes and the cookie double-submits, and which step the walk has reached:
 * `saml-request` (saml-chain: the SAMLRequest-like form on its way to the MVPD's SSO endpoint),
 * `credentials` (the login form), `confirm` (two-hop: the device confirmation), `assertion`
 * (saml-chain: the SAMLResponse-like form on its way back to Adobe's assertion consumer).
 */
export const LOGIN_STEPS = ['saml-request', 'credentials', 'confirm', 'assertion'] as const;
export type LoginStep = (typeof LOGIN_STEPS)[number];

function isLoginStep(value: string): value is LoginStep {
  return (LOGIN_STEPS as readonly string[]).includes(value);
}

export interface LoginFlowRecord {
  id: string;
  code: string;
  mvpd: string;
  csrf: string;
  step: LoginStep;
  username: string | null;
  createdAt: number;
}

interface Row {
  id: string;
  code: string;
  mvpd: string;
  csrf: string;
  step: string;
  username: string | null;
  created_at: number;
}

function fromRow(row: Row): LoginFlowRecord {
  return {
    id: row.id,
    code: row.code,
    mvpd: row.mvpd,
    csrf: row.csrf,
    step: isLoginStep(row.step) ? row.step : 'credentials',
    username: row.username,
    createdAt: row.created_at,
  };
}

export function insertLoginFlow(db: Db, flow: LoginFlowRecord): void {
  db.prepare(
    'INSERT INTO login_flows (id, code, mvpd, csrf, step, username, created_at) VALUES (@id, @code, @mvpd, @csrf, @step, @username, @createdAt)',
  ).run(flow);
}

export function findLoginFlow(db: Db, id: string): LoginFlowRecord | undefined {
  const row = db.prepare('SELECT * FROM login_flows WHERE id = ?').get(id) as Row | undefined;
  return row ? fromRow(row) : undefined;
}

export function updateLoginFlow(
  db: Db,
  id: string,
  change: { csrf: string; step: LoginStep; username: string | null },
): void {
  db.prepare('UPDATE login_flows SET csrf = ?, step = ?, username = ? WHERE id = ?').run(
    change.csrf,
    change.step,
    change.username,
    id,
  );
}

export function deleteLoginFlow(db: Db, id: string): void {
  db.prepare('DELETE FROM login_flows WHERE id = ?').run(id);
}

/** Housekeeping: forget walks started before `before` (epoch ms). */
export function deleteLoginFlowsCreatedBefore(db: Db, before: number): number {
  return db.prepare('DELETE FROM login_flows WHERE created_at < ?').run(before).changes;
}
