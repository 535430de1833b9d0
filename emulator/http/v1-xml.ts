/**
 * A minimal XML writer for the legacy v1 bodies: elements, attributes and text only. Every text and
 * attribute value is escaped, and characters XML 1.0 does not allow (C0 controls other than tab/LF/CR,
 * lone surrogates, U+FFFE/U+FFFF) become U+FFFD, so whatever a client sends, the output is
 * well-formed. Element names from data (user-metadata keys) go through `xmlName`.
 */
export interface XmlElement {
  name: string;
  attributes?: Record<string, string>;
  children: XmlNode[];
}
export type XmlNode = XmlElement | string;

export const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>';

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};
const NOT_XML_CHAR =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function escapeXmlText(value: string): string {
  return value.replace(NOT_XML_CHAR, '\uFFFD').replace(/[&<>"']/g, (ch) => ESCAPES[ch] ?? ch);
}

/** A valid XML element name for an arbitrary key (invalid characters become `_`). */
export function xmlName(key: string): string {
  const cleaned = key.replace(/[^A-Za-z0-9_.-]/g, '_');
  return /^[A-Za-z_]/.test(cleaned) && !/^xml/i.test(cleaned) ? cleaned : `_${cleaned}`;
}

/** `el('expires', '123')`, `el('info', [el(…), …])`; null/undefined content gives an empty element. */
export function el(
  name: string,
  content?: XmlNode[] | string | number | boolean | null,
  attributes?: Record<string, string>,
): XmlElement {
  const children: XmlNode[] =
    content === undefined || content === null ? [] : Array.isArray(content) ? content : [String(content)];
  return { name, children, ...(attributes ? { attributes } : {}) };
}

/** Element only when the value is present. */
export function optional(name: string, value: string | number | boolean | null | undefined): XmlElement[] {
  return value === undefined || value === null ? [] : [el(name, value)];
}

function renderNode(node: XmlNode): string {
  if (typeof node === 'string') return escapeXmlText(node);
  const attributes = Object.entries(node.attributes ?? {})
    .map(([key, value]) => ` ${key}="${escapeXmlText(value)}"`)
    .join('');
  if (node.children.length === 0) return `<${node.name}${attributes}/>`;
  return `<${node.name}${attributes}>${node.children.map(renderNode).join('')}</${node.name}>`;
}

export function renderXml(root: XmlElement): string {
  return XML_DECLARATION + renderNode(root);
}

/** Any JSON-like value as XML: arrays repeat `<itemName>`, objects become child elements. */
export function valueToXml(name: string, value: unknown, itemName = 'value'): XmlElement {
  if (Array.isArray(value))
    return el(
      name,
      value.map((item) => valueToXml(itemName, item, itemName)),
    );
  if (value !== null && typeof value === 'object') {
    return el(
      name,
      Object.entries(value as Record<string, unknown>).map(([key, item]) =>
        valueToXml(xmlName(key), item, itemName),
      ),
    );
  }
  return el(name, value === undefined || value === null ? null : String(value));
}
