// REST for plain-words requests: POST /api/request {text, choice?} → a preview; POST /api/request/confirm {previewId}.
// Both go through the command path, like every other action.
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import type { CommandRegistry } from '../core/commands.js';
import { UserError } from '../core/errors.js';

const previewBody = z
  .object({
    text: z.string().min(1).max(500),
    choice: z
      .object({ instanceId: z.string().min(1).max(64), externalId: z.number().int().positive() })
      .strict()
      .optional(),
  })
  .strict();
const confirmBody = z.object({ previewId: z.string().min(1).max(100) }).strict();

async function body<T extends z.ZodType>(c: Context, schema: T, example: string): Promise<z.output<T>> {
  let raw: unknown;
  try {
    raw = JSON.parse(await c.req.text());
  } catch {
    throw new UserError('bad_json', `The request body is not valid JSON. Send ${example}.`, 400);
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; ');
    throw new UserError('invalid_body', `The request body is not valid (${issues}). Send ${example}.`, 400);
  }
  return parsed.data;
}

function by(c: Context): string {
  const caller = c.get('caller' as never) as string | undefined;
  return caller ? `api:${caller}` : 'api';
}

export function requestRoutes(commands: CommandRegistry): Hono {
  const r = new Hono();
  r.post('/', async (c) => {
    const { text, choice } = await body(c, previewBody, '{"text": "add Dune Part Two"}');
    return c.json(await commands.run('request.preview', { text, ...(choice ? { choice } : {}), by: by(c) }));
  });
  r.post('/confirm', async (c) => {
    const { previewId } = await body(c, confirmBody, '{"previewId": "<previewId from the preview>"}');
    const answer = await commands.run('request.confirm', { previewId, by: by(c) });
    return c.json(answer, answer.outcome === 'expired' ? 410 : 200);
  });
  return r;
}
