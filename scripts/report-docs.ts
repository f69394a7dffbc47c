/**
 * Generates docs/report.md, the field-by-field reference of the analysis report, from
 * ReportSchema's descriptions, so the documentation cannot drift from the schema.
 * `npx tsx scripts/report-docs.ts` rewrites it; a test fails when it is stale.
 */
import { writeFileSync } from "node:fs";
import { z } from "zod";
import { ReportSchema } from "../src/analysis/report.js";

interface JsonSchemaNode {
  type?: string | string[];
  description?: string;
  properties?: Record<string, JsonSchemaNode>;
  required?: string[];
  items?: JsonSchemaNode;
  anyOf?: JsonSchemaNode[];
  enum?: unknown[];
  const?: unknown;
  additionalProperties?: JsonSchemaNode | boolean;
}

function typeName(node: JsonSchemaNode): string {
  if (node.const !== undefined) return JSON.stringify(node.const);
  if (node.enum) return node.enum.map((value) => JSON.stringify(value)).join(" \\| ");
  if (node.anyOf) return node.anyOf.map(typeName).join(" \\| ");
  if (node.type === "array") return `${node.items ? typeName(node.items) : "value"}[]`;
  if (Array.isArray(node.type)) return node.type.join(" \\| ");
  return node.type ?? "value";
}

function rows(node: JsonSchemaNode, path: string, out: string[][], required = true): void {
  const description = node.description ?? node.anyOf?.find((option) => option.description)?.description ?? "";
  if (path) out.push([`\`${path}\``, typeName(node), required ? "" : "optional", description.replace(/\|/g, "\\|")]);
  const objectNode = node.anyOf?.find((option) => option.properties) ?? node;
  if (objectNode.properties) {
    for (const [key, child] of Object.entries(objectNode.properties)) {
      rows(child, path ? `${path}.${key}` : key, out, objectNode.required?.includes(key) ?? false);
    }
  }
  if (node.type === "array" && node.items?.properties) rows(node.items, `${path}[]`, out);
}

export function reportDocs(): string {
  const schema = z.toJSONSchema(ReportSchema, { io: "output" }) as JsonSchemaNode;
  const table: string[][] = [];
  rows(schema, "", table);
  return [
    "# The analysis report",
    "",
    "Generated from `ReportSchema` (src/analysis/report.ts) by `npx tsx scripts/report-docs.ts`; do not edit by hand.",
    "Times are seconds, frequencies Hz, levels dBFS. `null` stands for a value that does not exist (the level of digital silence), never for an error.",
    "",
    "| field | type | | meaning |",
    "| --- | --- | --- | --- |",
    ...table.map((cells) => `| ${cells.join(" | ")} |`),
    "",
  ].join("\n");
}

if (process.argv[1]?.endsWith("report-docs.ts")) {
  writeFileSync(new URL("../docs/report.md", import.meta.url), reportDocs());
  console.log("docs/report.md written");
}
