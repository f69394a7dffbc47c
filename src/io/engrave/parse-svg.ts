/**
 * A small, fast XML reader for the SVG that Verovio writes: elements, attributes (quoted,
 * with the five predefined entities and character references decoded), character data
 * and CDATA sections; the XML declaration, comments, processing instructions and a
 * DOCTYPE without an internal subset are skipped. Character data outside <text> is
 * dropped when it is only whitespace (indentation). No namespaces: `xlink:href` is
 * an attribute named "xlink:href". A page of Verovio's SVG (1,000–3,000 elements) reads
 * in about a millisecond.
 * Reference: XML 1.0 (Fifth Edition), W3C 2008, §2.4–2.8, §4.1, §4.6.
 */

export interface SvgElement {
  readonly name: string;
  readonly attributes: Readonly<Record<string, string>>;
  /** Elements and character data, in document order. */
  readonly children: (SvgElement | string)[];
}

export interface ParsedSvg {
  readonly root: SvgElement;
  /** Every element with an id attribute (for `<use href="#id">`). */
  readonly byId: ReadonlyMap<string, SvgElement>;
}

const NAME = /[A-Za-z_:][\w:.-]*/y;
const ATTRIBUTE = /\s*([A-Za-z_:][\w:.-]*)\s*=\s*(?:"([^"]*)"|'([^']*)')/y;
const TAG_END = /\s*(\/?)>/y;
const ENTITY = /&(?:#(\d+)|#x([\da-fA-F]+)|(amp|lt|gt|quot|apos));/g;
const NAMED_ENTITIES: Readonly<Record<string, string>> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

/** The document's root element; throws on malformed markup, naming the offset. */
export function parseSvg(text: string): ParsedSvg {
  const byId = new Map<string, SvgElement>();
  const document: SvgElement = { name: "#document", attributes: {}, children: [] };
  const open: SvgElement[] = [document];
  let position = 0;
  const fail = (what: string): never => {
    throw new Error(`parseSvg: ${what} at offset ${position}`);
  };
  while (position < text.length) {
    const tagStart = text.indexOf("<", position);
    const dataEnd = tagStart < 0 ? text.length : tagStart;
    if (dataEnd > position) addData(open[open.length - 1]!, text.slice(position, dataEnd), open);
    if (tagStart < 0) break;
    position = tagStart;
    if (text.startsWith("<!--", position)) position = skipPast(text, "-->", position, fail);
    else if (text.startsWith("<?", position)) position = skipPast(text, "?>", position, fail);
    else if (text.startsWith("<![CDATA[", position)) {
      const end = text.indexOf("]]>", position);
      if (end < 0) fail("unterminated CDATA section");
      open[open.length - 1]!.children.push(text.slice(position + 9, end));
      position = end + 3;
    } else if (text.startsWith("<!", position)) position = skipPast(text, ">", position, fail);
    else if (text.startsWith("</", position)) {
      const end = text.indexOf(">", position);
      const name = text.slice(position + 2, end).trim();
      const element = open.pop();
      if (end < 0 || element === undefined || element.name !== name) fail(`unexpected </${name}>`);
      position = end + 1;
    } else {
      NAME.lastIndex = position + 1;
      const name = NAME.exec(text)?.[0] ?? fail("expected an element name");
      position = NAME.lastIndex;
      const attributes: Record<string, string> = {};
      for (;;) {
        ATTRIBUTE.lastIndex = position;
        const match = ATTRIBUTE.exec(text);
        if (match === null) break;
        const value = match[2] ?? match[3]!;
        attributes[match[1]!] = value.includes("&") ? decodeEntities(value) : value;
        position = ATTRIBUTE.lastIndex;
      }
      TAG_END.lastIndex = position;
      const end = TAG_END.exec(text) ?? fail(`unterminated <${name}>`);
      position = TAG_END.lastIndex;
      const element: SvgElement = { name, attributes, children: [] };
      open[open.length - 1]!.children.push(element);
      if (attributes.id !== undefined) byId.set(attributes.id, element);
      if (end[1] !== "/") open.push(element);
    }
  }
  if (open.length > 1) fail(`<${open[open.length - 1]!.name}> is not closed`);
  const root = document.children.find((child): child is SvgElement => typeof child !== "string");
  if (root === undefined) fail("no root element");
  return { root: root!, byId };
}

function addData(parent: SvgElement, data: string, open: readonly SvgElement[]): void {
  const inText = open.some((element) => element.name === "text");
  if (!inText && data.trim() === "") return;
  parent.children.push(data.includes("&") ? decodeEntities(data) : data);
}

function skipPast(text: string, terminator: string, from: number, fail: (what: string) => never): number {
  const end = text.indexOf(terminator, from);
  if (end < 0) fail(`expected "${terminator}"`);
  return end + terminator.length;
}

function decodeEntities(value: string): string {
  return value.replace(ENTITY, (whole, decimal?: string, hex?: string, named?: string) => {
    if (named !== undefined) return NAMED_ENTITIES[named]!;
    const codePoint = decimal !== undefined ? Number(decimal) : Number.parseInt(hex!, 16);
    return codePoint <= 0x10ffff ? String.fromCodePoint(codePoint) : whole;
  });
}
