/**
 * The comparison's runs: for each chosen preset, one run per seed (the page's seed, then the next
 * ones), all on the page's task, sizes, learning rate and data order. Presets share their initial
 * weights wherever the shapes match (the weights come from the seed alone), so the curves differ
 * only by the activation. The runs advance in lockstep and stop at the same step.
 */
import { runConfig, RESET_KEYS } from '../../state/runConfig';
import type { RunEntry, RunSpec } from '../../state/runController';
import { PRESETS, presetConfig } from '../../state/presets';
import type { AppState } from '../../state/schema';
import { runs } from '../runtime';

export function compareSpecs(st: AppState): RunSpec[] {
  const base = runConfig(st);
  return st.compare.flatMap((id) =>
    Array.from({ length: st.cseeds }, (_, r) => ({
      config: presetConfig(base, id, st.seed + r),
      label: st.cseeds > 1 ? `${PRESETS[id].label}, seed ${st.seed + r}` : PRESETS[id].label,
      colour: `var(${PRESETS[id].colour})`,
      preset: id,
      replicate: r,
      until: st.csteps,
    })),
  );
}

/** True when the built runs are not what the page's settings ask for (a reset of the comparison is due). */
export function compareOutdated(entries: readonly RunEntry[], st: AppState): boolean {
  const want = compareSpecs(st);
  if (want.length !== entries.length) return true;
  return want.some((w, i) => w.preset !== entries[i].preset || w.replicate !== entries[i].replicate || RESET_KEYS.some((k) => w.config[k] !== entries[i].config[k]));
}

/** Builds the comparison from the page's settings (replacing any earlier one). */
export function buildComparison(st: AppState): string[] {
  return runs().replace('compare', compareSpecs(st));
}

/** Plays every run of the comparison, building it first when there is none or it is outdated. */
export function playComparison(st: AppState): void {
  const ctl = runs();
  const ids = compareOutdated(ctl.group('compare'), st) ? buildComparison(st) : ctl.group('compare').map((e) => e.runId);
  for (const id of ids) ctl.command(id, 'play');
}

export function pauseComparison(): void {
  const ctl = runs();
  for (const e of ctl.group('compare')) ctl.command(e.runId, 'pause');
}
