// REST for plain-words requests: POST /api/request {text, choice?} → a preview; POST /api/request/confirm {previewId}.
// Both go through the command path, like every other action.
import { Hono } from 'hono';
import { z } from 'zod';
import type { CommandRegistry } from '../core/commands.js';
import { askedBy, type ApiEnv } from '../http/access.js';
import { readBody } from '../http/validate.js';

const previewBody = z
  .object({
    text: z.string().min(1).max(500),
    choice: z
      .object({ instanceId: z.string().min(1).max(64), externalId: z.number().int().min(1) })
      .strict()
      .optional(),
  })
  .strict();
const confirmBody = z.object({ previewId: z.string().min(1).max(100) }).strict();

export function requestRoutes(commands: CommandRegistry): Hono<ApiEnv> {
  const r = new Hono<ApiEnv>();
  r.post('/', async (c) => {
    const { text, choice } = await readBody(c, previewBody, { example: '{"text": "add Dune Part Two"}' });
    return c.json(await commands.run('request.preview', { text, ...(choice ? { choice } : {}), by: askedBy(c) }));
  });
  r.post('/confirm', async (c) => {
    const { previewId } = await readBody(c, confirmBody, {
      example: '{"previewId": "<previewId from the preview>"}',
    });
    const answer = await commands.run('request.confirm', { previewId, by: askedBy(c) });
    return c.json(answer, answer.outcome === 'expired' ? 410 : 200);
  });
  return r;
}
