// A tool is data: its name, what it does to the world (read / write / destructive), its zod input and output shapes
// and a pure run(). The annotations MCP clients show are derived from `effect`, so they cannot drift from the truth.
import type { ToolAnnotations } from '@modelcontextprotocol/sdk/types.js';
import type { z } from 'zod';
import type { AppKind } from '../shared/types.js';
import type { McpDeps } from './deps.js';

/** Which endpoint lists the tool: one per app plus AutoArr's own (monitor, diagnosis, audit). */
export type ToolGroup = AppKind | 'autoarr';
export const TOOL_GROUPS: readonly ToolGroup[] = ['sabnzbd', 'sonarr', 'radarr', 'plex', 'autoarr'];

export type Shape = z.ZodRawShape;
export type Need = 'monitor' | 'audit' | 'requests';
type Out<S extends Shape> = z.infer<z.ZodObject<S>>;

export interface ToolOutput<T> {
  /** The structured result (validated against the output shape by the SDK and by clients). */
  data: T;
  /** One or two sentences for the assistant and the person. */
  summary: string;
  /** Upstream free text (release names, messages) shown fenced as data in the text content. */
  untrusted?: string[];
}

export interface ToolEnv {
  deps: McpDeps;
  /** The instance the caller picked (only offered when the app has more than one). */
  instance?: string;
}

export interface ToolSpec<I extends Shape, O extends Shape> {
  name: string;
  title: string;
  description: string;
  group: ToolGroup;
  /** read: changes nothing; write: changes state, recoverable; destructive: deletes or blocklists (confirm flow). */
  effect: 'read' | 'write' | 'destructive';
  /** Calling twice with the same arguments has no further effect. Defaults to true for reads. */
  idempotent?: boolean;
  /** Reaches beyond the configured apps (indexers, metadata services, arbitrary URLs). */
  openWorld?: boolean;
  /** A part of the running AutoArr the tool cannot work without; direct stdio has none of them (not listed there). */
  needs?: Need;
  /**
   * The answer when the app says an id in the arguments does not exist (its 404 would otherwise read as a wrong
   * URL): which id, and which tool lists the valid ones.
   */
  notFound?: (args: Out<I>, instanceId: string) => string;
  input: I;
  output: O;
  run(args: Out<I>, env: ToolEnv): Promise<ToolOutput<Out<O>>>;
}

/** A tool with its types erased so tools of every shape fit in one list; the SDK validates args before run(). */
export interface AnyTool {
  name: string;
  title: string;
  description: string;
  group: ToolGroup;
  effect: ToolSpec<Shape, Shape>['effect'];
  needs?: Need;
  notFound?: (args: Record<string, unknown>, instanceId: string) => string;
  annotations: ToolAnnotations;
  input: Shape;
  output: Shape;
  run(args: Record<string, unknown>, env: ToolEnv): Promise<ToolOutput<Record<string, unknown>>>;
}

export function defineTool<I extends Shape, O extends Shape>(spec: ToolSpec<I, O>): AnyTool {
  const readOnly = spec.effect === 'read';
  return {
    name: spec.name,
    title: spec.title,
    description: spec.description,
    group: spec.group,
    effect: spec.effect,
    ...(spec.needs ? { needs: spec.needs } : {}),
    ...(spec.notFound ? { notFound: spec.notFound as unknown as AnyTool['notFound'] } : {}),
    annotations: {
      title: spec.title,
      readOnlyHint: readOnly,
      destructiveHint: spec.effect === 'destructive',
      idempotentHint: spec.idempotent ?? readOnly,
      openWorldHint: spec.openWorld ?? false,
    },
    input: spec.input,
    output: spec.output,
    run: spec.run as unknown as AnyTool['run'],
  };
}
