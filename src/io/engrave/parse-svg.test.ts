import { describe, expect, it } from "vitest";
import { parseSvg, type SvgElement } from "./parse-svg.js";

const elements = (element: SvgElement) => element.children.filter((child) => typeof child !== "string");

describe("parseSvg", () => {
  it("reads elements, attributes in either quotes and self-closing tags, skipping the prolog and comments", () => {
    const { root } = parseSvg(
      `<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE svg>\n<!-- a comment <g> -->\n` +
        `<svg viewBox="0 0 10 10" xmlns:xlink='http://www.w3.org/1999/xlink'>\n  <g class="a b"><path d="M0 0 L1 1"/></g>\n  <rect x = "1" y="2" /></svg>`,
    );
    expect(root.name).toBe("svg");
    expect(root.attributes).toEqual({ viewBox: "0 0 10 10", "xmlns:xlink": "http://www.w3.org/1999/xlink" });
    const [group, rect] = elements(root) as SvgElement[];
    expect(group!.attributes.class).toBe("a b");
    expect(elements(group!)[0]).toEqual({ name: "path", attributes: { d: "M0 0 L1 1" }, children: [] });
    expect(rect).toEqual({ name: "rect", attributes: { x: "1", y: "2" }, children: [] });
    // Indentation between elements is dropped.
    expect(root.children).toHaveLength(2);
  });

  it("keeps character data inside <text>, white space included, and decodes entities and CDATA", () => {
    const { root } = parseSvg(
      `<svg><text x="1" title="a &amp; b &#x41;&#66;"> <tspan>5 &lt; 6&#160;=</tspan>\n <![CDATA[<raw>]]></text></svg>`,
    );
    const text = elements(root)[0] as SvgElement;
    expect(text.attributes.title).toBe("a & b AB");
    expect(text.children).toEqual([" ", { name: "tspan", attributes: {}, children: ["5 < 6\u00a0="] }, "\n ", "<raw>"]);
  });

  it("indexes elements by id for <use>", () => {
    const { byId } = parseSvg(`<svg><defs><g id="E0A4-x"><path d="M0 0"/></g></defs><use xlink:href="#E0A4-x"/></svg>`);
    expect(byId.get("E0A4-x")?.name).toBe("g");
    expect(byId.size).toBe(1);
  });

  it("throws on malformed markup, naming where", () => {
    expect(() => parseSvg(`<svg><g></svg>`)).toThrow(/unexpected <\/svg> at offset/);
    expect(() => parseSvg(`<svg><g>`)).toThrow(/<g> is not closed/);
    expect(() => parseSvg(`<svg x="1`)).toThrow(/unterminated <svg>/);
    expect(() => parseSvg(`just text`)).toThrow(/no root element/);
  });
});
