// Reports the database's state: a health problem (with the file, DATA_DIR and the fix) while it is damaged or
// cannot be written, one log line when a problem starts and one when it ends. While writes fail it tries a tiny
// write now and then, so health recovers even when nothing else happens to write.
import type { CoreContext } from '../core/context.js';
import type { Feature } from '../core/feature.js';
import type { StorageHealth } from './storage.js';

export function storageFeature(ctx: CoreContext, storage: StorageHealth, probeMs = 30_000): Feature {
  const log = ctx.log.child({ component: 'database' });
  const offs: Array<() => void> = [];
  let timer: NodeJS.Timeout | undefined;
  let lastKind: string | undefined;

  const probe = async () => {
    if (!storage.writeFailing) return;
    // A failure is reported by the driver itself; nothing more to say here.
    await ctx.kv.set('storage_check', ctx.now().toISOString()).catch(() => undefined);
  };

  return {
    name: 'database',
    start() {
      offs.push(
        ctx.health.add(() => ({ problems: storage.problems() })),
        storage.onChange((problem) => {
          if (problem) log.error(problem.message);
          else if (lastKind) {
            log.info('The database can be written again; AutoArr saves as usual');
            void ctx.activity
              .add({ kind: 'system', action: 'storage_ok', message: 'AutoArr can save to its database again' })
              .catch(() => undefined);
          }
          lastKind = problem?.kind;
        }),
      );
      timer = setInterval(() => void probe(), probeMs);
      timer.unref();
    },
    stop() {
      clearInterval(timer);
      for (const off of offs.splice(0)) off();
    },
  };
}
