import {
  DEGRADATION_RULES,
  DEVICELESS_ENDPOINTS,
  MAX_DELAY_MS,
  MVPD_SCOPED_TYPES,
  SCENARIO_ENDPOINTS,
  type DegradationRule,
  type Scenario,
  type ScenarioEndpoint,
  type ScenarioInput,
} from '../emulator-control/scenario-model';

/**
 * Shareable deep links: `/?provider=<MVPD id>&title=<title id>&scenario=<preset>[,<preset>…]`
 * reproduce a demo on the device that opens them (README "Deep links"). Pure parsing and building;
 * `deep-link-handler.tsx` applies a parsed link once.
 *
 * Scenario presets (`name:argument:…`; percentages 0–100 with up to two decimals, delays in ms
 * 0–60000); each is applied to the device that opens the link, the MVPD ones to `provider`:
 *
 * | preset                                 | emulator scenario                                       |
 * | -------------------------------------- | ------------------------------------------------------- |
 * | `deny` / `deny:<title>`                | `deny-resource` (the link's `title` when none is named)   |
 * | `deny-channel:<channel>`               | `deny-channel`                                          |
 * | `degrade:AuthNAll\|AuthZAll\|AuthZNone` | `degradation` of `provider`                             |
 * | `slow-login:<ms>`                      | `login-delay` of `provider`                             |
 * | `failing-login[:<percent>]`            | `login-failure` of `provider` (default 100)             |
 * | `latency:<endpoint>\|all:<ms>`          | `latency` (`all` = every API request)                   |
 * | `fault:<endpoint>:5xx\|500…599\|429\|drop[:<percent>]` | `fault` (default 100 %)                  |
 * | `throttle[:on\|off]`                    | `throttle` (default on)                                 |
 *
 * Anything malformed or unknown is left out with a notice; nothing here throws.
 */
export const DEEP_LINK_KEYS = ['provider', 'title', 'scenario'] as const;

/** Same shapes as the rest of the app: MVPD ids of the config, title ids of the return-path allowlist. */
const MVPD_ID = /^[A-Za-z0-9_.-]{1,64}$/;
const TITLE_ID = /^[A-Za-z0-9_-]{1,100}$/;
const CHANNEL_ID = /^[A-Za-z0-9_-]{1,100}$/;
const PERCENT = /^\d{1,3}(?:\.\d{1,2})?$/;
const MILLISECONDS = /^\d{1,5}$/;
/** More presets than this in one link are left out (a link is a demo, not a script). */
export const MAX_LINK_SCENARIOS = 10;

/** A scenario of the link, without its scope (the handler adds this device and `provider`). */
export interface LinkScenario {
  /** The preset as written in the link, e.g. `degrade:AuthZNone`. */
  text: string;
  spec: ScenarioInput;
}

export interface DeepLink {
  provider: string | null;
  title: string | null;
  scenarios: LinkScenario[];
  /** Why parts of the link were left out, for a visible notice. */
  ignored: string[];
}

/** The link's value as shown in a notice: never longer than 60 characters. */
export function quote(value: string): string {
  const short = value.length > 60 ? `${value.slice(0, 57)}…` : value;
  return `“${short}”`;
}

function parsePercent(text: string | undefined, fallback: number | null): number | null {
  if (text === undefined) return fallback;
  if (!PERCENT.test(text)) return null;
  const value = Number(text);
  return value <= 100 ? value / 100 : null;
}

function parseMs(text: string | undefined): number | null {
  if (text === undefined || !MILLISECONDS.test(text)) return null;
  const value = Number(text);
  return value <= MAX_DELAY_MS ? value : null;
}

function isEndpoint(text: string | undefined): text is ScenarioEndpoint {
  return (SCENARIO_ENDPOINTS as readonly string[]).includes(text ?? '');
}

type PresetResult = { spec: ScenarioInput } | { problem: string };

/** One preset → a scenario, or why it is not one. `title`: the link's (already checked) title. */
function parsePreset(item: string, title: string | null): PresetResult {
  const [name = '', ...args] = item.split(':');
  const arity = (min: number, max: number) => args.length >= min && args.length <= max;
  const bad = (usage: string): PresetResult => ({ problem: `${quote(item)} is not ${usage}` });
  switch (name) {
    case 'deny': {
      if (!arity(0, 1)) return bad('deny or deny:<title id>');
      const resource = args[0] ?? title;
      if (resource === null) return { problem: `${quote(item)} needs a title (deny:<title id> or title=)` };
      if (!TITLE_ID.test(resource)) return bad('deny:<title id>');
      return { spec: { type: 'deny-resource', resource } };
    }
    case 'deny-channel': {
      const channel = args[0];
      if (!arity(1, 1) || channel === undefined || !CHANNEL_ID.test(channel)) {
        return bad('deny-channel:<channel id>');
      }
      return { spec: { type: 'deny-channel', channel } };
    }
    case 'degrade': {
      const rule = args[0];
      if (!arity(1, 1) || !(DEGRADATION_RULES as readonly string[]).includes(rule ?? '')) {
        return bad(`degrade:${DEGRADATION_RULES.join('|')}`);
      }
      return { spec: { type: 'degradation', rule: rule as DegradationRule } };
    }
    case 'slow-login': {
      const delayMs = parseMs(args[0]);
      if (!arity(1, 1) || delayMs === null) return bad(`slow-login:<ms, 0–${MAX_DELAY_MS}>`);
      return { spec: { type: 'login-delay', delayMs } };
    }
    case 'failing-login': {
      const probability = parsePercent(args[0], 1);
      if (!arity(0, 1) || probability === null) return bad('failing-login:<percent, 0–100>');
      return { spec: { type: 'login-failure', probability } };
    }
    case 'latency': {
      const [endpoint, ms] = args;
      const delayMs = parseMs(ms);
      if (!arity(2, 2) || delayMs === null || (endpoint !== 'all' && !isEndpoint(endpoint))) {
        return bad(`latency:<endpoint or all>:<ms, 0–${MAX_DELAY_MS}>`);
      }
      if (isEndpoint(endpoint) && DEVICELESS_ENDPOINTS.includes(endpoint)) {
        return { problem: `${quote(item)}: ${endpoint} requests name no device, so a link cannot apply it` };
      }
      return {
        spec: { type: 'latency', delayMs, ...(isEndpoint(endpoint) ? { endpoint } : {}) },
      };
    }
    case 'fault': {
      const [endpoint, kind = '', chance] = args;
      const probability = parsePercent(chance, 1);
      const status = /^5\d\d$/.test(kind) ? Number(kind) : null;
      if (
        !arity(2, 3) ||
        !isEndpoint(endpoint) ||
        probability === null ||
        !(status !== null || ['5xx', '429', 'drop'].includes(kind))
      ) {
        return bad('fault:<endpoint>:<5xx, 500–599, 429 or drop>[:<percent>]');
      }
      if (DEVICELESS_ENDPOINTS.includes(endpoint)) {
        return { problem: `${quote(item)}: ${endpoint} requests name no device, so a link cannot apply it` };
      }
      if (kind === '429')
        return { spec: { type: 'fault', endpoint, fault: 'too-many-requests', probability } };
      if (kind === 'drop') return { spec: { type: 'fault', endpoint, fault: 'drop', probability } };
      return {
        spec: {
          type: 'fault',
          endpoint,
          fault: 'server-error',
          probability,
          ...(status === null ? {} : { status }),
        },
      };
    }
    case 'throttle': {
      const state = args[0] ?? 'on';
      if (!arity(0, 1) || (state !== 'on' && state !== 'off'))
        return bad('throttle, throttle:on or throttle:off');
      return { spec: { type: 'throttle', throttled: state === 'on' } };
    }
    default:
      return { problem: `${quote(item)} is not a known scenario preset` };
  }
}

/** Whether a scenario of this type needs the link's `provider` as its MVPD. */
export function needsProvider(spec: Pick<ScenarioInput, 'type'>): boolean {
  return MVPD_SCOPED_TYPES.includes(spec.type);
}

/** Parses a query string (`location.search`). Keys other than `DEEP_LINK_KEYS` are not looked at. */
export function parseDeepLink(search: string): DeepLink {
  const params = new URLSearchParams(search);
  const link: DeepLink = { provider: null, title: null, scenarios: [], ignored: [] };
  const single = (key: (typeof DEEP_LINK_KEYS)[number]): string | null => {
    const values = params.getAll(key);
    if (values.length > 1) {
      link.ignored.push(`${key} was given ${values.length} times; give it once.`);
      return null;
    }
    return values[0] ?? null;
  };

  const provider = single('provider');
  if (provider !== null) {
    if (MVPD_ID.test(provider)) link.provider = provider;
    else link.ignored.push(`provider ${quote(provider)} is not an MVPD id.`);
  }
  const title = single('title');
  if (title !== null) {
    if (TITLE_ID.test(title)) link.title = title;
    else link.ignored.push(`title ${quote(title)} is not a title id.`);
  }
  const scenario = single('scenario');
  if (scenario !== null) {
    const items = scenario.split(',').map((item) => item.trim());
    for (const [index, item] of items.entries()) {
      if (item === '') continue;
      if (index >= MAX_LINK_SCENARIOS) {
        link.ignored.push(`Only the first ${MAX_LINK_SCENARIOS} scenarios of a link are applied.`);
        break;
      }
      const result = parsePreset(item, link.title);
      if ('problem' in result) {
        link.ignored.push(`Scenario ${result.problem}.`);
      } else if (needsProvider(result.spec) && link.provider === null) {
        link.ignored.push(`Scenario ${quote(item)} needs provider=<MVPD id>.`);
      } else {
        link.scenarios.push({ text: item, spec: result.spec });
      }
    }
  }
  return link;
}

/** The query string without the deep-link keys (what stays in the address bar once applied). */
export function withoutDeepLinkKeys(search: string): string {
  const params = new URLSearchParams(search);
  for (const key of DEEP_LINK_KEYS) params.delete(key);
  const rest = params.toString();
  return rest ? `?${rest}` : '';
}

function formatPercent(probability: number): string {
  return String(Math.round(probability * 10_000) / 100);
}

/** The link preset of a scenario (its scope aside), or null when no preset expresses it. */
export function presetOf(scenario: ScenarioInput | Scenario): string | null {
  switch (scenario.type) {
    case 'deny-resource':
      return TITLE_ID.test(scenario.resource) ? `deny:${scenario.resource}` : null;
    case 'deny-channel':
      return CHANNEL_ID.test(scenario.channel) ? `deny-channel:${scenario.channel}` : null;
    case 'degradation':
      return `degrade:${scenario.rule}`;
    case 'login-delay':
      return `slow-login:${scenario.delayMs}`;
    case 'login-failure':
      return `failing-login:${formatPercent(scenario.probability)}`;
    case 'latency':
      return `latency:${scenario.endpoint ?? 'all'}:${scenario.delayMs}`;
    case 'fault': {
      const kind =
        scenario.fault === 'too-many-requests'
          ? '429'
          : scenario.fault === 'drop'
            ? 'drop'
            : String(scenario.status ?? '5xx');
      return `fault:${scenario.endpoint}:${kind}:${formatPercent(scenario.probability)}`;
    }
    case 'throttle':
      return `throttle:${scenario.throttled ? 'on' : 'off'}`;
  }
}

export interface ShareLinkInput {
  /** The app's origin, e.g. `http://127.0.0.1:8080`. */
  origin: string;
  /** The current page's path: `/watch/<id>` puts its title in the link. */
  path: string;
  /** The MVPD the viewer chose (watches with, or preselected), if any. */
  provider: string | null;
  /** This device's id: only its scenarios go into the link. */
  deviceId: string;
  /** The emulator's scenarios (any device). */
  scenarios: readonly Scenario[];
}

export interface ShareLink {
  url: string;
  /** Scenarios of this device the link carries. */
  included: Scenario[];
  /** Scenarios the link cannot carry, and why. */
  left: { scenario: Scenario; reason: string }[];
  /** What the link carries only in part (a deny's own text). */
  notes: string[];
}

/** A deep link that reproduces the current page and this device's scenarios on another device. */
export function buildShareLink(input: ShareLinkInput): ShareLink {
  const watched = /^\/watch\/([^/]+)$/.exec(input.path)?.[1];
  let title: string | null = null;
  if (watched !== undefined) {
    try {
      const decoded = decodeURIComponent(watched);
      title = TITLE_ID.test(decoded) ? decoded : null;
    } catch {
      title = null;
    }
  }
  const own = input.scenarios.filter((scenario) => scenario.deviceId === input.deviceId);
  const provider =
    (input.provider !== null && MVPD_ID.test(input.provider) ? input.provider : null) ??
    own.find((scenario) => needsProvider(scenario) && scenario.mvpd !== undefined)?.mvpd ??
    null;

  const included: Scenario[] = [];
  const left: ShareLink['left'] = [];
  const notes: string[] = [];
  const presets: string[] = [];
  for (const scenario of input.scenarios) {
    if (scenario.deviceId !== input.deviceId) {
      if (scenario.deviceId === undefined) {
        left.push({ scenario, reason: 'it applies to all devices; a link applies scenarios to one device' });
      }
      continue;
    }
    const preset = presetOf(scenario);
    if (preset === null) {
      left.push({ scenario, reason: 'no link preset expresses it' });
    } else if (needsProvider(scenario) && scenario.mvpd !== provider) {
      left.push({
        scenario,
        reason: `it is for ${scenario.mvpd ?? 'no MVPD'}, the link’s provider is ${provider}`,
      });
    } else if (!needsProvider(scenario) && scenario.mvpd !== undefined) {
      left.push({ scenario, reason: `it is limited to ${scenario.mvpd}; a link cannot carry that limit` });
    } else if (presets.length >= MAX_LINK_SCENARIOS) {
      left.push({ scenario, reason: `a link carries at most ${MAX_LINK_SCENARIOS} scenarios` });
    } else {
      presets.push(preset);
      included.push(scenario);
      if ((scenario.type === 'deny-resource' || scenario.type === 'deny-channel') && scenario.details) {
        notes.push(`${preset} is carried without its own deny text`);
      }
    }
  }

  // Ids and presets use only URL-safe characters plus `:` and `,`, which stay readable unescaped.
  const parts: string[] = [];
  if (provider !== null) parts.push(`provider=${encodeURIComponent(provider)}`);
  if (title !== null) parts.push(`title=${encodeURIComponent(title)}`);
  if (presets.length > 0) {
    parts.push(
      `scenario=${presets.map((preset) => encodeURIComponent(preset).replace(/%3A/g, ':')).join(',')}`,
    );
  }
  const origin = input.origin.replace(/\/+$/, '');
  return { url: `${origin}/${parts.length ? `?${parts.join('&')}` : ''}`, included, left, notes };
}
