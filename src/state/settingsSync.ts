/**
 * The one path from the page's settings to the runs: whenever the state changes (a control, back
 * or forward, a pasted link), the live settings (lr, speed) go to every run that differs, and a
 * comparison's runs learn their new step budget. Settings that need a new run are not sent; the
 * page shows them as pending until the reader resets (see runConfig.ts).
 */
import { liveChanges, runConfig } from './runConfig';
import type { RunController } from './runController';
import type { AppStore } from './store';

export function syncSettings(store: AppStore, runs: RunController): () => void {
  const apply = () => {
    const st = store.get();
    const wanted = runConfig(st);
    for (const e of runs.entries()) {
      const live = liveChanges(e.config, wanted);
      if (live.lr !== undefined || live.speed !== undefined) runs.setLive(e.runId, live);
      if (e.group === 'compare') runs.setUntil(e.runId, st.csteps);
    }
  };
  return store.subscribe(apply);
}
