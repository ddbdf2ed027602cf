// autoarr_request: ask for a show or movie in plain words. Without confirm it previews (what would be added, to
// which app, root folder and profile) or asks which title was meant; with confirm: true it carries the preview out.
// It runs through the one command path (request.preview / request.confirm), like the UI, REST and Home Assistant.
import { z } from 'zod';
import type { RequestAnswer } from '../../request/types.js';
import { confirmInput, untrustedText } from '../common.js';
import { defineTool } from '../define.js';

const optionItem = z.object({
  title: z.string(),
  year: z.number(),
  mediaType: z.enum(['movie', 'series']),
  instanceId: z.string(),
  instanceName: z.string(),
  externalId: z.number().describe('Pass back as choice.externalId (with choice.instanceId) to pick this one.'),
  inLibrary: z.boolean(),
  overview: z.string().optional().describe('A snippet of the summary from the metadata source (untrusted text).'),
});

const planItem = z.object({
  action: z.enum(['add', 'search']),
  app: z.enum(['sonarr', 'radarr']),
  instanceId: z.string(),
  instanceName: z.string(),
  title: z.string(),
  year: z.number(),
  rootFolder: z.string().optional(),
  qualityProfile: z.string().optional(),
  season: z.number().optional(),
  episode: z.number().optional(),
  search: z.boolean(),
});

export const requestTool = defineTool({
  name: 'autoarr_request',
  title: 'Request a show or movie in plain words',
  description:
    'A plain-words request ("add Dune Part Two"): previews what would be added or says it is there; if asked, ' +
    'call again with choice; confirm with previewId once the person agreed.',
  group: 'autoarr',
  needs: 'requests',
  effect: 'write',
  openWorld: true,
  input: {
    text: z.string().min(1).max(500).describe('The request in the person’s own words.'),
    choice: z
      .object({ instanceId: z.string().min(1), externalId: z.number().int().positive() })
      .optional()
      .describe('Picked from `options` after a question.'),
    previewId: z.string().max(100).optional().describe('From the preview, to confirm that plan.'),
    ...confirmInput,
  },
  output: {
    outcome: z.enum([
      'preview',
      'question',
      'exists',
      'downloading',
      'not_found',
      'status',
      'not_a_request',
      'unavailable',
      'done',
      'expired',
    ]),
    message: z.string(),
    notes: z.array(z.string()),
    interpretedBy: z.enum(['rules', 'llm']),
    done: z.boolean().describe('True when something was added or a search started (or, in dry run, recorded).'),
    preview: z.boolean().describe('True when nothing was changed.'),
    dryRun: z.boolean(),
    previewId: z.string().optional().describe('Confirms this preview (once, within 15 minutes).'),
    plan: planItem.optional(),
    options: z.array(optionItem).optional(),
  },
  async run({ text, choice, previewId, confirm }, env) {
    const commands = env.deps.ctx.commands;
    const by = 'mcp';
    let answer: RequestAnswer;
    if (confirm && previewId) answer = await commands.run('request.confirm', { previewId, by });
    else {
      answer = await commands.run('request.preview', { text, ...(choice ? { choice } : {}), by });
      // Like the other tools' confirm flow: the same call with confirm: true carries the preview out.
      if (confirm && answer.previewId)
        answer = await commands.run('request.confirm', { previewId: answer.previewId, by });
    }
    const p = answer.plan;
    const data = {
      outcome: answer.outcome,
      message: untrustedText(answer.message),
      notes: answer.notes.map(untrustedText),
      interpretedBy: answer.interpretedBy,
      done: answer.outcome === 'done',
      preview: answer.outcome !== 'done',
      dryRun: answer.dryRun === true,
      ...(answer.previewId && answer.outcome !== 'done' ? { previewId: answer.previewId } : {}),
      ...(p
        ? {
            plan: {
              action: p.action,
              app: p.app,
              instanceId: p.instanceId,
              instanceName: p.instanceName,
              title: untrustedText(p.title),
              year: p.year,
              ...(p.rootFolder ? { rootFolder: p.rootFolder } : {}),
              ...(p.qualityProfile ? { qualityProfile: p.qualityProfile.name } : {}),
              ...(p.season !== undefined ? { season: p.season } : {}),
              ...(p.episode !== undefined ? { episode: p.episode } : {}),
              search: p.search,
            },
          }
        : {}),
      ...(answer.options
        ? {
            options: answer.options.map((o) => ({
              ...o,
              title: untrustedText(o.title),
              ...(o.overview ? { overview: untrustedText(o.overview) } : {}),
            })),
          }
        : {}),
    };
    const tail =
      answer.outcome === 'preview' || (answer.outcome === 'exists' && answer.previewId)
        ? ' Nothing changed yet: with confirm: true and this previewId AutoArr will do it.'
        : '';
    return { data, summary: `${data.message}${tail}`, untrusted: answer.notes.length ? data.notes : undefined };
  },
});
