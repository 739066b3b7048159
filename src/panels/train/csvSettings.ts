/** The settings a figure's CSV starts with: what the data came from, so a file stands on its own. */
import type { CsvSettings } from '../../charts/exportFormat';
import type { RunConfig } from '../../engine/protocol';

export function csvSettings(config: RunConfig | undefined, steps?: number): CsvSettings {
  if (!config) return {};
  return {
    task: config.task,
    mode: config.mode,
    seed: config.seed,
    lr: config.lr,
    N: config.hidden,
    batch: config.batch,
    steps: steps ?? '',
    n0: config.n0,
    s0: config.s0,
    clip: config.clip,
    init: config.init,
  };
}
