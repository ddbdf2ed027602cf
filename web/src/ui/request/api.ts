// The request box's two calls: preview (changes nothing) and confirm (carries out exactly the previewed plan).
import type { RequestAnswer } from '../../../../autoarr/src/request/types.js';
import { api } from '../../shared/api.js';

export type { RequestAnswer };
export type RequestChoice = { instanceId: string; externalId: number };

export const previewRequest = (text: string, choice?: RequestChoice) =>
  api<RequestAnswer>('request', { method: 'POST', body: choice ? { text, choice } : { text } });

export const confirmRequest = (previewId: string) =>
  api<RequestAnswer>('request/confirm', { method: 'POST', body: { previewId } });
