import fc from 'fast-check';

/**
 * fast-check arbitraries for the endpoint fuzz: hostile path segments, query strings, header values
 * and bodies. Every arbitrary mixes well-formed values (so requests reach past the auth and device
 * checks) with garbage.
 */
export interface FuzzRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string | Uint8Array<ArrayBuffer> | undefined;
}

const b64 = (value: string | Uint8Array) => Buffer.from(value).toString('base64');

/** encodeURIComponent, or an encoded lone surrogate (itself a hostile input) when it refuses. */
export function enc(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    return '%ED%A0%80';
  }
}

/** Percent sequences a decoder must survive: truncated, invalid hex, overlong, NUL, encoded dots. */
export const BAD_ENCODINGS = [
  '%E0%A4%A',
  '%',
  '%%',
  '%ZZ',
  '%C0%AF',
  '%ED%A0%80',
  '%FF%FE',
  '%00',
  '%2e%2e',
  '%2F',
  '..',
  '.',
  '',
  '%0d%0aSet-Cookie:%20x=1',
  '%u0041',
];

/** One path segment: a valid value, unicode, a bad %-encoding, or something very long. */
export function segment(valid: readonly string[]): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 14, arbitrary: fc.constantFrom(...valid) },
    { weight: 1, arbitrary: fc.constantFrom(...BAD_ENCODINGS) },
    { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 12 }).map(enc) },
    { weight: 1, arbitrary: fc.string({ maxLength: 12 }).map(enc) },
    {
      weight: 1,
      arbitrary: fc
        .tuple(fc.constantFrom(...valid), fc.constantFrom(...BAD_ENCODINGS))
        .map(([a, b]) => `${a}${b}`),
    },
    { weight: 1, arbitrary: fc.integer({ min: 256, max: 6000 }).map((n) => 'x'.repeat(n)) },
  );
}

/**
 * `?a=b&…` from known parameter names/values mixed with junk, raw (bad %-encodings survive); a
 * third of the time every known parameter with its first (valid) value.
 */
export function query(params: Record<string, readonly string[]>): fc.Arbitrary<string> {
  const names = Object.keys(params);
  const pair = fc.oneof(
    {
      weight: 5,
      arbitrary: fc
        .constantFrom(...(names.length > 0 ? names : ['x']))
        .chain((name) =>
          fc
            .oneof(
              { weight: 4, arbitrary: fc.constantFrom(...(params[name] ?? ['']), '') },
              { weight: 1, arbitrary: fc.constantFrom(...BAD_ENCODINGS) },
              { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }).map(enc) },
              { weight: 1, arbitrary: fc.integer({ min: 500, max: 5000 }).map((n) => 'v'.repeat(n)) },
            )
            .map((value) => `${name}=${value}`),
        ),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(fc.string({ maxLength: 8 }).map(enc), fc.constantFrom(...BAD_ENCODINGS))
        .map(([k, v]) => `${k}=${v}`),
    },
    { weight: 1, arbitrary: fc.constantFrom(...names, '=', '&', '%', 'a') },
  );
  const complete = `?${names.map((name) => `${name}=${params[name]?.[0] ?? ''}`).join('&')}`;
  return fc.oneof(
    { weight: 1, arbitrary: fc.constant(names.length > 0 ? complete : '') },
    {
      weight: 2,
      arbitrary: fc
        .array(pair, { maxLength: 6 })
        .map((pairs) => (pairs.length === 0 ? '' : `?${pairs.join('&')}`)),
    },
  );
}

/**
 * Header value: printable ASCII, obs-text (0x80–0xFF) and the control characters the Fetch
 * `Headers` accept (everything but NUL, CR, LF).
 */
export const headerText = (maxLength = 60): fc.Arbitrary<string> =>
  fc
    .array(
      fc.oneof(
        { weight: 8, arbitrary: fc.integer({ min: 0x20, max: 0x7e }) },
        { weight: 2, arbitrary: fc.integer({ min: 0x80, max: 0xff }) },
        { weight: 1, arbitrary: fc.constantFrom(0x01, 0x08, 0x09, 0x0b, 0x0c, 0x1b, 0x1f, 0x7f) },
      ),
      { maxLength },
    )
    .map((codes) => String.fromCharCode(...codes));

/** Base64 of random bytes, of random JSON, of truncated JSON, or not base64 at all. */
export const garbageBase64: fc.Arbitrary<string> = fc.oneof(
  fc.uint8Array({ maxLength: 64 }).map(b64),
  fc.jsonValue({ maxDepth: 3 }).map((value) => b64(JSON.stringify(value) ?? 'null')),
  fc.string({ maxLength: 40 }).map((text) => b64(`{"${text}`)),
  fc.constantFrom('====', 'YWJj=', '!!!!', 'e30', 'bnVsbA==', 'W10=', `${'QUFB'.repeat(4000)}`),
  headerText(40),
);

export const hugeHeader: fc.Arbitrary<string> = fc
  .integer({ min: 4_000, max: 40_000 })
  .map((n) => 'h'.repeat(n));

/** A header that is usually `valid` and otherwise garbage, huge or absent. */
export function headerOf(valid: readonly string[], garbage: fc.Arbitrary<string> = headerText()) {
  return fc.oneof(
    { weight: 10, arbitrary: fc.constantFrom(...valid) },
    { weight: 2, arbitrary: garbage },
    { weight: 1, arbitrary: hugeHeader },
  );
}

export const CONTENT_TYPES = [
  'application/json',
  'application/json;charset=UTF-8',
  'application/x-www-form-urlencoded',
  'application/x-www-form-urlencoded; charset=utf-8',
  'text/plain',
  'text/xml',
  'multipart/form-data; boundary=zzz',
  'application/octet-stream',
  'application/json; charset=utf-7',
  '',
  'x/y; a="unterminated',
];

export const ACCEPTS = [
  'application/json',
  'application/xml',
  'text/xml;q=0.1, application/json;q=0.9',
  '*/*',
  '*/*;q=abc, application/xml;q=-1',
  'text/html',
  'application/json;q=NaN',
];

export const METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS'];

/** A method: usually one of the route's own, sometimes any. */
export function method(own: readonly string[]): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 5, arbitrary: fc.constantFrom(...own) },
    { weight: 1, arbitrary: fc.constantFrom(...METHODS) },
  );
}

/**
 * Form body from known fields (valid-ish values) plus junk, sometimes with raw bad %-encodings; a
 * third of the time every known field with its first (valid) value.
 */
export function formBody(fields: Record<string, readonly string[]>): fc.Arbitrary<string> {
  const names = Object.keys(fields);
  const entry = fc.oneof(
    {
      weight: 4,
      arbitrary: fc
        .constantFrom(...names)
        .chain((name) =>
          fc
            .oneof(
              { weight: 3, arbitrary: fc.constantFrom(...(fields[name] ?? [''])) },
              { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 30 }) },
            )
            .map((value) => `${enc(name)}=${enc(value)}`),
        ),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(fc.constantFrom(...names, 'x'), fc.constantFrom(...BAD_ENCODINGS))
        .map(([k, v]) => `${k}=${v}`),
    },
    { weight: 1, arbitrary: fc.string({ maxLength: 20 }) },
  );
  const complete = names.map((name) => `${enc(name)}=${enc(fields[name]?.[0] ?? '')}`).join('&');
  return fc.oneof(
    { weight: 1, arbitrary: fc.constant(complete) },
    { weight: 2, arbitrary: fc.array(entry, { maxLength: 8 }).map((entries) => entries.join('&')) },
  );
}

/** Any kind of body: random/truncated JSON, form, binary, text, or a family-specific valid one. */
export function body(
  valid: fc.Arbitrary<string>,
): fc.Arbitrary<string | Uint8Array<ArrayBuffer> | undefined> {
  return fc.oneof(
    { weight: 8, arbitrary: valid },
    { weight: 1, arbitrary: fc.constant(undefined) },
    { weight: 1, arbitrary: fc.constant('') },
    { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 4 }).map((value) => JSON.stringify(value) ?? 'null') },
    {
      weight: 2,
      arbitrary: fc
        .tuple(valid, fc.nat())
        .map(([text, cut]) => text.slice(0, text.length === 0 ? 0 : cut % text.length)),
    },
    {
      weight: 1,
      arbitrary: fc
        .uint8Array({ maxLength: 2048 })
        .map((bytes) => new Uint8Array(bytes) as Uint8Array<ArrayBuffer>),
    },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 200 }) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        '{"__proto__":{"polluted":true},"constructor":{"prototype":{"x":1}}}',
        '[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[',
        '{"resources":"harbor-news"}',
        '{"resources":[null,1,{},[]]}',
        '\ufeff{"a":1}',
        '--zzz\r\nContent-Disposition: form-data; name="mvpd"\r\n\r\nAcmeCable\r\n--zzz--\r\n',
        '{"a":1e99999}',
        '"\\ud800"',
      ),
    },
  );
}

/** Oversize bodies (0.5–1.1 MB), a few per family. */
export const oversizeBody: fc.Arbitrary<string> = fc
  .tuple(fc.integer({ min: 500_000, max: 1_100_000 }), fc.constantFrom('json', 'form', 'text'))
  .map(([size, kind]) =>
    kind === 'json'
      ? `{"resources":["${'r'.repeat(size)}"]}`
      : kind === 'form'
        ? `mvpd=${'m'.repeat(size)}&domainName=localhost`
        : 'z'.repeat(size),
  );
