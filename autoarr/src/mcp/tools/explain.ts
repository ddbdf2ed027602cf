// autoarr_explain: a download id or an audit finding id → why it is where it is, in plain words (AutoArr's own text,
// or the LLM's rewording of it when one is set up). Reads only; the text is built from upstream names and messages.
import { z } from 'zod';
import { UserError } from '../../core/errors.js';
import { UNTRUSTED_NOTE, untrustedText } from '../common.js';
import { defineTool } from '../define.js';

export const explainTool = defineTool({
  name: 'autoarr_explain',
  title: 'Explain a download or audit finding',
  description: 'Why a download is stuck, or what an audit finding means, in plain words.',
  group: 'autoarr',
  needs: 'monitor',
  effect: 'read',
  openWorld: true,
  input: { id: z.string().max(300).describe('Download id or audit finding id (f_…).') },
  output: {
    by: z.enum(['rules', 'llm']),
    note: z.string().optional().describe('Why the LLM did not write it.'),
    untrusted: z.object({ title: z.string(), text: z.string() }).describe(UNTRUSTED_NOTE),
  },
  async run({ id }, env) {
    const explain = env.deps.explain;
    if (!explain)
      throw new UserError(
        'unavailable',
        'Explanations need the running AutoArr (connect with --url); use autoarr_diagnose.',
        503,
      );
    const e = await explain.any(id.trim());
    const text = e.text
      .split(/\n{2,}/)
      .map(untrustedText)
      .join('\n\n');
    return {
      data: {
        by: e.by,
        ...(e.note ? { note: e.note } : {}),
        untrusted: { title: untrustedText(e.title), text },
      },
      summary: `${e.by === 'llm' ? `Written by ${e.writer ?? 'the LLM'} from AutoArr's facts.` : "AutoArr's own explanation."}${e.note ? ` ${e.note}` : ''}`,
      untrusted: [`${e.title}: ${text}`],
    };
  },
});
