// The API calls the pages make, with the shapes from shared/types.ts. Endpoints owned by features that are not
// running answer 404; callers show that as "not available" rather than failing.
import type { AssistantsInfo } from '../../../autoarr/src/shared/assistants.js';
import type {
  AccessTokenResponse,
  ActivityEntry,
  AppStatus,
  AuditChange,
  AuditFixAllResult,
  AuditFixResult,
  AuditReport,
  AuditRollbackResult,
  AuditSummary,
  Download,
  DownloadPage,
  HealthResponse,
  Paged,
  SabnzbdControlResult,
  SabnzbdStatus,
  SettingsResponse,
  SettingsUpdate,
  SpeedHistory,
} from '../../../autoarr/src/shared/types.js';
import { ApiRequestError, api, listOf } from '../shared/api.js';

export const getHealth = () => api<HealthResponse>('health');

/** App statuses from /api/apps, or from /api/health while the clients feature does not serve /api/apps. */
export async function getApps(): Promise<AppStatus[]> {
  try {
    return listOf<AppStatus>(await api<unknown>('apps'), 'apps', 'instances');
  } catch (err) {
    if (!(err instanceof ApiRequestError && err.missing)) throw err;
    const h = await getHealth();
    return Object.entries(h.apps).map(([id, a]) => ({ id, ...a }));
  }
}

export const testApp = (id: string) => api<unknown>(`apps/${encodeURIComponent(id)}/test`, { method: 'POST' });

/** Every download: /api/downloads is paged (50 by default), so the pages filter locally over the whole list. */
export async function getDownloads(): Promise<Download[]> {
  const out: Download[] = [];
  for (let page = 1; page <= 100; page++) {
    const body = await api<DownloadPage>(`downloads?pageSize=500&page=${page}`);
    out.push(...listOf<Download>(body, 'downloads'));
    if (!body || typeof body.total !== 'number' || out.length >= body.total || !body.items?.length) break;
  }
  return out;
}
/** One download's activity, oldest first (what it went through: detected, strikes, actions, outcome). */
export const getTimeline = async (id: string) =>
  (await api<{ timeline?: ActivityEntry[] }>(`downloads/${encodeURIComponent(id)}`)).timeline ?? [];
export const retryDownload = (id: string) =>
  api<{ ok?: boolean; message?: string }>(`downloads/${encodeURIComponent(id)}/retry`, { method: 'POST', body: {} });
export const ignoreDownload = (id: string, ignored: boolean) =>
  api<{ ok?: boolean; message?: string }>(`downloads/${encodeURIComponent(id)}/ignore`, {
    method: 'POST',
    body: { ignored },
  });
export const removeDownload = (id: string, blocklist: boolean) =>
  api<{ ok?: boolean; message?: string }>(`downloads/${encodeURIComponent(id)}/remove`, {
    method: 'POST',
    body: { blocklist },
  });

export async function getActivity(page: number, pageSize: number, kind?: string): Promise<Paged<ActivityEntry>> {
  const q = new URLSearchParams({ page: String(page), pageSize: String(pageSize) });
  if (kind) q.set('kind', kind);
  const body = await api<unknown>(`activity?${q}`);
  if (Array.isArray(body)) return { items: body as ActivityEntry[], total: body.length, page, pageSize };
  const p = body as Partial<Paged<ActivityEntry>>;
  return { items: listOf<ActivityEntry>(body, 'entries'), total: p.total ?? 0, page: p.page ?? page, pageSize };
}

export const getSpeed = () => api<SpeedHistory>('speed');

export const getAudit = () => api<AuditReport>('audit');
export const getAuditSummary = () => api<AuditSummary>('audit/summary');
export const runAudit = () => api<{ ok?: boolean; message?: string }>('audit/run', { method: 'POST', body: {} });
export const fixFinding = (id: string, dryRun: boolean) =>
  api<AuditFixResult>(`audit/findings/${encodeURIComponent(id)}/fix`, { method: 'POST', body: { dryRun } });
export const fixAllSafe = (dryRun: boolean) =>
  api<AuditFixAllResult>('audit/fix-all', { method: 'POST', body: { dryRun } });
export const getAuditChanges = async () => listOf<AuditChange>(await api<unknown>('audit/changes'), 'changes');
export const rollbackChange = (id: number) =>
  api<AuditRollbackResult>(`audit/changes/${id}/rollback`, { method: 'POST', body: {} });

export const getSettings = () => api<SettingsResponse>('settings');
export const putSettings = (u: SettingsUpdate) => api<SettingsResponse>('settings', { method: 'PUT', body: u });

export const getAccess = () => api<AccessTokenResponse>('access-token');
export const getAssistants = () => api<AssistantsInfo>('assistants');
export const rotateToken = () => api<AccessTokenResponse>('access-token/rotate', { method: 'POST', body: {} });

export const getSabnzbd = async () => listOf<SabnzbdStatus>(await api<unknown>('sabnzbd/status'));
const sabPost = (path: string, instanceId: string, body: unknown) =>
  api<SabnzbdControlResult>(`sabnzbd/${path}?instance=${encodeURIComponent(instanceId)}`, { method: 'POST', body });
export const pauseSabnzbd = (instanceId: string, minutes?: number) =>
  sabPost('pause', instanceId, minutes === undefined ? {} : { minutes });
export const resumeSabnzbd = (instanceId: string) => sabPost('resume', instanceId, {});
export const limitSabnzbd = (instanceId: string, percent: number) => sabPost('speed-limit', instanceId, { percent });
