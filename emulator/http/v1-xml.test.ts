// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { childNames, childText, parseXml } from './v1-test-xml.ts';
import { el, escapeXmlText, renderXml, valueToXml, xmlName, XML_DECLARATION } from './v1-xml.ts';

describe('v1 XML writer', () => {
  it('escapes every value and starts with the XML declaration', () => {
    const xml = renderXml(el('authorization', [el('resource', `<rss a="1">&'x'</rss>`), el('empty', null)]));
    expect(xml.startsWith(XML_DECLARATION)).toBe(true);
    expect(xml).toContain('<resource>&lt;rss a=&quot;1&quot;&gt;&amp;&apos;x&apos;&lt;/rss&gt;</resource>');
    const root = parseXml(xml);
    expect(childText(root, 'resource')).toBe(`<rss a="1">&'x'</rss>`);
    expect(childNames(root)).toEqual(['resource', 'empty']);
  });

  it('replaces characters XML 1.0 forbids, so the output stays well-formed', () => {
    const text = escapeXmlText('a\u0000b\u0008c\uFFFEd\uD800e\tf\ng');
    expect(text).toBe('a\uFFFDb\uFFFDc\uFFFDd\uFFFDe\tf\ng');
    expect(() => parseXml(renderXml(el('x', 'a\u0001b')))).not.toThrow();
  });

  it('escapes attribute values and makes valid names from arbitrary keys', () => {
    const root = parseXml(renderXml(el('ns2:regcode', [], { 'xmlns:ns2': 'a"b<c' })));
    expect(root.attributes['xmlns:ns2']).toBe('a"b<c');
    expect(xmlName('maxRating')).toBe('maxRating');
    expect(xmlName('1 bad key')).toBe('_1_bad_key');
    expect(xmlName('xmlThing')).toBe('_xmlThing');
  });

  it('renders JSON-like values: arrays repeat an item element, objects nest', () => {
    const root = parseXml(renderXml(valueToXml('data', { zip: ['1', '2'], rating: { MPAA: 'PG' }, n: 3 })));
    expect(childNames(root)).toEqual(['zip', 'rating', 'n']);
    expect(root.children[0]?.children.map((item) => item.text)).toEqual(['1', '2']);
    expect(childText(root.children[1]!, 'MPAA')).toBe('PG');
  });
});

describe('the strict test parser rejects malformed XML', () => {
  it.each([
    ['unescaped <', '<a>1 < 2</a>'],
    ['bare &', '<a>fish & chips</a>'],
    ['unknown entity', '<a>&nbsp;</a>'],
    ['mismatched tags', '<a><b></a></b>'],
    ['unclosed', '<a><b></b>'],
    ['two roots', '<a/><b/>'],
    ['duplicate attribute', '<a x="1" x="2"/>'],
    ['control character', '<a>\u0001</a>'],
    ['comment', '<a><!-- x --></a>'],
    ['text outside the root', 'hello<a/>'],
  ])('%s', (_, xml) => {
    expect(() => parseXml(xml)).toThrow(/not well-formed/);
  });

  it('accepts a declaration, entities and character references', () => {
    const root = parseXml(`${XML_DECLARATION}<a t="&lt;&#65;&#x42;">&amp;&quot;</a>`);
    expect(root.attributes['t']).toBe('<AB');
    expect(root.text).toBe('&"');
  });
});
