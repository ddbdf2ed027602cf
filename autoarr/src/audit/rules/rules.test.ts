import { describe, expect, it } from 'vitest';
import { FAILING, goodStack } from '../__tests__/fixtures.js';
import { evaluate } from '../engine.js';
import type { FixPlan, StackSnapshot } from '../types.js';
import { catalogue } from './index.js';

const rules = catalogue();

/** Applies a fix plan to the snapshot, as the app would after the write. */
function applyPlan(stack: StackSnapshot, instanceId: string, fix: FixPlan): void {
  const snap = stack.instances.find((i) => i.instance.id === instanceId)!;
  const t = fix.target;
  if (t.kind === 'arr_download_client') {
    const clients = snap.sources.downloadClients as Array<Record<string, unknown>>;
    clients.find((c) => c.id === t.clientId)![t.field] = fix.value;
    return;
  }
  const src =
    t.kind === 'sab_misc' ? snap.sources.misc : t.kind === 'plex_pref' ? snap.sources.prefs : snap.sources[t.config];
  const key = t.kind === 'sab_misc' ? t.keyword : t.kind === 'plex_pref' ? t.id : t.field;
  (src as Record<string, unknown>)[key] = fix.value;
}

describe('audit catalogue', () => {
  it('has at least 45 rules covering every catalogue row and each app’s health', () => {
    expect(rules.length).toBeGreaterThanOrEqual(45);
    const refs = new Set(rules.map((r) => r.ref));
    for (let i = 1; i <= 17; i++) expect(refs).toContain(`S${i}`);
    for (let i = 1; i <= 21; i++) expect(refs).toContain(`N${i}`);
    for (let i = 1; i <= 14; i++) expect(refs).toContain(`P${i}`);
    // Each app's own health endpoint: *arr /api/v3/health (S15), SABnzbd warnings, Plex identity.
    for (const app of ['sonarr', 'radarr', 'sabnzbd', 'plex'])
      expect(rules.some((r) => r.app === app && (r.ref === 'health' || r.ref === 'S15'))).toBe(true);
  });

  it('describes every rule fully, and judgement rules are info level without a fix', () => {
    for (const r of rules) {
      for (const field of ['title', 'settingUi', 'settingApi', 'read', 'expected', 'why'] as const)
        expect(r[field].length, `${r.id}.${field}`).toBeGreaterThan(1);
      expect(r.source, r.id).toMatch(/^https:\/\//);
      if (r.judgement) {
        expect(r.severity, r.id).toBe('info');
        expect(r.fixable, r.id).toBe(false);
      }
    }
  });

  it('passes every rule on well-configured settings', () => {
    const outcomes = evaluate(rules, goodStack());
    const notPassing = outcomes
      .filter((o) => o.status !== 'pass')
      .map((o) => `${o.rule.id}: ${o.status} ${o.reason ?? ''}`);
    expect(notPassing).toEqual([]);
    expect(outcomes).toHaveLength(rules.length);
  });

  it('has a purpose-made failing case for every rule', () => {
    expect(Object.keys(FAILING).sort()).toEqual(rules.map((r) => r.id).sort());
  });

  describe.each(rules.map((r) => [r.id, r] as const))('%s', (id, rule) => {
    it('fails on its purpose-made settings, and only it fails', () => {
      const stack = goodStack();
      FAILING[id]!(stack);
      const outcomes = evaluate(rules, stack);
      const failing = outcomes.filter((o) => o.status === 'fail').map((o) => o.rule.id);
      expect(failing).toEqual([id]);
      const o = outcomes.find((x) => x.rule.id === id)!;
      expect(o.failures.length).toBeGreaterThan(0);
      // A fix exists exactly when the rule says so.
      expect(o.failures.every((f) => !!f.fix === rule.fixable)).toBe(true);
    });

    if (rule.fixable) {
      it('passes again once its fix is applied', () => {
        const stack = goodStack();
        FAILING[id]!(stack);
        const o = evaluate([rule], stack).find((x) => x.status === 'fail')!;
        for (const f of o.failures) applyPlan(stack, o.instance.id, f.fix!);
        expect(evaluate([rule], stack).find((x) => x.instance.id === o.instance.id)!.status).toBe('pass');
      });
    }
  });

  it('reports a rule as unknown, not failed, when its settings could not be read', () => {
    const stack = goodStack();
    const sab = stack.instances.find((i) => i.instance.app === 'sabnzbd')!;
    delete sab.sources.misc;
    sab.errors.misc = 'SABnzbd did not answer at http://sab:8080; check that it is running';
    const outcomes = evaluate(rules, stack).filter((o) => o.instance.id === 'sabnzbd');
    const safe = outcomes.find((o) => o.rule.id === 'sabnzbd.safe_postproc')!;
    expect(safe.status).toBe('unknown');
    expect(safe.reason).toContain('did not answer');
    expect(outcomes.find((o) => o.rule.id === 'sabnzbd.sorting')!.status).toBe('pass');
  });

  it('keeps the person’s own unwanted extensions when fixing the list', () => {
    const stack = goodStack();
    FAILING['sabnzbd.unwanted_extensions']!(stack);
    const o = evaluate(rules, stack).find((x) => x.rule.id === 'sabnzbd.unwanted_extensions')!;
    const value = o.failures[0]!.fix!.value as string[];
    expect(value).toContain('iso');
    expect(value).toContain('scr');
    expect(new Set(value).size).toBe(value.length);
  });

  it('turns each health issue into its own finding with the app’s message', () => {
    const stack = goodStack();
    FAILING['radarr.health_errors']!(stack);
    const o = evaluate(rules, stack).find((x) => x.rule.id === 'radarr.health_errors')!;
    expect(o.rule.severity).toBe('critical');
    expect(o.failures[0]!.subject).toContain('DownloadClientCheck');
    expect(o.failures[0]!.current).toBe('Unable to communicate with SABnzbd');
  });
});
