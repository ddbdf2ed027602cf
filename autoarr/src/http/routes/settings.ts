// Runtime switches and monitor thresholds that people change from the Settings page, saved in the database.
// The add-on options give the start values; a value set here wins until the person changes that option in the add-on
// configuration (then the new option wins), the same rule RuntimeSwitches follows, so neither place silently
// overrides the other. Thresholds live in ctx.thresholds (core/thresholds.ts), which the monitor reads.
import { Hono } from 'hono';
import { z } from 'zod';
import type { CoreContext } from '../../core/context.js';
import { THRESHOLD_KEYS } from '../../core/thresholds.js';
import { shownUrl } from '../../log/redact.js';
import { envNameFor } from '../../settings/env.js';
import type { MonitorThresholds, OptionValue, SettingsResponse } from '../../shared/types.js';
import type { ApiEnv } from '../access.js';
import { readBody } from '../validate.js';

export const THRESHOLD_LIMITS: SettingsResponse['thresholdLimits'] = {
  stallMinutes: { min: 1, max: 1440 },
  maxStrikes: { min: 1, max: 20 },
  strikeWindowHours: { min: 1, max: 168 },
  maxRemovalsPerHour: { min: 0, max: 1000 },
  minQueueAgeMinutes: { min: 0, max: 1440 },
  maxRecoveryAttempts: { min: 1, max: 10 },
};

const thresholdShape = Object.fromEntries(
  THRESHOLD_KEYS.map((k) => [k, z.number().int().min(THRESHOLD_LIMITS[k].min).max(THRESHOLD_LIMITS[k].max).optional()]),
) as Record<keyof MonitorThresholds, z.ZodOptional<z.ZodNumber>>;

const updateSchema = z.strictObject({
  autoRecovery: z.boolean().optional(),
  dryRun: z.boolean().optional(),
  thresholds: z.strictObject(thresholdShape).optional(),
});

// The words the Settings page uses for each threshold, for the message when one is out of range.
const LABELS: Record<keyof MonitorThresholds, string> = {
  stallMinutes: 'stall minutes',
  maxStrikes: 'max strikes',
  strikeWindowHours: 'strike window hours',
  maxRemovalsPerHour: 'max removals per hour',
  minQueueAgeMinutes: 'minimum queue age minutes',
  maxRecoveryAttempts: 'max recovery attempts',
};

const HINTS = Object.fromEntries(
  THRESHOLD_KEYS.map((k) => [
    k,
    `thresholds.${k} (${LABELS[k]}) must be a whole number from ${THRESHOLD_LIMITS[k].min} to ${THRESHOLD_LIMITS[k].max}`,
  ]),
);

export function settingsRoutes(ctx: CoreContext): Hono<ApiEnv> {
  const read = (): SettingsResponse => ({
    mode: ctx.settings.mode,
    runtime: { ...ctx.runtime.get() },
    thresholds: { ...ctx.thresholds.get() },
    thresholdLimits: THRESHOLD_LIMITS,
    options: optionValues(ctx),
  });
  return new Hono<ApiEnv>()
    .get('/', (c) => c.json(read()))
    .put('/', async (c) => {
      const u = await readBody(c, updateSchema, {
        hints: HINTS,
        example: '{"dryRun": true, "thresholds": {"stallMinutes": 30}}',
      });
      if (u.autoRecovery !== undefined) await ctx.runtime.set('autoRecovery', u.autoRecovery);
      if (u.dryRun !== undefined) await ctx.runtime.set('dryRun', u.dryRun);
      if (u.thresholds) await ctx.thresholds.set(u.thresholds);
      return c.json(read());
    });
}

/** The option values in force, named as the person set them (add-on option or environment variable), no secrets. */
export function optionValues(ctx: CoreContext): OptionValue[] {
  const s = ctx.settings;
  const source: OptionValue['source'] = s.mode === 'addon' ? 'addon' : 'env';
  const name = (o: string) => (s.mode === 'addon' ? o : envNameFor(o));
  const out: OptionValue[] = [];
  const add = (option: string, value: OptionValue['value'] | undefined) => {
    if (value !== undefined && value !== '') out.push({ key: name(option), value, source });
  };
  for (const i of s.instances) add(i.id === i.app ? `${i.app}_url` : `extra_instances: ${i.name}`, shownUrl(i.url));
  add('log_level', s.logLevel);
  add('poll_interval_seconds', s.monitor.pollIntervalMs / 1000);
  add('auto_recovery', s.monitor.autoRecovery);
  add('dry_run', s.monitor.dryRun);
  add('cleanup_failed_jobs', s.monitor.cleanupFailedJobs);
  add('min_progress_mb', Math.round(s.monitor.minProgressBytes / 1024 / 1024));
  add('protected_categories', s.monitor.protectedCategories);
  add('protected_tags', s.monitor.protectedTags);
  add('failed_import_patterns', s.monitor.failedImportPatterns);
  add('ignored_import_patterns', s.monitor.ignoredImportPatterns);
  add('audit_interval_hours', s.audit.intervalHours);
  add('mqtt_base_topic', s.mqtt.baseTopic);
  add('mqtt_discovery_prefix', s.mqtt.discoveryPrefix);
  add('mqtt_url', s.mqtt.url ? shownUrl(s.mqtt.url) : undefined);
  add('notify_service', s.homeAssistant.notifyService);
  add('mcp_read_only', s.mcp.readOnly);
  add('mcp_allow_internal_network', s.mcp.allowInternalNetwork);
  return out;
}
