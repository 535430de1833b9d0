/**
 * A tiny strict XML parser for tests of the v1 bodies (no dependency): an optional XML declaration,
 * exactly one root element, elements with attributes, text with the five predefined entities and
 * numeric character references. Anything else — an unescaped `<` or `&`, a mismatched or unclosed
 * tag, a duplicate attribute, a character XML 1.0 forbids, comments, CDATA, trailing content —
 * throws, so `parseXml` doubles as a well-formedness check.
 */
export interface ParsedElement {
  name: string;
  attributes: Record<string, string>;
  children: ParsedElement[];
  /** The element's own text (entities decoded), without its children's text. */
  text: string;
}

const NAME = /^[A-Za-z_][A-Za-z0-9_.:-]*/;
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
// eslint-disable-next-line no-control-regex
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;

class Parser {
  private pos = 0;
  constructor(private readonly input: string) {}

  fail(message: string): never {
    throw new Error(`XML not well-formed at ${this.pos}: ${message}`);
  }

  private skipSpace(): void {
    while (/\s/.test(this.input[this.pos] ?? '')) this.pos += 1;
  }

  private name(): string {
    const match = NAME.exec(this.input.slice(this.pos));
    if (!match) this.fail('expected a name');
    this.pos += match[0].length;
    return match[0];
  }

  private decode(raw: string): string {
    if (raw.includes('<')) this.fail('unescaped <');
    if (FORBIDDEN.test(raw)) this.fail('forbidden character');
    return raw.replace(/&([^;]*);?/g, (whole, ref: string) => {
      if (!whole.endsWith(';')) this.fail('unterminated entity');
      if (ref in ENTITIES) return ENTITIES[ref] ?? '';
      const numeric = /^#(?:x([0-9A-Fa-f]{1,6})|([0-9]{1,7}))$/.exec(ref);
      if (!numeric) this.fail(`unknown entity &${ref};`);
      const code = numeric[1] !== undefined ? parseInt(numeric[1], 16) : Number(numeric[2]);
      if (code > 0x10ffff) this.fail('character reference out of range');
      return String.fromCodePoint(code);
    });
  }

  document(): ParsedElement {
    const declaration = /^<\?xml\s[^?]*\?>/.exec(this.input);
    if (declaration) this.pos = declaration[0].length;
    this.skipSpace();
    const root = this.element();
    this.skipSpace();
    if (this.pos !== this.input.length) this.fail('content after the root element');
    return root;
  }

  private element(): ParsedElement {
    if (this.input[this.pos] !== '<') this.fail('expected <');
    this.pos += 1;
    const name = this.name();
    const attributes: Record<string, string> = {};
    for (;;) {
      this.skipSpace();
      const ch = this.input[this.pos];
      if (ch === '/' && this.input[this.pos + 1] === '>') {
        this.pos += 2;
        return { name, attributes, children: [], text: '' };
      }
      if (ch === '>') {
        this.pos += 1;
        break;
      }
      const attribute = this.name();
      if (attribute in attributes) this.fail(`duplicate attribute ${attribute}`);
      this.skipSpace();
      if (this.input[this.pos] !== '=') this.fail('expected =');
      this.pos += 1;
      this.skipSpace();
      const quote = this.input[this.pos];
      if (quote !== '"' && quote !== "'") this.fail('expected a quoted value');
      const end = this.input.indexOf(quote, this.pos + 1);
      if (end < 0) this.fail('unterminated attribute');
      attributes[attribute] = this.decode(this.input.slice(this.pos + 1, end));
      this.pos = end + 1;
    }
    const children: ParsedElement[] = [];
    let text = '';
    for (;;) {
      const next = this.input.indexOf('<', this.pos);
      if (next < 0) this.fail(`unclosed <${name}>`);
      const raw = this.input.slice(this.pos, next);
      if (raw.includes(']]>')) this.fail(']]> in text');
      text += this.decode(raw);
      this.pos = next;
      if (this.input.startsWith('</', this.pos)) {
        this.pos += 2;
        const closing = this.name();
        if (closing !== name) this.fail(`</${closing}> closes <${name}>`);
        this.skipSpace();
        if (this.input[this.pos] !== '>') this.fail('expected >');
        this.pos += 1;
        return { name, attributes, children, text };
      }
      if (this.input.startsWith('<!', this.pos) || this.input.startsWith('<?', this.pos)) {
        this.fail('comments, CDATA and processing instructions are not expected');
      }
      children.push(this.element());
    }
  }
}

export function parseXml(input: string): ParsedElement {
  return new Parser(input).document();
}

export function childNames(element: ParsedElement): string[] {
  return element.children.map((child) => child.name);
}

export function child(element: ParsedElement, name: string): ParsedElement {
  const found = element.children.find((item) => item.name === name);
  if (!found) throw new Error(`<${element.name}> has no <${name}>`);
  return found;
}

export function childText(element: ParsedElement, name: string): string {
  return child(element, name).text;
}

/** `{name: text}` of an element's children (leaf elements only). */
export function leaves(element: ParsedElement): Record<string, string> {
  return Object.fromEntries(element.children.map((item) => [item.name, item.text]));
}
