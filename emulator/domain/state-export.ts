import { z } from 'zod';
import type { EmulatorContext } from '../context.ts';
import { clearRuntimeState, RUNTIME_TABLES, setMeta, type Db, type RuntimeTable } from '../store/database.ts';
import { EVENT_TYPES } from './events.ts';
import { ScenarioBody, seedProblem, type ScenarioInput } from './scenario-rules.ts';
import { invalidateScenarioCache, listScenarios, type Scenario } from './scenarios.ts';
import { THROTTLE_MODES, type ThrottleMode } from './throttle.ts';

/**
 * The emulator's runtime state as one JSON document (`GET`/`PUT /__emulator/state`): every runtime
 * table's rows as stored (column names and values as in SQLite, JSON columns as text), the clock,
 * the throttling mode, the scenarios and the random seed. The signing key is never part of it, so
 * access and media tokens signed by another emulator do not verify after an import; the imported
 * client credentials still get new access tokens, and clients may simply register again.
 *
 * An import replaces the whole runtime state in one transaction (all or nothing) and moves the clock
 * to the document's `clock.now` (the state resumes at the instant it was exported). The random
 * streams are left as they are: restarting them could hand out identifiers the document already uses.
 */
export const STATE_FORMAT = 'pass-emulator-state';
export const STATE_VERSION = 1;
/** Largest accepted `PUT /__emulator/state` body. */
export const MAX_STATE_BYTES = 16 * 1024 * 1024;

type Cell = string | number | null;
export type StateRow = Record<string, Cell>;

export interface StateDocument {
  format: typeof STATE_FORMAT;
  version: typeof STATE_VERSION;
  /** Emulator clock time of the export. */
  exportedAt: number;
  clock: { now: number; offsetMs: number };
  throttle: { mode: ThrottleMode };
  /** The seed of the random streams in force (`EMULATOR_SEED` or a reset's), null for crypto randomness. */
  randomSeed: string | null;
  scenarios: Scenario[];
  tables: Record<RuntimeTable, StateRow[]>;
}

interface Column {
  name: string;
  type: string;
  notnull: number;
  dflt_value: unknown;
  pk: number;
}

const columnCache = new WeakMap<Db, Map<RuntimeTable, Column[]>>();

function columnsOf(db: Db, table: RuntimeTable): Column[] {
  let byTable = columnCache.get(db);
  if (!byTable) columnCache.set(db, (byTable = new Map()));
  let columns = byTable.get(table);
  if (!columns) {
    columns = db.prepare(`PRAGMA table_info(${table})`).all() as Column[];
    byTable.set(table, columns);
  }
  return columns;
}

export function exportState(context: EmulatorContext): StateDocument {
  const { db } = context;
  const read = db.transaction(() =>
    Object.fromEntries(
      RUNTIME_TABLES.map((table) => [
        table,
        db.prepare(`SELECT * FROM ${table} ORDER BY rowid`).all() as StateRow[],
      ]),
    ),
  );
  const now = context.clock.now();
  return {
    format: STATE_FORMAT,
    version: STATE_VERSION,
    exportedAt: now,
    clock: { now, offsetMs: context.clock.offset },
    throttle: { mode: context.throttle.mode },
    randomSeed: context.randomSeed ?? null,
    scenarios: [...listScenarios(context)],
    tables: read() as Record<RuntimeTable, StateRow[]>,
  };
}

// ---- validation of an imported document ----

const integer = z.number().int().min(Number.MIN_SAFE_INTEGER).max(Number.MAX_SAFE_INTEGER);
const text = z.string().max(1_000_000);

function jsonText(check: z.ZodType, what: string) {
  return text.refine((value) => {
    try {
      return check.safeParse(JSON.parse(value)).success;
    } catch {
      return false;
    }
  }, `must be JSON text of ${what}`);
}

const stringList = jsonText(z.array(z.string()), 'an array of strings');

/** Columns whose text the emulator parses or branches on: checked beyond "a string". */
const COLUMN_RULES: Partial<Record<string, z.ZodType>> = {
  'clients.redirect_uris': stringList,
  'clients.scopes': stringList,
  'clients.revoked': z.union([z.literal(0), z.literal(1)]),
  'profiles.type': z.enum(['regular', 'temporary', 'degraded', 'appleSSO', 'platformSSO', 'serviceTokenSSO']),
  'profiles.attributes': jsonText(
    z.record(z.string(), z.object({ value: z.unknown(), state: z.enum(['plain', 'enc']) }).strict()),
    'an object of {"value","state"} attributes',
  ),
  'sessions.device_info': jsonText(z.record(z.string(), z.unknown()), 'an object').nullable(),
  'login_flows.step': z.enum(['credentials', 'confirm']),
  'temppass_trials.used_assets': stringList,
  'events.type': z.enum(EVENT_TYPES),
  'events.data': jsonText(z.record(z.string(), z.unknown()), 'an object'),
};

function rowSchema(db: Db, table: RuntimeTable) {
  const shape: Record<string, z.ZodType> = {};
  for (const column of columnsOf(db, table)) {
    const required = column.notnull === 1 || column.pk > 0;
    let schema: z.ZodType =
      COLUMN_RULES[`${table}.${column.name}`] ?? (column.type === 'INTEGER' ? integer : text);
    if (!required) schema = schema.nullable();
    if (!required || column.dflt_value !== null) schema = schema.optional();
    shape[column.name] = schema;
  }
  return z.object(shape).strict();
}

/** A stored scenario: what `POST /__emulator/scenarios` accepts, plus its id and creation time. */
const ScenarioSchema = z.discriminatedUnion(
  'type',
  ScenarioBody.options.map((option) =>
    option.extend({ id: z.string().regex(/^s\d{1,15}$/), createdAt: integer }).strict(),
  ) as unknown as [ScenarioOption, ...ScenarioOption[]],
);
type ScenarioOption = (typeof ScenarioBody.options)[number];

function documentSchema(db: Db) {
  const tables = Object.fromEntries(
    RUNTIME_TABLES.map((table) => [table, z.array(rowSchema(db, table)).optional()]),
  );
  return z
    .object({
      format: z.literal(STATE_FORMAT),
      version: z.literal(STATE_VERSION),
      exportedAt: integer.optional(),
      clock: z
        .object({ now: integer.min(0).max(8_640_000_000_000_000), offsetMs: integer.optional() })
        .strict(),
      throttle: z.object({ mode: z.enum(THROTTLE_MODES as [ThrottleMode, ...ThrottleMode[]]) }).strict(),
      randomSeed: z.string().max(256).nullable().optional(),
      scenarios: z.array(ScenarioSchema).max(10_000).optional(),
      tables: z.object(tables).strict(),
    })
    .strict();
}

export type ImportResult =
  | { ok: true; imported: Record<RuntimeTable, number>; scenarios: number; now: number }
  | { ok: false; message: string };

function describe(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'The state document is invalid.';
  const path = issue.path.reduce<string>(
    (out, part) =>
      typeof part === 'number' ? `${out}[${part}]` : out ? `${out}.${String(part)}` : String(part),
    '',
  );
  const message =
    issue.code === 'unrecognized_keys' ? `unknown key(s) ${issue.keys.join(', ')}` : issue.message;
  return path ? `${path}: ${message}` : message;
}

/** Validates a document and, when it is valid, replaces the runtime state with it (all or nothing). */
export function importState(context: EmulatorContext, input: unknown): ImportResult {
  const { db } = context;
  const parsed = documentSchema(db).safeParse(input);
  if (!parsed.success) return { ok: false, message: describe(parsed.error) };
  const doc = parsed.data as {
    clock: { now: number };
    throttle: { mode: ThrottleMode };
    scenarios?: Scenario[];
    tables: Partial<Record<RuntimeTable, StateRow[]>>;
  };
  const scenarios = doc.scenarios ?? [];
  const ids = new Set(scenarios.map((scenario) => scenario.id));
  if (ids.size !== scenarios.length) return { ok: false, message: 'scenarios: two scenarios share one id' };
  for (const [index, scenario] of scenarios.entries()) {
    // The same seed rules as POST /__emulator/scenarios (names that exist, scopes that can match).
    const problem = seedProblem(context, scenario as ScenarioInput);
    if (problem) return { ok: false, message: `scenarios[${index}]: ${problem}` };
  }
  const counter = Math.max(0, ...scenarios.map((scenario) => Number(scenario.id.slice(1))));

  const imported = Object.fromEntries(RUNTIME_TABLES.map((table) => [table, 0])) as Record<
    RuntimeTable,
    number
  >;
  try {
    db.transaction(() => {
      clearRuntimeState(db);
      for (const table of RUNTIME_TABLES) {
        for (const row of doc.tables[table] ?? []) {
          const names = Object.keys(row);
          db.prepare(
            `INSERT INTO ${table} (${names.join(', ')}) VALUES (${names.map(() => '?').join(', ')})`,
          ).run(...names.map((name) => row[name] ?? null));
          imported[table] += 1;
        }
      }
      setMeta(db, 'scenarios', JSON.stringify(scenarios));
      setMeta(db, 'scenario_counter', String(counter));
    })();
  } catch (error) {
    // Constraint violations (two rows with one key): the transaction rolled back, nothing changed.
    const detail = error instanceof Error ? error.message : String(error);
    return { ok: false, message: `tables: the rows do not fit together (${detail.slice(0, 200)})` };
  }
  invalidateScenarioCache(context);
  context.throttle.setMode(doc.throttle.mode);
  context.clock.set(doc.clock.now);
  return { ok: true, imported, scenarios: scenarios.length, now: context.clock.now() };
}
