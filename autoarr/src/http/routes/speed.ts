// The total download speed over the last 30 minutes for the Overview sparkline, sampled from downloads.updated.
// Samples are folded into 30-second buckets (the highest value wins, so a short burst still shows).
import { Hono } from 'hono';
import type { SpeedHistory } from '../../shared/types.js';
import type { ApiEnv } from '../access.js';

const BUCKET_MS = 30_000;
const KEEP = 60;

export class SpeedSampler {
  private readonly points: Array<[number, number]> = [];

  constructor(private readonly now: () => Date) {}

  add(speedBps: number): void {
    const bucket = Math.floor(this.now().getTime() / BUCKET_MS) * BUCKET_MS;
    const last = this.points[this.points.length - 1];
    if (last && last[0] === bucket) last[1] = Math.max(last[1], speedBps);
    else this.points.push([bucket, speedBps]);
    const oldest = bucket - (KEEP - 1) * BUCKET_MS;
    while (this.points.length && this.points[0]![0] < oldest) this.points.shift();
  }

  history(): SpeedHistory {
    return { intervalSeconds: BUCKET_MS / 1000, points: this.points.map((p) => [p[0], p[1]]) };
  }
}

export function speedRoutes(sampler: SpeedSampler): Hono<ApiEnv> {
  return new Hono<ApiEnv>().get('/', (c) => c.json(sampler.history()));
}
