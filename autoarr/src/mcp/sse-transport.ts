// The legacy MCP HTTP+SSE transport (protocol 2024-11-05) on Web streams, for older Home Assistant MCP clients.
// The SDK's SSEServerTransport needs Node's ServerResponse; Hono hands us Request/Response, so this small
// transport speaks the same wire format: an `endpoint` event, then `message` events; clients POST to the endpoint.
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import { JSONRPCMessageSchema, type JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import { randomUUID } from 'node:crypto';

const KEEPALIVE_MS = 15_000;
const encoder = new TextEncoder();

export class WebSseTransport implements Transport {
  readonly sessionId = randomUUID();
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: (message: JSONRPCMessage) => void;
  private controller?: ReadableStreamDefaultController<Uint8Array>;
  private keepalive?: NodeJS.Timeout;
  private closed = false;

  /** @param endpoint where clients POST messages, relative to the SSE URL (e.g. "messages"). */
  constructor(private readonly endpoint: string) {}

  /** The streaming response for the GET request; the first event tells the client where to POST. */
  response(): Response {
    const stream = new ReadableStream<Uint8Array>({
      start: (controller) => {
        this.controller = controller;
        this.write(`event: endpoint\ndata: ${this.endpoint}?sessionId=${this.sessionId}\n\n`);
        // Proxies drop idle streams; a comment line every 15 s keeps the connection open.
        this.keepalive = setInterval(() => this.write(': keepalive\n\n'), KEEPALIVE_MS);
        this.keepalive.unref();
      },
      cancel: () => void this.close(),
    });
    return new Response(stream, {
      headers: {
        'content-type': 'text/event-stream',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
      },
    });
  }

  async start(): Promise<void> {}

  async send(message: JSONRPCMessage): Promise<void> {
    if (this.closed) throw new Error('The SSE connection is closed');
    this.write(`event: message\ndata: ${JSON.stringify(message)}\n\n`);
  }

  /** A message POSTed by the client; returns an error text when it is not JSON-RPC. */
  receive(body: unknown): string | undefined {
    const messages = Array.isArray(body) ? body : [body];
    for (const raw of messages) {
      const parsed = JSONRPCMessageSchema.safeParse(raw);
      if (!parsed.success) return 'The body is not a JSON-RPC message';
      this.onmessage?.(parsed.data);
    }
    return undefined;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.keepalive);
    try {
      this.controller?.close();
    } catch {
      // Already closed by the client going away.
    }
    this.onclose?.();
  }

  private write(chunk: string): void {
    if (this.closed) return;
    try {
      this.controller?.enqueue(encoder.encode(chunk));
    } catch (err) {
      this.onerror?.(err as Error);
    }
  }
}
