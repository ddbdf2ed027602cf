// Outage guard (landscape.md R5, issue 17.2): no strike counts while an app the judgement of a download depends on
// is unavailable — down, rejecting the key, answering something that is not its API — and what happened meanwhile
// is unknown, so the stall clock and the strikes start again from the first poll after everything is back.
import type { ArrObs, ArrRecordObs, Decision, ItemState, SabObs, Snapshot } from './model.js';
import { mediaName } from './explain.js';
import { holdClock } from './strikes.js';

type App = Pick<SabObs | ArrObs, 'name' | 'error' | 'errorKind'>;

/** What is wrong with an app, in words: "Sonarr rejects AutoArr's API key". */
export function unavailableText(app: App): string {
  if (app.errorKind === 'auth') return `${app.name} rejects AutoArr's API key`;
  if (app.errorKind === 'bad_response') return `${app.name} answers with something that is not its API`;
  if (app.errorKind === 'wrong_app') return `${app.name}'s URL answers as another app`;
  return `${app.name} is not answering`;
}

/**
 * Why this download cannot be judged this poll, or undefined. It depends on its *arr and its SABnzbd; a usenet
 * download not yet matched to a SABnzbd depends on every SABnzbd, and a SABnzbd job no *arr claims depends on every
 * *arr (one that is down may be the one that grabbed it).
 */
export function outageReason(item: ItemState, r: ArrRecordObs | undefined, snap: Snapshot): string | undefined {
  const usenet = item.protocol === 'usenet' || r?.protocol === 'usenet';
  const sab = snap.sabs.find(
    (x) => x.error && (item.sabInstanceId ? x.instanceId === item.sabInstanceId : usenet || item.app === 'sabnzbd'),
  );
  if (sab) return `${unavailableText(sab)} — no strikes until it is back`;
  const arr = snap.arrs.find((a) => a.error && (item.app === 'sabnzbd' || a.instanceId === item.instanceId));
  if (arr && item.app === 'sabnzbd')
    return `${unavailableText(arr)} — AutoArr cannot tell whether ${arr.name} grabbed this job, so no strikes until it is back`;
  if (arr) return `${unavailableText(arr)} — no strikes until it is back`;
  if (r?.status === 'downloadClientUnavailable')
    return `${snap.arrs.find((a) => a.instanceId === item.instanceId)?.name ?? 'The *arr'} cannot reach ${item.downloadClient ?? 'its download client'} — no strikes until it is back`;
  return undefined;
}

/**
 * Holds the item through an outage: the clock stops and strikes earned before it are cleared (noted once), so the
 * first poll after the outage is a fresh baseline and no removal can follow within a stall period of the return.
 */
export function holdForOutage(item: ItemState, reason: string, now: number, d: Decision[]): void {
  holdClock(item, now);
  delete item.jobBytesLeft;
  delete item.dueSince;
  // A download already being recovered keeps its record; its strikes are history, not a running count.
  if (item.strikes > 0 && !item.recovery) {
    d.push({
      kind: 'note',
      id: item.id,
      instanceId: item.instanceId,
      action: 'strikes_reset',
      message: `${item.strikes} strike(s) on ${mediaName(item)} cleared: ${reason.split(' — ')[0]}, so AutoArr cannot tell what happens meanwhile; the stall clock starts again when it is back`,
      evidence: { strikes: item.strikes, reason },
    });
    item.strikes = 0;
    delete item.lastStrikeAt;
    delete item.strikeReason;
  }
  item.explanation = reason;
}
