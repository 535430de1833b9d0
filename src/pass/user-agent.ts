/** What a deliberately simple User-Agent parse can tell. Unknown parts are `undefined`. */
export interface ParsedUserAgent {
  browserName?: string;
  browserVendor?: string;
  browserVersion?: string;
  osName?: string;
  osFamily?: string;
  osVendor?: string;
  osVersion?: string;
  model?: string;
  manufacturer?: string;
  hardwareType: 'Desktop' | 'MobilePhone' | 'Tablet' | 'TV' | 'Unknown';
}

interface BrowserRule {
  pattern: RegExp;
  name: string;
  vendor: string;
}

// Order matters: Edge and Opera also say "Chrome", Chrome also says "Safari".
const BROWSERS: readonly BrowserRule[] = [
  { pattern: /Edg(?:e|A|iOS)?\/([\d.]+)/, name: 'Edge', vendor: 'Microsoft' },
  { pattern: /OPR\/([\d.]+)/, name: 'Opera', vendor: 'Opera' },
  { pattern: /SamsungBrowser\/([\d.]+)/, name: 'Samsung Internet', vendor: 'Samsung' },
  { pattern: /(?:Firefox|FxiOS)\/([\d.]+)/, name: 'Firefox', vendor: 'Mozilla' },
  { pattern: /(?:Chrome|CriOS)\/([\d.]+)/, name: 'Chrome', vendor: 'Google' },
  { pattern: /Version\/([\d.]+).*Safari\//, name: 'Safari', vendor: 'Apple' },
];

const dotted = (raw: string): string => raw.replace(/_/g, '.');

function parseOs(ua: string): Partial<ParsedUserAgent> {
  let match: RegExpMatchArray | null;
  if ((match = ua.match(/(?:iPhone|CPU) OS (\d+(?:[._]\d+)*)/)) || /iPhone|iPad|iPod/.test(ua)) {
    const model = /iPad/.test(ua) ? 'iPad' : /iPod/.test(ua) ? 'iPod' : 'iPhone';
    return {
      osName: 'iOS',
      osFamily: 'iOS',
      osVendor: 'Apple',
      osVersion: match?.[1] ? dotted(match[1]) : undefined,
      model,
      manufacturer: 'Apple',
      hardwareType: model === 'iPad' ? 'Tablet' : 'MobilePhone',
    };
  }
  if ((match = ua.match(/Android\s*([\d.]*)/))) {
    const model = ua.match(
      /Android[^;)]*;\s*(?:[a-z]{2}[-_][A-Za-z]{2};\s*)?([^;)]+?)(?:\s+Build\/[^;)]*)?\)/,
    );
    const modelName = model?.[1]?.trim();
    return {
      osName: 'Android',
      osFamily: 'Android',
      osVendor: 'Google',
      osVersion: match[1] || undefined,
      model: modelName && modelName !== 'K' ? modelName : undefined,
      hardwareType: /Mobile/.test(ua) ? 'MobilePhone' : 'Tablet',
    };
  }
  if ((match = ua.match(/CrOS \S+ ([\d.]+)/)) || /CrOS/.test(ua)) {
    return {
      osName: 'Chrome OS',
      osFamily: 'Linux',
      osVendor: 'Google',
      osVersion: match?.[1],
      model: 'Chromebook',
      hardwareType: 'Desktop',
    };
  }
  if ((match = ua.match(/Windows NT (\d+(?:\.\d+)?)/))) {
    // "Windows NT 10.0" is reported by both Windows 10 and 11; keep the NT number as-is.
    return {
      osName: 'Windows',
      osFamily: 'Windows',
      osVendor: 'Microsoft',
      osVersion: match[1],
      model: 'PC',
      hardwareType: 'Desktop',
    };
  }
  if ((match = ua.match(/Mac OS X (\d+(?:[._]\d+)*)/)) || /Macintosh/.test(ua)) {
    return {
      osName: 'Mac OS',
      osFamily: 'macOS',
      osVendor: 'Apple',
      osVersion: match?.[1] ? dotted(match[1]) : undefined,
      model: 'Macintosh',
      manufacturer: 'Apple',
      hardwareType: 'Desktop',
    };
  }
  if (/Web0S|webOS/.test(ua)) {
    return { osName: 'webOS', osFamily: 'webOS', osVendor: 'LG', hardwareType: 'TV' };
  }
  if (/Tizen/.test(ua)) {
    return { osName: 'Tizen', osFamily: 'Tizen', osVendor: 'Samsung', hardwareType: 'TV' };
  }
  if (/Linux/.test(ua)) {
    return { osName: 'Linux', osFamily: 'Linux', model: 'PC', hardwareType: 'Desktop' };
  }
  return { hardwareType: 'Unknown' };
}

/** Extracts browser, OS and a coarse device class from a User-Agent string. Pure. */
export function parseUserAgent(userAgent: string): ParsedUserAgent {
  const os = parseOs(userAgent);
  const parsed: ParsedUserAgent = { hardwareType: 'Unknown', ...os };
  for (const rule of BROWSERS) {
    const match = userAgent.match(rule.pattern);
    if (match) {
      parsed.browserName = rule.name;
      parsed.browserVendor = rule.vendor;
      parsed.browserVersion = match[1];
      break;
    }
  }
  return parsed;
}
