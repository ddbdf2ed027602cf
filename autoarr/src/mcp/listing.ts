// What tools/list sends: the SDK's own conversion (zod v4 → JSON Schema draft-7, as McpServer's handler does), then
// compacted, because every connected assistant reads the whole list on each turn and an SDK client compiles every
// output schema. Compacting removes only what carries no meaning for a caller:
//  - `$schema` on every schema and the ±2^53 bounds zod writes for every integer;
//  - the nested parts, `required` and `additionalProperties` of output schemas: an output schema keeps each
//    top-level field with its type, which is what a client validates and an assistant reads; the full shape is
//    still enforced by the server before anything is sent (McpServer validates structuredContent against the zod
//    shape), and every result carries its JSON as text too;
//  - the display titles (tool title and annotations.title): assistants read the name and description, and clients
//    fall back to the name; at ~60 tools they cost ~2 KB on every turn.
// Input schemas keep everything else (descriptions, defaults, real bounds, enums, required).
import type { Tool } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import type { AnyTool, Shape } from './define.js';

type Json = Record<string, unknown>;

const SAFE = Number.MAX_SAFE_INTEGER;

/** Removes `$schema` and the safe-integer bounds, recursively. */
export function withoutNoise(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(withoutNoise);
  if (!schema || typeof schema !== 'object') return schema;
  const out: Json = {};
  for (const [k, v] of Object.entries(schema as Json)) {
    if (k === '$schema') continue;
    if ((k === 'minimum' || k === 'maximum') && (v === SAFE || v === -SAFE)) continue;
    out[k] = withoutNoise(v);
  }
  return out;
}

/** A field of an output schema reduced to its type: not its inner fields, items or values. */
function outline(schema: Json): Json {
  const out: Json = {};
  if (schema.type !== undefined) out.type = schema.type;
  if (Array.isArray(schema.anyOf)) {
    // zod writes nullable objects as anyOf [object, null]: keep the alternatives' types.
    const types = [
      ...new Set((schema.anyOf as Json[]).flatMap((s) => (Array.isArray(s.type) ? s.type : [s.type]))),
    ].filter((t): t is string => typeof t === 'string');
    if (types.length) out.type = types.length === 1 ? types[0] : types;
  }
  return out;
}

/** The top level of an output schema: every field and its type. */
export function outlineOutput(schema: Json): Tool['outputSchema'] {
  const props = (schema.properties ?? {}) as Record<string, Json>;
  return {
    type: 'object',
    properties: Object.fromEntries(Object.entries(props).map(([k, v]) => [k, outline(v)])),
  };
}

/** The definition McpServer's own tools/list builds for this tool (same zod → JSON Schema conversion). */
export function sdkDefinition(tool: AnyTool, input: Shape): Tool {
  return {
    name: tool.name,
    title: tool.title,
    description: tool.description,
    inputSchema: z.toJSONSchema(z.object(input), { target: 'draft-7', io: 'input' }) as Tool['inputSchema'],
    outputSchema: z.toJSONSchema(z.object(tool.output), { target: 'draft-7', io: 'output' }) as Tool['outputSchema'],
    annotations: tool.annotations,
  };
}

/** What AutoArr lists: the SDK's definition, compacted. */
export function listedDefinition(tool: AnyTool, input: Shape): Tool {
  const sdk = sdkDefinition(tool, input);
  const { title: _title, ...hints } = sdk.annotations ?? {};
  return {
    name: sdk.name,
    description: sdk.description,
    inputSchema: withoutNoise(sdk.inputSchema) as Tool['inputSchema'],
    outputSchema: outlineOutput(sdk.outputSchema as Json),
    annotations: hints,
  };
}
