/**
 * Reading values out of a legacy v1 response body without knowing its format: the v1 API answers
 * JSON or XML (the caller chose). Only what the developer page needs: one top-level field, and the
 * MVPD list of `GET /api/v1/config/{requestor}`.
 */
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function unescapeXml(value: string): string {
  return value.replace(/&(amp|lt|gt|quot|apos|#\d{1,7}|#x[0-9a-fA-F]{1,6});/g, (whole, name: string) => {
    if (name.startsWith('#x')) return String.fromCodePoint(parseInt(name.slice(2), 16));
    if (name.startsWith('#')) return String.fromCodePoint(Number(name.slice(1)));
    return ENTITIES[name] ?? whole;
  });
}

function parseJsonObject(body: string): Record<string, unknown> | undefined {
  const text = body.trim();
  if (!text.startsWith('{')) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

function xmlElementText(xml: string, name: string): string | undefined {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const match = new RegExp(`<${escaped}>([^<]*)</${escaped}>`).exec(xml);
  return match?.[1] === undefined ? undefined : unescapeXml(match[1]);
}

/** A top-level field (JSON) or the text of the first element of that name (XML), as a string. */
export function readField(body: string, name: string): string | undefined {
  const json = parseJsonObject(body);
  if (json) {
    const value = json[name];
    return value === undefined || value === null ? undefined : String(value);
  }
  return xmlElementText(body, name);
}

export interface V1Mvpd {
  id: string;
  displayName: string;
  isTempPass: boolean;
}

/** The MVPDs of a v1 config answer (JSON `mvpds[]` or XML `<mvpds><mvpd>…`). */
export function readMvpds(body: string): V1Mvpd[] {
  const json = parseJsonObject(body);
  if (json) {
    const list = Array.isArray(json['mvpds']) ? (json['mvpds'] as unknown[]) : [];
    return list.flatMap((item) => {
      if (item === null || typeof item !== 'object') return [];
      const record = item as Record<string, unknown>;
      return typeof record['id'] === 'string'
        ? [
            {
              id: record['id'],
              displayName: typeof record['displayName'] === 'string' ? record['displayName'] : record['id'],
              isTempPass: record['isTempPass'] === true,
            },
          ]
        : [];
    });
  }
  return [...body.matchAll(/<mvpd>([\s\S]*?)<\/mvpd>/g)].flatMap((match) => {
    const block = match[1] ?? '';
    const id = xmlElementText(block, 'id');
    return id === undefined
      ? []
      : [
          {
            id,
            displayName: xmlElementText(block, 'displayName') ?? id,
            isTempPass: xmlElementText(block, 'isTempPass') === 'true',
          },
        ];
  });
}
